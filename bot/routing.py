"""Which Slack message events the bot answers, and in which thread. Pure: no I/O.

Customers get an answer for a top-level message in a support channel, a mention anywhere, or a
direct message. Inside a thread the bot only continues when mentioned or when the thread is its
own. Everything not written by a person, every edit, join and other subtype is left alone.
"""

import re
from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


class Inbound(BaseModel):
    """The fields of a ``message`` or ``app_mention`` event that routing looks at."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["message", "app_mention"]
    channel: str
    channel_type: str | None = None
    user: str | None = None
    text: str = ""
    ts: str
    thread_ts: str | None = None
    parent_user_id: str | None = None
    subtype: str | None = None
    bot_id: str | None = None
    edited: bool = False

    @classmethod
    def from_event(cls, event: Mapping[str, Any]) -> "Inbound | None":
        """None when the event lacks what every message has (a channel and a ts)."""
        kind = event.get("type")
        channel, ts = event.get("channel"), event.get("ts")
        if kind not in ("message", "app_mention") or not isinstance(channel, str) or not isinstance(ts, str):
            return None
        text = event.get("text")
        return cls(
            kind=kind,
            channel=channel,
            channel_type=_str(event.get("channel_type")),
            user=_str(event.get("user")),
            text=text if isinstance(text, str) else "",
            ts=ts,
            thread_ts=_str(event.get("thread_ts")),
            parent_user_id=_str(event.get("parent_user_id")),
            subtype=_str(event.get("subtype")),
            bot_id=_str(event.get("bot_id")),
            edited=bool(event.get("edited")),
        )

    @property
    def is_direct(self) -> bool:
        return self.channel_type == "im" or self.channel.startswith("D")

    @property
    def in_thread(self) -> bool:
        return self.thread_ts is not None and self.thread_ts != self.ts

    @property
    def reply_thread(self) -> str:
        """Where the reply goes: the message's thread, or a new thread under the message."""
        return self.thread_ts or self.ts


class Verdict(StrEnum):
    ANSWER = "answer"  # run the question through the conversation
    GREET = "greet"    # addressed to the bot, but nothing was asked
    IGNORE = "ignore"


class Route(BaseModel):
    model_config = ConfigDict(frozen=True)

    verdict: Verdict
    reason: str
    question: str = ""  # the text with the bot's own mention taken out
    thread_ts: str | None = None


def mentions(text: str, user_id: str) -> bool:
    return any(match.group(1) == user_id for match in _MENTION.finditer(text))


def without_mention(text: str, user_id: str) -> str:
    """The message as asked of the bot: its own mention removed, other mentions kept."""
    stripped = _MENTION.sub(lambda m: "" if m.group(1) == user_id else m.group(0), text)
    return " ".join(stripped.split())


def route(
    message: Inbound,
    *,
    bot_user_id: str,
    support_channels: Mapping[str, str],
    thread_is_bots: Callable[[str, str], bool],
) -> Route:
    """Decide about one event; ``thread_is_bots(channel, thread_ts)`` is asked only for replies
    in threads that do not mention the bot."""
    if message.user == bot_user_id:
        return _ignore("own message")
    if message.bot_id or message.subtype == "bot_message":
        return _ignore("another bot")
    if message.subtype is not None:
        return _ignore(f"subtype {message.subtype}")
    if message.edited:
        return _ignore("edited message")
    if not message.user:
        return _ignore("no author")

    mentioned = message.kind == "app_mention" or mentions(message.text, bot_user_id)
    if message.is_direct:
        why = "direct message"
    elif mentioned:
        why = "mention"
    elif message.in_thread:
        own = message.parent_user_id == bot_user_id or thread_is_bots(message.channel, message.reply_thread)
        if not own:
            return _ignore("thread is not the bot's")
        why = "reply in the bot's thread"
    elif message.channel in support_channels:
        why = "support channel"
    else:
        return _ignore("not addressed to the bot")

    question = without_mention(message.text, bot_user_id)
    verdict = Verdict.ANSWER if question else Verdict.GREET
    return Route(verdict=verdict, reason=why, question=question, thread_ts=message.reply_thread)


def _ignore(reason: str) -> Route:
    return Route(verdict=Verdict.IGNORE, reason=reason)


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
