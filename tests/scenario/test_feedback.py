"""Helpful / Not helpful on each answer; Not helpful offers a person."""

from tests.scenario.conftest import AGENTS_CHANNEL, STRANGER, SUPPORT_CHANNEL
from tests.scenario.slack_requests import click, message, next_ts


def answered(harness, user=STRANGER):
    ts = next_ts()
    harness.slack.event(message("do you offer refunds?", ts=ts, user=user))
    [answer] = harness.web.wait_for_call("chat.postMessage", thread_ts=ts)
    buttons = {b["text"]["text"]: b for b in answer.buttons()}
    return ts, buttons


def press(harness, button, ts, user=STRANGER, name="feedback", ephemeral=False):
    return harness.slack.interaction(click(button, user=user, channel=SUPPORT_CHANNEL, thread_ts=ts,
                                           ephemeral=ephemeral, response_url=harness.response_url(name)))


def test_helpful_is_recorded_and_thanked_privately(harness):
    ts, buttons = answered(harness)
    assert press(harness, buttons["Helpful"], ts).status_code == 200

    [thanks] = harness.web.wait_for_call("chat.postEphemeral", thread_ts=ts)
    assert thanks["user"] == STRANGER
    assert harness.rows("SELECT f.helpful, f.user_id FROM slack_feedback f JOIN slack_turns t ON t.id = f.turn_id"
                        " WHERE t.thread_ts = ?", ts) == [(1, STRANGER)]


def test_a_second_vote_replaces_the_first(harness):
    ts, buttons = answered(harness)
    press(harness, buttons["Helpful"], ts)
    harness.web.wait_for_call("chat.postEphemeral", thread_ts=ts)
    press(harness, buttons["Not helpful"], ts)
    harness.web.wait_for_call("chat.postEphemeral", count=2, thread_ts=ts)
    assert harness.rows("SELECT f.helpful FROM slack_feedback f JOIN slack_turns t ON t.id = f.turn_id"
                        " WHERE t.thread_ts = ?", ts) == [(0,)]


def test_not_helpful_offers_a_person_and_the_click_hands_over_once(harness):
    ts, buttons = answered(harness)
    press(harness, buttons["Not helpful"], ts)

    [offer] = harness.web.wait_for_call("chat.postEphemeral", thread_ts=ts)
    assert offer["user"] == STRANGER
    [ask_human] = offer.buttons()
    assert ask_human["text"]["text"] == "Ask a person"

    press(harness, ask_human, ts, name="offer", ephemeral=True)
    [agents] = harness.web.wait_for_call("chat.postMessage", channel=AGENTS_CHANNEL)
    assert "do you offer refunds?" in agents.all_text
    assert "Do you offer refunds?" in agents.all_text  # the answer they did not find helpful
    thread = harness.web.calls("chat.postMessage", channel=SUPPORT_CHANNEL, thread_ts=ts)
    assert len(thread) == 2 and thread[1].get("blocks") is None  # the plain hand-over note
    assert harness.web.calls("response_url")[0]["delete_original"] is True  # the offer went away

    press(harness, ask_human, ts, name="offer-again", ephemeral=True)
    harness.web.wait_for_call("chat.postEphemeral", count=2, thread_ts=ts)
    harness.web.settle()
    assert len(harness.web.calls("chat.postMessage", channel=AGENTS_CHANNEL)) == 1
    assert harness.rows("SELECT count(*) FROM handovers") == [(1,)]
    assert harness.rows("SELECT handed_over FROM slack_turns WHERE thread_ts = ?", ts) == [(1,)]


def test_a_chase_soon_after_asking_for_a_person_on_an_old_answer_is_not_posted_twice(harness):
    """The chase window counts from the hand-over, not from the answer it was asked on."""
    ts, buttons = answered(harness)
    harness.change("UPDATE slack_turns SET at = '2020-01-01T00:00:00.000000+00:00' WHERE thread_ts = ?", ts)
    press(harness, buttons["Not helpful"], ts)
    [offer] = harness.web.wait_for_call("chat.postEphemeral", thread_ts=ts)
    press(harness, offer.buttons()[0], ts, name="offer", ephemeral=True)
    harness.web.wait_for_call("chat.postMessage", channel=AGENTS_CHANNEL)

    harness.slack.event(message("<@UBOT0001> any update?", ts=next_ts(), thread_ts=ts, user=STRANGER))
    posts = harness.web.wait_for_call("chat.postMessage", channel=SUPPORT_CHANNEL, count=3, thread_ts=ts)
    assert "already has this one" in posts[2].text
    harness.web.settle()
    assert len(harness.web.calls("chat.postMessage", channel=AGENTS_CHANNEL)) == 1
    assert harness.rows("SELECT count(*) FROM handovers") == [(1,)]


def test_feedback_with_a_forged_value_is_dropped(harness):
    ts, buttons = answered(harness)
    forged = dict(buttons["Helpful"], value='{"turn": "does-not-exist"}')
    assert press(harness, forged, ts).status_code == 200
    garbage = dict(buttons["Helpful"], value="not json at all")
    assert press(harness, garbage, ts).status_code == 200
    harness.web.settle()
    assert harness.web.calls("chat.postEphemeral") == []
    assert harness.rows("SELECT count(*) FROM slack_feedback") == [(0,)]
