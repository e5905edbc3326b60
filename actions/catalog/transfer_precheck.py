"""transfer-precheck: can a source of this workspace move to another workspace, and what moves.

The target is named by the asker, so it gets the privacy rule too: a customer learns nothing
about a target that is not one of their workspaces, whether it exists or not. Agents check on a
customer's behalf: the ownership rule is stated, not applied to the agent.
"""

from pydantic import Field

from actions import wording
from actions.action_models import ActionInput, ActionKind, ActorRole, Finding
from actions.context import ActionContext
from actions.facts import transfer_precheck
from actions.facts.transfer import source_outlook
from actions.models import Role, Source
from actions.registry import CHECK_ROLES, action

_AS_MEMBERSHIP = {ActorRole.OWNER: Role.OWNER, ActorRole.MEMBER: Role.MEMBER, ActorRole.READ_ONLY: Role.READ_ONLY}


class TransferInput(ActionInput):
    source: str = Field(min_length=1, max_length=200, description="the source's id or name")
    target: str = Field(min_length=1, max_length=128, description="the target workspace's slug")


@action("transfer-precheck", kind=ActionKind.CHECK, roles=CHECK_ROLES, input=TransferInput)
class TransferPrecheck:
    def check(self, ctx: ActionContext, args: TransferInput) -> Finding:
        facts = ctx.facts()
        here = facts.workspace
        matches = _find_sources(facts.sources, args.source)
        if not matches:
            return Finding.blocked("unknown-source", wording.action_unknown_source(args.source, here.name))
        if len(matches) > 1:
            return Finding.blocked("ambiguous-source", wording.action_ambiguous_source(args.source, [s.id for s in matches]))
        source = matches[0]
        target = ctx.adapter.workspace_by_slug(args.target.lower())
        agent = ctx.role is ActorRole.AGENT
        if agent:
            if target is None:
                return Finding.blocked("unknown-target", wording.ACTION_NO_SUCH_WORKSPACE.format(workspace=args.target))
            source_role = target_role = Role.OWNER  # as the owner of both, who alone may move it
        else:
            source_role = _AS_MEMBERSHIP.get(ctx.role)
            target_role = None if target is None else next(
                (m.role for m in ctx.memberships if m.workspace_id == target.id), None)
            if target is None or target_role is None:
                outlook = source_outlook(source, ctx.policy)
                return Finding.blocked(
                    "target-not-yours", wording.action_transfer_target_not_yours(args.target),
                    lines=wording.action_transfer_outlook_lines(outlook),
                    data={"source": outlook.model_dump(mode="json")},
                )
        result = transfer_precheck(source, source_role, target, target_role, ctx.policy)
        lines = wording.action_transfer_outlook_lines(result.source)
        if agent:
            lines = (*lines, wording.ACTION_TRANSFER_OWNER_OF_BOTH)
        data = {"precheck": result.model_dump(mode="json")}
        if result.possible:
            return Finding.fine(wording.action_transfer_possible(result), lines=lines, data=data)
        return Finding.blocked(
            "transfer-blocked",
            wording.action_transfer_blocked(result),
            lines=(*(wording.action_transfer_blocker(b, result) for b in result.blockers), *lines),
            data=data,
        )

    run = check


def _find_sources(sources: tuple[Source, ...], wanted: str) -> list[Source]:
    """By id first; else by name, ignoring case (names need not be unique)."""
    by_id = [s for s in sources if s.id == wanted]
    if by_id:
        return by_id
    folded = wanted.casefold()
    return [s for s in sources if s.name.casefold() == folded]

