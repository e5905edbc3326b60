"""``/support`` for agents (by id or by user group), and a polite no for everyone else."""

import pytest

from tests.scenario.conftest import (
    AGENT,
    AGENTS_CHANNEL,
    GROUP_AGENT,
    SAGE_OWNER,
    STRANGER,
    clarifying_question,
)
from tests.scenario.slack_requests import click, message, next_ts, slash

_names = iter(range(10_000))


def run(harness, text, user=AGENT):
    name = f"cmd-{next(_names)}"
    response = harness.slack.command(slash(text, user=user, response_url=harness.response_url(name)))
    assert response.status_code == 200
    [reply] = harness.web.wait_for_call("response_url", path=f"/response/{name}")
    return reply


def test_non_agents_are_refused_politely_and_privately(harness):
    reply = run(harness, "lookup sage-deletion-pending", user=STRANGER)
    assert reply["response_type"] == "ephemeral"
    assert "only for the support team" in reply.text
    assert "Sage Studio" not in reply.all_text
    # nothing was looked up, and the refusal itself is on the audit trail
    assert harness.rows("SELECT phase, actor, action, status, reason FROM action_audit") == [
        ("denied", f"slack:{STRANGER}", "/support lookup", "refused", "not-an-agent"),
    ]


def test_members_of_the_agents_group_are_agents(harness):
    reply = run(harness, "help", user=GROUP_AGENT)
    assert "/support lookup" in reply.all_text
    assert harness.web.calls("usergroups.users.list", usergroup="S0AGENTS01")


@pytest.mark.parametrize("text", ["help", "", "frobnicate everything"])
def test_help_and_unknown_subcommands_show_the_help(harness, text):
    reply = run(harness, text)
    assert reply["response_type"] == "ephemeral"
    for sub in ("lookup", "ask", "action", "kb", "stats", "help"):
        assert f"/support {sub}" in reply.all_text
    assert "revoke-deletion" in reply.all_text


def test_lookup_shows_the_workspace_facts_and_is_audited(harness):
    reply = run(harness, "lookup sage-deletion-pending")
    assert reply["response_type"] == "ephemeral"
    assert "sage-deletion-pending" in reply.all_text
    audited = harness.rows("SELECT DISTINCT actor, workspace, phase FROM action_audit")
    assert audited and all(row == (f"slack:{AGENT}", "sage-deletion-pending", "preview") for row in audited)
    assert len(harness.rows("SELECT DISTINCT action FROM action_audit")) >= 3


def test_lookup_of_an_unknown_workspace_says_so_once(harness):
    reply = run(harness, "lookup no-such-workspace")
    assert "no-such-workspace" in reply.text
    assert reply.text.count("no-such-workspace") == 2  # the heading and one refusal, not one per check


def test_lookup_needs_a_workspace(harness):
    assert "Usage: `/support lookup WORKSPACE`" in run(harness, "lookup").text


def test_ask_previews_the_answer_without_posting_it(harness):
    reply = run(harness, "ask do you offer <!channel> refunds?")
    assert "answer" in reply.all_text
    assert "refund" in reply.all_text.lower()
    assert "&lt;!channel&gt;" in reply.all_text and "<!channel>" not in reply.all_text
    assert reply.buttons() == []
    assert harness.web.calls("chat.postMessage") == []
    assert harness.rows("SELECT count(*) FROM slack_turns") == [(0,)]


def test_action_previews_then_the_confirm_button_runs_it(harness):
    reply = run(harness, "action revoke-deletion sage-deletion-pending")
    confirm, cancel = reply.buttons()
    assert confirm["text"]["text"] == "Confirm"

    harness.slack.interaction(click(confirm, user=AGENT, channel=AGENTS_CHANNEL, ephemeral=True,
                                    response_url=harness.response_url("agent-confirm")))
    [result] = harness.web.wait_for_call("response_url", path="/response/agent-confirm")
    assert result["replace_original"] is True
    revoked = harness.rows("SELECT count(*) FROM deletion_requests WHERE revoked_at IS NOT NULL"
                           " AND workspace_id = (SELECT id FROM workspaces WHERE slug = 'sage-deletion-pending')")
    assert revoked == [(2,)]  # the earlier revoked request and this one
    assert harness.rows("SELECT actor, role, status FROM action_audit WHERE phase = 'run'") == [
        (f"slack:{AGENT}", "agent", "done")]
    harness.web.settle()
    assert harness.web.calls("chat.postMessage") == []  # no thread: the result stays with the agent


def test_action_with_bad_arguments_says_what_is_wrong(harness):
    reply = run(harness, "action transfer-precheck vega-us-main colour=blue")
    assert "colour" in reply.text
    reply = run(harness, "action no-such-action sage-deletion-pending")
    assert "no-such-action" in reply.text
    assert "Usage" in run(harness, "action revoke-deletion").text


def test_kb_search_lists_matching_entries(harness):
    reply = run(harness, "kb refund")
    assert "`refunds`" in reply.all_text
    reply = run(harness, "kb coupons-expire")  # an entry id shows that entry
    assert "coupon" in reply.all_text.lower()


def test_stats_count_answers_clarifications_escalations_and_votes(harness):
    for text in ("do you offer refunds?", clarifying_question(harness), "how do I install analytics.js on my site"):
        ts = next_ts()
        harness.slack.event(message(text, ts=ts, user=SAGE_OWNER))
        harness.web.wait_for_call("chat.postMessage", thread_ts=ts)
    reply = run(harness, "stats 7")
    text = reply.all_text
    assert "3 questions" in text
    assert "answered: 1 (33%)" in text
    assert "clarified: 1 (33%)" in text
    assert "escalated: 1 (33%)" in text
    assert "Usage" in run(harness, "stats forever").text


def test_an_unknown_action_is_named_in_the_bots_own_words(harness):
    reply = run(harness, "action frobnicate sage-deletion-pending")
    assert reply["response_type"] == "ephemeral"
    assert "There is no action called `frobnicate`" in reply.text
    assert "revoke-deletion" in reply.text


def test_arguments_that_do_not_fit_name_the_argument_not_the_exception(harness):
    reply = run(harness, "action transfer-precheck vega-us-main")
    assert "check `" in reply.text
    assert "validation error" not in reply.text.lower() and "Field required" not in reply.text


def test_a_name_longer_than_any_real_one_gets_the_usage_not_silence(harness):
    reply = run(harness, "action revoke-deletion " + "x" * 200)
    assert "Usage: `/support action NAME WORKSPACE" in reply.text


def test_a_request_too_long_for_a_button_says_so(harness):
    reply = run(harness, "action escalate sage-deletion-pending question=" + "why" * 800)
    assert "too long to confirm with a button" in reply.text
