"""When two readings of a message point at different entries, ask rather than guess.

A message of story and question is read whole and focused on its question (see ``views``). The
focused reading usually wins: the story around a question may match another entry better than
the question does. But when the whole message is itself confident about another entry, the
story may be what the question is about ("our org is tax-exempt. how do we stop being charged
tax?"), and neither reading can be trusted alone: both entries are offered.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Reading:
    entry: int          # position of the reading's top entry in the index
    confidence: float   # that entry's confidence in this reading


def disputed(focused: Reading, whole: Reading, rival_confidence: float, *, siblings: bool = False,
             sibling_confidence: float = 1.0) -> bool:
    """Does the whole message contradict the focused reading with confidence of its own?

    Sibling entries (one lists the other as related) differ in a detail the story often holds
    ("we've been on Free for years. can we have the trial?"): for them, less confidence in the
    whole message's reading is enough to doubt the focused one.
    """
    if focused.entry == whole.entry:
        return False
    threshold = min(rival_confidence, sibling_confidence) if siblings else rival_confidence
    return whole.confidence >= threshold


def split_belief(focused: Reading, whole: Reading) -> tuple[float, float]:
    """The two entries' confidences once neither reading is trusted alone: each reading keeps
    its share of the two readings' belief, so neither looks sure."""
    total = focused.confidence + whole.confidence
    if total <= 0.0:
        return 0.0, 0.0
    return focused.confidence**2 / total, whole.confidence**2 / total
