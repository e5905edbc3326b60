"""Action buttons: a suggested action shows its preview; Confirm runs it once; Cancel drops it."""

import re
from typing import Any

from slack_bolt import Ack, App

from bot import action_flow
from bot.payloads import ActionId, ActionValue
from bot.runtime import Runtime


def _pattern(action_id: ActionId) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(action_id.value)}(:\d+)?$")


def _where(body: dict[str, Any]) -> tuple[str, str]:
    """The clicker and the channel the click happened in (the payload's, not the button's)."""
    user = str((body.get("user") or {}).get("id") or "")
    channel = str((body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id") or "")
    return user, channel


def register(app: App, rt: Runtime) -> None:
    def value_of(body: dict[str, Any], action: dict[str, Any]) -> tuple[str, ActionValue] | None:
        value = ActionValue.decode(action.get("value"))
        user, channel = _where(body)
        if value is None or not user or not channel:
            return None
        return user, value.model_copy(update={"channel": channel})

    @app.action(_pattern(ActionId.SUGGESTED_ACTION))
    def suggested(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        ack()
        found = value_of(body, action)
        if found is None:
            return
        user, value = found
        message = action_flow.preview(rt, user, value)
        rt.delivery.private(value.channel, user, message, thread_ts=value.thread_ts)

    @app.action(_pattern(ActionId.CONFIRM_ACTION))
    def confirm(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        ack()
        found = value_of(body, action)
        if found is None:
            return
        user, value = found
        action_flow.confirm(rt, user, value, body.get("response_url"))

    @app.action(_pattern(ActionId.CANCEL_ACTION))
    def cancel(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        action_flow.cancel(rt, body.get("response_url"))
