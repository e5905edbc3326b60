"""From raw scores to confidences: the chance that an entry is the one the asker means.

Two questions multiply: is the message about one of our entries at all (a logistic curve on the
best score, scaled down for off-topic subjects), and if so, which one (a softmax over the
scores, so that two close entries share the confidence instead of both looking sure).
"""

import math
from collections.abc import Sequence

from knowledge.matching.config import MatcherConfig


def in_scope_probability(best_score: float, scope: float, config: MatcherConfig) -> float:
    z = config.calibration_slope * (best_score - config.calibration_midpoint)
    return scope / (1.0 + math.exp(-z))


def shares(scores: Sequence[float], config: MatcherConfig) -> list[float]:
    """Softmax of ``scores`` (best first): each entry's share of the belief, summing to 1."""
    if not scores:
        return []
    best = scores[0]
    weights = [math.exp((score - best) / config.softmax_temperature) for score in scores]
    total = sum(weights)
    return [weight / total for weight in weights]


def confidences(scores: Sequence[float], scope: float, config: MatcherConfig) -> list[float]:
    """``scores`` best first; the result is in the same order and sums to at most 1."""
    if not scores:
        return []
    in_scope = in_scope_probability(scores[0], scope, config)
    return [in_scope * share for share in shares(scores, config)]
