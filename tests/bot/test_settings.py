from pathlib import Path

import pytest

from bot.errors import SettingsError
from bot.settings import SLACK_API_URL, Mode, Settings, load_settings

ENV = ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_API_URL", "SUPPORTBOT_DB",
       "SUPPORTBOT_SUPPORT_CHANNELS", "SUPPORTBOT_AGENTS_CHANNEL", "SUPPORTBOT_AGENT_USERS",
       "SUPPORTBOT_AGENT_GROUP", "SUPPORTBOT_BILLING_TIMEOUT", "SUPPORTBOT_WEB_API_RETRIES")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    for name in ENV:
        monkeypatch.delenv(name, raising=False)


def test_reads_every_setting_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "secret")
    monkeypatch.setenv("SLACK_API_URL", "http://127.0.0.1:9999/api")
    monkeypatch.setenv("SUPPORTBOT_DB", str(tmp_path / "bot.db"))
    monkeypatch.setenv("SUPPORTBOT_SUPPORT_CHANNELS", "C0ACME0001=acme, C0GLOBEX01=globex-corp")
    monkeypatch.setenv("SUPPORTBOT_AGENTS_CHANNEL", "C0AGENTS01")
    monkeypatch.setenv("SUPPORTBOT_AGENT_USERS", "U0AGENT001, U0AGENT002")
    monkeypatch.setenv("SUPPORTBOT_AGENT_GROUP", "S0AGENTS01")
    monkeypatch.setenv("SUPPORTBOT_BILLING_TIMEOUT", "0.5")
    monkeypatch.setenv("SUPPORTBOT_CHASE_AFTER_MINUTES", "240")

    settings = load_settings()

    assert settings.secret("slack_bot_token") == "xoxb-1"
    assert settings.secret("slack_signing_secret") == "secret"
    assert settings.slack_api_url == "http://127.0.0.1:9999/api/"
    assert settings.db_path == tmp_path / "bot.db"
    assert settings.support_channels == {"C0ACME0001": "acme", "C0GLOBEX01": "globex-corp"}
    assert settings.agents_channel == "C0AGENTS01"
    assert settings.agent_users == {"U0AGENT001", "U0AGENT002"}
    assert settings.agent_group == "S0AGENTS01"
    assert settings.billing_timeout == 0.5
    assert settings.chase_after_minutes == 240


def test_defaults_without_environment():
    settings = load_settings()
    assert settings.slack_api_url == SLACK_API_URL
    assert settings.support_channels == {}
    assert settings.agent_users == frozenset()
    assert settings.db_path == Path("supportbot.db")
    assert settings.chase_after_minutes == 60
    assert settings.mode is Mode.CONSOLE


def test_support_channels_as_json(monkeypatch):
    monkeypatch.setenv("SUPPORTBOT_SUPPORT_CHANNELS", '{"C0ACME0001": "acme"}')
    monkeypatch.setenv("SUPPORTBOT_AGENT_USERS", '["U0AGENT001"]')
    settings = load_settings()
    assert settings.support_channels == {"C0ACME0001": "acme"}
    assert settings.agent_users == {"U0AGENT001"}


@pytest.mark.parametrize(
    ("tokens", "mode"),
    [
        ({"slack_bot_token": "xoxb-1", "slack_app_token": "xapp-1"}, Mode.SOCKET),
        ({"slack_bot_token": "xoxb-1", "slack_app_token": "xapp-1", "slack_signing_secret": "s"}, Mode.SOCKET),
        ({"slack_bot_token": "xoxb-1", "slack_signing_secret": "s"}, Mode.HTTP),
        ({"slack_bot_token": "xoxb-1"}, Mode.CONSOLE),
        ({"slack_signing_secret": "s", "slack_app_token": "xapp-1"}, Mode.CONSOLE),
        ({}, Mode.CONSOLE),
    ],
)
def test_mode_follows_the_credentials(tokens, mode):
    assert Settings(**tokens).mode is mode


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("SUPPORTBOT_SUPPORT_CHANNELS", "acme", "should look like CHANNEL_ID=workspace-slug"),
        ("SUPPORTBOT_SUPPORT_CHANNELS", "general=acme", "'general' is not a Slack channel id"),
        ("SUPPORTBOT_SUPPORT_CHANNELS", "C0ACME0001=Acme Inc", "'Acme Inc' is not a workspace slug"),
        ("SUPPORTBOT_SUPPORT_CHANNELS", "{broken", "not valid JSON"),
        ("SUPPORTBOT_SUPPORT_CHANNELS", '["C0ACME0001"]', "'[\"C0ACME0001\"]' should look like"),
        ("SUPPORTBOT_AGENT_USERS", "alice", "'alice' is not a Slack user id"),
        ("SUPPORTBOT_AGENTS_CHANNEL", "#agents", "'#agents' is not a Slack channel id"),
        ("SUPPORTBOT_AGENT_GROUP", "agents", "'agents' is not a Slack user group id"),
        ("SUPPORTBOT_BILLING_TIMEOUT", "0", "greater than 0"),
        ("SUPPORTBOT_BILLING_TIMEOUT", "soon", "valid number"),
        ("SUPPORTBOT_CHASE_AFTER_MINUTES", "-5", "greater than or equal to 0"),
        ("SLACK_API_URL", "slack.com/api", "must be an http(s) URL"),
    ],
)
def test_bad_values_name_the_setting(monkeypatch, name, value, says):
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as raised:
        load_settings()
    assert name in str(raised.value)
    assert says in str(raised.value)
    assert "Traceback" not in str(raised.value)


def test_secrets_do_not_show_in_repr():
    settings = Settings(slack_bot_token="xoxb-very-secret", slack_signing_secret="hush")
    assert "xoxb-very-secret" not in repr(settings)
    assert "hush" not in repr(settings)

