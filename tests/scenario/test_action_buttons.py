"""A suggested action: button, preview with confirmation, one run however often it is pressed."""

import threading

from tests.scenario.conftest import SAGE_MEMBER, SAGE_OWNER, SUPPORT_CHANNEL
from tests.scenario.slack_requests import block_action, click, message, next_ts

DELETION_QUESTION = "can I still undo the deletion of my workspace?"


def pending_requests(harness) -> int:
    return harness.rows(
        "SELECT count(*) FROM deletion_requests WHERE workspace_id = (SELECT id FROM workspaces WHERE slug = ?)"
        " AND revoked_at IS NULL", "sage-deletion-pending")[0][0]


def offered_revoke(harness, user=SAGE_OWNER):
    ts = next_ts()
    harness.slack.event(message(DELETION_QUESTION, ts=ts, user=user))
    [personal] = harness.web.wait_for_call("chat.postEphemeral", thread_ts=ts, user=user)
    [revoke] = personal.buttons()
    return ts, revoke


def previewed(harness, ts, revoke, user=SAGE_OWNER):
    before = len(harness.web.calls("chat.postEphemeral", thread_ts=ts, user=user))
    harness.slack.interaction(click(revoke, user=user, channel=SUPPORT_CHANNEL, thread_ts=ts, ephemeral=True,
                                    response_url=harness.response_url("personal")))
    return harness.web.wait_for_call("chat.postEphemeral", count=before + 1, thread_ts=ts, user=user)[-1]


def test_revoke_deletion_asks_for_confirmation_then_runs_and_reports_in_the_thread(harness):
    assert pending_requests(harness) == 1
    ts, revoke = offered_revoke(harness)
    preview = previewed(harness, ts, revoke)

    confirm, cancel = preview.buttons()
    assert confirm["text"]["text"] == "Confirm" and cancel["text"]["text"] == "Cancel"
    assert confirm["confirm"]["title"]["text"]  # Slack shows a confirmation dialog first
    assert pending_requests(harness) == 1  # nothing changed by the preview

    harness.slack.interaction(click(confirm, user=SAGE_OWNER, channel=SUPPORT_CHANNEL, ephemeral=True,
                                    response_url=harness.response_url("preview")))
    [result] = harness.web.wait_for_call("response_url", path="/response/preview")
    assert result["replace_original"] is True
    assert "Sage Studio" in result.all_text or "revoked" in result.all_text.lower()
    [public] = harness.web.wait_for_call("chat.postMessage", count=2, thread_ts=ts)[1:]
    assert f"<@{SAGE_OWNER}>" in public.text and "done" in public.text
    assert "Sage Studio" not in public.text  # the account details stay private
    assert pending_requests(harness) == 0
    audit = harness.rows("SELECT phase, status FROM action_audit WHERE action = 'revoke-deletion' ORDER BY id")
    assert ("run", "done") in audit


def test_double_click_and_redelivery_run_the_action_once(harness):
    ts, revoke = offered_revoke(harness)
    confirm, _ = previewed(harness, ts, revoke).buttons()

    clicks = [click(confirm, user=SAGE_OWNER, channel=SUPPORT_CHANNEL, ephemeral=True,
                    response_url=harness.response_url(f"confirm-{i}")) for i in range(3)]
    clicks.append(dict(clicks[0]))  # the same payload delivered again
    threads = [threading.Thread(target=harness.slack.interaction, args=(payload,)) for payload in clicks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    harness.web.wait_for_call("response_url", count=3)
    harness.web.settle()
    public = harness.web.calls("chat.postMessage", thread_ts=ts)
    assert len(public) == 2  # the answer and one result
    runs = harness.rows("SELECT count(*) FROM action_audit WHERE action = 'revoke-deletion' AND phase = 'run'")
    assert runs == [(1,)]
    assert pending_requests(harness) == 0


def test_cancel_changes_nothing(harness):
    ts, revoke = offered_revoke(harness)
    _, cancel = previewed(harness, ts, revoke).buttons()
    harness.slack.interaction(click(cancel, user=SAGE_OWNER, channel=SUPPORT_CHANNEL, ephemeral=True,
                                    response_url=harness.response_url("cancel")))
    [reply] = harness.web.wait_for_call("response_url", path="/response/cancel")
    assert reply["replace_original"] is True
    assert pending_requests(harness) == 1


def test_a_member_pressing_the_owners_button_is_refused_by_the_actions_layer(harness):
    ts, revoke = offered_revoke(harness)
    preview = previewed(harness, ts, revoke, user=SAGE_MEMBER)
    assert preview.buttons() == []  # refused: no confirm button
    assert preview["user"] == SAGE_MEMBER
    assert pending_requests(harness) == 1
    refused = harness.rows("SELECT status FROM action_audit WHERE action = 'revoke-deletion' AND phase = 'preview'")
    assert ("refused",) in refused


def test_a_confirm_button_with_a_tampered_value_runs_nothing(harness):
    payload = block_action(action_id="supportbot.confirm_action", value='{"action": "revoke-deletion"}',
                           user=SAGE_OWNER, channel=SUPPORT_CHANNEL, ephemeral=True,
                           response_url=harness.response_url("tampered"))
    assert harness.slack.interaction(payload).status_code == 200
    harness.web.settle()
    assert harness.web.calls() == [c for c in harness.web.calls() if c.method == "auth.test"]
    assert pending_requests(harness) == 1
