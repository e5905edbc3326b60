"""Words the question is built around that neither the knowledge base nor everyday English knows.

"Our finance team needs a W-9 for vendor onboarding": "finance" is unknown to every entry but
common English, and says little; "W-9" is rare in English too, so it is probably the subject,
and no entry speaks of it. Such salient unknowns, in the clauses that ask, weigh against what
the best entry shares with those clauses: the more of the question rests on them, the less
sure any answer is.
"""

from collections.abc import Iterable

import numpy as np

from knowledge.matching.analyzer import Analysis
from knowledge.matching.config import MatcherConfig
from knowledge.matching.index import MatchIndex


def salient_unknowns(index: MatchIndex, asked: Iterable[Analysis]) -> tuple[str, ...]:
    """The terms of ``asked`` whose word is not common English and that no entry uses."""
    found: dict[str, None] = {}
    for analysis in asked:
        for term in analysis.uncommon:
            term_id = index.terms.get(term)
            if term_id is None or len(index.postings[term_id].entries) == 0:
                found[term] = None
    return tuple(found)


def salience_share(
    index: MatchIndex, entry_index: int, asked: Iterable[Analysis], salient: int, config: MatcherConfig
) -> float:
    """Of the asked clauses' weight the entry shares plus the salient unknowns' weight, the
    entry's part: 1.0 when there is no salient unknown."""
    if salient == 0:
        return 1.0
    shared = 0.0
    for term in {term for analysis in asked for term in analysis.terms}:
        term_id = index.terms.get(term)
        if term_id is None:
            continue
        entries = index.postings[term_id].entries  # ascending
        found = int(np.searchsorted(entries, entry_index))
        if found < len(entries) and entries[found] == entry_index:
            shared += float(index.idf[term_id])
    unknown = salient * config.salient_term_weight * index.rare_weight
    return shared / (shared + unknown)
