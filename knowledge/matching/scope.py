"""Is the message about something the knowledge base covers at all?

Two signs that it is not, each scaling the confidences down:
- it names an off-topic subject (SSO, analytics.js, GDPR deletion), even if some of its words
  match an entry;
- it is as close to an out-of-scope example ("how do I update the card on file") as to the
  best entry's phrasings: a logistic curve on the difference of the two scores.
"""

import math

from knowledge.matching.analyzer import Analysis
from knowledge.matching.config import MatcherConfig


def scope_factor(analysis: Analysis, best_phrasing: float, out_of_scope: float, config: MatcherConfig) -> float:
    """1.0 for a message plainly in scope, towards 0 for one plainly out of it."""
    factor = config.off_topic_penalty if analysis.off_topic else 1.0
    if out_of_scope > 0.0:
        gap = (out_of_scope - best_phrasing - config.out_of_scope_margin) / config.out_of_scope_temperature
        factor /= 1.0 + math.exp(min(gap, 50.0))
    return factor
