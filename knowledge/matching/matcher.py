"""The matcher: a message in, ranked entries with confidences and a decision out."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from knowledge.base import KnowledgeBase
from knowledge.matching.aims import message_aims, weigh_aims
from knowledge.matching.agreement import Reading, disputed, split_belief
from knowledge.matching.calibration import confidences, shares
from knowledge.matching.classifier import Classifier, default_classifier, features_of
from knowledge.matching.clauses import Clause, read_clauses
from knowledge.matching.comparisons import set_aside_compared_vendors
from knowledge.matching.config import MatcherConfig
from knowledge.matching.coverage import is_bare, question_coverage
from knowledge.matching.decision import MAX_CHOICES, decide
from knowledge.matching.handoff import asks_for_person
from knowledge.matching.index import MatchIndex
from knowledge.matching.result import Candidate, Decision, MatchResult
from knowledge.matching.query import Query, build_query
from knowledge.matching.analyzer import Analysis
from knowledge.matching.salience import salience_share, salient_unknowns
from knowledge.matching.scope import scope_factor
from knowledge.matching.scoring import ScoredEntry, score_entries
from knowledge.matching.second_opinion import second_opinion
from knowledge.matching.social import is_small_talk, is_social
from knowledge.matching.subjects import names_subject
from knowledge.matching.views import View, asked_clauses, question_terms, views_of
from knowledge.matching.vocabulary import Vocabulary, load_vocabulary
from knowledge.schema import Entry


@dataclass(frozen=True)
class Ranking:
    """The entries as one view of the message ranks them."""

    view: View
    query: Query
    scored: tuple[ScoredEntry, ...]   # best first
    scope: float                      # P(in scope) factor: off-topic words, reject examples, question coverage
    out_of_scope: float               # score of the nearest out-of-scope example
    salient: tuple[str, ...]          # words of the question no entry uses, rare in English
    confidences: tuple[float, ...]    # of ``scored``, same order

    @property
    def top(self) -> float:
        return self.confidences[0] if self.confidences else 0.0


@dataclass(frozen=True)
class Trace:
    """Why the matcher decided as it did: for tuning and for ``--explain`` output."""

    result: MatchResult
    clauses: tuple[Clause, ...]
    social: bool                        # only greetings, thanks, acknowledgements, or asks for a person: not matched
    rankings: tuple[Ranking, ...]       # one per view, the chosen one first

    @property
    def chosen(self) -> Ranking | None:
        return self.rankings[0] if self.rankings else None


_SHIPPED = "shipped"


class Matcher:
    """Builds its index once; ``match`` is then cheap and never raises on any text.

    ``classifier``: the learned second reader (see ``second_opinion``). By default the shipped
    model, when it was trained for exactly these entries; None reads with the rules alone.
    """

    def __init__(
        self,
        kb: KnowledgeBase | Iterable[Entry],
        *,
        config: MatcherConfig | None = None,
        vocabulary: Vocabulary | None = None,
        classifier: Classifier | None | Literal["shipped"] = _SHIPPED,
    ):
        self.config = config or MatcherConfig()
        entries = kb.entries if isinstance(kb, KnowledgeBase) else tuple(kb)
        vocabulary = vocabulary or load_vocabulary()
        self._index = MatchIndex(entries, vocabulary, self.config)
        self._entries_by_id = {entry.id: entry for entry in entries}
        if isinstance(classifier, str):
            classifier = default_classifier()
            if classifier is not None and classifier.entry_ids != frozenset(self._entries_by_id):
                classifier = None  # trained for another knowledge base: its classes would mislead
        elif classifier is not None and not classifier.entry_ids <= frozenset(self._entries_by_id):
            raise ValueError("the classifier knows entries this knowledge base does not have")
        self.classifier = classifier
        self._plain_words = frozenset((*vocabulary.stop_words, *vocabulary.request_words))
        # A bare subject shares too little with any one entry to pass the evidence floor.
        self._subject_config = self.config.model_copy(update={"min_evidence": 0.0})

    def match(self, text: str) -> MatchResult:
        return self.trace(text).result

    def trace(self, text: str) -> Trace:
        clauses = set_aside_compared_vendors(read_clauses(text, self._index.analyzer))
        normalized = " ".join(clause.text for clause in clauses)
        if asks_for_person(clauses, self._plain_words):
            person = MatchResult(text=normalized, decision=Decision.ESCALATE, candidates=(), wants_person=True)
            return Trace(person, clauses, True, ())
        if is_social(clauses):
            social = MatchResult(
                text=normalized, decision=Decision.ESCALATE, candidates=(), small_talk=is_small_talk(text, clauses)
            )
            return Trace(social, clauses, True, ())
        asked = tuple(clause.analysis for clause in asked_clauses(clauses))
        question = () if is_bare(asked) else question_terms(clauses)
        rankings = [self._rank(view, question, asked) for view in views_of(clauses, self.config.context_weight)]
        rankings.insert(0, rankings.pop(self._choose(rankings)))
        result = self._result(normalized, rankings[0])
        whole = next(ranking for ranking in rankings if ranking.view.name == "whole")
        if whole is not rankings[0] and result.decision is Decision.ANSWER:
            result = self._settle(result, rankings[0], whole)
        elif not result.candidates and names_subject(clauses, self._index, self.config.subject_specificity):
            result = self._offer_subject(normalized, self._rank(whole.view, question, asked, self._subject_config))
        if self.classifier is not None and _content_terms(clauses) >= self.config.learned_min_terms:
            beliefs = self.classifier.probabilities(features_of(clauses, rankings[0].salient))
            names_off_topic = any(clause.analysis.off_topic for clause in clauses)
            result = second_opinion(result, beliefs, self._entries_by_id, self.config, names_off_topic=names_off_topic)
        return Trace(result, clauses, False, tuple(rankings))

    def _choose(self, rankings: Sequence[Ranking]) -> int:
        """The position of the ranking to decide from; the whole message's comes first.

        A reading focused on the question that is sure enough to answer wins: the story around a
        question may match another entry better than the question does ("we moved offices last
        month. can we get a refund?"). Otherwise the most confident wins, the first of equals.
        (When the whole message is itself confident about another entry, ``_settle`` offers both.)
        """
        def most_confident(positions: range) -> int:
            return max(positions, key=lambda position: (rankings[position].top, -position))

        if len(rankings) > 1:
            focused = most_confident(range(1, len(rankings)))
            if rankings[focused].top >= self.config.answer_threshold:
                return focused
        return most_confident(range(len(rankings)))

    def _rank(
        self, view: View, question: tuple[str, ...], asked: tuple[Analysis, ...], config: MatcherConfig | None = None
    ) -> Ranking:
        query = build_query(self._index, view.parts)
        outcome = score_entries(self._index, query, config or self.config)
        scored = tuple(weigh_aims(self._index, outcome.entries, message_aims(view.parts), self.config))
        best_phrasing = scored[0].phrasing if scored else 0.0
        off_topic = max((part.weight for part in view.parts if part.analysis.off_topic), default=0.0)
        coverage = question_coverage(self._index, scored[0].index, question, self.config) if scored else 1.0
        salient = salient_unknowns(self._index, asked)
        salience = salience_share(self._index, scored[0].index, asked, len(salient), self.config) if scored else 1.0
        factor = scope_factor(off_topic, best_phrasing, outcome.out_of_scope, coverage, self.config, salience)
        beliefs = confidences([s.score for s in scored], factor, self.config)
        return Ranking(view, query, scored, factor, outcome.out_of_scope, salient, tuple(beliefs))

    def _settle(self, result: MatchResult, focused: Ranking, whole: Ranking) -> MatchResult:
        """The answer of the focused reading, or both readings offered when the whole message
        is confident about another entry (see ``agreement``)."""
        if not whole.scored:
            return result
        mine = Reading(focused.scored[0].index, focused.top)
        theirs = Reading(whole.scored[0].index, whole.top)
        siblings = self._index.related(mine.entry, theirs.entry)
        if not disputed(mine, theirs, self.config.rival_reading_confidence, siblings=siblings,
                        sibling_confidence=self.config.rival_sibling_confidence):
            return result
        first, second = split_belief(mine, theirs)
        offered = (
            Candidate(entry=self._index.entries[mine.entry], confidence=round(first, 4)),
            Candidate(entry=self._index.entries[theirs.entry], confidence=round(second, 4)),
        )
        ids = {candidate.entry.id for candidate in offered}
        rest = (c for c in result.candidates if c.entry.id not in ids)
        ranked = tuple(sorted((*offered, *rest), key=lambda candidate: -candidate.confidence))
        return MatchResult(text=result.text, decision=Decision.CLARIFY, candidates=ranked, choice_count=2)

    def _offer_subject(self, normalized: str, ranking: Ranking) -> MatchResult:
        """The entries on a subject the message only names, offered to choose from (see ``subjects``)."""
        offered = tuple(
            Candidate(entry=self._index.entries[s.index], confidence=round(confidence, 4))
            for s, confidence in zip(ranking.scored[:MAX_CHOICES], ranking.confidences, strict=False)
            if confidence > 0.0
        )
        if not offered:
            return MatchResult(text=normalized, decision=Decision.ESCALATE, candidates=())
        return MatchResult(text=normalized, decision=Decision.CLARIFY, candidates=offered, choice_count=len(offered))

    def _result(self, normalized: str, ranking: Ranking) -> MatchResult:
        scores = [s.score for s in ranking.scored]
        listed = zip(ranking.scored[: self.config.max_candidates], ranking.confidences, shares(scores, self.config),
                     strict=False)
        candidates = tuple(
            Candidate(entry=self._index.entries[s.index], confidence=round(confidence, 4))
            for s, confidence, share in listed
            if share >= self.config.min_share
        )
        siblings = len(ranking.scored) > 1 and self._index.related(ranking.scored[0].index, ranking.scored[1].index)
        verdict = decide([c.confidence for c in candidates], self.config, sibling_runner_up=siblings)
        return MatchResult(
            text=normalized,
            decision=verdict.decision,
            candidates=candidates,
            choice_count=verdict.choices if verdict.decision is Decision.CLARIFY else 3,
        )


def _content_terms(clauses: Sequence[Clause]) -> int:
    return len({term for clause in clauses for term in clause.analysis.terms})
