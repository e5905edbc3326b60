"""Shortened words ("prgm", "addr", "acct") read as the known word they cut; words of their own,
ambiguous cuts and acronyms are left alone."""

import pytest

from knowledge.matching import Matcher, load_vocabulary
from knowledge.matching.abbreviations import Abbreviations, shortens
from knowledge.matching.analyzer import Analyzer
from tests.knowledge.answers import answered


@pytest.mark.parametrize(
    ("short", "word"),
    [("prgm", "program"), ("addr", "address"), ("acct", "account"), ("mgmt", "management"), ("subscr", "subscription")],
)
def test_starts_and_vowel_drops_are_cuts(short: str, word: str) -> None:
    assert shortens(short, word)


@pytest.mark.parametrize(
    ("short", "word"),
    [
        ("cfos", "cofounders"),   # keeps a vowel a vowel drop would not: an acronym's plural
        ("prgs", "program"),      # not the word's last letter
        ("rpgm", "program"),      # not its first letter
        ("pragm", "program"),     # letters out of order
        ("progra", "program"),    # one letter left out is a typo's business, not a cut
        ("prograu", "programme"),
    ],
)
def test_other_strings_are_not_cuts(short: str, word: str) -> None:
    assert not shortens(short, word)


def test_a_cut_that_fits_words_of_different_stems_is_left_alone() -> None:
    def stem(word: str) -> str:
        return word.removesuffix("s")

    assert Abbreviations(["program", "progress"], stem).expand("prog") is None
    assert Abbreviations(["programs", "program"], stem).expand("prog") == "program"


def test_short_strings_are_never_expanded() -> None:
    assert Abbreviations(["program"], stem=str).expand("prg") is None


def test_common_english_is_not_read_as_a_cut() -> None:
    vocabulary = load_vocabulary()
    expanding = Analyzer(vocabulary, known_words=["program"], common_words=frozenset())
    assert expanding.analyze("prgm").corrections == {"prgm": "program"}
    common = Analyzer(vocabulary, known_words=["program"], common_words=frozenset({"prgm"}))
    assert common.analyze("prgm").corrections == {}


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [
        ("startup prgm requirements", "startup-program"),
        ("new email addr on account", "change-account-email"),
        ("pymt info needed for the trial?", "team-trial-payment-info"),
    ],
)
def test_shortened_questions_are_answered(matcher: Matcher, text: str, entry_id: str) -> None:
    assert answered(matcher.match(text)) == entry_id
