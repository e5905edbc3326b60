"""Weigh the aim of a message (see ``intents``) in the scores of the entries that share it.

An entry expresses an aim in proportion to the share of its question and phrasings that say it;
from ``MatcherConfig.intent_full_share`` on, fully. Each entry gains ``intent_weight`` times the
strongest aim it shares with the message (times the weight of the clause that says it), so that
of two siblings matching the subject alike, the one with the asker's aim leads, and when the
subject words favour the other, the two come close enough to be offered together.
"""

from collections.abc import Sequence
from dataclasses import replace

from knowledge.matching.config import MatcherConfig
from knowledge.matching.index import MatchIndex
from knowledge.matching.query import WeightedAnalysis
from knowledge.matching.scoring import ScoredEntry


def message_aims(parts: Sequence[WeightedAnalysis]) -> dict[str, float]:
    """Each aim the message says, with the weight of the heaviest clause saying it."""
    aims: dict[str, float] = {}
    for part in parts:
        for intent in part.analysis.intents:
            aims[intent] = max(aims.get(intent, 0.0), part.weight)
    return aims


def weigh_aims(
    index: MatchIndex, scored: Sequence[ScoredEntry], aims: dict[str, float], config: MatcherConfig
) -> list[ScoredEntry]:
    """``scored`` with the shortfall of each entry's aim taken off, best first."""
    if not aims or config.intent_weight == 0.0:
        return list(scored)
    agreement = [
        max(
            (weight * min(1.0, float(index.intent_share[aim][entry.index]) / config.intent_full_share)
             for aim, weight in aims.items() if aim in index.intent_share),
            default=0.0,
        )
        for entry in scored
    ]
    best = max(agreement, default=0.0)
    adjusted = [
        replace(entry, score=entry.score - config.intent_weight * (best - agreed)) if agreed < best else entry
        for entry, agreed in zip(scored, agreement, strict=True)
    ]
    adjusted.sort(key=lambda entry: -entry.score)
    return adjusted
