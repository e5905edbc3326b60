"""A message that only names a subject ("coupons?", "trial", "startup credits") asks about it.

Such a message shares too little with any one entry to be answered, yet it says plainly what it
is about: the entries on that subject are offered instead of a hand-over. Only a subject
specific enough to narrow the choice counts ("coupon", not "plan" or "workspace", which most
entries speak of), and only when every word of it is one the knowledge base uses: "invoice pdf"
names something no entry covers.
"""

from collections.abc import Sequence

from knowledge.matching.clauses import Clause
from knowledge.matching.index import MatchIndex

MAX_SUBJECT_TERMS = 2


def names_subject(clauses: Sequence[Clause], index: MatchIndex, min_specificity: float) -> bool:
    """Is the message a bare subject, one the index knows and that is specific enough?

    ``min_specificity``: the least IDF of the subject's most specific word, as a share of the IDF
    of a word only one entry uses.
    """
    saying = [clause for clause in clauses if clause.analysis.terms]
    if len(saying) != 1:
        return False
    clause = saying[0]
    analysis = clause.analysis
    # "good morning team" greets; "hi! coupons?" asks.
    if analysis.off_topic or (analysis.greetings and not clause.asks):
        return False
    terms = set(analysis.terms)
    if not 1 <= len(terms) <= MAX_SUBJECT_TERMS:
        return False
    ids = [index.terms.get(term) for term in terms]
    if any(term_id is None for term_id in ids):
        return False
    return max(float(index.idf[term_id]) for term_id in ids) >= min_specificity * index.rare_weight
