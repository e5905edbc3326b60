"""A message that only asks for a person, or chases its thread, is handed over unmatched."""

import pytest
from pydantic import ValidationError

from knowledge.loader import load_knowledge_base
from knowledge.matching import Decision, Matcher, Vocabulary
from tests.knowledge.answers import answered


@pytest.mark.parametrize(
    "text",
    ["can I talk to a human?", "I'd like a person", "can someone from support help me", "get me a human please",
     "speak to customer service", "escalate this please", "any update??", "bumping this",
     "hello? anyone there?", "Hi team, any update on ticket #48213?", "<@U0AGENT1> still waiting on this :eyes:",
     "could you connect me to a live agent asap"],
)
def test_asking_only_for_a_person_hands_over_at_once(matcher: Matcher, text: str) -> None:
    result = matcher.match(text)
    assert result.wants_person and not result.small_talk
    assert result.decision is Decision.ESCALATE and result.candidates == ()


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [("any update on my refund? do you offer refunds at all", "refunds"),
     ("can a person explain how I redeem a coupon code?", "coupons-redeem"),
     ("can someone tell me if you offer refunds", "refunds")],
)
def test_a_request_that_also_asks_something_is_matched_as_usual(matcher: Matcher, text: str, entry_id: str) -> None:
    result = matcher.match(text)
    assert not result.wants_person
    assert answered(result) == entry_id


@pytest.mark.parametrize("text", ["are you a bot?", "thanks!", "can someone help", "talk to a human about SSO setup"])
def test_small_talk_a_bare_plea_and_off_topic_requests_are_not_person_requests(matcher: Matcher, text: str) -> None:
    assert not matcher.match(text).wants_person


def test_the_request_needs_a_person_not_just_request_words() -> None:
    vocabulary = Vocabulary(person_requests=("a human",), request_words=("talk",), stop_words=("to", "i", "can"))
    matcher = Matcher(load_knowledge_base(), vocabulary=vocabulary)
    assert matcher.match("can I talk to a human").wants_person
    assert not matcher.match("can I talk").wants_person
    assert not matcher.match("can I talk to a human about refunds").wants_person


def test_request_words_are_single_words() -> None:
    with pytest.raises(ValidationError, match="'talk to' must be one word"):
        Vocabulary(request_words=("talk to",))
