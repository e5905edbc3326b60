"""The acknowledgement detector: thanks, "ok", "that worked" and emoji are not questions, even
when one of their words matches an entry; a question or a problem next to them still is."""

from pathlib import Path

import pytest

from knowledge.loader import load_knowledge_base
from knowledge.matching import Decision, Matcher, load_vocabulary
from knowledge.matching.analyzer import Analyzer
from knowledge.matching.clauses import read_clauses
from knowledge.matching.social import is_social
from tests.knowledge.answers import answered

SMALL_KB = Path(__file__).resolve().parent.parent / "data" / "kb_small"


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_knowledge_base(SMALL_KB))


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(load_vocabulary())


SOCIAL = [
    "thanks!!",
    "ty <@U1> :pray:",
    "thank you so much, that's exactly what I needed",
    "ok",
    "ok cool",
    "perfect :+1:",
    "got it, thx",
    "nvm",
    "never mind, found it",
    "that worked!",
    "it works now :tada:",
    "fixed it, cheers",
    "yep that did it, thanks a ton",
    "lol",
    "👍👍",
    ":raised_hands:",
    "awesome, the coupon shows up now",       # content words, but a report that all is well
    "great, refund received, thanks!",
    "cool, the workspace is deleted now",
    "sounds good, will try that",
    "appreciate the help!",
    "good to know, thanks",
]


@pytest.mark.parametrize("text", SOCIAL)
def test_acknowledgements_escalate_without_candidates(matcher: Matcher, text: str) -> None:
    trace = matcher.trace(text)
    assert trace.social
    assert trace.result.decision is Decision.ESCALATE
    assert trace.result.candidates == ()
    assert trace.result.small_talk  # the edge replies politely instead of handing over


@pytest.mark.parametrize("text", ["hi", "hello team!", "good morning :wave:", "happy friday everyone :tada:", "¡Hola equipo!"])
def test_a_greeting_without_a_question_is_small_talk(matcher: Matcher, text: str) -> None:
    result = matcher.match(text)
    assert result.small_talk and result.decision is Decision.ESCALATE and result.candidates == ()


@pytest.mark.parametrize("text", ["", "   ", "<@U123>", "\x00\x01", "asdfghjkl", "how do I install analytics.js?"])
def test_nothing_said_gibberish_or_off_topic_is_not_small_talk(matcher: Matcher, text: str) -> None:
    result = matcher.match(text)
    assert result.decision is Decision.ESCALATE
    assert not result.small_talk


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [
        ("thanks! and how do I redeem a coupon?", "coupons-redeem"),
        ("ok so we want a refund", "refunds"),
        ("ok, delete my workspace entirely", "delete-workspace"),
        ("got it. what happens when the trial ends?", "trial-ends"),
        ("perfect. one more thing: is there a discount for charities", "coupons-non-profits"),
        ("thanks, but the coupon still isn't applied", "coupons-redeem"),  # a problem, not a thank-you
        ("hi, refund please", "refunds"),
        # more than a reply to the thanks, though no question mark says so
        ("thanks for the help yesterday! one more thing, if I cancel our paid plan before the month is over "
         "what exactly do I get billed", "cancel-plan"),
    ],
)
def test_questions_and_problems_next_to_thanks_are_matched(matcher: Matcher, text: str, entry_id: str) -> None:
    trace = matcher.trace(text)
    assert not trace.social and not trace.result.small_talk
    assert answered(trace.result) == entry_id


@pytest.mark.parametrize(
    ("text", "social"),
    [
        ("wonderful, thanks", True),
        ("wondering about refunds", False),       # not "wonderful": social phrases match word for word
        ("noted", True),
        ("a note about our refund", False),
        ("excellent", True),
        ("export to excel", False),
    ],
)
def test_social_words_match_whole_words_not_stems(analyzer: Analyzer, text: str, social: bool) -> None:
    assert is_social(read_clauses(text, analyzer)) is social


def test_acknowledgement_words_still_count_for_matching(analyzer: Analyzer) -> None:
    (clause,) = read_clauses("was our refund received?", analyzer)
    assert clause.analysis.acknowledgements == 1
    assert clause.analysis.terms == ("refund", "receiv")
    assert not is_social([clause])
