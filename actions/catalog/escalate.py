"""escalate: hand the conversation to a human. Records a hand-over with the question, the
entries the matcher found and the asker's workspace; the Slack layer posts the returned data to
the agents' channel. Anyone talking to the bot may ask for a human, with or without a workspace.
"""

import uuid
from typing import Annotated

from pydantic import Field, field_validator

from actions import wording
from actions.action_models import ActionInput, ActionKind, ActorRole, Finding
from actions.context import ActionContext
from actions.handovers import Handover
from actions.registry import action

EntryId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=100)]


class EscalateInput(ActionInput):
    question: str = Field(min_length=1, max_length=40_000)  # as long as a Slack message may be
    entry_ids: tuple[EntryId, ...] = Field(default=(), max_length=20, description="matched entries, best first")
    conversation: str | None = Field(default=None, max_length=500, description="e.g. a Slack thread permalink")

    @field_validator("entry_ids", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        """The CLI passes ``entry_ids=a,b``; the Slack layer passes a list."""
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value


@action("escalate", kind=ActionKind.HANDOVER, input=EscalateInput,
        roles=(ActorRole.OWNER, ActorRole.MEMBER, ActorRole.READ_ONLY, ActorRole.AGENT, ActorRole.ASKER))
class Escalate:
    def check(self, ctx: ActionContext, args: EscalateInput) -> Finding:
        name = ctx.workspace.name if ctx.workspace else None
        return Finding.fine(wording.action_escalate_preview(name), data={"question": args.question,
                                                                          "entry_ids": list(args.entry_ids)})

    def run(self, ctx: ActionContext, args: EscalateInput) -> Finding:
        workspace = ctx.workspace
        handover = ctx.handovers.add(Handover(
            id=uuid.uuid4().hex,
            created_at=ctx.now,
            question=args.question,
            entry_ids=args.entry_ids,
            workspace_id=workspace.id if workspace else None,
            workspace_slug=workspace.slug if workspace else None,
            workspace_name=workspace.name if workspace else None,
            asker=ctx.actor.label,
            asker_user_id=ctx.user.id if ctx.user else None,
            origin=ctx.origin,
            conversation=args.conversation,
        ))
        return Finding.fine(wording.ACTION_HANDED_OVER, data={"handover": handover.model_dump(mode="json")})
