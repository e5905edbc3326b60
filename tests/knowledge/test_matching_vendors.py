"""Other companies' tools: a message about one is off-topic, one that compares with it is not."""

from pathlib import Path

import pytest

from knowledge.errors import ContentError
from knowledge.matching import Matcher, Vocabulary, load_vocabulary
from knowledge.matching.analyzer import Analyzer
from knowledge.matching.clauses import read_clauses
from knowledge.matching.comparisons import set_aside_compared_vendors
from tests.knowledge.answers import answered

VOCABULARY = Vocabulary(
    off_topic=("debugger",),
    vendors=("amplitude", "stripe", "zendesk"),
    vendor_frames=("like {tool}", "{tool} billed", "{tool} integration"),
    stop_words=("a", "the", "we", "us", "our", "my", "do", "you", "does", "how", "is", "it", "can", "and", "use"),
)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(VOCABULARY)


def test_a_vendor_is_an_off_topic_subject_and_known_as_a_vendor(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze("cancel my Amplitude subscription")
    assert analysis.off_topic == ("amplitude",)
    assert analysis.vendors == ("amplitude",)
    assert analyzer.analyze("the debugger is empty").vendors == ()


@pytest.mark.parametrize(
    "text", ["a free trial, like Amplitude", "the way most Stripe-billed tools do", "add the Zendesk integration"]
)
def test_a_vendor_in_a_frame_is_set_aside(analyzer: Analyzer, text: str) -> None:
    analysis = analyzer.analyze(text)
    assert analysis.off_topic == () and analysis.vendors == ()
    assert not {"amplitud", "stripe", "zendesk", "integr", "bill"} & set(analysis.terms)


def test_a_frame_takes_the_possessive_and_a_list_of_vendors(analyzer: Analyzer) -> None:
    assert analyzer.analyze("a trial like Zendesk's").off_topic == ()
    assert analyzer.analyze("tools like Stripe, Zendesk and Amplitude").off_topic == ()
    # the list ends at the first other word
    assert analyzer.analyze("like Stripe we use Zendesk").off_topic == ("zendesk",)
    assert analyzer.analyze("like Stripe, debugger").off_topic == ("debugger",)


def test_frames_match_word_for_word(analyzer: Analyzer) -> None:
    # "billed" frames a comparison; "billing" is the vendor's own bill
    assert analyzer.analyze("help with my Stripe billing").off_topic == ("stripe",)


@pytest.mark.parametrize("frame", ["{tool}", "like", "like {tool} or {tool}", "  {tool}  "])
def test_a_frame_must_name_one_tool_beside_other_words(tmp_path: Path, frame: str) -> None:
    path = tmp_path / "vocabulary.yaml"
    path.write_text(f"vendor_frames: ['{frame}']\n", encoding="utf-8")
    with pytest.raises(ContentError, match="tool") as caught:
        load_vocabulary(path)
    assert caught.value.field == "vendor_frames"


def _off_topic(analyzer: Analyzer, text: str) -> list[tuple[str, ...]]:
    return [clause.analysis.off_topic for clause in set_aside_compared_vendors(read_clauses(text, analyzer))]


def test_a_vendor_in_the_story_of_a_question_about_us_is_a_comparison(analyzer: Analyzer) -> None:
    text = "Zendesk charged us the full period. how does Segment handle it?"
    assert _off_topic(analyzer, text) == [(), ()]


@pytest.mark.parametrize(
    "text",
    [
        "Amplitude charged us twice. can you refund it?",         # "you" is who is asked, not the other side
        "is Segment cheaper than Amplitude?",                     # the vendor is in the question itself
        "Amplitude debugger shows nothing. is Segment down?",     # the story names more than a vendor
        "Zendesk charged us the full period.",                    # no question at all
    ],
)
def test_a_vendor_stays_off_topic_when_the_message_is_about_it(analyzer: Analyzer, text: str) -> None:
    assert any(_off_topic(analyzer, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Do you have a free trial on the paid plans? we'd like to try before buying, like Amplitude lets you",
         "free-trial-paid-plans"),
        ("does Segment do refunds? like a partial credit back to the card, the way most Stripe-billed tools do",
         "refunds"),
        ("legacy API plan here, the Salesforce integration is greyed out. what do we do?",
         "legacy-api-plan-integrations"),
        ("Mailchimp only gives promo codes to new accounts. same with segment?", "coupons-new-customer"),
        ("AWS closes the account and it's gone after 90 days. how does segment handle deleting a workspace",
         "delete-workspace"),
        ("are there discounts on other tools (like Mixpanel, Amplitude, etc.) as part of your startup deal?",
         "startup-partner-deals"),
        ("the legacy API plan won't let us enable Intercom, why?", "legacy-api-plan-integrations"),
        ("we can't turn on Mixpanel, we're on the old API plan", "legacy-api-plan-integrations"),
    ],
)
def test_comparisons_with_other_tools_are_answered(matcher: Matcher, text: str, expected: str) -> None:
    assert answered(matcher.match(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "how do I cancel my Mailchimp subscription",
        "Amplitude charged us twice. Can you refund it?",
        "Can you help me with my Mixpanel billing? they charged double",
        "how do I add Amplitude as a destination for our web source?",
        "does segment have a hubspot integration",
    ],
)
def test_questions_about_other_tools_are_handed_over(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).decision.value == "escalate"
