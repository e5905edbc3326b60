import json
import logging
import multiprocessing
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from actions import wording
from actions.action_errors import InvalidArguments, KeyReused, UnknownAction
from actions.action_models import ActionRequest, Actor, OutcomeStatus, PreviewStatus
from actions.audit import AuditPhase
from actions.catalog import default_registry
from actions.errors import AdapterUnavailable
from actions.executor import Executor
from actions.sqlite_adapter import SQLiteBillingAdapter
from tests.actions.action_world import (  # noqa: F401 - fixtures
    AGENT,
    NOW,
    ONE_SECOND,
    OUTSIDER,
    PENDING,
    POLICY,
    UNKNOWN_WORKSPACE,
    audit_records,
    clock,
    count_rows,
    db_path,
    demo_template,
    executor,
    member,
    owner,
    pending_deadline,
    reader,
    request,
    revoke_in_process,
    revoked_at,
)

REVOKE = request("revoke-deletion", owner(PENDING), PENDING)
SECRET = "disk sector 7 unreadable at /var/lib/secret"


# -- preview ----------------------------------------------------------------------------------


def test_a_preview_changes_nothing_but_leaves_an_audit_record(executor):
    preview = executor.preview(REVOKE)
    assert preview.status is PreviewStatus.READY and preview.needs_confirmation
    assert revoked_at(executor) is None
    assert count_rows(executor, "action_runs") == 0
    (record,) = audit_records(executor)
    assert record.phase is AuditPhase.PREVIEW and record.status == "ready"
    assert record.actor == owner(PENDING) and record.role == "owner" and record.origin == "cli"
    assert record.workspace == PENDING and record.workspace_id == "ws-sage-deletion-pending"
    assert record.preview["summary"] == preview.summary and record.outcome is None
    assert record.idempotency_key is None and record.started_at == NOW


def test_a_refused_preview_is_audited_with_its_reason(executor):
    preview = executor.preview(request("revoke-deletion", OUTSIDER, PENDING))
    assert preview.status is PreviewStatus.REFUSED and preview.code == "not-permitted"
    assert not preview.needs_confirmation and preview.data == {}
    (record,) = audit_records(executor)
    assert (record.status, record.error_code, record.reason) == ("refused", "not-permitted", "not-member")
    assert record.workspace_id is None and record.role is None


# -- execute ----------------------------------------------------------------------------------


def test_a_run_does_it_and_records_outcome_and_audit(executor):
    outcome = executor.execute(REVOKE, "key-1")
    assert outcome.status is OutcomeStatus.DONE and not outcome.replayed
    assert outcome.idempotency_key == "key-1"
    assert outcome.summary == wording.action_deletion_revoked("Sage Studio")
    assert revoked_at(executor) == NOW
    assert executor.adapter.facts("ws-sage-deletion-pending").deletion.revoked_by == "usr-owner-sage-deletion-pending"
    (record,) = audit_records(executor)
    assert record.phase is AuditPhase.RUN and record.status == "done" and record.error_code is None
    assert record.idempotency_key == "key-1" and record.role == "owner"
    assert record.preview["status"] == "ready"  # the check made inside the run
    assert record.outcome == outcome.model_dump(mode="json")


def test_a_repeated_key_returns_the_first_outcome_and_changes_nothing(executor, clock):
    first = executor.execute(REVOKE, "key-1")
    clock.move_to(NOW + ONE_SECOND * 90)
    again = executor.execute(REVOKE, "key-1")
    assert again.replayed and again.model_copy(update={"replayed": False}) == first
    assert revoked_at(executor) == NOW  # not touched by the second call
    assert count_rows(executor, "action_runs") == 1
    records = audit_records(executor)
    assert [r.phase for r in records] == [AuditPhase.RUN, AuditPhase.REPLAY]  # one run, one trace of the repeat
    assert records[1].outcome["replayed"] is True and records[1].started_at == NOW + ONE_SECOND * 90


def test_a_repeated_key_may_come_from_another_permitted_person(executor):
    first = executor.execute(REVOKE, "button-1")
    again = executor.execute(request("revoke-deletion", AGENT, PENDING, agent=True), "button-1")
    assert again.replayed and again.summary == first.summary
    assert [r.role for r in audit_records(executor)] == ["owner", "agent"]


def test_a_new_key_after_the_revocation_is_told_it_is_already_revoked(executor):
    executor.execute(REVOKE, "key-1")
    second = executor.execute(request("revoke-deletion", AGENT, PENDING, agent=True), "key-2")
    assert second.status is OutcomeStatus.NOT_POSSIBLE and second.code == "already-revoked"
    assert not second.replayed
    assert audit_records(executor)[-1].error_code == "already-revoked"


def test_a_key_reused_for_a_different_request_is_bad_input_and_runs_nothing(executor):
    executor.execute(request("usage-status", owner(PENDING), PENDING), "key-1")
    with pytest.raises(KeyReused):
        executor.execute(REVOKE, "key-1")
    assert revoked_at(executor) is None
    assert len(audit_records(executor)) == 1


def test_a_refusal_is_audited_but_not_stored_under_the_key(executor):
    refused = executor.execute(request("revoke-deletion", member(PENDING), PENDING), "shared-key")
    assert refused.status is OutcomeStatus.REFUSED and refused.code == "role-not-allowed"
    assert count_rows(executor, "action_runs") == 0
    done = executor.execute(REVOKE, "shared-key")
    assert done.status is OutcomeStatus.DONE and not done.replayed
    assert [(r.phase, r.status, r.role) for r in audit_records(executor)] == [
        (AuditPhase.RUN, "refused", "member"), (AuditPhase.RUN, "done", "owner")]


def test_a_read_only_check_runs_without_a_preview_and_is_audited_once(executor):
    outcome = executor.execute(request("usage-status", reader(PENDING), PENDING), "look-1")
    assert outcome.done and outcome.data["usage"]["plan"] == "team-monthly"
    (record,) = audit_records(executor)
    assert record.phase is AuditPhase.RUN and record.role == "read-only" and record.preview is None


def test_unknown_workspace_and_not_a_member_read_the_same(executor):
    a = executor.execute(request("usage-status", OUTSIDER, PENDING), "k-a")
    b = executor.execute(request("usage-status", OUTSIDER, UNKNOWN_WORKSPACE), "k-b")
    assert (a.status, a.code, a.data) == (b.status, b.code, b.data) == (OutcomeStatus.REFUSED, "not-permitted", {})
    assert a.summary.replace(PENDING, "X") == b.summary.replace(UNKNOWN_WORKSPACE, "X")
    assert [r.reason for r in audit_records(executor)] == ["not-member", "unknown-workspace"]


# -- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("bad", "error"), [
    (request("revoke-everything", owner(PENDING), PENDING), UnknownAction),
    (request("revoke-deletion", owner(PENDING), PENDING, force="yes"), InvalidArguments),
    (request("usage-status", owner(PENDING), None), InvalidArguments),
    (request("transfer-precheck", owner(PENDING), PENDING, source="x"), InvalidArguments),
])
def test_bad_requests_raise_and_leave_no_trace(executor, bad, error):
    with pytest.raises(error):
        executor.preview(bad)
    with pytest.raises(error):
        executor.execute(bad, "key-1")
    assert audit_records(executor) == [] and count_rows(executor, "action_runs") == 0


@pytest.mark.parametrize("key", ["", "   ", "k" * 201])
def test_an_idempotency_key_must_be_usable(executor, key):
    with pytest.raises(InvalidArguments, match="idempotency key"):
        executor.execute(REVOKE, key)


def test_a_request_names_its_actor_and_normalises_the_slug():
    with pytest.raises(ValueError, match="an email or a Slack user id"):
        Actor(agent=True)
    assert ActionRequest(action="usage-status", actor=Actor(email="a@b.example"), workspace=" Acme ").workspace == "acme"
    assert ActionRequest(action="escalate", actor=Actor(slack_user_id="U1"), workspace=" ").workspace is None


# -- the window closes between preview and run ---------------------------------------------------


def test_the_run_checks_the_window_again_and_refuses_when_it_has_closed(executor, clock):
    assert executor.preview(REVOKE).status is PreviewStatus.READY
    clock.move_to(pending_deadline(executor))  # the very moment it becomes irrevocable
    outcome = executor.execute(REVOKE, "key-1")
    assert outcome.status is OutcomeStatus.NOT_POSSIBLE and outcome.code == "irrevocable"
    assert revoked_at(executor) is None
    run = audit_records(executor)[-1]
    assert run.preview["status"] == "not-possible" and run.error_code == "irrevocable"


def test_one_second_before_the_deadline_the_run_still_succeeds(executor, clock):
    clock.move_to(pending_deadline(executor) - ONE_SECOND)
    assert executor.execute(REVOKE, "key-1").done
    assert revoked_at(executor) == pending_deadline(executor) - ONE_SECOND


# -- faults -------------------------------------------------------------------------------------


class FailsAfterWriting(SQLiteBillingAdapter):
    """Writes the revocation, then fails before the transaction can commit."""

    error: type[Exception] = RuntimeError

    def revoke_deletion(self, request_id, by_user, at):
        written = super().revoke_deletion(request_id, by_user, at)
        assert written.revoked_at is not None  # the write really happened inside the transaction
        raise self.error(SECRET)


class UnavailableAfterWriting(FailsAfterWriting):
    error = AdapterUnavailable


@pytest.fixture
def failing(db_path, clock):
    """An executor whose adapter fails in the middle of a revocation (``error`` picks how)."""
    opened = []

    def make(adapter_class=FailsAfterWriting):
        adapter = adapter_class(db_path, clock)
        opened.append(adapter)
        return Executor(default_registry(), adapter, adapter.connections, POLICY, clock)

    yield make
    for adapter in opened:
        adapter.close()


def test_a_failure_mid_run_leaves_nothing_half_done(failing, caplog):
    executor = failing()
    with caplog.at_level(logging.ERROR, logger="actions.executor"):
        outcome = executor.execute(REVOKE, "key-1")
    assert outcome.status is OutcomeStatus.FAILED and outcome.code == "internal-error"
    assert outcome.summary == wording.ACTION_INTERNAL_ERROR
    assert revoked_at(executor) is None  # the revocation was rolled back with the transaction
    assert SECRET in caplog.text  # the details went to the log ...
    (record,) = audit_records(executor)
    assert (record.status, record.error_code, record.reason) == ("failed", "internal-error", "RuntimeError")
    assert SECRET not in json.dumps(record.model_dump(mode="json"))  # ... and nowhere else
    assert SECRET not in json.dumps(outcome.model_dump(mode="json"))


def test_a_failed_run_is_the_first_outcome_of_its_key(failing):
    executor = failing()
    first = executor.execute(REVOKE, "key-1")
    again = executor.execute(REVOKE, "key-1")
    assert again.replayed and again.status is OutcomeStatus.FAILED and again.summary == first.summary
    assert count_rows(executor, "action_runs") == 1
    assert revoked_at(executor) is None


def test_a_backend_failure_mid_run_gets_its_own_plain_sentence(failing):
    executor = failing(UnavailableAfterWriting)
    outcome = executor.execute(REVOKE, "key-1")
    assert outcome.status is OutcomeStatus.FAILED and outcome.code == "backend-unavailable"
    assert outcome.summary == wording.ACTION_BACKEND_UNAVAILABLE
    assert revoked_at(executor) is None


class DownForLookups(SQLiteBillingAdapter):
    def user_by_email(self, email):
        raise AdapterUnavailable(SECRET)


def test_a_backend_down_before_the_run_fails_the_preview_and_the_run(failing):
    executor = failing(DownForLookups)
    preview = executor.preview(REVOKE)
    assert preview.status is PreviewStatus.FAILED and preview.summary == wording.ACTION_BACKEND_UNAVAILABLE
    outcome = executor.execute(REVOKE, "key-1")
    assert outcome.status is OutcomeStatus.FAILED and outcome.code == "backend-unavailable"
    assert [(r.phase, r.status, r.error_code) for r in audit_records(executor)] == [
        (AuditPhase.PREVIEW, "failed", "backend-unavailable"), (AuditPhase.RUN, "failed", "backend-unavailable")]


def test_a_locked_database_shows_nothing_untraced_and_runs_nothing(db_path, clock, caplog):
    adapter = SQLiteBillingAdapter(db_path, clock, busy_timeout_s=0.1)
    executor = Executor(default_registry(), adapter, adapter.connections, POLICY, clock)
    blocker = sqlite3.connect(db_path)
    try:
        blocker.execute("BEGIN IMMEDIATE")  # another writer holds the lock for longer than the busy timeout
        with caplog.at_level(logging.ERROR):
            preview = executor.preview(REVOKE)
            outcome = executor.execute(REVOKE, "key-1")
        assert preview.status is PreviewStatus.FAILED and preview.summary == wording.ACTION_BACKEND_UNAVAILABLE
        assert preview.data == {} and preview.lines == ()
        assert outcome.status is OutcomeStatus.FAILED and outcome.code == "backend-unavailable"
    finally:
        blocker.rollback()
        blocker.close()
    assert "could not append the audit record" in caplog.text
    assert revoked_at(executor) is None
    assert executor.execute(REVOKE, "key-1").done  # the failure could not be stored, so the key is still free
    adapter.close()


# -- two people press at the same moment ----------------------------------------------------------

PRESSERS = [owner(PENDING), AGENT, "U0DEMO191", owner(PENDING), AGENT, owner(PENDING)]


def _press(executor: Executor, who: str, key: str, start: threading.Barrier):
    start.wait()
    return executor.execute(request("revoke-deletion", who, PENDING, agent=who == AGENT), key)


def test_threads_with_their_own_keys_revoke_exactly_once(executor):
    start = threading.Barrier(len(PRESSERS))
    with ThreadPoolExecutor(len(PRESSERS)) as pool:
        outcomes = list(pool.map(lambda i: _press(executor, PRESSERS[i], f"key-{i}", start), range(len(PRESSERS))))
    statuses = sorted(o.status.value for o in outcomes)
    assert statuses == ["done"] + ["not-possible"] * (len(PRESSERS) - 1)
    assert {o.code for o in outcomes if not o.done} == {"already-revoked"}
    winner = next(i for i, o in enumerate(outcomes) if o.done)
    stored = executor.adapter.facts("ws-sage-deletion-pending").deletion
    expected_by = "agent:" + AGENT if PRESSERS[winner] == AGENT else "usr-owner-sage-deletion-pending"
    assert stored.revoked_by == expected_by
    assert sorted(r.status for r in audit_records(executor)) == statuses


def test_threads_sharing_one_key_run_once_and_all_see_the_first_outcome(executor):
    start = threading.Barrier(len(PRESSERS))
    with ThreadPoolExecutor(len(PRESSERS)) as pool:
        outcomes = list(pool.map(lambda i: _press(executor, PRESSERS[i], "the-button", start), range(len(PRESSERS))))
    assert all(o.done for o in outcomes)
    assert sum(not o.replayed for o in outcomes) == 1
    assert len({o.model_copy(update={"replayed": False}).model_dump_json() for o in outcomes}) == 1
    phases = [r.phase for r in audit_records(executor)]
    assert phases.count(AuditPhase.RUN) == 1 and phases.count(AuditPhase.REPLAY) == len(PRESSERS) - 1


@pytest.mark.slow
@pytest.mark.parametrize("shared_key", [False, True], ids=["own-keys", "one-key"])
def test_processes_on_one_file_revoke_exactly_once(db_path, executor, shared_key):
    spawn = multiprocessing.get_context("spawn")
    count = 4
    start, results = spawn.Barrier(count), spawn.Queue()
    workers = [spawn.Process(target=revoke_in_process,
                             args=(str(db_path), PRESSERS[i], "the-button" if shared_key else f"key-{i}", start, results))
               for i in range(count)]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=60) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    done = [o for o in outcomes if o["status"] == "done"]
    if shared_key:
        assert len(done) == count and sum(not o["replayed"] for o in outcomes) == 1
    else:
        assert len(done) == 1
        assert sorted(o["code"] for o in outcomes if o["status"] != "done") == ["already-revoked"] * (count - 1)
    assert revoked_at(executor) == NOW
    runs = [r for r in audit_records(executor) if r.phase is AuditPhase.RUN]
    assert [r.status for r in runs].count("done") == 1


class DemotedAsTheLockIsTaken(SQLiteBillingAdapter):
    """Another process demotes the owner to member just before this run gets the write lock."""

    def transaction(self):
        with sqlite3.connect(self.path) as other:
            other.execute(
                "UPDATE memberships SET role = 'member' WHERE user_id = ? AND workspace_id = ?",
                ["usr-owner-sage-deletion-pending", "ws-sage-deletion-pending"],
            )
        return super().transaction()


def test_who_may_act_is_decided_under_the_write_lock(failing):
    executor = failing(DemotedAsTheLockIsTaken)
    outcome = executor.execute(REVOKE, "key-1")
    assert outcome.status is OutcomeStatus.REFUSED  # a member may not revoke; the old role does not count
    assert revoked_at(executor) is None
    (record,) = audit_records(executor)
    assert record.status == "refused" and record.phase is AuditPhase.RUN
    assert count_rows(executor, "action_runs") == 0  # a refusal is not stored under the key
