"""Requests as Slack sends them: payloads from tests/data/slack, signed with the real scheme.

``SlackSender`` POSTs to the running server's ``/slack/events`` over real HTTP. Payload builders
start from the recorded payload files and change only what a scenario needs.
"""

import itertools
import json
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
from slack_sdk.signature import SignatureVerifier

DATA = Path(__file__).resolve().parents[1] / "data" / "slack"
SIGNING_SECRET = "test-signing-secret-0123456789abcdef"

_ids = itertools.count(1000)


def load(name: str) -> dict[str, Any]:
    return json.loads((DATA / f"{name}.json").read_text())


def signed_headers(body: str, *, secret: str = SIGNING_SECRET, timestamp: int | None = None,
                   content_type: str = "application/json") -> dict[str, str]:
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=stamp, body=body)
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": signature,
    }


def next_ts() -> str:
    return f"{1_710_000_000 + next(_ids)}.000100"


# -- payload builders --------------------------------------------------------------------------


def event(name: str, **fields: Any) -> dict[str, Any]:
    """An event envelope from a payload file with a fresh event_id; ``fields`` change the event."""
    envelope = load(name)
    envelope["event_id"] = f"Ev{next(_ids):010d}"
    envelope["event"].update(fields)
    return envelope


def message(text: str, *, channel: str = "C0SUPPORT1", user: str = "U0CUST001", ts: str | None = None,
            thread_ts: str | None = None, channel_type: str = "channel", **extra: Any) -> dict[str, Any]:
    ts = ts or next_ts()
    envelope = event("event_message_channel", text=text, channel=channel, user=user, ts=ts, event_ts=ts,
                     channel_type=channel_type, **extra)
    envelope["event"].pop("blocks", None)
    if thread_ts is not None:
        envelope["event"]["thread_ts"] = thread_ts
    return envelope


def mention(text: str, *, channel: str = "C0GENERAL1", user: str = "U0CUST001", ts: str | None = None,
            thread_ts: str | None = None, bot_user: str = "UBOT0001") -> dict[str, Any]:
    ts = ts or next_ts()
    envelope = event("event_app_mention", text=f"<@{bot_user}> {text}", channel=channel, user=user, ts=ts,
                     event_ts=ts)
    envelope["event"].pop("blocks", None)
    if thread_ts is not None:
        envelope["event"]["thread_ts"] = thread_ts
    return envelope


def block_action(*, action_id: str, value: str, user: str, channel: str, message_ts: str | None = None,
                 thread_ts: str | None = None, ephemeral: bool = False, response_url: str,
                 action_ts: str | None = None) -> dict[str, Any]:
    payload = load("block_actions")
    payload["user"].update(id=user, username=user.lower(), name=user.lower())
    payload["channel"]["id"] = channel
    payload["response_url"] = response_url
    payload["trigger_id"] = f"{next_ts()}.{next(_ids)}.trigger"  # Slack mints one per click
    message_ts = message_ts or next_ts()
    payload["container"] = {"type": "message", "message_ts": message_ts, "channel_id": channel,
                            "is_ephemeral": ephemeral}
    if ephemeral:
        payload.pop("message", None)
    else:
        payload["message"].update(ts=message_ts)
        if thread_ts:
            payload["message"]["thread_ts"] = thread_ts
        else:
            payload["message"].pop("thread_ts", None)
    if thread_ts:
        payload["container"]["thread_ts"] = thread_ts
    payload["actions"] = [{
        "action_id": action_id,
        "block_id": f"b{next(_ids)}",
        "text": {"type": "plain_text", "text": "button", "emoji": True},
        "value": value,
        "type": "button",
        "action_ts": action_ts or next_ts(),
    }]
    return payload


def click(button: dict[str, Any], **where: Any) -> dict[str, Any]:
    """A block_actions payload for a button the bot posted (as recorded by the stand-in)."""
    return block_action(action_id=button["action_id"], value=button["value"], **where)


def slash(text: str, *, user: str, channel: str = "C0AGENTS01", response_url: str) -> dict[str, str]:
    form = load("slash_command")
    form.update(text=text, user_id=user, user_name=user.lower(), channel_id=channel, response_url=response_url,
                trigger_id=f"{next_ts()}.abcdef")
    return form


# -- sending ------------------------------------------------------------------------------------


class SlackSender:
    """Signs and POSTs payloads to the app's ``/slack/events`` over HTTP."""

    def __init__(self, url: str, *, secret: str = SIGNING_SECRET):
        self.url = url
        self.secret = secret
        self.http = httpx.Client(timeout=10.0)

    def close(self) -> None:
        self.http.close()

    def raw(self, body: str | bytes, headers: dict[str, str]) -> httpx.Response:
        return self.http.post(self.url, content=body, headers=headers)

    def event(self, envelope: dict[str, Any], *, retry_num: int | None = None,
              timestamp: int | None = None) -> httpx.Response:
        body = json.dumps(envelope)
        headers = signed_headers(body, secret=self.secret, timestamp=timestamp)
        if retry_num is not None:
            headers["X-Slack-Retry-Num"] = str(retry_num)
            headers["X-Slack-Retry-Reason"] = "http_timeout"
        return self.raw(body, headers)

    def interaction(self, payload: dict[str, Any]) -> httpx.Response:
        body = urlencode({"payload": json.dumps(payload)})
        return self.raw(body, signed_headers(body, secret=self.secret,
                                             content_type="application/x-www-form-urlencoded"))

    def command(self, form: dict[str, str]) -> httpx.Response:
        body = urlencode(form)
        return self.raw(body, signed_headers(body, secret=self.secret,
                                             content_type="application/x-www-form-urlencoded"))
