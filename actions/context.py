"""What an action may use while it checks or runs: the adapter, the policy, one moment in time.

The executor builds a context after the permission layer said yes, so an action never decides
who may run it; it reads ``role`` only where a policy fact depends on it (who may move a source).
"""

from dataclasses import dataclass
from datetime import datetime

from actions.action_models import Actor, ActorRole
from actions.adapter import BillingAdapter
from actions.handovers import HandoverStore
from actions.models import Membership, User, Workspace, WorkspaceFacts
from knowledge.policy import Policy


@dataclass(frozen=True)
class ActionContext:
    adapter: BillingAdapter
    policy: Policy
    now: datetime  # aware UTC; one reading of the clock per check or run
    actor: Actor
    user: User | None  # the actor's billing user; None for an agent without one
    role: ActorRole  # the role that granted this call
    memberships: tuple[Membership, ...]  # all of the actor's workspaces, for cross-workspace checks
    workspace: Workspace | None  # None only for actions open to askers without a workspace
    origin: str
    handovers: HandoverStore

    @property
    def actor_id(self) -> str:
        """How writes name the actor: the billing user id, else the agent's label."""
        return self.user.id if self.user is not None else f"agent:{self.actor.label}"

    def require_workspace(self) -> Workspace:
        if self.workspace is None:
            raise ValueError("this action needs a workspace; the registry should have required one")
        return self.workspace

    def facts(self) -> WorkspaceFacts:
        """Everything about the action's workspace, read now."""
        return self.adapter.facts(self.require_workspace().id)
