"""``/support``: the agents' command. Acknowledged at once; the answer follows through the
command's response_url, visible only to the agent. Only configured agents get past the gate."""

import logging
from typing import Any

from pydantic import ValidationError
from slack_bolt import Ack, App

from actions.action_models import ActionRequest, NoInput, Preview, PreviewStatus
from bot import action_flow, blocks
from bot import messages as say
from bot.command_line import Parsed, Sub, parse
from bot.payloads import ActionValue
from bot.runtime import Runtime

log = logging.getLogger(__name__)


def register(app: App, rt: Runtime) -> None:
    @app.command("/support")
    def support(ack: Ack, command: dict[str, Any]) -> None:
        ack()
        user = str(command.get("user_id") or "")
        channel = str(command.get("channel_id") or "")
        response_url = command.get("response_url")
        parsed = parse(str(command.get("text") or ""))
        if not rt.people.is_agent(user):
            log.warning("refused /support %s for %s: not an agent", parsed.sub.value, user)
            rt.services.executor.record_denial(
                actor=f"slack:{user}", origin=f"slack:{channel}", entry_point=f"/support {parsed.sub.value}",
                reason="not-an-agent",
            )
            rt.delivery.respond(response_url, blocks.plain(say.SLACK_COMMAND_REFUSED))
            return
        rt.delivery.respond(response_url, answer(rt, parsed, user=user, channel=channel))


def answer(rt: Runtime, parsed: Parsed, *, user: str, channel: str) -> blocks.SlackMessage:
    services = rt.services
    if parsed.usage:
        return blocks.plain(say.SLACK_COMMAND_USAGE[parsed.sub.value])
    if parsed.sub is Sub.LOOKUP and parsed.workspace:
        return blocks.lookup(parsed.workspace, _lookup(rt, user, channel, parsed.workspace))
    if parsed.sub is Sub.ASK:
        return blocks.ask_preview(parsed.text, services.conversation.match(parsed.text))
    if parsed.sub is Sub.KB:
        if parsed.text in services.kb:
            return blocks.answer(services.kb.get(parsed.text), turn_id=None)
        return blocks.kb_results(parsed.text, services.conversation.match(parsed.text))
    if parsed.sub is Sub.STATS:
        return blocks.stats(services.turns.stats(parsed.days))
    if parsed.sub is Sub.ACTION and parsed.action and parsed.workspace:
        try:
            value = ActionValue(action=parsed.action, workspace=parsed.workspace, args=parsed.args, channel=channel)
        except ValidationError:  # a name or slug longer than any real one
            return blocks.plain(say.SLACK_COMMAND_USAGE["action"])
        return action_flow.preview(rt, user, value)
    return blocks.command_help(services.registry)


def _lookup(rt: Runtime, user: str, channel: str, workspace: str) -> list[Preview]:
    """Every read-only check of the workspace, through the executor so each look is audited.
    A refusal (no such workspace) is said once, not once per check."""
    actor = rt.actor(user)
    found: list[Preview] = []
    for spec in rt.services.registry.specs():
        if not (spec.read_only and spec.needs_workspace and spec.input is NoInput):
            continue
        preview = rt.services.executor.preview(ActionRequest(
            action=spec.name, actor=actor, workspace=workspace, args={}, origin=f"slack:{channel}",
        ))
        if preview.status in (PreviewStatus.REFUSED, PreviewStatus.FAILED):
            return [preview]
        found.append(preview)
    return found
