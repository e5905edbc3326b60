"""How much of the question an entry speaks to.

In a message of context and question, the context may match an entry on its own ("we're a
nonprofit already getting your discount. can we export our event data to S3 nightly?"). An answer
must address the clause that asks: the share of that clause's weight (IDF of the words the entry
uses, against all its words, unknown ones at ``unknown_term_weight``) that the entry shares.
"""

from collections.abc import Iterable

import numpy as np

from knowledge.matching.analyzer import Analysis
from knowledge.matching.config import MatcherConfig
from knowledge.matching.index import MatchIndex


def question_coverage(index: MatchIndex, entry_index: int, terms: Iterable[str], config: MatcherConfig) -> float:
    """Share of the weight of ``terms`` (the question's) that the entry uses somewhere; 1.0 for none."""
    total = shared = 0.0
    for term in dict.fromkeys(terms):
        term_id = index.terms.get(term)
        if term_id is None:
            if not term.isdigit():
                total += config.unknown_term_weight * index.rare_weight
            continue
        weight = float(index.idf[term_id])
        total += weight
        entries = index.postings[term_id].entries  # ascending
        found = int(np.searchsorted(entries, entry_index))
        if found < len(entries) and entries[found] == entry_index:
            shared += weight
    return shared / total if total else 1.0


def is_bare(asked: Iterable[Analysis], most_terms: int = 3) -> bool:
    """Does the question clause ask in a few everyday words alone ("any side effects?")?

    "want to rename the workspace to 'acme'. any side effects?": such a question asks about the
    story before it, so how much of it an entry speaks to says nothing. A rare word ("can we
    export to S3?") makes the clause a question of its own.
    """
    analyses = tuple(asked)
    terms = {term for analysis in analyses for term in analysis.terms}
    return 0 < len(terms) <= most_terms and not any(analysis.uncommon for analysis in analyses)
