"""Everything the Slack app needs to know, read from the environment in one model.

Nothing here runs at import time: ``Settings()`` reads the environment when called, so importing
``bot`` needs no secrets and tests build settings by keyword.
"""

import json
import re
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.errors import SettingsError

SLACK_API_URL = "https://slack.com/api/"
# The accounts database: shared with the CLI's ``--db`` default so both open the same file.
DB_ENV = "SUPPORTBOT_DB"
DEFAULT_DB = "supportbot.db"

_CHANNEL_ID = re.compile(r"^[CGD][A-Z0-9]{2,}$")
_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")
_GROUP_ID = re.compile(r"^S[A-Z0-9]{2,}$")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class Mode(StrEnum):
    SOCKET = "socket"    # an app-level token: Socket Mode, no public URL needed
    HTTP = "http"        # bot token and signing secret: the Events API over HTTP
    CONSOLE = "console"  # no Slack credentials: questions on stdin


def _env(*names: str) -> AliasChoices:
    """Accept the environment name and the field name (for keyword construction in code)."""
    return AliasChoices(*names)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True, frozen=True)

    slack_bot_token: SecretStr | None = Field(None, validation_alias=_env("SLACK_BOT_TOKEN", "slack_bot_token"))
    slack_signing_secret: SecretStr | None = Field(
        None, validation_alias=_env("SLACK_SIGNING_SECRET", "slack_signing_secret")
    )
    slack_app_token: SecretStr | None = Field(None, validation_alias=_env("SLACK_APP_TOKEN", "slack_app_token"))
    slack_api_url: str = Field(SLACK_API_URL, validation_alias=_env("SLACK_API_URL", "slack_api_url"))
    db_path: Path = Field(Path(DEFAULT_DB), validation_alias=_env(DB_ENV, "db_path"))
    support_channels: Annotated[dict[str, str], NoDecode] = Field(
        default_factory=dict,
        validation_alias=_env("SUPPORTBOT_SUPPORT_CHANNELS", "support_channels"),
        description="support channel id -> the customer workspace slug it belongs to",
    )
    agents_channel: str | None = Field(
        None, validation_alias=_env("SUPPORTBOT_AGENTS_CHANNEL", "agents_channel")
    )
    agent_users: Annotated[frozenset[str], NoDecode] = Field(
        frozenset(), validation_alias=_env("SUPPORTBOT_AGENT_USERS", "agent_users")
    )
    agent_group: str | None = Field(None, validation_alias=_env("SUPPORTBOT_AGENT_GROUP", "agent_group"))
    billing_timeout: float = Field(
        1.0, gt=0, le=30, validation_alias=_env("SUPPORTBOT_BILLING_TIMEOUT", "billing_timeout"),
        description="seconds the billing backend may take before the personal part says so",
    )
    chase_after_minutes: int = Field(
        60, ge=0, le=7 * 24 * 60, validation_alias=_env("SUPPORTBOT_CHASE_AFTER_MINUTES", "chase_after_minutes"),
        description="a thread the team already has reaches them again on a new request only after this long",
    )
    web_api_retries: int = Field(
        2, ge=0, le=10, validation_alias=_env("SUPPORTBOT_WEB_API_RETRIES", "web_api_retries")
    )

    @field_validator("slack_api_url")
    @classmethod
    def _api_url(cls, value: str) -> str:
        if not re.match(r"^https?://[^\s/]+", value):
            raise ValueError("must be an http(s) URL, e.g. https://slack.com/api/")
        return value if value.endswith("/") else value + "/"

    @field_validator("support_channels", mode="before")
    @classmethod
    def _channels(cls, value: Any) -> dict[str, str]:
        pairs = _parse_mapping(value)
        for channel, slug in pairs.items():
            if not _CHANNEL_ID.match(channel):
                raise ValueError(f"'{channel}' is not a Slack channel id (like C0123ABCD)")
            if not _SLUG.match(slug):
                raise ValueError(f"'{slug}' is not a workspace slug (lowercase letters, digits, dashes)")
        return pairs

    @field_validator("agent_users", mode="before")
    @classmethod
    def _agents(cls, value: Any) -> frozenset[str]:
        ids = _parse_list(value)
        for user_id in ids:
            if not _USER_ID.match(user_id):
                raise ValueError(f"'{user_id}' is not a Slack user id (like U0123ABCD)")
        return frozenset(ids)

    @field_validator("agents_channel")
    @classmethod
    def _agents_channel(cls, value: str | None) -> str | None:
        if value and not _CHANNEL_ID.match(value):
            raise ValueError(f"'{value}' is not a Slack channel id (like C0123ABCD)")
        return value or None

    @field_validator("agent_group")
    @classmethod
    def _agent_group(cls, value: str | None) -> str | None:
        if value and not _GROUP_ID.match(value):
            raise ValueError(f"'{value}' is not a Slack user group id (like S0123ABCD)")
        return value or None

    @property
    def mode(self) -> Mode:
        if self.slack_bot_token and self.slack_app_token:
            return Mode.SOCKET
        if self.slack_bot_token and self.slack_signing_secret:
            return Mode.HTTP
        return Mode.CONSOLE

    def secret(self, name: str) -> str:
        """The plain value of a secret setting; empty when unset."""
        value = getattr(self, name)
        return value.get_secret_value() if value is not None else ""


def _parse_mapping(value: Any) -> dict[str, str]:
    """JSON object or ``C1=acme,C2=globex``; blank means none."""
    if value is None:
        return {}
    if isinstance(value, dict):
        return {str(k).strip(): str(v).strip() for k, v in value.items()}
    text = str(value).strip()
    if not text:
        return {}
    if text.startswith("{"):
        try:
            loaded = json.loads(text)
        except json.JSONDecodeError as error:
            raise ValueError(f"not valid JSON ({error.msg})") from None
        if not isinstance(loaded, dict):
            raise ValueError("JSON must be an object of channel id -> workspace slug")
        return {str(k).strip(): str(v).strip() for k, v in loaded.items()}
    pairs: dict[str, str] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        channel, sep, slug = item.partition("=")
        if not sep:
            raise ValueError(f"'{item}' should look like CHANNEL_ID=workspace-slug")
        pairs[channel.strip()] = slug.strip()
    return pairs


def _parse_list(value: Any) -> list[str]:
    """JSON array or comma/space separated ids."""
    if value is None:
        return []
    if isinstance(value, (list, tuple, set, frozenset)):
        return [str(v).strip() for v in value if str(v).strip()]
    text = str(value).strip()
    if text.startswith("["):
        try:
            loaded = json.loads(text)
        except json.JSONDecodeError as error:
            raise ValueError(f"not valid JSON ({error.msg})") from None
        if not isinstance(loaded, list):
            raise ValueError("JSON must be an array of user ids")
        return [str(v).strip() for v in loaded if str(v).strip()]
    return [part for part in re.split(r"[,\s]+", text) if part]


def load_settings(**overrides: Any) -> Settings:
    """Settings from the environment (and ``overrides``); a clear ``SettingsError`` when invalid."""
    try:
        return Settings(**overrides)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in issue['loc']) or 'settings'}: "
            f"{issue['msg'].removeprefix('Value error, ')}"
            for issue in error.errors()
        )
        raise SettingsError(problems) from None
