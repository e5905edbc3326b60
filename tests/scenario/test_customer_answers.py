"""Customers asking: one reply in the message's thread; the personal part only to the asker."""

from tests.scenario.conftest import (
    CONSULTANT,
    GENERAL_CHANNEL,
    SAGE_OWNER,
    SAGE_READONLY,
    STRANGER,
    SUPPORT_CHANNEL,
)
from tests.scenario.slack_requests import click, mention, message, next_ts


def answer_in(harness, channel, thread_ts):
    harness.web.wait_for_call("chat.postMessage", channel=channel, thread_ts=thread_ts)
    return harness.web.calls("chat.postMessage", channel=channel, thread_ts=thread_ts)


def test_support_channel_question_is_answered_in_its_thread_with_source_and_feedback(harness):
    ts = next_ts()
    response = harness.slack.event(message("hey, do you offer refunds?", ts=ts, user=STRANGER))
    assert response.status_code == 200

    [post] = answer_in(harness, SUPPORT_CHANNEL, ts)
    assert "refund" in post.all_text.lower()
    assert "segment.com/docs/guides/usage-and-billing/billing/#do-you-offer-refunds" in post.all_text
    labels = [b["text"]["text"] for b in post.buttons()]
    assert labels == ["Helpful", "Not helpful"]
    # A stranger has no account: no private part at all.
    harness.web.wait_for_call("users.info", user=STRANGER)
    harness.web.settle()
    assert harness.web.calls("chat.postEphemeral") == []
    assert len(harness.web.calls("chat.postMessage")) == 1


def test_mention_in_any_channel_is_answered_in_its_thread(harness):
    ts = next_ts()
    harness.slack.event(mention("do you offer refunds?", channel=GENERAL_CHANNEL, ts=ts))
    [post] = answer_in(harness, GENERAL_CHANNEL, ts)
    assert "refund" in post.all_text.lower()


def test_mention_that_also_arrives_as_a_channel_message_is_answered_once(harness):
    ts = next_ts()
    text = "<@UBOT0001> do you offer refunds?"
    harness.slack.event(message(text, channel=SUPPORT_CHANNEL, ts=ts))
    harness.slack.event(mention("do you offer refunds?", channel=SUPPORT_CHANNEL, ts=ts))
    answer_in(harness, SUPPORT_CHANNEL, ts)
    harness.web.settle()
    assert len(harness.web.calls("chat.postMessage", channel=SUPPORT_CHANNEL, thread_ts=ts)) == 1


def test_direct_message_is_answered_in_the_dm(harness):
    ts = next_ts()
    harness.slack.event(message("do you offer refunds?", channel="D0CUST0001", channel_type="im", ts=ts))
    [post] = answer_in(harness, "D0CUST0001", ts)
    assert "refund" in post.all_text.lower()


def test_personal_part_goes_only_to_the_asker_as_ephemeral_in_the_thread(harness):
    ts = next_ts()
    harness.slack.event(message("can I still undo the deletion of my workspace?", ts=ts, user=SAGE_OWNER))

    [ephemeral] = harness.web.wait_for_call("chat.postEphemeral", channel=SUPPORT_CHANNEL, thread_ts=ts)
    assert ephemeral["user"] == SAGE_OWNER
    assert "Sage Studio" in ephemeral.all_text
    [public] = harness.web.calls("chat.postMessage", channel=SUPPORT_CHANNEL, thread_ts=ts)
    assert "Sage Studio" not in public.all_text  # account facts never in the public answer
    # The generic answer went out before the private part.
    calls = harness.web.calls()
    assert calls.index(public) < calls.index(ephemeral)
    # The owner is offered the fitting action.
    assert [b["text"]["text"] for b in ephemeral.buttons()] == ["Revoke deletion"]
    # Known by Slack id: no profile lookup needed.
    assert harness.web.calls("users.info") == []


def test_personal_part_falls_back_to_a_direct_message_when_ephemeral_is_refused(harness):
    harness.web.refuse_ephemeral_for(SAGE_OWNER)
    ts = next_ts()
    harness.slack.event(message("can I still undo the deletion of my workspace?", ts=ts, user=SAGE_OWNER))

    [dm] = harness.web.wait_for_call("chat.postMessage", channel="D0DEMO191")
    assert "Sage Studio" in dm.all_text
    [opened] = harness.web.calls("conversations.open")
    assert opened["users"] == SAGE_OWNER
    public = harness.web.calls("chat.postMessage", channel=SUPPORT_CHANNEL)
    assert len(public) == 1 and "Sage Studio" not in public[0].all_text


def test_asker_without_a_stored_slack_id_is_found_by_profile_email(harness):
    ts = next_ts()
    harness.slack.event(message("can I still undo the deletion of my workspace?", ts=ts, user=SAGE_READONLY))

    [ephemeral] = harness.web.wait_for_call("chat.postEphemeral", channel=SUPPORT_CHANNEL, thread_ts=ts)
    assert ephemeral["user"] == SAGE_READONLY
    assert "Sage Studio" in ephemeral.all_text
    assert ephemeral.buttons() == []  # read-only members are not offered the fix
    assert harness.web.calls("users.info", user=SAGE_READONLY)


def test_member_of_several_workspaces_chooses_then_gets_the_facts(harness):
    ts = next_ts()
    dm = "D0DEMO901"
    harness.slack.event(message("what happens when I exceed the free plan limit?", channel=dm, channel_type="im",
                                ts=ts, user=CONSULTANT))

    [public] = answer_in(harness, dm, ts)
    [chooser] = harness.web.wait_for_call("chat.postMessage", count=2, channel=dm)[1:]
    labels = sorted(b["text"]["text"] for b in chooser.buttons())
    assert labels == ["Acme Analytics", "Fable Media", "Orca AI"]
    assert chooser["thread_ts"] == ts

    acme = next(b for b in chooser.buttons() if b["text"]["text"] == "Acme Analytics")
    harness.slack.interaction(click(acme, user=CONSULTANT, channel=dm, thread_ts=ts, ephemeral=False,
                                    response_url=harness.response_url("choose")))
    facts = harness.web.wait_for_call("chat.postMessage", count=3, channel=dm)[2]
    assert "Acme Analytics" in facts.all_text
    assert facts["thread_ts"] == ts


def test_user_text_is_escaped_wherever_it_is_shown(harness):
    ts = next_ts()
    harness.slack.event(message("<!channel> <!here> how do I install analytics.js on my site", ts=ts))

    [agents_post] = harness.web.wait_for_call("chat.postMessage", channel="C0AGENTS01")
    assert "&lt;!channel&gt;" in agents_post.all_text
    for call in harness.web.calls():
        assert "<!channel>" not in call.all_text
        assert "<!here>" not in call.all_text
