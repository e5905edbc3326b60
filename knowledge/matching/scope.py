"""Is the message about something the knowledge base covers at all?

Three signs that it is not, each scaling the confidences down:
- it names an off-topic subject (SSO, analytics.js, GDPR deletion), even if some of its words
  match an entry; named only in the story around the question, it counts as much as the
  story does (``off_topic_weight``);
- it is as close to an out-of-scope example ("how do I update the card on file") as to the
  best entry's phrasings: a logistic curve on the difference of the two scores;
- in a message of story and question, the best entry says little of what the question clause
  asks (see ``coverage``): the story matched, not the question;
- the asking clauses rest on words no entry uses and that are rare in English (see
  ``salience``): the subject is something the knowledge base does not know.
"""

import math

from knowledge.matching.config import MatcherConfig


def scope_factor(
    off_topic_weight: float,
    best_phrasing: float,
    out_of_scope: float,
    coverage: float,
    config: MatcherConfig,
    salience: float = 1.0,
) -> float:
    """1.0 for a message plainly in scope, towards 0 for one plainly out of it.

    ``off_topic_weight``: 0 when no off-topic subject is named, else the weight of the heaviest
    clause naming one. ``coverage``: the share of the question clause the best entry speaks to.
    ``salience``: the best entry's share of the asking clauses against their salient unknowns.
    """
    factor = config.off_topic_penalty**off_topic_weight
    if config.question_coverage > 0.0:
        factor *= min(1.0, coverage / config.question_coverage)
    if config.salient_share > 0.0:
        factor *= min(1.0, salience / config.salient_share)
    if out_of_scope > 0.0:
        gap = (out_of_scope - best_phrasing - config.out_of_scope_margin) / config.out_of_scope_temperature
        factor /= 1.0 + math.exp(min(gap, 50.0))
    return factor
