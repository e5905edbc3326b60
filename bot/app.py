"""The Bolt app, built by a factory from settings. Importing this module reads no environment
and opens nothing; ``create_app`` does, when called.
"""

import logging
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.client import build_client
from bot.delivery import Delivery
from bot.listeners import register_all
from bot.middleware import once_per_delivery
from bot.people import People
from bot.runtime import Runtime
from bot.services import Services, build_services
from bot.settings import Settings

log = logging.getLogger(__name__)


def create_app(settings: Settings, *, client: WebClient | None = None, services: Services | None = None) -> App:
    """A ready Bolt app. Calls ``auth.test`` once (Bolt checks the token and learns the bot's own
    user id, which routing needs). ``services`` handed in stay the caller's to close; those built
    here live as long as the process."""
    client = client or build_client(settings)
    services = services or build_services(settings)
    app = App(
        client=client,
        signing_secret=settings.secret("slack_signing_secret"),  # "" keeps Bolt off the environment
        logger=logging.getLogger("bot.bolt"),
        process_before_response=False,  # ack first, work on Bolt's listener threads
    )
    app.use(once_per_delivery(services.claims))
    runtime = Runtime(
        services=services,
        delivery=Delivery(client),
        people=People(client, agent_users=settings.agent_users, agent_group=settings.agent_group),
    )
    register_all(app, runtime)
    app.error(_log_error)
    return app


def _log_error(error: Exception, body: dict[str, Any]) -> None:
    """Errors go to the log with what was being handled; nothing of them is ever posted."""
    event = body.get("event") if isinstance(body, dict) else None
    kind = body.get("type") if isinstance(body, dict) else None
    detail = f"/{event.get('type')}" if isinstance(event, dict) else ""
    log.error("listener failed on %s%s", kind, detail, exc_info=error)
