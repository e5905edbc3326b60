from datetime import UTC, datetime, timedelta

from actions.facts.deletion import DeletionState, deletion_status
from actions.models import DeletionRequest
from tests.actions.facts.records import changed_policy, facts

REQUESTED = datetime(2025, 3, 10, 9, 30, tzinfo=UTC)


def requested(at: datetime = REQUESTED, revoked_at: datetime | None = None):
    return facts(deletion=DeletionRequest(id="del-1", workspace_id="ws-1", requested_at=at, requested_by="u-1",
                                          revoked_at=revoked_at, revoked_by="u-1" if revoked_at else None))


def test_one_second_before_the_deadline_it_can_still_be_revoked(policy):
    grace = timedelta(days=policy.workspace_deletion.grace_days)
    status = deletion_status(requested(), policy, REQUESTED + grace - timedelta(seconds=1))
    assert status.state is DeletionState.PENDING and status.can_revoke
    assert status.irrevocable_at == REQUESTED + grace
    assert status.time_left == timedelta(seconds=1)


def test_at_exactly_the_deadline_it_is_too_late(policy):
    deadline = REQUESTED + timedelta(days=policy.workspace_deletion.grace_days)
    status = deletion_status(requested(), policy, deadline)
    assert status.state is DeletionState.IRREVOCABLE and not status.can_revoke
    assert status.time_left == timedelta(0)


def test_no_request_and_a_revoked_request(policy):
    assert deletion_status(facts(), policy, REQUESTED).state is DeletionState.NONE
    revoked = deletion_status(requested(revoked_at=REQUESTED + timedelta(hours=1)), policy,
                              REQUESTED + timedelta(hours=2))
    assert revoked.state is DeletionState.REVOKED and not revoked.can_revoke


def test_stored_times_without_a_zone_are_utc(policy):
    naive = requested(at=REQUESTED.replace(tzinfo=None))
    status = deletion_status(naive, policy, REQUESTED + timedelta(days=1))
    assert status.requested_at == REQUESTED
    assert status.time_left == timedelta(days=policy.workspace_deletion.grace_days - 1)


def test_the_grace_period_comes_from_the_policy_data(policy):
    changed = changed_policy(policy, workspace_deletion={"grace_days": 7})
    at_shipped_deadline = REQUESTED + timedelta(days=policy.workspace_deletion.grace_days)
    status = deletion_status(requested(), changed, at_shipped_deadline)
    assert status.can_revoke and status.irrevocable_at == REQUESTED + timedelta(days=7)
