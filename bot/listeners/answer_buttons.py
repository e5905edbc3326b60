"""Buttons on answers: pick a clarify choice, pick a workspace, rate an answer, ask for a person.

Every listener acknowledges first and works after. Button values are parsed strictly and checked
against the turn log; a value that does not fit is dropped.
"""

import logging
import re
from typing import Any

from slack_bolt import Ack, App

from bot import blocks
from bot.handover import hand_over
from bot.payloads import ActionId, ClarifyValue, TurnValue, WorkspaceValue
from bot.responder import personal_part
from bot.runtime import Runtime
from bot.turn_log import Turn
from knowledge.schema import Entry

log = logging.getLogger(__name__)


def _pattern(action_id: ActionId) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(action_id.value)}(:\d+)?$")


def _user(body: dict[str, Any]) -> str:
    return str((body.get("user") or {}).get("id") or "")


def register(app: App, rt: Runtime) -> None:
    turns = rt.services.turns

    def turn_of(value: TurnValue | ClarifyValue | WorkspaceValue | None) -> Turn | None:
        turn = turns.get(value.turn) if value is not None else None
        if turn is None:
            log.warning("a button referred to a turn that is not in the log")
        return turn

    def entry(entry_id: str | None) -> Entry | None:
        return rt.services.kb.get(entry_id) if entry_id and entry_id in rt.services.kb else None

    @app.action(_pattern(ActionId.HELPFUL))
    def helpful(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        ack()
        turn = turn_of(TurnValue.decode(action.get("value")))
        if turn is None:
            return
        turns.feedback(turn.id, _user(body), helpful=True)
        rt.delivery.private(turn.channel, _user(body), blocks.feedback_thanks(), thread_ts=turn.thread_ts)

    @app.action(_pattern(ActionId.NOT_HELPFUL))
    def not_helpful(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        ack()
        turn = turn_of(TurnValue.decode(action.get("value")))
        if turn is None:
            return
        turns.feedback(turn.id, _user(body), helpful=False)
        rt.delivery.private(turn.channel, _user(body), blocks.offer_human(turn.id), thread_ts=turn.thread_ts)

    @app.action(_pattern(ActionId.ASK_HUMAN))
    def ask_human(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        ack()
        turn = turn_of(TurnValue.decode(action.get("value")))
        if turn is None:
            return
        rt.delivery.dismiss(body.get("response_url"))
        if turn.with_the_team or not rt.services.claims.claim(f"handover:{turn.id}"):
            rt.delivery.private(turn.channel, _user(body), blocks.already_handed_over(),
                                thread_ts=turn.thread_ts)
            return
        turns.hand_over(turn.id)
        rt.delivery.post(turn.channel, blocks.human_requested(), thread_ts=turn.thread_ts)
        answered = entry(turn.entry_id)
        hand_over(rt, turn, [answered] if answered else [], answered=answered)

    @app.action(_pattern(ActionId.CLARIFY))
    def clarify(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        ack()
        value = ClarifyValue.decode(action.get("value"))
        turn = turn_of(value)
        picked = entry(value.entry) if value else None
        if turn is None or picked is None:
            return
        user = _user(body)
        if rt.services.claims.claim(f"clarify:{turn.id}:{picked.id}"):
            turns.choose(turn.id, picked.id)
            rt.delivery.post(turn.channel, blocks.answer(picked, turn_id=turn.id), thread_ts=turn.thread_ts)
        personal_part(rt, turn, picked, rt.asker(user, turn.channel))

    @app.action(_pattern(ActionId.WORKSPACE))
    def workspace(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        ack()
        value = WorkspaceValue.decode(action.get("value"))
        turn = turn_of(value)
        answered = entry(turn.entry_id) if turn else None
        if value is None or turn is None or answered is None:
            return
        rt.delivery.dismiss(body.get("response_url"))
        personal_part(rt, turn, answered, rt.asker(_user(body), turn.channel, workspace=value.slug))
