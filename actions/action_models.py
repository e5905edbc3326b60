"""What goes into an action and what comes out of it, as data the edges render.

An edge builds an ``ActionRequest`` (who, which workspace, which action, raw arguments, where
from), the executor answers with a ``Preview`` (what would happen, or why it cannot) or an
``Outcome`` (what happened). Actions themselves only return ``Finding`` values; the executor
turns them into previews and outcomes, so no action can claim a status it may not report.
"""

from enum import StrEnum
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, JsonValue, field_validator, model_validator

ACTION_NAME = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ActorRole(StrEnum):
    """The roles an action may be opened to, strongest first.

    ``read-only`` members may run checks (kind ``check``), never fixes; ``asker`` is anyone who
    talks to the bot without naming a workspace, and only hand-overs accept it.
    """

    OWNER = "owner"
    MEMBER = "member"
    READ_ONLY = "read-only"
    AGENT = "agent"
    ASKER = "asker"


class ActionKind(StrEnum):
    CHECK = "check"        # reads facts, changes nothing: no confirmation needed
    FIX = "fix"            # changes the customer's account: owners and agents decide
    HANDOVER = "handover"  # records a request for a human; changes no account data


class Actor(_Model):
    """Who asks for an action, as the edge knows it. ``agent`` comes from the edge's
    configuration (the support team's Slack ids, the CLI's ``--agent``), never from the user."""

    email: str | None = Field(default=None, min_length=3, max_length=320)
    slack_user_id: str | None = Field(default=None, min_length=1, max_length=64)
    agent: bool = False

    @model_validator(mode="after")
    def _named(self) -> Self:
        if self.email is None and self.slack_user_id is None:
            raise ValueError("an actor needs an email or a Slack user id")
        return self

    @property
    def label(self) -> str:
        """How the audit trail names this actor."""
        return self.email or f"slack:{self.slack_user_id}"


class ActionRequest(_Model):
    action: str = Field(min_length=1, max_length=64)
    actor: Actor
    workspace: str | None = Field(default=None, min_length=1, max_length=128, description="workspace slug")
    args: dict[str, Any] = Field(default_factory=dict)
    origin: str = Field(default="cli", min_length=1, max_length=200, description='e.g. "cli" or "slack:C123"')

    @field_validator("workspace", mode="before")
    @classmethod
    def _slug(cls, value: object) -> object:
        """Slugs are lower case; a blank one means no workspace was named."""
        if isinstance(value, str):
            return value.strip().lower() or None
        return value


class ActionInput(_Model):
    """Base of every action's input model: unknown arguments are an error, not ignored."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class NoInput(ActionInput):
    """The input of actions that need nothing beyond the workspace."""


class Finding(_Model):
    """What an action's ``check`` or ``run`` found: fine, or blocked with a reason code."""

    ok: bool
    summary: str
    lines: tuple[str, ...] = ()
    data: dict[str, JsonValue] = Field(default_factory=dict)
    code: str | None = None  # stable machine code when not ok, e.g. "irrevocable"

    @classmethod
    def fine(cls, summary: str, lines: tuple[str, ...] = (), data: dict[str, JsonValue] | None = None) -> Self:
        return cls(ok=True, summary=summary, lines=lines, data=data or {})

    @classmethod
    def blocked(cls, code: str, summary: str, lines: tuple[str, ...] = (),
                data: dict[str, JsonValue] | None = None) -> Self:
        return cls(ok=False, code=code, summary=summary, lines=lines, data=data or {})


class PreviewStatus(StrEnum):
    READY = "ready"                # the action can run; ``summary`` says what it will do
    NOT_POSSIBLE = "not-possible"  # allowed, but the account's state rules it out
    REFUSED = "refused"            # the actor may not run it here
    FAILED = "failed"              # the billing backend could not be read


class OutcomeStatus(StrEnum):
    DONE = "done"
    NOT_POSSIBLE = "not-possible"
    REFUSED = "refused"
    FAILED = "failed"


class Preview(_Model):
    action: str
    workspace: str | None
    status: PreviewStatus
    summary: str
    lines: tuple[str, ...] = ()
    data: dict[str, JsonValue] = Field(default_factory=dict)
    code: str | None = None
    needs_confirmation: bool = False  # true when running it would change something

    @property
    def ready(self) -> bool:
        return self.status is PreviewStatus.READY


class Outcome(_Model):
    action: str
    workspace: str | None
    status: OutcomeStatus
    summary: str
    lines: tuple[str, ...] = ()
    data: dict[str, JsonValue] = Field(default_factory=dict)
    code: str | None = None
    idempotency_key: str | None = None
    replayed: bool = False  # true when this is the stored result of an earlier run with the same key

    @property
    def done(self) -> bool:
        return self.status is OutcomeStatus.DONE
