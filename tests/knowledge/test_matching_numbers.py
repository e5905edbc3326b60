"""Numbers said in words ("a thousand", "twenty five thousand") read as digits; lone small numbers
and words around numbers stay as they are."""

import pytest

from knowledge.matching import Matcher
from knowledge.matching.numbers import spell_numbers


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("a thousand mtus", "1000 mtus"),
        ("twenty five thousand dollars", "25000 dollars"),
        ("the one hundred and twenty dollar base", "the 120 dollar base"),
        ("two thousand and twenty four", "2024"),
        ("fifteen days", "15 days"),
        ("one million events", "1000000 events"),
    ],
)
def test_number_words_become_digits(text: str, read: str) -> None:
    assert " ".join(spell_numbers(text.split())) == read


@pytest.mark.parametrize(
    "text",
    ["this one", "two weeks", "one and two", "a lot of events", "and then", "we and they"],
)
def test_other_words_stay(text: str) -> None:
    assert spell_numbers(text.split()) == text.split()


def test_empty_input() -> None:
    assert spell_numbers([]) == []


def test_a_spelt_out_limit_matches_the_digits(matcher: Matcher) -> None:
    spelt = matcher.trace("what happens if we go over a thousand mtus on free").clauses[0].analysis
    digits = matcher.trace("what happens if we go over 1000 mtus on free").clauses[0].analysis
    assert spelt.terms == digits.terms
