"""Retries, duplicates, rate limits, a slow billing backend and failing posts."""

import logging
import threading

import pytest

from tests.scenario.conftest import SAGE_OWNER, SUPPORT_CHANNEL
from tests.scenario.slack_requests import message, next_ts


def test_slack_retries_of_one_event_get_one_reply(harness):
    ts = next_ts()
    envelope = message("do you offer refunds?", ts=ts)
    assert harness.slack.event(envelope).status_code == 200
    for retry in (1, 2, 3):
        assert harness.slack.event(envelope, retry_num=retry).status_code == 200
    harness.web.wait_for_call("chat.postMessage", thread_ts=ts)
    harness.web.settle()
    assert len(harness.web.calls("chat.postMessage", thread_ts=ts)) == 1


def deliver_at_once(envelope, senders) -> None:
    """The same delivery from every sender at the same moment, as Slack's retries can arrive."""
    threads = [threading.Thread(target=sender.event, args=(envelope,)) for sender in senders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def test_simultaneous_duplicate_deliveries_get_one_reply(harness):
    ts = next_ts()
    envelope = message("do you offer refunds?", ts=ts)
    deliver_at_once(envelope, [harness.slack] * 8)
    harness.web.wait_for_call("chat.postMessage", thread_ts=ts)
    harness.web.settle()
    assert len(harness.web.calls("chat.postMessage", thread_ts=ts)) == 1


def test_two_app_instances_on_one_database_reply_once(make_harness):
    first = make_harness()
    second = make_harness(db_path=first.db_path, web=first.web)
    ts = next_ts()
    envelope = message("do you offer refunds?", ts=ts)
    deliver_at_once(envelope, [first.slack, second.slack, first.slack, second.slack])
    first.web.wait_for_call("chat.postMessage", thread_ts=ts)
    first.web.settle()
    assert len(first.web.calls("chat.postMessage", thread_ts=ts)) == 1


def test_a_restart_remembers_what_was_answered(make_harness):
    first = make_harness()
    ts = next_ts()
    envelope = message("do you offer refunds?", ts=ts)
    first.slack.event(envelope)
    first.web.wait_for_call("chat.postMessage", thread_ts=ts)
    first.server.stop()

    restarted = make_harness(db_path=first.db_path, web=first.web)
    restarted.slack.event(envelope, retry_num=2)
    restarted.web.settle()
    assert len(restarted.web.calls("chat.postMessage", thread_ts=ts)) == 1


@pytest.mark.parametrize(
    "failure",
    [{"status": 429, "error": "ratelimited", "retry_after": 0}, {"drop": True}],
    ids=["rate-limited, retried after retry_after", "dropped connection"],
)
def test_a_failed_post_is_retried(harness, failure):
    harness.web.fail("chat.postMessage", **failure)
    ts = next_ts()
    harness.slack.event(message("do you offer refunds?", ts=ts))
    harness.web.wait_for(lambda _: any(not c.get("_failed") for c in harness.web.calls("chat.postMessage",
                                                                                        thread_ts=ts)))
    attempts = harness.web.calls("chat.postMessage", thread_ts=ts)
    assert [bool(c.get("_failed")) for c in attempts] == [True, False]


def test_a_reply_that_keeps_failing_is_logged_not_lost_silently(harness, caplog):
    caplog.set_level(logging.ERROR, logger="bot")
    harness.web.fail("chat.postMessage", times=10, status=429, error="ratelimited", retry_after=0)
    ts = next_ts()
    harness.slack.event(message("do you offer refunds?", ts=ts))
    harness.web.wait_for_call("chat.postMessage", count=3, thread_ts=ts)  # first try + 2 retries
    harness.web.settle()
    assert len(harness.web.calls("chat.postMessage", thread_ts=ts)) == 3
    failures = [r for r in caplog.records if "chat.postMessage" in r.getMessage()]
    assert failures and SUPPORT_CHANNEL in failures[0].getMessage()
    assert "ratelimited" in failures[0].getMessage()


def test_slow_billing_delays_only_the_personal_part(make_harness):
    harness = make_harness(slow_billing_s=1.0, billing_timeout=0.2)
    ts = next_ts()
    response = harness.slack.event(message("can I still undo the deletion of my workspace?", ts=ts, user=SAGE_OWNER))
    assert response.status_code == 200

    [public] = harness.web.wait_for_call("chat.postMessage", thread_ts=ts)
    assert "delet" in public.all_text.lower()
    [note] = harness.web.wait_for_call("chat.postEphemeral", thread_ts=ts)
    assert note["user"] == SAGE_OWNER
    assert "couldn't look up your workspace's account details" in note.text
    assert "Sage Studio" not in note.all_text
    calls = harness.web.calls()
    assert calls.index(public) < calls.index(note)


def test_an_unexpected_failure_gets_a_plain_apology_and_a_log_record(harness, caplog):
    caplog.set_level(logging.ERROR, logger="bot")
    harness.rows("DROP TABLE slack_feedback")
    harness.rows("DROP TABLE slack_turns")  # the turn cannot be recorded
    ts = next_ts()
    harness.slack.event(message("do you offer refunds?", ts=ts))
    [post] = harness.web.wait_for_call("chat.postMessage", thread_ts=ts)
    assert post.text == "Sorry, something went wrong on my side. Please try again in a moment."
    assert "slack_turns" not in post.all_text and "Error" not in post.all_text
    assert any(r.exc_info for r in caplog.records if "could not handle message" in r.getMessage())
