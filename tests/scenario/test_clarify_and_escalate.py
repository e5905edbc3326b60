"""Unsure: offer the candidates as buttons. Lost: hand over to the agents' channel."""

import json

from tests.scenario.conftest import (
    AGENTS_CHANNEL,
    SAGE_OWNER,
    STRANGER,
    SUPPORT_CHANNEL,
    SUPPORT_WORKSPACE,
    clarifying_question,
)
from tests.scenario.slack_requests import click, message, next_ts


def test_clarify_offers_buttons_and_a_click_answers_in_the_thread(harness):
    ts = next_ts()
    harness.slack.event(message(clarifying_question(harness), ts=ts, user=SAGE_OWNER))
    [clarify] = harness.web.wait_for_call("chat.postMessage", thread_ts=ts)
    buttons = clarify.buttons()
    assert 2 <= len(buttons) <= 3
    entries = [json.loads(b["value"])["entry"] for b in buttons]
    assert len(set(entries)) == len(entries)
    questions = {harness.services.kb.get(e).question for e in entries}
    assert {b["text"]["text"] for b in buttons} == questions

    chosen = buttons[0]
    picked = json.loads(chosen["value"])["entry"]
    harness.slack.interaction(click(chosen, user=SAGE_OWNER, channel=SUPPORT_CHANNEL, thread_ts=ts,
                                    response_url=harness.response_url("clarify")))
    posts = harness.web.wait_for_call("chat.postMessage", count=2, thread_ts=ts)
    answer = posts[1]
    entry = harness.services.kb.get(picked)
    assert entry.sources[0].anchor in answer.all_text
    assert [b["text"]["text"] for b in answer.buttons()] == ["Helpful", "Not helpful"]
    # The turn now records the choice.
    assert harness.rows("SELECT outcome, entry_id FROM slack_turns WHERE thread_ts = ?", ts) == [("clarified", picked)]

    # The same choice again (a second click, someone else in the thread): no second answer.
    harness.slack.interaction(click(chosen, user=STRANGER, channel=SUPPORT_CHANNEL, thread_ts=ts,
                                    response_url=harness.response_url("clarify-again")))
    harness.web.wait_for_call("users.info", user=STRANGER)  # the click was handled
    harness.web.settle()
    assert len(harness.web.calls("chat.postMessage", thread_ts=ts)) == 2


def test_escalation_posts_a_hand_over_in_the_thread_and_to_the_agents(harness):
    ts = next_ts()
    harness.slack.event(message("how do I install analytics.js on my site", ts=ts, user=STRANGER))

    [notice] = harness.web.wait_for_call("chat.postMessage", channel=SUPPORT_CHANNEL, thread_ts=ts)
    assert notice.get("blocks") is None  # a plain message
    assert "support team" in notice.text
    [agents] = harness.web.wait_for_call("chat.postMessage", channel=AGENTS_CHANNEL)
    text = agents.all_text
    assert "how do I install analytics.js on my site" in text
    assert f"<@{STRANGER}>" in text
    assert SUPPORT_WORKSPACE in text
    [permalink] = harness.web.calls("chat.getPermalink")
    assert permalink["channel"] == SUPPORT_CHANNEL and permalink["message_ts"] == ts
    assert f"https://example.slack.com/archives/{SUPPORT_CHANNEL}/p{ts.replace('.', '')}" in text

    [(question, conversation, origin)] = harness.rows("SELECT question, conversation, origin FROM handovers")
    assert question == "how do I install analytics.js on my site"
    assert conversation.endswith(ts.replace(".", ""))
    assert origin == f"slack:{SUPPORT_CHANNEL}"
    audit = harness.rows("SELECT action, actor FROM action_audit WHERE action = 'escalate'")
    assert audit and audit[-1][1] == f"slack:{STRANGER}"


def test_escalation_names_the_candidates_that_came_closest(harness):
    ts = next_ts()
    harness.slack.event(message("our bill and the discount thing look weird, who do I talk to", ts=ts))
    [agents] = harness.web.wait_for_call("chat.postMessage", channel=AGENTS_CHANNEL)
    handover = harness.rows("SELECT entry_ids FROM handovers")
    ids = json.loads(handover[0][0])
    assert ids  # the matcher found something, just not enough to answer
    for entry_id in ids:
        assert entry_id in agents.all_text


def test_thanks_gets_a_friendly_word_and_no_hand_over(harness):
    ts = next_ts()
    harness.slack.event(message("thanks!! that fixed it :raised_hands:", ts=ts, user=STRANGER))
    [reply] = harness.web.wait_for_call("chat.postMessage", channel=SUPPORT_CHANNEL, thread_ts=ts)
    assert "Happy to help" in reply.text
    # Nothing for the agents, nothing recorded as a hand-over or as an unanswered turn. A later
    # hand-over in the same test proves the agents' channel would have been reached by now.
    ts2 = next_ts()
    harness.slack.event(message("how do I install analytics.js on my site", ts=ts2, user=STRANGER))
    harness.web.wait_for_call("chat.postMessage", channel=AGENTS_CHANNEL)
    assert len(harness.web.calls("chat.postMessage", channel=AGENTS_CHANNEL)) == 1
    assert harness.rows("SELECT count(*) FROM handovers") == [(1,)]
    assert harness.rows("SELECT count(*) FROM slack_turns WHERE thread_ts = ?", ts) == [(0,)]


def test_asking_for_a_person_after_an_answer_hands_the_thread_over_with_that_answer(harness):
    ts = next_ts()
    harness.slack.event(message("do you offer refunds?", ts=ts, user=STRANGER))
    harness.web.wait_for_call("chat.postMessage", channel=SUPPORT_CHANNEL, thread_ts=ts)

    harness.slack.event(message("can I talk to a real person please", ts=next_ts(), thread_ts=ts, user=STRANGER))
    posts = harness.web.wait_for_call("chat.postMessage", channel=SUPPORT_CHANNEL, count=2, thread_ts=ts)
    assert "asked the support team" in posts[1].text
    assert not posts[1].buttons()  # no answer, no choices: "a person" matched nothing
    [agents] = harness.web.wait_for_call("chat.postMessage", channel=AGENTS_CHANNEL)
    refunds = harness.services.kb.get("refunds")
    assert refunds.question in agents.all_text
    # The answer counts as one after which someone asked for a person; the request is its own turn.
    assert harness.rows("SELECT outcome, handed_over FROM slack_turns WHERE thread_ts = ? ORDER BY at", ts) == [
        ("answered", 1), ("escalated", 0)]
    assert harness.rows("SELECT question FROM handovers") == [("can I talk to a real person please",)]


def test_chasing_a_thread_reaches_the_agents_instead_of_a_friendly_word(harness):
    ts = next_ts()
    harness.slack.event(message("bumping this, any update??", ts=ts, user=STRANGER))
    [notice] = harness.web.wait_for_call("chat.postMessage", channel=SUPPORT_CHANNEL, thread_ts=ts)
    assert "asked the support team" in notice.text and "Happy to help" not in notice.text
    [agents] = harness.web.wait_for_call("chat.postMessage", channel=AGENTS_CHANNEL)
    assert "none came close" in agents.all_text
    assert harness.rows("SELECT outcome FROM slack_turns WHERE thread_ts = ?", ts) == [("escalated",)]


def chase_twice(harness) -> str:
    """A chaser, then the same customer chasing again in that thread (mentioning the bot, since a
    handed-over thread is the team's)."""
    ts = next_ts()
    harness.slack.event(message("any update on this??", ts=ts, user=STRANGER))
    harness.web.wait_for_call("chat.postMessage", channel=AGENTS_CHANNEL)
    harness.slack.event(message("<@UBOT0001> hello?? any update", ts=next_ts(), thread_ts=ts, user=STRANGER))
    harness.web.wait_for_call("chat.postMessage", channel=SUPPORT_CHANNEL, count=2, thread_ts=ts)
    return ts


def test_chasing_again_soon_after_a_hand_over_does_not_post_it_twice(harness):
    ts = chase_twice(harness)
    posts = harness.web.calls("chat.postMessage", channel=SUPPORT_CHANNEL, thread_ts=ts)
    assert "asked the support team" in posts[0].text
    assert "already has this one" in posts[1].text
    assert len(harness.web.calls("chat.postMessage", channel=AGENTS_CHANNEL)) == 1
    assert harness.rows("SELECT count(*) FROM handovers") == [(1,)]
    assert harness.rows("SELECT outcome FROM slack_turns WHERE thread_ts = ?", ts) == [("escalated",)]


def test_chasing_after_the_window_reaches_the_agents_again(make_harness):
    harness = make_harness(chase_after_minutes=0)
    ts = chase_twice(harness)
    posts = harness.web.calls("chat.postMessage", channel=SUPPORT_CHANNEL, thread_ts=ts)
    assert all("asked the support team" in post.text for post in posts)
    harness.web.wait_for_call("chat.postMessage", channel=AGENTS_CHANNEL, count=2)
    assert harness.rows("SELECT count(*) FROM handovers") == [(2,)]
