"""Actions from Slack in two steps: a preview with a Confirm button, then one run per button.

The confirm button carries a key minted with the preview. Every click on that button (a double
click, a redelivered payload, a second app instance) shares the key: the first claims it and runs
the action through the executor with that key; the rest are told it is already handled. The
executor's own idempotency on the same key is the second line of defence.
"""

import logging
import uuid

from actions.action_errors import InvalidRequest
from actions.action_models import ActionRequest, OutcomeStatus
from bot import blocks
from bot import messages as say
from bot.payloads import ActionValue
from bot.runtime import Runtime

log = logging.getLogger(__name__)


def preview(rt: Runtime, user: str, value: ActionValue) -> blocks.SlackMessage:
    """The preview for ``user``, with a freshly keyed Confirm button when the action is ready."""
    request = _request(rt, user, value)
    try:
        found = rt.services.executor.preview(request)
    except InvalidRequest as error:
        return blocks.bad_request(error)
    try:
        return blocks.action_preview(found, value.model_copy(update={"key": uuid.uuid4().hex}))
    except ValueError:  # the request does not fit in a button's value (Slack's limit)
        return blocks.plain(say.SLACK_ACTION_TOO_LONG)


def confirm(rt: Runtime, user: str, value: ActionValue, response_url: str | None) -> None:
    """Run the previewed action once; the full result replaces the preview for the person who
    confirmed, and the thread (if any) learns who did what, without the account details."""
    if not value.key:
        log.warning("a confirm button without a key was clicked by %s", user)
        return
    if not rt.services.claims.claim(f"run:{value.key}"):
        rt.delivery.respond(response_url, blocks.plain(say.SLACK_ACTION_IN_PROGRESS))
        return
    try:
        outcome = rt.services.executor.execute(_request(rt, user, value), idempotency_key=value.key)
    except InvalidRequest as error:
        rt.delivery.respond(response_url, blocks.bad_request(error), replace=True)
        return
    rt.delivery.respond(response_url, blocks.action_outcome(outcome), replace=True)
    if value.thread_ts and outcome.status is not OutcomeStatus.REFUSED:
        rt.delivery.post(value.channel, blocks.action_outcome_public(outcome, user=user), thread_ts=value.thread_ts)


def cancel(rt: Runtime, response_url: str | None) -> None:
    rt.delivery.respond(response_url, blocks.plain(say.SLACK_ACTION_CANCELLED), replace=True)


def _request(rt: Runtime, user: str, value: ActionValue) -> ActionRequest:
    return ActionRequest(action=value.action, actor=rt.actor(user), workspace=value.workspace,
                         args=dict(value.args), origin=f"slack:{value.channel}")
