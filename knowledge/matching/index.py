"""The search index over the knowledge base, built once: term weights and postings as arrays.

Two views of every entry:
- the entry as one document whose fields weigh differently (BM25F): question, phrasings,
  keywords, answer;
- its *units*: the question and each phrasing on its own, to find the one phrasing that says
  what the message says.

The vocabulary's out-of-scope examples ("how do I reset my password") are units too, after the
entries' units and owned by no entry: a message closer to them than to any entry is not ours.
Term weights (IDF) come from the entries alone, so a word only those examples use weighs the
most, as a word nobody uses would.
"""

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from rapidfuzz import utils

from knowledge.matching.analyzer import Analysis, Analyzer, words_of
from knowledge.matching.config import FieldWeights, MatcherConfig
from knowledge.matching.normalize import normalize_message
from knowledge.matching.vocabulary import Vocabulary
from knowledge.schema import Entry

_ENTRY_TEXT_CHARS = 50_000  # answers are longer than messages; cut only the absurd
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Postings:
    """Where one term occurs: entries with their BM25F contribution, and units."""

    entries: IntArray
    contributions: FloatArray
    units: IntArray


class MatchIndex:
    def __init__(self, entries: Sequence[Entry], vocabulary: Vocabulary, config: MatcherConfig):
        self.entries = tuple(entries)
        known_words = _surface_words(self.entries, vocabulary.out_of_scope_examples)
        self.analyzer = Analyzer(vocabulary, known_words=known_words)
        fields = [_EntryTerms.of(entry, self.analyzer) for entry in self.entries]
        rejects = [t for text in vocabulary.out_of_scope_examples if (t := self._terms_of(text))]
        self.terms: dict[str, int] = {}
        for terms in [*(entry_terms.all_terms() for entry_terms in fields), *rejects]:
            for term in terms:
                self.terms.setdefault(term, len(self.terms))
        self.idf = self._idf(fields)
        # A word only one entry uses: the unit the config's weights are counted in.
        self.rare_weight = _idf(1, len(fields)) if fields else 1.0
        self.max_contribution = np.zeros(len(self.terms))
        units = [unit for entry_terms in fields for unit in entry_terms.units]
        self.entry_unit_count = len(units)  # units from here on are out-of-scope examples
        units += rejects
        self.postings = self._postings(fields, units, config)
        self.unit_weight = np.maximum(
            np.array([sum(self.idf[self.terms[t]] for t in set(unit)) for unit in units], dtype=np.float64), 1e-9
        )
        self.fuzzy_texts = [utils.default_process(" ".join(unit)) for unit in units]
        self.intent_share = _intent_shares(fields)
        counts = np.array([len(entry_terms.units) for entry_terms in fields], dtype=np.int64)
        self.unit_entry = np.repeat(np.arange(len(fields), dtype=np.int64), counts)
        self.entry_first_unit = (np.cumsum(counts) - counts).astype(np.int64)
        self._entry_units = [
            np.arange(first, first + count, dtype=np.int64)
            for first, count in zip(self.entry_first_unit, counts, strict=True)
        ]

    def __len__(self) -> int:
        return len(self.entries)

    def related(self, first: int, second: int) -> bool:
        """Are two entries siblings: of one category, or naming each other (either way) as related?"""
        one, other = self.entries[first], self.entries[second]
        return one.category == other.category or other.id in one.related or one.id in other.related

    def units_of(self, entry_index: int) -> IntArray:
        """The units (question and phrasings) of one entry."""
        return self._entry_units[entry_index]

    def _terms_of(self, text: str) -> tuple[str, ...]:
        return self.analyzer.analyze(normalize_message(text), correct_typos=False).terms

    def _idf(self, fields: list["_EntryTerms"]) -> FloatArray:
        document_frequency: Counter[str] = Counter()
        for entry_terms in fields:
            document_frequency.update(set(entry_terms.all_terms()))
        idf = np.zeros(len(self.terms))
        for term, index in self.terms.items():
            idf[index] = _idf(document_frequency[term], len(fields))
        return idf

    def _postings(
        self, fields: list["_EntryTerms"], units: list[tuple[str, ...]], config: MatcherConfig
    ) -> list[Postings]:
        weights = config.fields
        lengths = np.array([entry_terms.weighted_length(weights) for entry_terms in fields])
        average = float(lengths.mean()) if len(lengths) else 1.0
        by_term_entries: list[list[int]] = [[] for _ in self.terms]
        by_term_contrib: list[list[float]] = [[] for _ in self.terms]
        by_term_units: list[list[int]] = [[] for _ in self.terms]
        k1, b = config.bm25_k1, config.bm25_b
        for entry_index, entry_terms in enumerate(fields):
            norm = 1.0 - b + b * lengths[entry_index] / average
            for term, frequency in entry_terms.weighted_frequencies(weights).items():
                index = self.terms[term]
                saturated = frequency * (k1 + 1.0) / (frequency + k1 * norm)
                contribution = float(self.idf[index] * saturated)
                by_term_entries[index].append(entry_index)
                by_term_contrib[index].append(contribution)
                self.max_contribution[index] = max(self.max_contribution[index], contribution)
        for unit_id, unit in enumerate(units):
            for term in set(unit):
                by_term_units[self.terms[term]].append(unit_id)
        return [
            Postings(
                np.array(by_term_entries[i], dtype=np.int64),
                np.array(by_term_contrib[i], dtype=np.float64),
                np.array(by_term_units[i], dtype=np.int64),
            )
            for i in range(len(self.terms))
        ]


@dataclass(frozen=True)
class _EntryTerms:
    question: tuple[str, ...]
    phrasings: tuple[tuple[str, ...], ...]
    keywords: tuple[str, ...]
    answer: tuple[str, ...]
    intents: tuple[frozenset[str], ...]   # of each of the question and the phrasings

    @classmethod
    def of(cls, entry: Entry, analyzer: Analyzer) -> "_EntryTerms":
        def analysis(text: str) -> Analysis:
            return analyzer.analyze(normalize_message(text, max_chars=_ENTRY_TEXT_CHARS), correct_typos=False)

        asked = [analysis(text) for text in (entry.question, *entry.phrasings)]
        return cls(
            question=asked[0].terms,
            phrasings=tuple(a.terms for a in asked[1:] if a.terms),
            keywords=tuple(term for keyword in entry.keywords for term in analysis(keyword).terms),
            answer=analysis(entry.answer).terms,
            intents=tuple(a.intents for a in asked),
        )

    @property
    def units(self) -> tuple[tuple[str, ...], ...]:
        return (self.question, *self.phrasings) if self.question else self.phrasings

    def all_terms(self) -> list[str]:
        return [*self.question, *(t for p in self.phrasings for t in p), *self.keywords, *self.answer]

    def weighted_frequencies(self, weights: FieldWeights) -> dict[str, float]:
        frequencies: dict[str, float] = {}
        for field, terms in (
            (weights.question, self.question),
            (weights.phrasings, [t for p in self.phrasings for t in set(p)]),
            (weights.keywords, self.keywords),
            (weights.answer, self.answer),
        ):
            for term in terms:
                frequencies[term] = frequencies.get(term, 0.0) + field
        return {term: frequency for term, frequency in frequencies.items() if frequency > 0}

    def weighted_length(self, weights: FieldWeights) -> float:
        return sum(self.weighted_frequencies(weights).values())


def _intent_shares(fields: Sequence[_EntryTerms]) -> dict[str, FloatArray]:
    """Per intent, the share of each entry's question and phrasings that express it."""
    shares: dict[str, FloatArray] = {}
    for position, entry_terms in enumerate(fields):
        for intents in entry_terms.intents:
            for intent in intents:
                shares.setdefault(intent, np.zeros(len(fields)))[position] += 1.0 / len(entry_terms.intents)
    return shares


def _idf(document_frequency: int, documents: int) -> float:
    return math.log(1.0 + (documents - document_frequency + 0.5) / (document_frequency + 0.5))


def _surface_words(entries: Sequence[Entry], out_of_scope_examples: Sequence[str]) -> set[str]:
    words: set[str] = set()
    for entry in entries:
        for text in (entry.question, entry.answer, *entry.phrasings, *entry.keywords):
            words.update(words_of(normalize_message(text, max_chars=_ENTRY_TEXT_CHARS)))
    for text in out_of_scope_examples:
        words.update(words_of(normalize_message(text)))
    return words

