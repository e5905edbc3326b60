import json
from pathlib import Path

from bot.middleware import delivery_key

DATA = Path(__file__).resolve().parents[1] / "data" / "slack"


def load(name: str) -> dict:
    return json.loads((DATA / f"{name}.json").read_text())


def test_events_are_keyed_by_event_id():
    assert delivery_key(load("event_message_channel")) == "event:Ev0000000001"


def test_interactions_and_commands_by_trigger():
    assert delivery_key(load("block_actions")) == "interaction:1700000700.123456.abcdef"
    assert delivery_key(load("slash_command")) == "command:1700000800.123456.abcdef"


def test_interaction_without_trigger_uses_the_action():
    payload = load("block_actions")
    del payload["trigger_id"]
    assert delivery_key(payload) == "interaction:U0CUST001:1700000710.000100:supportbot.helpful"


def test_url_verification_is_not_a_delivery():
    assert delivery_key(load("url_verification")) is None
    assert delivery_key({"type": "event_callback", "event": {}}) is None
