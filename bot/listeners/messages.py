"""Customer messages: channel messages, mentions and direct messages.

Bolt acknowledges events before the listener runs, so the whole turn happens after the ack.
"""

from typing import Any

from slack_bolt import App, BoltContext

from bot.responder import on_message
from bot.runtime import Runtime


def register(app: App, rt: Runtime) -> None:
    def handle(event: dict[str, Any], context: BoltContext) -> None:
        on_message(rt, event, bot_user_id=context.bot_user_id or "")

    app.event("app_mention")(handle)
    app.event("message")(handle)
