"""Workspace deletion: pending or not, when it becomes irrevocable, and whether it can still be revoked.

A request becomes irrevocable ``workspace_deletion.grace_days`` after it was made; it can be
revoked strictly before that moment (at the moment itself it is too late).
"""

from datetime import datetime, timedelta
from enum import StrEnum

from actions.facts._base import Fact
from actions.facts.periods import as_utc
from actions.models import DeletionRequest, WorkspaceFacts
from knowledge.policy import Policy


class DeletionState(StrEnum):
    NONE = "none"                # no deletion was ever requested
    PENDING = "pending"          # requested, and still revocable
    IRREVOCABLE = "irrevocable"  # the grace period is over
    REVOKED = "revoked"


class DeletionStatus(Fact):
    state: DeletionState
    request_id: str | None = None
    requested_at: datetime | None = None
    requested_by: str | None = None
    irrevocable_at: datetime | None = None
    time_left: timedelta = timedelta(0)  # until irrevocable_at; zero unless pending
    revoked_at: datetime | None = None

    @property
    def can_revoke(self) -> bool:
        return self.state is DeletionState.PENDING


def irrevocable_at(request: DeletionRequest, policy: Policy) -> datetime:
    return as_utc(request.requested_at) + timedelta(days=policy.workspace_deletion.grace_days)


def deletion_status(facts: WorkspaceFacts, policy: Policy, now: datetime) -> DeletionStatus:
    """The state of the workspace's latest deletion request at ``now`` (naive times are UTC)."""
    request = facts.deletion
    if request is None:
        return DeletionStatus(state=DeletionState.NONE)
    deadline = irrevocable_at(request, policy)
    now = as_utc(now)
    if request.revoked_at is not None:
        state = DeletionState.REVOKED
    elif now < deadline:
        state = DeletionState.PENDING
    else:
        state = DeletionState.IRREVOCABLE
    return DeletionStatus(
        state=state,
        request_id=request.id,
        requested_at=as_utc(request.requested_at),
        requested_by=request.requested_by,
        irrevocable_at=deadline,
        time_left=deadline - now if state is DeletionState.PENDING else timedelta(0),
        revoked_at=as_utc(request.revoked_at) if request.revoked_at else None,
    )
