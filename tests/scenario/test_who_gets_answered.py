"""The bot answers people, once per message, and leaves everything else alone."""

import pytest

from tests.scenario.conftest import GENERAL_CHANNEL, SUPPORT_CHANNEL
from tests.scenario.slack_requests import event, mention, message, next_ts
from tests.scenario.web_api import BOT_ID, BOT_USER_ID


def answered_threads(harness) -> list[str]:
    return [c["thread_ts"] for c in harness.web.calls("chat.postMessage")]


@pytest.mark.parametrize(
    "payload",
    [
        pytest.param(lambda: event("event_bot_message"), id="bot_message subtype"),
        pytest.param(lambda: event("event_app_bot_user_message"), id="app bot with a user id"),
        pytest.param(lambda: event("event_message_changed"), id="edit"),
        pytest.param(lambda: event("event_channel_join"), id="join"),
        pytest.param(lambda: message("do you offer refunds?", user=BOT_USER_ID, bot_id=BOT_ID), id="own message"),
        pytest.param(lambda: message("do you offer refunds?", subtype="channel_topic"), id="topic change"),
        pytest.param(lambda: message("do you offer refunds?", channel=GENERAL_CHANNEL), id="other channel"),
        pytest.param(lambda: message("do you offer refunds?", thread_ts="1700000000.000001",
                                     parent_user_id="U0CUST002"), id="reply in someone's thread"),
    ],
)
def test_ignored(harness, payload):
    response = harness.slack.event(payload())
    assert response.status_code == 200
    # A question everyone would answer, sent after: once it is answered, the ignored one is settled too.
    ts = next_ts()
    harness.slack.event(message("do you offer refunds?", ts=ts))
    harness.web.wait_for_call("chat.postMessage", thread_ts=ts)
    harness.web.settle()
    assert answered_threads(harness) == [ts]


def test_follow_up_in_the_bots_thread_is_answered_without_mention(harness):
    ts = next_ts()
    harness.slack.event(message("do you offer refunds?", ts=ts))
    harness.web.wait_for_call("chat.postMessage", thread_ts=ts)

    harness.slack.event(message("and how do I change my plan?", ts=next_ts(), thread_ts=ts, parent_user_id="U0CUST001"))
    posts = harness.web.wait_for_call("chat.postMessage", count=2, thread_ts=ts)
    assert "plan" in posts[1].all_text.lower()


def test_follow_up_after_a_hand_over_is_left_to_the_people(harness):
    ts = next_ts()
    harness.slack.event(message("how do I install analytics.js on my site", ts=ts))
    harness.web.wait_for_call("chat.postMessage", channel="C0AGENTS01")

    harness.slack.event(message("any news?", ts=next_ts(), thread_ts=ts, parent_user_id="U0CUST001"))
    mentioned = next_ts()
    harness.slack.event(mention("do you offer refunds?", channel=SUPPORT_CHANNEL, ts=mentioned, thread_ts=ts))
    harness.web.wait_for(lambda _: any("refund" in c.all_text.lower()
                                       for c in harness.web.calls("chat.postMessage", thread_ts=ts)))
    harness.web.settle()
    thread = harness.web.calls("chat.postMessage", channel=SUPPORT_CHANNEL, thread_ts=ts)
    assert len(thread) == 2  # the hand-over notice and the mention's answer; "any news?" got nothing


def test_bare_mention_gets_a_greeting(harness):
    ts = next_ts()
    harness.slack.event(mention("", channel=GENERAL_CHANNEL, ts=ts))
    [post] = harness.web.wait_for_call("chat.postMessage", thread_ts=ts)
    assert "question" in post.text.lower()
    harness.web.settle()
    assert harness.web.calls("chat.postMessage", channel="C0AGENTS01") == []
