"""The app manifest asks for what the bot uses, and points every request at the one endpoint."""

from pathlib import Path

import yaml

from bot.server import EVENTS_PATH

MANIFEST = Path(__file__).resolve().parents[2] / "manifest.yaml"


def manifest() -> dict:
    return yaml.safe_load(MANIFEST.read_text())


def test_scopes_cover_every_web_api_method_the_bot_calls():
    scopes = set(manifest()["oauth_config"]["scopes"]["bot"])
    assert scopes == {
        "app_mentions:read", "channels:history", "groups:history", "im:history", "im:read", "im:write",
        "chat:write", "commands", "users:read", "users:read.email", "usergroups:read",
    }


def test_events_interactivity_and_socket_mode():
    settings = manifest()["settings"]
    assert settings["event_subscriptions"]["bot_events"] == [
        "app_mention", "message.channels", "message.groups", "message.im"]
    assert settings["interactivity"]["is_enabled"] is True
    assert settings["socket_mode_enabled"] is True
    assert settings["event_subscriptions"]["request_url"].endswith(EVENTS_PATH)
    assert settings["interactivity"]["request_url"].endswith(EVENTS_PATH)


def test_support_command_with_usage_hint():
    [command] = manifest()["features"]["slash_commands"]
    assert command["command"] == "/support"
    assert command["url"].endswith(EVENTS_PATH)
    for sub in ("lookup", "ask", "action", "kb", "stats", "help"):
        assert sub in command["usage_hint"]
    assert manifest()["features"]["bot_user"]["display_name"]
