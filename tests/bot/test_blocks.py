import json

import pytest
from slack_sdk.models.blocks import Block

from actions.action_models import Outcome, OutcomeStatus, Preview, PreviewStatus
from actions.personal_part import PersonalPart, PersonalStatus, WorkspaceChoice
from bot import blocks
from bot.payloads import ActionId, ActionValue, ClarifyValue, TurnValue, WorkspaceValue
from bot.turn_log import Stats
from knowledge.loader import load_knowledge_base
from knowledge.matching.result import Candidate, Decision, MatchResult


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base()


def valid(message: blocks.SlackMessage) -> blocks.SlackMessage:
    """Parse the blocks with Slack's own SDK models, whose to_dict() checks Block Kit's limits."""
    parsed = Block.parse_all(list(message.blocks))
    assert [block.to_dict() for block in parsed] == list(message.blocks)
    return message


def buttons(message: blocks.SlackMessage) -> list[dict]:
    return [e for b in message.blocks if b["type"] == "actions" for e in b["elements"]]


def texts(message: blocks.SlackMessage) -> str:
    return json.dumps(message.blocks) + message.text


def test_answer_has_mrkdwn_source_and_feedback_buttons(kb):
    entry = kb.get("cancel-before-end-of-month")
    message = valid(blocks.answer(entry, turn_id="t1"))
    assert message.blocks[0]["text"]["type"] == "mrkdwn"
    assert message.blocks[0]["text"]["text"].startswith("*Cancellation on the monthly Team plan*")
    assert "<https://segment.com/pricing/|pricing page>" in texts(message)
    assert f"|{entry.sources[0].heading}>" in texts(message)
    helpful, not_helpful = buttons(message)
    assert (helpful["action_id"], not_helpful["action_id"]) == (ActionId.HELPFUL, ActionId.NOT_HELPFUL)
    assert TurnValue.decode(helpful["value"]) == TurnValue(turn="t1")
    assert "**" not in message.text


def test_answer_without_a_turn_has_no_buttons(kb):
    assert buttons(blocks.answer(kb.get("refunds"), turn_id=None)) == []


def test_every_answer_fits_block_kits_limits(kb):
    for entry in kb:
        message = valid(blocks.answer(entry, turn_id="t"))
        for block in message.blocks:
            if block["type"] == "section":
                assert len(block["text"]["text"]) <= blocks.SECTION_CHARS
        assert len(message.text) <= blocks.FALLBACK_CHARS


def test_long_text_is_split_into_sections():
    long = "\n\n".join("word " * 200 for _ in range(5))
    sections = blocks._sections(long)
    assert len(sections) > 1
    assert all(len(s["text"]["text"]) <= blocks.SECTION_CHARS for s in sections)


def test_clarify_buttons_carry_entry_ids_and_unique_action_ids(kb):
    entries = [kb.get("free-trial-paid-plans"), kb.get("team-trial-what"), kb.get("team-trial-how-to-get")]
    message = valid(blocks.clarify(entries, turn_id="t2"))
    found = buttons(message)
    assert [b["text"]["text"] for b in found] == [e.question for e in entries]
    assert len({b["action_id"] for b in found}) == 3
    assert all(ActionId.of(b["action_id"]) is ActionId.CLARIFY for b in found)
    assert [ClarifyValue.decode(b["value"]).entry for b in found] == [e.id for e in entries]


def test_personal_facts_are_escaped_and_offer_suggested_actions():
    part = PersonalPart(status=PersonalStatus.FACTS, workspace_slug="sage", workspace_name="Sage <!channel>",
                        lines=("Deletion requested & pending",), suggested_actions=("revoke-deletion",))
    message = valid(blocks.personal(part, turn_id="t3", channel="C1", thread_ts="1.2"))
    assert "<!channel>" not in texts(message)
    assert "Sage &lt;!channel&gt;" in message.text
    assert "• Deletion requested &amp; pending" in message.text
    [revoke] = buttons(message)
    assert revoke["text"]["text"] == "Revoke deletion"
    value = ActionValue.decode(revoke["value"])
    assert value == ActionValue(action="revoke-deletion", workspace="sage", channel="C1", thread_ts="1.2")


def test_personal_choice_of_workspaces():
    part = PersonalPart(status=PersonalStatus.CHOOSE_WORKSPACE,
                        choices=(WorkspaceChoice(slug="a", name="A Co"), WorkspaceChoice(slug="b", name="B Co")))
    found = buttons(valid(blocks.personal(part, turn_id="t4", channel="C1", thread_ts=None)))
    assert [WorkspaceValue.decode(b["value"]).slug for b in found] == ["a", "b"]


def test_personal_unavailable_is_a_plain_note_and_none_is_nothing():
    unavailable = blocks.personal(PersonalPart(status=PersonalStatus.UNAVAILABLE), turn_id="t", channel="C1",
                                  thread_ts=None)
    assert unavailable.blocks == () and unavailable.text
    assert blocks.personal(PersonalPart.none(), turn_id="t", channel="C1", thread_ts=None) is None


def test_agents_handover_quotes_the_question_escaped(kb):
    message = valid(blocks.agents_handover(
        question="<!channel> help\nplease", user="U1", channel="C1", thread_ts="1.2", workspace="acme",
        candidates=[kb.get("refunds")], permalink="https://example.slack.com/archives/C1/p12",
        answered=kb.get("refunds"),
    ))
    text = texts(message)
    assert "&gt; &lt;!channel&gt; help" in text
    assert "<!channel>" not in text
    assert "<@U1>" in text and "acme" in text and "`refunds`" in text
    assert "<https://example.slack.com/archives/C1/p12|" in text


def test_agents_handover_without_permalink_says_where(kb):
    message = blocks.agents_handover(question="q", user="U1", channel="C1", thread_ts="1.2", workspace=None,
                                     candidates=[], permalink=None)
    assert "1.2" in texts(message) and "none came close" in texts(message)


def test_preview_ready_has_confirm_with_dialog_and_cancel():
    preview = Preview(action="revoke-deletion", workspace="sage", status=PreviewStatus.READY,
                      summary="This will revoke the deletion of <b>Sage</b>.", needs_confirmation=True)
    value = ActionValue(action="revoke-deletion", workspace="sage", channel="C1", key="k1")
    message = valid(blocks.action_preview(preview, value))
    confirm, cancel = buttons(message)
    assert confirm["confirm"]["confirm"]["text"]
    assert ActionValue.decode(confirm["value"]).key == "k1"
    assert cancel["action_id"] == ActionId.CANCEL_ACTION
    assert "&lt;b&gt;Sage&lt;/b&gt;" in message.text


@pytest.mark.parametrize("status", [PreviewStatus.REFUSED, PreviewStatus.NOT_POSSIBLE, PreviewStatus.FAILED])
def test_preview_that_cannot_run_has_no_buttons(status):
    preview = Preview(action="revoke-deletion", workspace="sage", status=status, summary="No.")
    assert buttons(blocks.action_preview(preview, ActionValue(action="revoke-deletion", channel="C1"))) == []


def test_public_outcome_names_who_and_what_but_no_details():
    outcome = Outcome(action="revoke-deletion", workspace="sage", status=OutcomeStatus.DONE,
                      summary="Revoked the deletion of Sage Studio.", lines=("secret detail",))
    public = blocks.action_outcome_public(outcome, user="U9")
    assert public.text == "<@U9> asked me to *Revoke deletion*: done."
    private = blocks.action_outcome(outcome)
    assert "Sage Studio" in private.text and "secret detail" in private.text


def test_stats_rates():
    figures = Stats(days=7, turns=4, answered=2, clarified=1, escalated=1, handed_over=0, helpful=3, not_helpful=1)
    text = blocks.stats(figures).text
    assert "4 questions" in text and "answered: 2 (50%)" in text and "helpful: 3 (75%) (4 votes)" in text
    empty = blocks.stats(Stats(days=1, turns=0, answered=0, clarified=0, escalated=0, handed_over=0, helpful=0,
                               not_helpful=0)).text
    assert "answered: n/a" in empty


def test_ask_preview_shows_the_decision(kb):
    match = MatchResult(text="refunds", decision=Decision.ANSWER,
                        candidates=(Candidate(entry=kb.get("refunds"), confidence=0.9),))
    message = valid(blocks.ask_preview("refunds <b>", match))
    assert "answer" in texts(message) and "0.90" in texts(message)
    assert "refunds &lt;b&gt;" in texts(message)
    assert buttons(message) == []


def test_help_lists_actions():
    assert "`revoke-deletion`" in blocks.command_help(["revoke-deletion", "escalate"]).text


def test_button_values_fit_slacks_limit():
    with pytest.raises(ValueError):
        ActionValue(action="x", channel="C1", args={"a": "x" * 3000}).encode()
    assert ActionValue.decode("x" * 3000) is None
    assert ActionValue.decode(None) is None


def test_agent_replies_are_valid_block_kit(kb):
    match = MatchResult(text="trial", decision=Decision.CLARIFY, candidates=tuple(
        Candidate(entry=kb.get(e), confidence=0.5) for e in ("free-trial-paid-plans", "team-trial-what")))
    valid(blocks.ask_preview("trial", match))
    valid(blocks.kb_results("trial", match))
    valid(blocks.command_help(["revoke-deletion"]))
    valid(blocks.offer_human("t9"))
    valid(blocks.lookup("sage", [Preview(action="trial-status", workspace="sage", status=PreviewStatus.READY,
                                         summary="On a trial.", lines=("Ends today.",))]))


def test_bad_requests_are_worded_by_the_bot_never_by_the_exception():
    from actions.action_errors import InvalidArguments, KeyReused, UnknownAction
    from bot.blocks import bad_request

    secret_key = "k-3f9a-internal"
    reused = bad_request(KeyReused(secret_key))
    assert secret_key not in reused.model_dump_json()
    unknown = bad_request(UnknownAction("<!channel>", ["revoke-deletion"]))
    assert "<!channel>" not in unknown.model_dump_json() and "&lt;!channel&gt;" in unknown.model_dump_json()
    args = bad_request(InvalidArguments("x: Field required [type=missing]", fields=("source",)))
    assert "`source`" in args.model_dump_json() and "Field required" not in args.model_dump_json()
