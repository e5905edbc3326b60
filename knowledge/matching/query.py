"""A message as the index sees it: term ids with weights, and the words no entry uses.

A message comes in clauses, each with a weight: the clause that asks counts fully, the story
around it less (``MatcherConfig.context_weight``). A term's weight is its IDF times the weight
of the heaviest clause it occurs in.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from knowledge.matching.analyzer import Analysis
from knowledge.matching.index import FloatArray, IntArray, MatchIndex


@dataclass(frozen=True)
class WeightedAnalysis:
    analysis: Analysis
    weight: float = 1.0


@dataclass(frozen=True)
class Query:
    term_ids: IntArray
    roles: FloatArray          # per term: the weight of its clause, in [0, 1]
    idf: FloatArray            # per term: its IDF in the index
    unknown: tuple[str, ...]   # content terms no entry uses
    unknown_mass: float        # how much those weigh together, in words (see ``build_query``)
    text: str                  # the terms of the weightiest clauses, for fuzzy matching

    @property
    def weights(self) -> FloatArray:
        return self.idf * self.roles

    @property
    def total_weight(self) -> float:
        return float(self.weights.sum())


def build_query(index: MatchIndex, parts: Sequence[WeightedAnalysis]) -> Query:
    known: dict[int, float] = {}
    unknown: dict[str, float] = {}
    for part in parts:
        for term in part.analysis.terms:
            term_id = index.terms.get(term)
            if term_id is not None:
                known[term_id] = max(known.get(term_id, 0.0), part.weight)
            elif not term.isdigit():
                unknown[term] = max(unknown.get(term, 0.0), part.weight)
    ids = np.fromiter(known, dtype=np.int64, count=len(known))
    roles = np.fromiter(known.values(), dtype=np.float64, count=len(known))
    # Unknown words weigh less one by one as they pile up (square root of their count): a long
    # story around a clear question should not drown it, while one unknown word in a short
    # question is a strong sign. Counting weighted words as the root of the sum of squares keeps
    # that so when every clause is scaled alike.
    mass = float(sum(weight * weight for weight in unknown.values())) ** 0.5
    heaviest = max((part.weight for part in parts), default=0.0)
    text = " ".join(term for part in parts if part.weight >= heaviest for term in part.analysis.terms)
    return Query(ids, roles, index.idf[ids], tuple(unknown), mass, text)
