"""The matcher: a message in, ranked entries with confidences and a decision out."""

from collections.abc import Iterable
from dataclasses import dataclass

from knowledge.base import KnowledgeBase
from knowledge.matching.analyzer import Analysis
from knowledge.matching.calibration import confidences, shares
from knowledge.matching.config import MatcherConfig
from knowledge.matching.decision import decide
from knowledge.matching.index import MatchIndex
from knowledge.matching.normalize import normalize_message
from knowledge.matching.result import Candidate, Decision, MatchResult
from knowledge.matching.scope import scope_factor
from knowledge.matching.scoring import ScoredEntry, build_query, score_entries
from knowledge.matching.vocabulary import Vocabulary, load_vocabulary
from knowledge.schema import Entry


@dataclass(frozen=True)
class Trace:
    """Why the matcher decided as it did: for tuning and for ``--explain`` output."""

    result: MatchResult
    analysis: Analysis
    unknown: tuple[str, ...]
    scope: float
    out_of_scope: float
    scored: tuple[ScoredEntry, ...]


class Matcher:
    """Builds its index once; ``match`` is then cheap and never raises on any text."""

    def __init__(
        self,
        kb: KnowledgeBase | Iterable[Entry],
        *,
        config: MatcherConfig | None = None,
        vocabulary: Vocabulary | None = None,
    ):
        self.config = config or MatcherConfig()
        entries = kb.entries if isinstance(kb, KnowledgeBase) else tuple(kb)
        self._index = MatchIndex(entries, vocabulary or load_vocabulary(), self.config)

    def match(self, text: str) -> MatchResult:
        return self.trace(text).result

    def trace(self, text: str) -> Trace:
        normalized = normalize_message(text)
        analysis = self._index.analyzer.analyze(normalized)
        query = build_query(self._index, analysis)
        outcome = score_entries(self._index, query, self.config)
        scored = outcome.entries
        best_phrasing = scored[0].phrasing if scored else 0.0
        factor = scope_factor(analysis, best_phrasing, outcome.out_of_scope, self.config)
        listed = scored[: self.config.max_candidates]
        scores = [s.score for s in scored]
        beliefs = zip(listed, confidences(scores, factor, self.config), shares(scores, self.config), strict=False)
        candidates = tuple(
            Candidate(entry=self._index.entries[s.index], confidence=round(confidence, 4))
            for s, confidence, share in beliefs
            if share >= self.config.min_share
        )
        verdict = decide([c.confidence for c in candidates], self.config)
        result = MatchResult(
            text=normalized,
            decision=verdict.decision,
            candidates=candidates,
            choice_count=verdict.choices if verdict.decision is Decision.CLARIFY else 3,
        )
        return Trace(result, analysis, query.unknown, factor, outcome.out_of_scope, tuple(scored))
