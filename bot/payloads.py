"""What the bot's buttons carry: one ``action_id`` per kind of button and a typed value.

``blocks`` writes these values into buttons and the interaction listeners read them back. Values
come back inside requests signed by Slack, but they are still parsed strictly: a value that does
not validate is ignored, never trusted. Permissions are decided again by the actions layer on
every click, so a value cannot grant anything by itself.
"""

from enum import StrEnum
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError

BUTTON_VALUE_CHARS = 2000  # Block Kit's limit for a button value


class ActionId(StrEnum):
    HELPFUL = "supportbot.helpful"
    NOT_HELPFUL = "supportbot.not_helpful"
    ASK_HUMAN = "supportbot.ask_human"
    CLARIFY = "supportbot.clarify"
    WORKSPACE = "supportbot.workspace"
    SUGGESTED_ACTION = "supportbot.suggested_action"
    CONFIRM_ACTION = "supportbot.confirm_action"
    CANCEL_ACTION = "supportbot.cancel_action"

    def indexed(self, index: int) -> str:
        """Block Kit wants unique action ids inside one block; the suffix keeps them apart."""
        return f"{self.value}:{index}"

    @classmethod
    def of(cls, action_id: str) -> "ActionId | None":
        try:
            return cls(action_id.split(":", 1)[0])
        except ValueError:
            return None


class ButtonValue(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    def encode(self) -> str:
        encoded = self.model_dump_json(exclude_none=True)
        if len(encoded) > BUTTON_VALUE_CHARS:
            raise ValueError(f"button value of {len(encoded)} characters exceeds Slack's limit")
        return encoded

    @classmethod
    def decode(cls, raw: Any) -> Self | None:
        if not isinstance(raw, str) or len(raw) > BUTTON_VALUE_CHARS:
            return None
        try:
            return cls.model_validate_json(raw)
        except ValidationError:
            return None


_ID = Field(min_length=1, max_length=64)


class TurnValue(ButtonValue):
    """Feedback and "ask a person" buttons: the turn they are about."""

    turn: str = _ID


class ClarifyValue(ButtonValue):
    turn: str = _ID
    entry: str = Field(min_length=1, max_length=100)


class WorkspaceValue(ButtonValue):
    """The asker picked one of their workspaces for the personal part of an answer."""

    turn: str = _ID
    slug: str = Field(min_length=1, max_length=128)


class ActionValue(ButtonValue):
    """A suggested or previewed action. ``key`` is minted when the confirm button is drawn, so
    every click on that one button (double clicks, redeliveries) runs the action once."""

    action: str = Field(min_length=1, max_length=64)
    workspace: str | None = Field(default=None, max_length=128)
    args: dict[str, str] = Field(default_factory=dict)
    channel: str = _ID
    thread_ts: str | None = Field(default=None, max_length=32)
    key: str | None = Field(default=None, max_length=64)
