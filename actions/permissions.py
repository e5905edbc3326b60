"""The one place that decides who may run which action where.

The decision uses only the actor's roles in the named workspace: owner, member or read-only from
the billing records, agent from the edge's configuration, asker for hand-overs without a
workspace. Actions never look at roles to allow or refuse.

An unknown user, an unknown workspace and a workspace the user is not in get the same answer
(the same sentence and the same public code) so nobody can probe which workspaces exist; the
audit record keeps the real reason. Agents are support staff and are told plainly when a
workspace does not exist.
"""

from pydantic import BaseModel, ConfigDict

from actions import wording
from actions.action_models import Actor, ActorRole
from actions.adapter import BillingAdapter
from actions.identity import find_user
from actions.models import Membership, Role, User, Workspace
from actions.registry import ActionSpec

NOT_PERMITTED = "not-permitted"      # public code for every "not your workspace" refusal
ROLE_NOT_ALLOWED = "role-not-allowed"

# Strongest first: when several of the actor's roles allow a call, the audit names the first.
ROLE_ORDER = (ActorRole.OWNER, ActorRole.MEMBER, ActorRole.READ_ONLY, ActorRole.AGENT, ActorRole.ASKER)
_FROM_MEMBERSHIP = {Role.OWNER: ActorRole.OWNER, Role.MEMBER: ActorRole.MEMBER, Role.READ_ONLY: ActorRole.READ_ONLY}


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Grant(_Frozen):
    role: ActorRole
    user: User | None
    memberships: tuple[Membership, ...]
    workspace: Workspace | None


class Denial(_Frozen):
    code: str  # public: the same for every reason that must not be told apart
    summary: str
    reason: str  # internal, for the audit trail only
    role: ActorRole | None = None
    user: User | None = None
    workspace: Workspace | None = None


def authorize(adapter: BillingAdapter, spec: ActionSpec, actor: Actor, workspace_slug: str | None) -> Grant | Denial:
    """May ``actor`` run ``spec`` in the workspace called ``workspace_slug``?

    Raises ``AdapterError`` when the billing backend cannot answer; that is a failure, not a "no".
    """
    user = find_user(adapter, email=actor.email, slack_user_id=actor.slack_user_id)
    memberships = tuple(adapter.memberships(user.id)) if user is not None else ()
    roles: list[ActorRole] = [ActorRole.AGENT] if actor.agent else []

    if workspace_slug is None:
        roles.append(ActorRole.ASKER)
        return _decide(spec, roles, user, memberships, None, slug=None)

    workspace = adapter.workspace_by_slug(workspace_slug)
    membership = None
    if workspace is not None:
        membership = next((m for m in memberships if m.workspace_id == workspace.id), None)
    if membership is not None:
        roles.append(_FROM_MEMBERSHIP[membership.role])
    if workspace is None or not roles:
        reason = "unknown-workspace" if workspace is None else "unknown-user" if user is None else "not-member"
        summary = (wording.ACTION_NO_SUCH_WORKSPACE if actor.agent
                   else wording.ACTION_NOT_YOUR_WORKSPACE).format(workspace=workspace_slug)
        return Denial(code=NOT_PERMITTED, summary=summary, reason=reason, user=user)
    return _decide(spec, roles, user, memberships, workspace, slug=workspace_slug)


def _decide(spec: ActionSpec, roles: list[ActorRole], user: User | None, memberships: tuple[Membership, ...],
            workspace: Workspace | None, slug: str | None) -> Grant | Denial:
    held = [r for r in ROLE_ORDER if r in roles]
    granted = next((r for r in held if r in spec.roles), None)
    if granted is not None:
        return Grant(role=granted, user=user, memberships=memberships, workspace=workspace)
    best = held[0] if held else None
    return Denial(
        code=ROLE_NOT_ALLOWED,
        summary=wording.action_role_not_allowed(spec.name, spec.roles, slug),
        reason=f"role {best.value if best else 'none'} may not run {spec.name}",
        role=best,
        user=user,
        workspace=workspace,
    )
