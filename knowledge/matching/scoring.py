"""Score the entries of an index against an analysed message.

Three signals, each in [0, 1]:
- best phrasing: the entry's question or phrasing that best says what the message says
  (IDF-weighted overlap, both ways: how much of the phrasing the message covers, how much of
  the message the phrasing explains; words no entry uses count against the second);
- entry: BM25F over all the entry's fields, as a share of what the message could score;
- fuzzy: rapidfuzz similarity of the message to the entry's phrasings, run only on the entries
  the first two signals kept, so its cost does not grow with the knowledge base.
An entry must also share enough of the message's weight (``min_evidence``): one common word
such as "team" in "good morning team" is not a question about the Team trial.
"""

from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process, utils

from knowledge.matching.config import MatcherConfig
from knowledge.matching.index import FloatArray, MatchIndex
from knowledge.matching.query import Query


@dataclass(frozen=True)
class ScoredEntry:
    index: int             # position in the index's entries
    score: float           # weighted sum of the three signals
    phrasing: float
    entry: float
    fuzzy: float


@dataclass(frozen=True)
class Scores:
    entries: list[ScoredEntry]   # best first, at most ``config.prune_to``
    out_of_scope: float = 0.0    # best-phrasing score of the closest out-of-scope example


def score_entries(index: MatchIndex, query: Query, config: MatcherConfig) -> Scores:
    """Every entry sharing enough with the message, best first, and the out-of-scope score."""
    if len(query.term_ids) == 0:
        return Scores([])
    unknown_weight = config.unknown_term_weight * index.rare_weight
    total = query.total_weight + unknown_weight * query.unknown_mass
    phrasing, out_of_scope = _best_phrasing(index, query, total, config)
    entry, evidence = _entry_scores(index, query, total)
    partial = config.weight_phrasing * phrasing + config.weight_entry * entry
    partial[evidence < config.min_evidence * index.rare_weight] = 0.0
    kept = [int(i) for i in np.argsort(-partial, kind="stable")[: config.prune_to] if partial[i] > 0]
    fuzzy = _fuzzy(index, query.text, kept, config.fuzzy_cutoff)
    scored = []
    for i in kept:
        score = float(partial[i] + config.weight_fuzzy * fuzzy.get(i, 0.0))
        scored.append(ScoredEntry(i, score, float(phrasing[i]), float(entry[i]), fuzzy.get(i, 0.0)))
    scored.sort(key=lambda s: -s.score)
    return Scores(scored, out_of_scope)


def _best_phrasing(index: MatchIndex, query: Query, total: float, config: MatcherConfig) -> tuple[FloatArray, float]:
    """Per entry, the score of its best unit; and the best score of an out-of-scope example.

    Only the units sharing a word with the message are scored: a few hundred of the 90,000 of a
    10,000-entry knowledge base.
    """
    units = [index.postings[t].units for t in query.term_ids]
    overlap = np.bincount(
        np.concatenate(units),
        weights=np.repeat(query.weights, [len(u) for u in units]),
        minlength=len(index.unit_weight),
    )
    hit = np.flatnonzero(overlap)
    shared = overlap[hit]
    # A phrasing of one or two common words ("team trial") says too little to be matched fully.
    recall = shared / np.maximum(index.unit_weight[hit], config.min_phrasing_weight * index.rare_weight)
    precision = shared / total
    share = config.phrasing_recall_share
    unit_score = recall**share * precision ** (1.0 - share)
    in_entries = hit < index.entry_unit_count
    rejects = unit_score[~in_entries]
    best_reject = float(rejects.max()) if len(rejects) else 0.0
    entry_best = np.zeros(len(index))
    owners = index.unit_entry[hit[in_entries]]
    if len(owners):
        starts = np.concatenate(([0], np.flatnonzero(np.diff(owners)) + 1))
        entry_best[owners[starts]] = np.maximum.reduceat(unit_score[in_entries], starts)
    return entry_best, best_reject


def _entry_scores(index: MatchIndex, query: Query, total: float) -> tuple[FloatArray, FloatArray]:
    """BM25F as a share of the best possible, and the IDF weight each entry shares with the message."""
    postings = [index.postings[t] for t in query.term_ids]
    entries = np.concatenate([p.entries for p in postings])
    counts = [len(p.entries) for p in postings]
    contributions = np.concatenate([p.contributions for p in postings]) * np.repeat(query.roles, counts)
    scores = np.bincount(entries, weights=contributions, minlength=len(index)).astype(np.float64, copy=False)
    # Evidence counts every word at its full weight: it asks whether an entry shares anything
    # that matters with the message, wherever in the message it is said.
    repeated = np.repeat(query.idf, counts)
    evidence = np.bincount(entries, weights=repeated, minlength=len(index)).astype(np.float64, copy=False)
    # The best any entry could score: each known term at its best, unknown words at their weight
    # scaled the same way (max contribution per unit of idf, on average).
    best = float((index.max_contribution[query.term_ids] * query.roles).sum())
    known = query.total_weight
    ceiling = best * total / known if known else best
    return (scores / ceiling if ceiling else scores), evidence


def _fuzzy(index: MatchIndex, text: str, kept: list[int], cutoff: float) -> dict[int, float]:
    """Best rapidfuzz similarity of the message to each kept entry's units, in native code.

    The units went through ``utils.default_process`` when the index was built, so only the
    message is processed here.
    """
    groups = [(entry_index, own) for entry_index in kept if len(own := index.units_of(entry_index))]
    if not groups or not text:
        return {}
    units = np.concatenate([own for _, own in groups])
    similarity = process.cdist(
        [utils.default_process(text)],
        [index.fuzzy_texts[unit] for unit in units.tolist()],
        scorer=fuzz.token_set_ratio,
        processor=None,
        score_cutoff=cutoff,
        dtype=np.uint8,
    )[0]
    # Best unit per entry: units come grouped by entry, so each group's maximum is one reduceat.
    starts = np.cumsum([0, *(len(own) for _, own in groups[:-1])])
    maxima = np.maximum.reduceat(similarity, starts).tolist()
    return {entry_index: value / 100.0 for (entry_index, _), value in zip(groups, maxima, strict=True) if value}
