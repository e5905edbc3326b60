"""The matcher on a small knowledge base of its own (tests/data/kb_small): synonyms, typos,
decisions, and bad input that must still get a decision."""

from pathlib import Path

import pytest

from knowledge.base import KnowledgeBase
from knowledge.loader import load_knowledge_base
from knowledge.matching import Decision, Matcher, MatcherConfig, Vocabulary, load_vocabulary
from knowledge.matching.agreement import Reading, disputed
from knowledge.matching.decision import decide
from knowledge.matching.index import MatchIndex
from knowledge.matching.typos import TypoCorrector
from tests.knowledge.answers import answered

SMALL_KB = Path(__file__).resolve().parent.parent / "data" / "kb_small"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base(SMALL_KB)


@pytest.fixture(scope="module")
def matcher(kb: KnowledgeBase) -> Matcher:
    return Matcher(kb)


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [
        ("Do you offer refunds?", "refunds"),
        ("How do I delete my workspace entirely?", "delete-workspace"),
        ("what happens after the team trial is over", "trial-ends"),
        ("cancelling our plan mid month, what is the final bill", "cancel-plan"),
    ],
)
def test_clear_questions_are_answered(matcher: Matcher, text: str, entry_id: str) -> None:
    result = matcher.match(text)
    assert result.decision is Decision.ANSWER
    assert answered(result) == entry_id
    assert result.confidence >= matcher.config.answer_threshold


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [
        ("can i get my money back", "refunds"),         # "money back" -> refund
        ("our NPO wants a discount", "coupons-non-profits"),  # "NPO" -> non-profit
        ("we are a charity, any special pricing?", "coupons-non-profits"),
        ("i have a promo code", "coupons-redeem"),      # "promo code" -> coupon
        ("how do i nuke our workspace", "delete-workspace"),  # "nuke" -> delete
        ("shutting down the workspace for good", "delete-workspace"),  # stems before phrases
    ],
)
def test_domain_vocabulary_maps_customer_words(matcher: Matcher, text: str, entry_id: str) -> None:
    assert answered(matcher.match(text)) == entry_id


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [
        ("gonna cancle our plan mid month", "cancel-plan"),
        ("how do i delete my workspce", "delete-workspace"),
        ("refnd please", "refunds"),
    ],
)
def test_typos_are_tolerated(matcher: Matcher, text: str, entry_id: str) -> None:
    assert answered(matcher.match(text)) == entry_id


def test_a_negated_word_does_not_count(matcher: Matcher) -> None:
    assert answered(matcher.match("delete my login, not the workspace")) == "delete-account"


@pytest.mark.parametrize(
    "text",
    [
        "how do i install analytics.js on my site",
        "how do I reset my password",
        "can you configure SSO with okta",
        "hi there",
        "thanks!!",
        "good morning team :sunny:",
        "asdfgh jkl qwerty",
        "what's the weather in paris",
    ],
)
def test_off_topic_small_talk_and_gibberish_escalate(matcher: Matcher, text: str) -> None:
    result = matcher.match(text)
    assert result.decision is Decision.ESCALATE
    assert result.entry is None


def test_close_candidates_are_offered_instead_of_answered(kb: KnowledgeBase) -> None:
    # Two entries nearly tied: with a strict answer threshold the matcher offers both.
    strict = Matcher(kb, config=MatcherConfig(answer_threshold=0.95, clarify_threshold=0.5, clarify_share=0.1))
    result = strict.match("delete my account or my workspace?")
    assert result.decision is Decision.CLARIFY
    assert {c.entry.id for c in result.choices} == {"delete-account", "delete-workspace"}
    assert result.entry is None


def test_candidates_are_ranked_with_confidences_in_range(matcher: Matcher) -> None:
    result = matcher.match("what does the team trial include and what happens when it ends")
    confidences = [c.confidence for c in result.candidates]
    assert confidences == sorted(confidences, reverse=True)
    assert all(0.0 <= c <= 1.0 for c in confidences)
    assert sum(confidences) <= 1.0 + 1e-6
    assert {c.entry.id for c in result.candidates[:2]} == {"trial-what", "trial-ends"}
    assert len(result.candidates) <= matcher.config.max_candidates


def test_the_result_carries_the_normalised_text(matcher: Matcher) -> None:
    assert matcher.match("<@U1> Refund &amp; stuff :pray:").text == "refund & stuff"


BAD_INPUT = [
    "",
    "   \n\t  ",
    "x" * 40_000,
    "refund " * 6_000,
    ":smile: :tada: :+1:",
    "\x00\x01\x02\x07\x1b[31m",
    "привет мир 你好 مرحبا refund?",
    "<@U1> <#C2|general> <!here> <https://example.com>",
    "😀" * 500,
    "?!?!?!?!",
    "a" * 100 + " " + "b" * 100,
    "refund?\n" * 10_000,
    "a. " * 10_000,
    ":smile:\n" * 10_000,
]


@pytest.mark.parametrize("text", BAD_INPUT, ids=range(len(BAD_INPUT)))
def test_bad_input_gets_a_decision_not_an_exception(matcher: Matcher, text: str) -> None:
    result = matcher.match(text)
    assert result.decision in set(Decision)
    assert len(result.text) <= 2_000


@pytest.mark.parametrize("text", ["", "   ", ":smile:", "\x00\x07", "<@U1> <!here>", "😀😀"])
def test_input_with_nothing_to_match_escalates(matcher: Matcher, text: str) -> None:
    result = matcher.match(text)
    assert result.decision is Decision.ESCALATE
    assert result.candidates == ()


def test_matcher_takes_plain_entries_and_a_custom_vocabulary(kb: KnowledgeBase) -> None:
    vocabulary = Vocabulary(synonyms={"refund": ("moolah returned",)})
    matcher = Matcher(kb.entries, vocabulary=vocabulary)
    assert answered(matcher.match("can I have my moolah returned")) == "refunds"
    assert answered(Matcher(kb).match("can I have my moolah returned")) is None


def test_an_entry_whose_question_is_all_stop_words_is_still_ranked(kb: KnowledgeBase) -> None:
    """Its question and phrasings give it nothing to compare by similarity; its keywords still count,
    and the entries beside it keep their similarity scores."""
    first = next(entry for entry in kb.entries if entry.id != "refunds" and entry.keywords)
    bare = first.model_copy(update={"question": "Is it so?", "phrasings": ()})
    entries = [*(entry for entry in kb.entries if entry is not first), bare]  # last of the kept ones
    matcher = Matcher(entries)
    for keyword in bare.keywords:
        result = matcher.match(f"{keyword} {keyword}?")
        assert result.decision in set(Decision)
    assert answered(matcher.match("Do you offer refunds?")) == answered(Matcher(kb).match("Do you offer refunds?"))


def test_out_of_scope_examples_turn_a_near_miss_away(kb: KnowledgeBase) -> None:
    base = load_vocabulary()
    plain = Vocabulary(synonyms=base.synonyms, stop_words=base.stop_words, small_talk=base.small_talk)
    guarded = plain.model_copy(update={"out_of_scope_examples": ("update the card we pay with",)})
    text = "how can we update the card we pay our charges with"
    assert Matcher(kb, vocabulary=plain).match(text).confidence > Matcher(kb, vocabulary=guarded).match(text).confidence
    assert Matcher(kb, vocabulary=guarded).match(text).decision is Decision.ESCALATE


def test_an_empty_knowledge_base_escalates_everything() -> None:
    result = Matcher([]).match("Do you offer refunds?")
    assert result.decision is Decision.ESCALATE
    assert result.candidates == ()


def test_thresholds_must_be_ordered() -> None:
    with pytest.raises(ValueError, match="clarify_threshold"):
        MatcherConfig(answer_threshold=0.4, clarify_threshold=0.6)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("cancle", "cancel"),          # swapped letters: one edit
        ("workspce", "workspace"),
        ("subscripton", "subscription"),
        ("worksapces", "workspaces"),
        ("cancel", "cancel"),          # a known word maps to itself
        ("center", None),              # one edit from "enter", but a different first letter
        ("refnd", "refund"),
        ("pdf", None),                 # too short to correct
        ("zzzzzzzz", None),
        ("refundd", "refund"),         # a letter typed twice
        ("coupin", "coupon"),          # i is next to o on the keyboard
        ("chance", None),              # a real word one edit from "change": g is nowhere near c
        ("reply", None),               # nor is a near "repay"
        ("county", None),              # a letter too many that is neither doubled nor a vowel
        ("useage", "usage"),           # a vowel too many
        ("segmant", "segment"),        # spelt by ear: a vowel for another
        ("custumer", "customer"),
        ("cansel", "cancel"),          # s for c
        ("univercity", "university"),  # c for s
        ("cancol", "cancel"),          # o for e: a vowel, though not a neighbouring key
        ("cantel", None),              # t for c is neither a neighbouring key nor a sound
    ],
)
def test_typo_corrector(word: str, expected: str | None) -> None:
    corrector = TypoCorrector(
        ["cancel", "workspace", "workspaces", "subscription", "enter", "refund", "coupon", "change", "repay", "thank",
         "count", "usage", "segment", "customer", "university"]
    )
    assert corrector.correct(word, by_ear=True) == expected


def test_spelling_by_ear_is_read_only_when_asked() -> None:
    corrector = TypoCorrector(["segment", "usage", "thank"])
    assert corrector.correct("segmant") is None and corrector.correct("useage") is None
    assert corrector.correct("segmant", by_ear=True) == "segment"
    # By ear, "think" could be "thank": the analyzer reads everyday English by hand only.
    assert corrector.correct("think", by_ear=True) == "thank"
    assert corrector.correct("think") is None


def test_the_typo_corrector_can_start_at_shorter_words() -> None:
    assert TypoCorrector(["money"]).correct("mony") is None  # five letters by default
    assert TypoCorrector(["money"], min_length=4).correct("mony") == "money"


def test_a_long_story_does_not_drown_the_question(matcher: Matcher) -> None:
    text = ("we had a big reorg this spring: new finance lead, new procurement rules, a tooling review every "
            "quarter, and a hiring freeze across engineering and marketing. is there a refund for the unused months?")
    trace = matcher.trace(text)
    whole = next(r for r in trace.rankings if r.view.name == "whole")
    assert trace.chosen is not None and trace.chosen.view.name == "question"
    assert trace.chosen.top > whole.top   # the story's words weigh the whole message down
    assert answered(trace.result) == "refunds"


def test_a_question_in_a_story_is_answered_across_lines(matcher: Matcher) -> None:
    text = ("Hi! I run analytics for a small agency with eight brands.\n"
            "One brand was sold last quarter and its tracking is gone.\n"
            "How do I delete their workspace entirely?")
    result = matcher.match(text)
    assert answered(result) == "delete-workspace"
    assert result.text.startswith("hi! i run analytics")  # the lines, joined as one text


def test_a_bare_question_takes_its_subject_from_the_story(matcher: Matcher) -> None:
    trace = matcher.trace("our team trial is over on friday. what then?")
    assert [clause.is_question for clause in trace.clauses] == [False, False]
    assert answered(trace.result) == "trial-ends"


def test_a_question_of_everyday_words_asks_about_the_story(kb: KnowledgeBase) -> None:
    # Read as a question of its own, "side effects" would be something no entry speaks of.
    text = "we cancelled our paid plan in the middle of the month. any side effects?"
    assert answered(Matcher(kb).match(text)) == "cancel-plan"
    # A rare word makes the clause a question of its own: the story does not answer it.
    assert Matcher(kb).match("we cancelled our paid plan mid month. any s3 syncs?").decision is Decision.ESCALATE


def test_the_story_alone_does_not_answer_another_question(kb: KnowledgeBase) -> None:
    text = ("We're a registered charity and already get your discount, thank you! "
            "Separate question: can we stream our event data to S3 every night?")
    # "S3" is a salient unknown too (see test_matching_salience): switch both off to see the story match
    blind = MatcherConfig(question_coverage=0.0, salient_share=0.0)
    assert Matcher(kb, config=blind).match(text).decision is Decision.ANSWER
    result = Matcher(kb).match(text)
    assert result.decision is Decision.ESCALATE  # the charity discount says nothing about exports


def test_an_off_topic_subject_in_the_story_counts_less_than_in_the_question(matcher: Matcher) -> None:
    in_story = matcher.match("we set up sso with okta last year and love it. can I get a refund for last month?")
    in_question = matcher.match("we got a refund last month. how do I set up sso with okta?")
    assert answered(in_story) == "refunds"
    assert in_question.decision is Decision.ESCALATE


def test_two_readings_that_disagree_are_offered_not_answered(kb: KnowledgeBase) -> None:
    # Read for its question alone this asks about cancelling; read whole, about the charity
    # discount. Neither reading is trusted alone: both are offered, best first.
    text = "we are a non-profit charity. how do I cancel our plan?"
    result = Matcher(kb).match(text)
    assert result.decision is Decision.CLARIFY
    assert {choice.entry.id for choice in result.choices} == {"coupons-non-profits", "cancel-plan"}
    confidences = [candidate.confidence for candidate in result.candidates]
    assert confidences == sorted(confidences, reverse=True)
    trusting = Matcher(kb, config=MatcherConfig(rival_reading_confidence=1.0))
    assert answered(trusting.match(text)) == "cancel-plan"


@pytest.mark.parametrize(
    ("confidences", "decision"),
    [
        ([0.55, 0.40], Decision.CLARIFY),   # the runner-up is over 0.7 of the top: a coin toss
        ([0.55, 0.30], Decision.ANSWER),
        ([0.90], Decision.ANSWER),
        ([0.45, 0.10], Decision.ESCALATE),
    ],
)
def test_a_runner_up_nearly_as_likely_as_the_top_blocks_an_answer(
    confidences: list[float], decision: Decision
) -> None:
    assert decide(confidences, MatcherConfig()).decision is decision


@pytest.mark.parametrize(
    ("confidences", "siblings", "decision"),
    [
        ([0.60, 0.36], True, Decision.CLARIFY),   # 60% of the top's confidence: enough for a sibling
        ([0.60, 0.36], False, Decision.ANSWER),   # not for an entry of another subject
        ([0.60, 0.30], True, Decision.ANSWER),
    ],
)
def test_a_sibling_runner_up_needs_less_to_be_offered(
    confidences: list[float], siblings: bool, decision: Decision
) -> None:
    assert decide(confidences, MatcherConfig(), sibling_runner_up=siblings).decision is decision


def test_siblings_are_entries_of_one_category_or_naming_each_other() -> None:
    entries = load_knowledge_base().entries
    index = MatchIndex(entries, load_vocabulary(), MatcherConfig())
    position = {entry.id: number for number, entry in enumerate(entries)}
    assert index.related(position["team-trial-ends"], position["team-trial-how-to-get"])  # one category
    assert index.related(position["tax-exemption-qualify"], position["coupons-non-profits"])  # named as related
    assert not index.related(position["delete-account"], position["coupons-redeem"])


@pytest.mark.parametrize(
    ("whole_confidence", "siblings", "expected"),
    [(0.40, True, True), (0.40, False, False), (0.65, False, True), (0.90, True, False)],
)
def test_a_sibling_reading_of_the_whole_message_needs_less_to_be_doubted(
    whole_confidence: float, siblings: bool, expected: bool
) -> None:
    focused = Reading(entry=1, confidence=0.9)
    whole = Reading(entry=1 if whole_confidence == 0.90 else 2, confidence=whole_confidence)
    assert disputed(focused, whole, 0.6, siblings=siblings, sibling_confidence=0.35) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A workspace deletion stays pending for days: "undo" then means revoke, and answering
        # "deleted workspaces cannot be recovered" would send away someone who still can.
        ("can i still undo deleting my workspace?", "delete-workspace"),
        ("how do I undo deleting a source?", "recover-deleted-source-or-workspace"),
    ],
)
def test_undo_is_told_apart_by_what_was_deleted(shipped_matcher: Matcher, text: str, expected: str) -> None:
    result = shipped_matcher.match(text)
    assert answered(result) == expected, result.candidates[:2]
