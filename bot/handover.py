"""Handing a conversation to the support team: record it through the ``escalate`` action, then
tell the agents' channel with everything they need and a link to the thread."""

import logging
from collections.abc import Sequence

from actions.action_errors import InvalidRequest
from actions.action_models import ActionRequest, Outcome, OutcomeStatus
from bot import blocks
from bot.runtime import Runtime
from bot.turn_log import Turn
from knowledge.schema import Entry

log = logging.getLogger(__name__)

ESCALATE = "escalate"


def hand_over(rt: Runtime, turn: Turn, candidates: Sequence[Entry], *, answered: Entry | None = None) -> None:
    """Record the hand-over (once per turn) and post it to the agents' channel."""
    permalink = rt.delivery.permalink(turn.channel, turn.thread_ts)
    workspace = rt.channel_workspace(turn.channel)
    outcome = _record(rt, turn, candidates, permalink, workspace)
    if outcome is not None and outcome.replayed:
        return  # this turn was handed over before: the agents already have it
    agents_channel = rt.services.settings.agents_channel
    if agents_channel is None:
        log.warning("hand-over of turn %s recorded, but no agents' channel is configured", turn.id)
        return
    rt.delivery.post(agents_channel, blocks.agents_handover(
        question=turn.question, user=turn.user_id, channel=turn.channel, thread_ts=turn.thread_ts,
        workspace=workspace, candidates=candidates, permalink=permalink, answered=answered,
    ))


def _record(rt: Runtime, turn: Turn, candidates: Sequence[Entry], permalink: str | None,
            workspace: str | None) -> Outcome | None:
    """Through the actions layer, so it is permitted and audited like any action. The channel's
    workspace is named only when the asker belongs to it; otherwise they hand over as an asker."""
    actor = rt.actor(turn.user_id)
    args = {"question": turn.question, "entry_ids": [e.id for e in candidates], "conversation": permalink}
    for slug in dict.fromkeys((workspace, None)):
        request = ActionRequest(action=ESCALATE, actor=actor, workspace=slug, args=args,
                                origin=f"slack:{turn.channel}")
        try:
            outcome = rt.services.executor.execute(request, idempotency_key=f"handover:{turn.id}:{slug or '-'}")
        except InvalidRequest as error:
            log.error("escalate for turn %s was refused as invalid: %s", turn.id, error)
            return None
        if outcome.status is not OutcomeStatus.REFUSED:
            if not outcome.done:
                log.error("escalate for turn %s: %s (%s)", turn.id, outcome.status.value, outcome.code)
            return outcome
    return None
