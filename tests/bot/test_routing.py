import json
from pathlib import Path

import pytest

from bot.routing import Inbound, Verdict, mentions, route, without_mention

DATA = Path(__file__).resolve().parents[1] / "data" / "slack"
BOT = "UBOT0001"
SUPPORT = {"C0SUPPORT1": "acme"}


def event(name: str, **changes) -> dict:
    found = json.loads((DATA / f"{name}.json").read_text())["event"]
    found.update(changes)
    return found


def decide(raw: dict, *, bots_threads: set[tuple[str, str]] = frozenset()):
    inbound = Inbound.from_event(raw)
    assert inbound is not None
    return route(inbound, bot_user_id=BOT, support_channels=SUPPORT,
                 thread_is_bots=lambda channel, ts: (channel, ts) in bots_threads)


def test_support_channel_message_is_answered_in_a_new_thread():
    decided = decide(event("event_message_channel"))
    assert decided.verdict is Verdict.ANSWER
    assert decided.thread_ts == "1700000100.000100"
    assert decided.question == "do you offer refunds?"


def test_message_in_another_channel_without_mention_is_ignored():
    assert decide(event("event_message_channel", channel="C0RANDOM01")).verdict is Verdict.IGNORE


def test_mention_anywhere_is_answered_without_the_mention():
    decided = decide(event("event_app_mention"))
    assert decided.verdict is Verdict.ANSWER
    assert decided.question == "do you offer refunds?"
    assert decided.reason == "mention"


def test_channel_message_that_mentions_the_bot_counts_as_a_mention():
    decided = decide(event("event_message_channel", channel="C0RANDOM01", text=f"<@{BOT}> refunds?"))
    assert decided.verdict is Verdict.ANSWER
    assert decided.reason == "mention"


def test_direct_message_is_answered():
    decided = decide(event("event_message_im"))
    assert decided.verdict is Verdict.ANSWER
    assert decided.reason == "direct message"


def test_reply_in_thread_keeps_the_thread():
    decided = decide(event("event_app_mention", thread_ts="1700000000.000001"))
    assert decided.thread_ts == "1700000000.000001"


@pytest.mark.parametrize(
    ("name", "changes", "reason"),
    [
        ("event_message_channel", {"user": BOT}, "own message"),
        ("event_bot_message", {}, "another bot"),
        ("event_app_bot_user_message", {}, "another bot"),
        ("event_message_changed", {}, "subtype message_changed"),
        ("event_channel_join", {}, "subtype channel_join"),
        ("event_message_channel", {"subtype": "thread_broadcast"}, "subtype thread_broadcast"),
        ("event_app_mention", {"edited": {"user": "U0CUST001", "ts": "1700000201.000000"}}, "edited message"),
        ("event_message_channel", {"user": None}, "no author"),
    ],
)
def test_not_from_a_person_or_not_a_new_message_is_ignored(name, changes, reason):
    decided = decide(event(name, **changes))
    assert decided.verdict is Verdict.IGNORE
    assert decided.reason == reason


def test_thread_reply_in_support_channel_needs_the_bots_thread():
    reply = event("event_message_channel", ts="1700000150.000100", thread_ts="1700000100.000100",
                  parent_user_id="U0CUST001")
    assert decide(reply).verdict is Verdict.IGNORE
    assert decide(reply, bots_threads={("C0SUPPORT1", "1700000100.000100")}).verdict is Verdict.ANSWER


def test_thread_started_by_the_bot_is_its_own():
    reply = event("event_message_channel", ts="1700000150.000100", thread_ts="1700000100.000100",
                  parent_user_id=BOT)
    assert decide(reply).verdict is Verdict.ANSWER


def test_thread_reply_with_mention_is_answered_anywhere():
    reply = event("event_app_mention", ts="1700000250.000100", thread_ts="1700000100.000100")
    assert decide(reply).verdict is Verdict.ANSWER


def test_bare_mention_is_a_greeting():
    decided = decide(event("event_app_mention", text=f"<@{BOT}>  "))
    assert decided.verdict is Verdict.GREET
    assert decided.thread_ts == "1700000200.000100"


def test_event_without_channel_or_ts_is_not_routed():
    assert Inbound.from_event({"type": "message", "text": "hi"}) is None
    assert Inbound.from_event({"type": "reaction_added", "channel": "C1", "ts": "1"}) is None


def test_mentions_are_matched_exactly():
    assert mentions(f"hey <@{BOT}>", BOT)
    assert mentions(f"hey <@{BOT}|supportbot>", BOT)
    assert not mentions(f"hey <@{BOT}2>", BOT)
    assert not mentions("hey @supportbot", BOT)
    assert without_mention(f"<@{BOT}> ask <@U0OTHER01> about  refunds", BOT) == "ask <@U0OTHER01> about refunds"
