"""Is a message only social: thanks, "ok", "that fixed it", emoji, with no question?

Such a message must not be answered, even when one of its words matches an entry ("fixed" is
also a fixed-amount coupon, "shows up" is where coupons are viewed). It is social when no clause
asks anything (see ``clauses.asks``), names no off-topic subject, and either
- nothing is left once greetings, thanks and acknowledgements are set aside, or
- its thanks and acknowledgements are at least as many words as what is left, or
- it opens with thanks or an acknowledgement ("perfect, the coupon shows up now"), says little
  more, and reports no problem ("thanks, but the coupon still isn't applied" is a problem to
  look into).
"""

import re
import unicodedata
from collections.abc import Sequence

from knowledge.matching.clauses import Clause

_EMOJI_CODE = re.compile(r":[a-z0-9_+\-']{1,60}:")
_EMOJI_SCAN_CHARS = 200  # an emoji-only message is short; longer ones had words to say
_MOST_AFTER_THANKS = 5     # content words after an opening thanks that still read as a reply to it

# Words that turn a thank-you into a report of something still wrong.
_PROBLEM_WORDS = frozenset(
    "not no never but still however though although yet instead except unfortunately "
    "cant cannot couldnt doesnt didnt dont isnt arent wasnt werent wont havent hasnt hadnt shouldnt "
    "error errors issue issues problem problems wrong broken missing".split()
)


def is_social(clauses: Sequence[Clause]) -> bool:
    if any(clause.asks or clause.analysis.off_topic for clause in clauses):
        return False
    content = sum(_content_terms(clause) for clause in clauses)
    if content == 0:
        return True
    closing = sum(clause.analysis.small_talk + clause.analysis.acknowledgements for clause in clauses)
    if closing == 0:
        return False
    if content <= closing:
        return True
    # A long message after the thanks is more than a report that all is well, even without a
    # question mark ("thanks! one more thing, if I cancel mid-month what do I get billed").
    opens_closing = clauses[0].analysis.opening in ("small_talk", "acknowledgement") and content <= _MOST_AFTER_THANKS
    return opens_closing and not any(word in _PROBLEM_WORDS for clause in clauses for word in clause.analysis.said)


def _content_terms(clause: Clause) -> int:
    terms = clause.analysis.terms
    return sum(1 for term in terms if not term.isdigit()) - clause.analysis.acknowledgement_terms


def is_small_talk(text: str, clauses: Sequence[Clause]) -> bool:
    """A social message someone said on purpose: thanks, "ok", a greeting, an acknowledgement,
    or emoji alone (":+1:"). Empty text, bare mentions or control characters are social in that
    they ask nothing, but nobody said anything to reply to."""
    if not is_social(clauses):
        return False
    if any(c.analysis.small_talk + c.analysis.acknowledgements + c.analysis.greetings for c in clauses):
        return True
    head = text[:_EMOJI_SCAN_CHARS] if isinstance(text, str) else ""
    return bool(_EMOJI_CODE.search(head)) or any(unicodedata.category(char) == "So" for char in head)
