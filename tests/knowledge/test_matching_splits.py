"""Words split in two ("up grade", "log in", "V A T") read as the one word they are; pairs of
words of their own, vocabulary phrases and stop-word pairs are left alone."""

import pytest

from knowledge.matching import Matcher
from knowledge.matching.splits import SplitWords
from tests.knowledge.answers import answered

KNOWN = {"upgrade", "login", "incubator", "vat", "workspace", "free", "plan", "away", "personas", "person",
         "promo", "code", "team", "trial", "whats", "the", "use", "rid", "pre", "pay", "out", "come", "user", "work",
         "space"}
STOP = {"up", "in", "a", "way", "as", "is", "the", "we", "whats"}
COMMON = {"outcome"}


def splits(near: dict[str, str] | None = None, phrases: set[tuple[str, str]] = frozenset()) -> SplitWords:
    return SplitWords(
        is_known=KNOWN.__contains__,
        is_stop=STOP.__contains__,
        near_known=lambda word: (near or {}).get(word),
        is_phrase=lambda first, second: (first, second) in phrases,
        is_common=COMMON.__contains__,
    )


@pytest.mark.parametrize(
    ("words", "joined"),
    [
        (["up", "grade", "the", "plan"], ["upgrade", "the", "plan"]),   # a particle first
        (["my", "log", "in"], ["my", "login"]),                          # a particle last
        (["in", "cubator"], ["incubator"]),
        (["v", "a", "t", "rules"], ["vat", "rules"]),                    # spelt out letter by letter
    ],
)
def test_split_words_are_joined(words: list[str], joined: list[str]) -> None:
    assert splits().join(words) == joined


def test_a_half_nobody_uses_may_join_into_a_typo_of_a_known_word() -> None:
    assert splits(near={"workspce": "workspace"}).join(["work", "spce"]) == ["workspce"]


@pytest.mark.parametrize(
    "words",
    [
        ["a", "way"],              # a single letter is a word of its own
        ["person", "as"],          # a stop word that is no particle
        ["free", "plan"],          # both halves known
        ["is", "the"],             # two stop words
        ["x", "y"],                # letters that spell nothing known
    ],
)
def test_words_of_their_own_stay_apart(words: list[str]) -> None:
    assert splits().join(words) == words


def test_a_pair_that_starts_a_vocabulary_phrase_stays_apart() -> None:
    assert splits(phrases={("up", "grade")}).join(["up", "grade"]) == ["up", "grade"]


def test_typo_joins_need_two_halves_of_some_length() -> None:
    assert splits(near={"workcc": "workspace"}).join(["work", "cc"]) == ["work", "cc"]


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [
        ("need to up grade our plan today what menu is that under", "change-plan"),
        ("hey how would I go about deleting my own log in to segment", "delete-account"),
        ("do you guys charge V A T for customers in Germany", "sales-tax"),
    ],
)
def test_dictated_questions_are_answered(matcher: Matcher, text: str, entry_id: str) -> None:
    assert answered(matcher.match(text)) == entry_id


def test_is_due_is_not_read_as_issue(matcher: Matcher) -> None:
    analysis = matcher.trace("our security review is due next week").clauses[0].analysis
    assert "issue" not in analysis.corrections.values()
    assert "due" in analysis.said


@pytest.mark.parametrize(
    ("word", "near", "apart"),
    [
        ("promocode", {}, ["promo", "code"]),              # the two start a vocabulary phrase
        ("whatsthe", {}, ["whats", "the"]),                # two stop words
        ("teamplan", {}, ["team", "plan"]),                # two known words of four letters or more
        ("teamtriel", {"triel": "trial"}, ["team", "triel"]),  # the second half a typo, left to the typo reader
    ],
)
def test_words_run_together_are_read_apart(word: str, near: dict[str, str], apart: list[str]) -> None:
    assert splits(near=near, phrases={("promo", "code")}).join(["my", word]) == ["my", *apart]


@pytest.mark.parametrize(
    ("word", "near"),
    [
        ("userid", {}),                              # "use rid": a half of three letters
        ("prepay", {}),                              # "pre pay" too
        ("outcome", {}),                             # common English: a word of its own
        ("workspce", {"workspce": "workspace"}),     # the typo of one known word, not two words
        ("workspace", {}),                           # a known word, though "work space" would be two
    ],
)
def test_words_that_are_no_two_words_stay_whole(word: str, near: dict[str, str]) -> None:
    assert splits(near=near).join([word]) == [word]


def test_run_together_words_are_matched(matcher: Matcher) -> None:
    assert answered(matcher.match("where do i put in a promocode")) == "coupons-redeem"
