"""Bolt middleware of the app: each delivery is handled once.

Slack redelivers an event it believes was not acknowledged (``X-Slack-Retry-Num``), and any
payload can arrive twice. The delivery's own id is claimed in SQLite before any listener runs; a
delivery whose id is already claimed is acknowledged and dropped.
"""

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt.response import BoltResponse

from bot.dedupe import ClaimStore

log = logging.getLogger(__name__)


def delivery_key(body: dict[str, Any]) -> str | None:
    """The id Slack gives this delivery: the event id, or the interaction's trigger; None for
    requests that are not deliveries (url_verification)."""
    if body.get("type") == "event_callback":
        event_id = body.get("event_id")
        return f"event:{event_id}" if isinstance(event_id, str) and event_id else None
    trigger = body.get("trigger_id")
    if isinstance(trigger, str) and trigger:
        return f"{'command' if 'command' in body else 'interaction'}:{trigger}"
    actions = body.get("actions")
    if isinstance(actions, list) and actions and isinstance(actions[0], dict):
        user = (body.get("user") or {}).get("id") if isinstance(body.get("user"), dict) else None
        return f"interaction:{user}:{actions[0].get('action_ts')}:{actions[0].get('action_id')}"
    return None


def once_per_delivery(claims: ClaimStore) -> Callable[..., BoltResponse]:
    def middleware(body: dict[str, Any], next: Callable[[], BoltResponse]) -> BoltResponse:
        key = delivery_key(body)
        if key is not None and not claims.claim(key):
            log.info("dropped a repeated delivery (%s)", key)
            return BoltResponse(status=200, body="")
        return next()

    return middleware
