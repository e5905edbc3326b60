import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from actions.audit import APPEND_ONLY, TABLE, AuditLog, AuditPhase, AuditRecord, create_table
from actions.store import connect

T0 = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


def record(n: int, workspace: str | None = "acme", **fields) -> AuditRecord:
    values = dict(phase=AuditPhase.RUN, actor=f"user{n}@x.example", origin="cli", action="trial-status",
                  workspace=workspace, input={"n": n}, status="done", started_at=T0 + timedelta(seconds=n),
                  finished_at=T0 + timedelta(seconds=n, milliseconds=5))
    return AuditRecord(**{**values, **fields})


@pytest.fixture
def db(tmp_path):
    db = connect(tmp_path / "audit.db")
    create_table(db)
    yield db
    db.close()


def test_records_come_back_as_written(db):
    log = AuditLog(db)
    written = record(1, phase=AuditPhase.PREVIEW, actor_user_id="u1", role="owner", workspace_id="ws-1",
                     preview={"status": "ready", "lines": ["a"]}, outcome=None, error_code=None,
                     reason=None, idempotency_key=None)
    row_id = log.append(written)
    (read,) = log.tail(5)
    assert read == written.model_copy(update={"id": row_id})


def test_tail_gives_the_last_n_oldest_first_and_filters_by_workspace(db):
    log = AuditLog(db)
    for n in range(1, 8):
        log.append(record(n, workspace="acme" if n % 2 else "globex"))
    assert [r.input["n"] for r in log.tail(3)] == [5, 6, 7]
    assert [r.input["n"] for r in log.tail(100, workspace="globex")] == [2, 4, 6]
    assert [r.input["n"] for r in log.tail(2, workspace="acme")] == [5, 7]
    assert log.tail(5, workspace="initech") == []
    assert log.tail(0) == []


def test_updates_and_deletes_are_aborted_by_the_database(db):
    log = AuditLog(db)
    log.append(record(1))
    for statement in (f"UPDATE {TABLE} SET status = 'done-ish'", f"DELETE FROM {TABLE}",
                      f"UPDATE {TABLE} SET outcome = NULL WHERE id = 1"):
        with pytest.raises(sqlite3.IntegrityError, match=APPEND_ONLY):
            db.execute(statement)
    assert [r.status for r in log.tail(5)] == ["done"]


def test_the_triggers_hold_for_any_connection(tmp_path, db):
    AuditLog(db).append(record(1))
    raw = sqlite3.connect(tmp_path / "audit.db")
    try:
        with pytest.raises(sqlite3.IntegrityError, match=APPEND_ONLY):
            raw.execute(f"DELETE FROM {TABLE} WHERE id = 1")
        raw.rollback()
    finally:
        raw.close()
    assert len(AuditLog(db).tail(5)) == 1


def test_creating_the_table_again_keeps_records_and_triggers(db):
    AuditLog(db).append(record(1))
    create_table(db)
    assert len(AuditLog(db).tail(5)) == 1
    triggers = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert triggers == {f"{TABLE}_no_update", f"{TABLE}_no_delete"}


def test_an_append_inside_a_rolled_back_transaction_leaves_nothing(db):
    with pytest.raises(RuntimeError), db.atomic():
        AuditLog(db).append(record(1))
        raise RuntimeError("the run failed")
    assert AuditLog(db).tail(5) == []


def test_a_denial_at_an_entry_point_is_appended_to_the_same_trail(tmp_path):
    from actions.wiring import open_executor
    from knowledge import load_knowledge_base

    with open_executor(tmp_path / "audit.db", load_knowledge_base().policy) as executor:
        assert executor.record_denial(actor="slack:U0NOPE", origin="slack:C0SUPPORT",
                                      entry_point="/support lookup", reason="not-an-agent")
        with executor.connections.use() as db:
            [record] = AuditLog(db).tail(5)
    assert (record.phase, record.status, record.reason) == (AuditPhase.DENIED, "refused", "not-an-agent")
