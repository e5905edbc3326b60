import pytest

from actions import wording
from actions.action_models import OutcomeStatus, PreviewStatus
from actions.catalog import default_registry
from actions.executor import Executor
from actions.sqlite_adapter import SQLiteBillingAdapter
from tests.actions.action_world import (
    AGENT,
    IRREVOCABLE,
    NO_DELETION,
    NOW,
    ONE_SECOND,
    OUTSIDER,
    PENDING,
    POLICY,
    UNKNOWN_USER,
    UNKNOWN_WORKSPACE,
    audit_records,
    member,
    owner,
    pending_deadline,
    reader,
    request,
    revoked_at,
)


def revoke(who, workspace=PENDING, agent=False):
    return request("revoke-deletion", who, workspace, agent=agent)


@pytest.mark.parametrize(("who", "agent"), [(owner(PENDING), False), (AGENT, True), ("U0DEMO191", False)])
def test_an_owner_or_an_agent_revokes_a_pending_deletion(executor, who, agent):
    preview = executor.preview(revoke(who, agent=agent))
    assert preview.status is PreviewStatus.READY and preview.needs_confirmation
    assert "Sage Studio" in preview.summary and preview.data["deletion"]["state"] == "pending"
    assert preview.lines[0].startswith("Its deletion was requested on")
    outcome = executor.execute(revoke(who, agent=agent), "k")
    assert outcome.done and outcome.data["deletion"]["state"] == "revoked"
    assert revoked_at(executor) == NOW
    by = executor.adapter.facts("ws-sage-deletion-pending").deletion.revoked_by
    assert by == ("agent:" + AGENT if agent else "usr-owner-sage-deletion-pending")


@pytest.mark.parametrize(("who", "code"), [
    (member(PENDING), "role-not-allowed"),
    (reader(PENDING), "role-not-allowed"),
    (OUTSIDER, "not-permitted"),
    (UNKNOWN_USER, "not-permitted"),
    (owner(NO_DELETION), "not-permitted"),
])
def test_everyone_else_is_refused_and_nothing_changes(executor, who, code):
    assert executor.preview(revoke(who)).code == code
    outcome = executor.execute(revoke(who), "k")
    assert outcome.status is OutcomeStatus.REFUSED and outcome.code == code and outcome.data == {}
    assert revoked_at(executor) is None
    assert {r.status for r in audit_records(executor)} == {"refused"}


def test_an_unknown_workspace_reads_like_someone_elses(executor):
    unknown = executor.execute(revoke(owner(NO_DELETION), UNKNOWN_WORKSPACE), "k1")
    theirs = executor.execute(revoke(owner(NO_DELETION), PENDING), "k2")
    assert unknown.summary == wording.ACTION_NOT_YOUR_WORKSPACE.format(workspace=UNKNOWN_WORKSPACE)
    assert theirs.summary == wording.ACTION_NOT_YOUR_WORKSPACE.format(workspace=PENDING)


def test_nothing_to_revoke_without_a_deletion_request(executor):
    outcome = executor.execute(revoke(owner(NO_DELETION), NO_DELETION), "k")
    assert outcome.status is OutcomeStatus.NOT_POSSIBLE and outcome.code == "no-deletion"
    assert outcome.summary == wording.action_no_deletion("Acme Analytics")


def test_an_irrevocable_deletion_cannot_be_revoked(executor):
    preview = executor.preview(revoke(owner(IRREVOCABLE), IRREVOCABLE))
    assert preview.status is PreviewStatus.NOT_POSSIBLE and preview.code == "irrevocable"
    assert not preview.needs_confirmation
    outcome = executor.execute(revoke(AGENT, IRREVOCABLE, agent=True), "k")
    assert outcome.status is OutcomeStatus.NOT_POSSIBLE and outcome.code == "irrevocable"
    assert revoked_at(executor, IRREVOCABLE) is None


def test_the_boundary_is_the_moment_it_becomes_irrevocable(executor, clock):
    deadline = pending_deadline(executor)
    clock.move_to(deadline - ONE_SECOND)
    assert executor.preview(revoke(owner(PENDING))).status is PreviewStatus.READY
    clock.move_to(deadline)
    assert executor.preview(revoke(owner(PENDING))).code == "irrevocable"


def test_a_revoked_deletion_says_so(executor):
    executor.execute(revoke(owner(PENDING)), "k1")
    preview = executor.preview(revoke(owner(PENDING)))
    assert preview.status is PreviewStatus.NOT_POSSIBLE and preview.code == "already-revoked"
    assert "already revoked" in preview.summary


class SomeoneElseFirst(SQLiteBillingAdapter):
    """Another writer revokes the request just before this one's conditional update."""

    def revoke_deletion(self, request_id, by_user, at):
        super().revoke_deletion(request_id, "usr-someone-else", at)
        return super().revoke_deletion(request_id, by_user, at)


def test_the_conditional_update_is_the_last_guard(db_path, clock):
    with SomeoneElseFirst(db_path, clock) as adapter:
        executor = Executor(default_registry(), adapter, adapter.connections, POLICY, clock)
        outcome = executor.execute(revoke(owner(PENDING)), "k")
        assert outcome.status is OutcomeStatus.NOT_POSSIBLE and outcome.code == "already-revoked"
        assert adapter.facts("ws-sage-deletion-pending").deletion.revoked_by == "usr-someone-else"
