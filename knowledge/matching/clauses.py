"""Cut a message into clauses, analyse each, and tell which of them ask something.

Customers write a line of context before the question ("running six client workspaces for our
agency. one client wants to move up a tier. is switching plans self-serve?"). Matching the whole
story drowns the question in words no entry uses; knowing which clause asks lets the matcher
weigh the story less than the question.

A clause ends at a line break or at a sentence mark (``. ! ? ; :``) followed by a space. It asks
when it has a question mark, opens with a question word ("how", "can", "is there"), or says what
the writer needs ("we need", "wondering", "please", "kindly advise"). Greetings, thanks and
acknowledgements are set aside first: "appreciate the help" asks for nothing.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from knowledge.matching.analyzer import Analysis, Analyzer, words_of
from knowledge.matching.normalize import MAX_CHARS, normalize_lines

MAX_CLAUSES = 24  # a message of 2,000 characters; more pieces only cost time
MIN_QUESTION_TERMS = 2

_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")

# Words a clause may open with before its question word: "so how do I ...", "also, can we ...".
_OPENERS = frozenset(
    "so and but also then well um uh btw quick q question one more another last followup follow up".split()
)
_QUESTION_WORDS = frozenset(
    "how hows what whats where wheres when why which who whom whose can cant could couldnt do does doesnt "
    "did didnt dont is isnt are arent will wont would should shall may might any anyone anybody".split()
)
# Words that say a need anywhere in a clause: "not sure how", "we need to", "wondering if".
_NEED_WORDS = frozenset(
    "how wondering curious unsure please pls plz help need needs wanna looking trying "
    # a formal request: "I would be grateful if you could advise the steps for ..."
    "kindly advise grateful clarify clarification confirm explain guide assist enquire inquire".split()
)
_NEED_PHRASES = frozenset({("we", "want"), ("i", "want"), ("id", "like"), ("wed", "like"), ("would", "like"),
                           ("is", "there"), ("are", "there"), ("any", "way"), ("anyway", "to"), ("not", "sure")})
# Words that point back at what the clause before said: "planning to delete my login. does that
# also cancel our plan?" asks about deleting the login, not about cancelling alone.
# "it" and "them" always do (but "is it possible" points at nothing); "that", "this", "those",
# "these" only standing alone ("does that cancel", "is that right", "undo this"), not before a
# noun ("those partner deals", "that one workspace").
_OBJECT_PRONOUNS = frozenset({"it", "them"})
_DEMONSTRATIVES = frozenset({"that", "this", "those", "these"})
_AUXILIARIES = frozenset("do does did is was are were will would can could should may might".split())
_DUMMY_IT_FOLLOWERS = frozenset("possible true ok okay normal fine likely worth safe allowed expected".split())


@dataclass(frozen=True)
class Clause:
    text: str            # normalised
    analysis: Analysis
    asks: bool           # a question or a request, not only context or small talk
    refers_back: bool = False  # points at the clause before ("does that cancel ...")

    @property
    def is_question(self) -> bool:
        """Does it ask, saying what about? "options?" or "how do we fix" leave that to the story."""
        return self.asks and len(self.analysis.terms) - self.analysis.acknowledgement_terms >= MIN_QUESTION_TERMS


def read_clauses(text: str, analyzer: Analyzer, max_chars: int = MAX_CHARS) -> tuple[Clause, ...]:
    """The clauses of a raw message, in order, each normalised and analysed."""
    clauses = []
    for piece in split_clauses(text, max_chars):
        analysis = analyzer.analyze(piece)
        clauses.append(Clause(piece, analysis, asks(piece, analysis.said), refers_back(analysis.said)))
    return tuple(clauses)


def split_clauses(text: str, max_chars: int = MAX_CHARS) -> list[str]:
    """The clauses of a raw message, normalised, in order; at most ``MAX_CLAUSES``."""
    clauses: list[str] = []
    for line in normalize_lines(text, max_chars):
        for piece in _SENTENCE_END.split(line):
            if not words_of(piece):
                continue
            if len(clauses) == MAX_CLAUSES:  # what is left joins the last clause rather than being lost
                piece = f"{clauses.pop()} {piece}"
            clauses.append(piece)
    return clauses


def asks(clause: str, words: Sequence[str]) -> bool:
    """Does a (normalised) clause ask something? ``words``: its words, social ones set aside."""
    if "?" in clause:
        return True
    opening = next((word for word in words if word not in _OPENERS), "")
    if opening in _QUESTION_WORDS:
        return True
    if any(word in _NEED_WORDS for word in words):
        return True
    return any(pair in _NEED_PHRASES for pair in zip(words, words[1:], strict=False))


def refers_back(words: Sequence[str]) -> bool:
    """Does a clause point at what was said before it ("does that also cancel", "redeem it")?"""
    for position, word in enumerate(words):
        following = words[position + 1] if position + 1 < len(words) else ""
        if word in _OBJECT_PRONOUNS and not (word == "it" and following in _DUMMY_IT_FOLLOWERS):
            return True
        if word in _DEMONSTRATIVES and (not following or (position > 0 and words[position - 1] in _AUXILIARIES)):
            return True
    return False
