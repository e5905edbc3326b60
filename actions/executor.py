"""Runs actions safely: permission first, preview on demand, then exactly-once execution.

``execute`` does, in one write transaction shared by the adapter and the action tables:

1. claim the idempotency key (the transaction's first write, so concurrent requests queue);
   a taken key returns the first stored outcome and runs nothing;
2. for fixes and hand-overs, ``check`` again at this moment: a window that closed since the
   preview refuses the run (read-only checks just run: their check is their answer);
3. ``run``; store the outcome under the key; append the audit record.

Any error inside rolls all of it back (the billing writes, the claim, the audit row); the
failure is then stored under the key and audited in a transaction of its own, with a plain
sentence for the actor. ``str(exception)`` never reaches an outcome or the audit trail; it goes
to the log.

What the trail holds, per call: a preview leaves one ``preview`` record; the first execution of
a key one ``run`` record; every repeat of the key one ``replay`` record (so a double press is
visible, and still only one ``run`` exists per key). A refusal leaves a ``run`` (or ``preview``)
record with the internal reason, and is not stored under the key: the key may belong to a
button that someone allowed presses next. A failure is the key's first outcome, like any other.

The action tables must be reachable through the adapter's own connection (``connections`` is the
adapter's), or live in another file; two connections to one file inside one run would wait on
each other's write lock.
"""

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime
from typing import Any, Protocol

from pydantic import JsonValue
from sqlite_utils import Database

from actions import audit, handovers, idempotency, wording
from actions.action_errors import InvalidArguments, InvalidRequest
from actions.action_models import (
    ActionInput,
    ActionRequest,
    Finding,
    Outcome,
    OutcomeStatus,
    Preview,
    PreviewStatus,
)
from actions.adapter import BillingAdapter
from actions.audit import AuditLog, AuditPhase, AuditRecord
from actions.clock import Clock, system_clock
from actions.context import ActionContext
from actions.errors import AdapterError, AdapterUnavailable, CorruptRecord
from actions.handovers import HandoverStore
from actions.idempotency import IdempotencyStore, fingerprint, valid_key
from actions.permissions import Denial, Grant, authorize
from actions.registry import Action, Registry
from actions.store import Connections, write_transaction
from knowledge.policy import Policy

log = logging.getLogger(__name__)


class TransactionalAdapter(BillingAdapter, Protocol):
    def transaction(self) -> AbstractContextManager[Any]:
        """Every adapter call inside is one transaction: all of it commits, or none."""


class Executor:
    def __init__(self, registry: Registry, adapter: TransactionalAdapter, connections: Connections,
                 policy: Policy, clock: Clock = system_clock):
        self.registry = registry
        self.adapter = adapter
        self.connections = connections
        self.policy = policy
        self.clock = clock
        with connections.use() as db:
            for module in (audit, idempotency, handovers):
                module.create_table(db)

    # -- public -------------------------------------------------------------------------------

    def record_denial(self, *, actor: str, origin: str, entry_point: str, reason: str) -> bool:
        """Audit a refusal decided before any action was named (e.g. ``/support`` used by someone
        who is not an agent), so every denial leaves a trace in the one audit trail."""
        now = self.clock()
        return self._append_alone(AuditRecord(
            phase=AuditPhase.DENIED, actor=actor, origin=origin, action=entry_point,
            status="refused", reason=reason, started_at=now, finished_at=now,
        ))

    def preview(self, request: ActionRequest) -> Preview:
        """What ``execute`` would do now, or why it cannot; changes nothing but the audit trail."""
        found, args = self._parse(request)
        started = self.clock()
        record = _Record(request, args, AuditPhase.PREVIEW, started)
        try:
            decision = authorize(self.adapter, found.spec, request.actor, request.workspace)
            record.decided(decision)
            if isinstance(decision, Denial):
                preview = self._preview(request, PreviewStatus.REFUSED, decision.summary, code=decision.code)
            else:
                with self.connections.use() as db:
                    finding = found.check(self._context(request, decision, started, db), args)
                preview = self._preview_of(request, found, finding)
        except Exception as error:  # noqa: BLE001 - any failure becomes a plain sentence, logged in full
            code, summary = _failure(error, request)
            record.failed(code, error)
            preview = self._preview(request, PreviewStatus.FAILED, summary, code=code)
        record.previewed(preview)
        if not self._append_alone(record.build(self.clock())) and preview.status is not PreviewStatus.FAILED:
            # No facts are shown without a trace: an unrecorded preview is a failed one.
            code, summary = "backend-unavailable", wording.ACTION_BACKEND_UNAVAILABLE
            preview = self._preview(request, PreviewStatus.FAILED, summary, code=code)
        return preview

    def execute(self, request: ActionRequest, idempotency_key: str) -> Outcome:
        """Run the action once per key. A repeated key returns the first outcome unchanged."""
        key = valid_key(idempotency_key)
        found, args = self._parse(request)
        digest = fingerprint(request.action, request.workspace, args.model_dump(mode="json"))
        started = self.clock()
        record = _Record(request, args, AuditPhase.RUN, started, key)
        try:
            with self._transaction() as db:
                # Decided under the write lock, so a role taken away a moment ago is seen.
                decision = authorize(self.adapter, found.spec, request.actor, request.workspace)
                record.decided(decision)
                if isinstance(decision, Denial):
                    denial = decision  # nothing written: leave the transaction, audit on its own
                else:
                    return self._run(db, request, found, args, decision, record, key, digest, started)
        except InvalidRequest:
            raise
        except Exception as error:  # noqa: BLE001
            return self._fail(record, request, key, digest, error)
        # Refusals are audited but not stored under the key: the key may be a shared button's, and
        # someone allowed may press it next. A refusal reveals nothing, so it stands even if its
        # record could not be written (logged).
        outcome = self._outcome(request, OutcomeStatus.REFUSED, denial.summary, code=denial.code, key=key)
        self._append_alone(record.finished(outcome).build(self.clock()))
        return outcome

    # -- steps --------------------------------------------------------------------------------

    def _run(self, db: Database, request: ActionRequest, found: Action, args: ActionInput, decision: Grant,
             record: "_Record", key: str, digest: str, started: datetime) -> Outcome:
        """Claim the key, check again at this moment, run, settle and audit: all in ``db``'s transaction."""
        runs = IdempotencyStore(db)
        if not runs.claim(key, digest, request.action, request.workspace, started):
            return self._replay(db, record, runs.first_outcome(key, digest), key)
        now = self.clock()
        ctx = self._context(request, decision, now, db)
        if found.spec.read_only:
            finding = found.run(ctx, args)
        else:  # the state may have changed since the preview: check again, at this moment
            finding = found.check(ctx, args)
            record.previewed(self._preview_of(request, found, finding))
            if finding.ok:
                finding = found.run(ctx, args)
        outcome = self._outcome_of(request, finding, key)
        runs.settle(key, outcome, now)
        AuditLog(db).append(record.finished(outcome).build(self.clock()))
        return outcome

    def _parse(self, request: ActionRequest) -> tuple[Action, ActionInput]:
        found, args = self.registry.parse(request.action, request.args)
        if found.spec.needs_workspace and request.workspace is None:
            raise InvalidArguments(f"{request.action}: a workspace is required")
        return found, args

    @contextmanager
    def _transaction(self) -> Iterator[Database]:
        with self.adapter.transaction(), self.connections.use() as db, write_transaction(db):
            yield db

    def _context(self, request: ActionRequest, grant: Grant, now: datetime, db: Database) -> ActionContext:
        return ActionContext(
            adapter=self.adapter, policy=self.policy, now=now, actor=request.actor, user=grant.user,
            role=grant.role, memberships=grant.memberships, workspace=grant.workspace, origin=request.origin,
            handovers=HandoverStore(db),
        )

    def _replay(self, db: Database, record: "_Record", first: Outcome | None, key: str) -> Outcome:
        if first is None:  # a claim without an outcome cannot commit; treat it as a failed run
            raise RuntimeError(f"idempotency key {key} is claimed without an outcome")
        outcome = first.model_copy(update={"replayed": True})
        record.phase = AuditPhase.REPLAY
        AuditLog(db).append(record.finished(outcome).build(self.clock()))
        return outcome

    def _fail(self, record: "_Record", request: ActionRequest, key: str, digest: str, error: Exception) -> Outcome:
        code, summary = _failure(error, request)
        outcome = self._outcome(request, OutcomeStatus.FAILED, summary, code=code, key=key)
        record.failed(code, error)
        try:
            with self.connections.use() as db, write_transaction(db):
                runs = IdempotencyStore(db)
                if not runs.store(key, digest, outcome, self.clock()):
                    # Someone settled this key while this run was failing: theirs is the first outcome.
                    return self._replay(db, record, runs.first_outcome(key, digest), key)
                AuditLog(db).append(record.finished(outcome).build(self.clock()))
        except InvalidRequest:
            raise
        except Exception:  # noqa: BLE001 - the actor still gets the plain sentence
            log.exception("could not record the failed run of %s (key %s)", request.action, key)
        return outcome

    def _append_alone(self, entry: AuditRecord) -> bool:
        """Append in a transaction of its own; False (and logged) when the store fails."""
        try:
            with self.connections.use() as db, write_transaction(db):
                AuditLog(db).append(entry)
        except Exception:  # noqa: BLE001 - the caller decides what an unrecorded call may still say
            log.exception("could not append the audit record of %s %s", entry.phase.value, entry.action)
            return False
        return True

    # -- building results -----------------------------------------------------------------------

    def _preview_of(self, request: ActionRequest, found: Action, finding: Finding) -> Preview:
        status = PreviewStatus.READY if finding.ok else PreviewStatus.NOT_POSSIBLE
        return self._preview(request, status, finding.summary, finding.lines, finding.data, finding.code,
                             needs_confirmation=finding.ok and found.spec.needs_confirmation)

    def _preview(self, request: ActionRequest, status: PreviewStatus, summary: str, lines: tuple[str, ...] = (),
                 data: dict[str, JsonValue] | None = None, code: str | None = None,
                 needs_confirmation: bool = False) -> Preview:
        return Preview(action=request.action, workspace=request.workspace, status=status, summary=summary,
                       lines=lines, data=data or {}, code=code, needs_confirmation=needs_confirmation)

    def _outcome_of(self, request: ActionRequest, finding: Finding, key: str) -> Outcome:
        status = OutcomeStatus.DONE if finding.ok else OutcomeStatus.NOT_POSSIBLE
        return self._outcome(request, status, finding.summary, finding.lines, finding.data, finding.code, key)

    def _outcome(self, request: ActionRequest, status: OutcomeStatus, summary: str, lines: tuple[str, ...] = (),
                 data: dict[str, JsonValue] | None = None, code: str | None = None, key: str | None = None) -> Outcome:
        return Outcome(action=request.action, workspace=request.workspace, status=status, summary=summary,
                       lines=lines, data=data or {}, code=code, idempotency_key=key)


class _Record:
    """Collects one audit record while a call goes through its steps."""

    def __init__(self, request: ActionRequest, args: ActionInput, phase: AuditPhase, started: datetime,
                 key: str | None = None):
        self.request = request
        self.input = args.model_dump(mode="json")
        self.phase = phase
        self.started = started
        self.key = key
        self.user_id: str | None = None
        self.role: str | None = None
        self.workspace_id: str | None = None
        self.reason: str | None = None
        self.error_code: str | None = None
        self.preview: Preview | None = None
        self.outcome: Outcome | None = None

    def decided(self, decision: Grant | Denial) -> None:
        self.user_id = decision.user.id if decision.user else None
        self.role = decision.role.value if decision.role else None
        self.workspace_id = decision.workspace.id if decision.workspace else None
        if isinstance(decision, Denial):
            self.reason = decision.reason
            self.error_code = decision.code

    def previewed(self, preview: Preview) -> None:
        self.preview = preview
        if preview.code and self.error_code is None and not preview.ready:
            self.error_code = preview.code

    def finished(self, outcome: Outcome) -> "_Record":
        self.outcome = outcome
        if outcome.code and not outcome.done:
            self.error_code = outcome.code
        return self

    def failed(self, code: str, error: Exception) -> None:
        self.error_code = code
        self.reason = type(error).__name__

    def build(self, finished: datetime) -> AuditRecord:
        status = self.outcome.status.value if self.outcome else self.preview.status.value if self.preview else "failed"
        return AuditRecord(
            phase=self.phase, actor=self.request.actor.label, actor_user_id=self.user_id, role=self.role,
            origin=self.request.origin, action=self.request.action, workspace=self.request.workspace,
            workspace_id=self.workspace_id, input=self.input,
            preview=self.preview.model_dump(mode="json") if self.preview else None,
            status=status, outcome=self.outcome.model_dump(mode="json") if self.outcome else None,
            error_code=self.error_code, reason=self.reason, idempotency_key=self.key,
            started_at=self.started, finished_at=finished,
        )


def _failure(error: Exception, request: ActionRequest) -> tuple[str, str]:
    """A stable code and a plain sentence for a real error; the details go to the log."""
    if isinstance(error, AdapterUnavailable | sqlite3.Error):
        code, summary = "backend-unavailable", wording.ACTION_BACKEND_UNAVAILABLE
    elif isinstance(error, CorruptRecord):
        code, summary = "corrupt-record", wording.ACTION_BACKEND_CORRUPT
    elif isinstance(error, AdapterError):
        code, summary = "backend-error", wording.ACTION_BACKEND_UNAVAILABLE
    else:
        code, summary = "internal-error", wording.ACTION_INTERNAL_ERROR
    log.error("action %s for %s failed (%s)", request.action, request.actor.label, code, exc_info=error)
    return code, summary
