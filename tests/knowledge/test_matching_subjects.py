"""A message that only names a subject gets that subject's entries offered, not a hand-over;
a subject most entries share, a greeting, an unknown or off-topic word still hand over."""

import pytest

from knowledge.base import KnowledgeBase
from knowledge.loader import load_knowledge_base
from knowledge.matching import Decision, Matcher, MatcherConfig
from knowledge.matching.clauses import read_clauses
from knowledge.matching.subjects import names_subject


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


@pytest.fixture(scope="module")
def matcher(kb: KnowledgeBase) -> Matcher:
    return Matcher(kb)


@pytest.mark.parametrize(
    ("text", "categories"),
    [
        ("coupon", {"coupons"}),
        ("promo codes??", {"coupons"}),
        ("hi team, coupons?", {"coupons"}),
        ("trial", {"trials"}),
        ("startup", {"startup-program", "coupons"}),  # the startup coupon is on the subject too
        ("startup credits", {"startup-program"}),
    ],
)
def test_a_bare_subject_offers_its_entries(matcher: Matcher, text: str, categories: set[str]) -> None:
    result = matcher.match(text)
    assert result.decision is Decision.CLARIFY
    assert len(result.choices) == 3
    assert {choice.entry.category for choice in result.choices} <= categories


def test_offered_choices_are_ranked_and_carry_confidences(matcher: Matcher) -> None:
    choices = matcher.match("coupons").choices
    confidences = [choice.confidence for choice in choices]
    assert confidences == sorted(confidences, reverse=True)
    assert all(0.0 < confidence <= 1.0 for confidence in confidences)


@pytest.mark.parametrize(
    "text",
    [
        "plan",               # most entries speak of plans: no narrower than the whole knowledge base
        "workspace",
        "billing",
        "good morning team",  # a greeting, not a subject
        "coupon pdf export",  # three words: more than a subject, and one no entry uses
        "invoice pdf",        # a word no entry uses
        "sso coupon",         # an off-topic subject
    ],
)
def test_a_broad_unknown_or_social_word_still_hands_over(matcher: Matcher, text: str) -> None:
    result = matcher.match(text)
    assert result.decision is Decision.ESCALATE
    assert result.choices == ()


def test_a_subject_specific_enough_to_answer_is_still_answered(matcher: Matcher) -> None:
    assert matcher.match("refund").decision is Decision.ANSWER


def test_the_specificity_floor_is_configurable(kb: KnowledgeBase) -> None:
    strict = Matcher(kb, config=MatcherConfig(subject_specificity=1.0))
    assert strict.match("coupon").decision is Decision.ESCALATE


def test_only_a_lone_clause_naming_one_or_two_known_words_is_a_subject(matcher: Matcher) -> None:
    index = matcher._index

    def subject(text: str) -> bool:
        return names_subject(read_clauses(text, index.analyzer), index, 0.28)

    assert subject("coupons?")
    assert not subject("coupons. trials.")  # two clauses say something: two subjects
    assert not subject("")
