import logging
import sqlite3
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

from actions.errors import AdapterUnavailable, Conflict, CorruptRecord, NotFound
from actions.guarded import GuardedAdapter
from actions.models import Workspace, WorkspaceFacts
from actions.sqlite_adapter import SQLiteBillingAdapter
from tests.actions.billing_records import ANN, BEN, DELETION, HOOLI, INITECH, NOW, all_records

LOGGER = "actions.guarded"


class SlowAdapter(SQLiteBillingAdapter):
    """A real adapter whose facts() first sleeps until released (or 10 s)."""

    def __init__(self, path: Path):
        super().__init__(path)
        self.release = threading.Event()

    def facts(self, workspace_id: str) -> WorkspaceFacts:
        self.release.wait(timeout=10)
        return super().facts(workspace_id)


class RawSQLiteAdapter:
    """An adapter that lets sqlite3 and OS errors out untranslated, as a third-party one might."""

    def __init__(self, path: Path):
        self.path = path

    def workspace(self, workspace_id: str) -> Workspace | None:
        with sqlite3.connect(self.path) as conn:
            conn.execute("SELECT * FROM workspaces WHERE id = ?", [workspace_id])
        return None

    def workspace_by_slug(self, slug: str) -> Workspace | None:
        self.path.with_name(f"{slug}.json").read_text()
        return None

    def facts(self, workspace_id: str) -> WorkspaceFacts:
        raise TimeoutError("the backend's own timeout")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "billing.db"
    with SQLiteBillingAdapter(path) as adapter:
        adapter.upsert(all_records())
    return path


@pytest.fixture
def guarded(db_path: Path):
    with GuardedAdapter(SQLiteBillingAdapter(db_path), timeout_s=5.0) as guarded:
        yield guarded


def test_calls_go_through(guarded):
    assert guarded.user_by_email(ANN.email) == ANN
    assert guarded.user_by_slack_id("U0ANN") == ANN
    assert guarded.user(BEN.id) == BEN
    assert guarded.workspace(INITECH.id) == INITECH
    assert guarded.workspace_by_slug("hooli") == HOOLI
    assert [m.workspace_id for m in guarded.memberships(ANN.id)] == [HOOLI.id, INITECH.id]
    assert guarded.workspaces_of_user(ANN.id) == [HOOLI, INITECH]
    assert guarded.facts(INITECH.id).deletion == DELETION
    assert guarded.deletion_request(DELETION.id) == DELETION
    guarded.link_slack_id(BEN.id, "U0BEN")
    assert guarded.revoke_deletion(DELETION.id, BEN.id, NOW).revoked_by == BEN.id


def test_a_slow_call_is_unavailable_and_logged(db_path, caplog):
    slow = SlowAdapter(db_path)
    guarded = GuardedAdapter(slow, timeout_s=0.05)
    try:
        with caplog.at_level(logging.WARNING, logger=LOGGER), pytest.raises(AdapterUnavailable):
            guarded.facts(INITECH.id)
        assert "facts" in caplog.text and "longer than" in caplog.text
        assert guarded.workspace(INITECH.id) == INITECH  # other calls are not held up
    finally:
        slow.release.set()
        guarded.close()


def test_the_protocol_s_errors_pass_through(guarded, caplog):
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        with pytest.raises(NotFound):
            guarded.facts("w-nope")
        guarded.revoke_deletion(DELETION.id, BEN.id, NOW)
        with pytest.raises(Conflict):
            guarded.revoke_deletion(DELETION.id, ANN.id, NOW)
    assert caplog.text == ""  # answers, not failures


def test_a_corrupt_record_passes_through_and_is_logged_without_personal_data(db_path, guarded, caplog):
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE users SET email = 'ann-without-at' WHERE id = ?", [ANN.id])
    with caplog.at_level(logging.WARNING, logger=LOGGER), pytest.raises(CorruptRecord):
        guarded.user_by_slack_id("U0ANN")
    assert "user_by_slack_id" in caplog.text and "users" in caplog.text
    assert "ann-without-at" not in caplog.text and "U0ANN" not in caplog.text


def test_a_deleted_database_file_is_unavailable(db_path, guarded, caplog):
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    with caplog.at_level(logging.WARNING, logger=LOGGER), pytest.raises(AdapterUnavailable):
        guarded.facts(INITECH.id)
    assert "facts failed (OperationalError)" in caplog.text
    assert INITECH.id not in caplog.text


def test_a_corrupted_database_file_is_unavailable(db_path, guarded):
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    db_path.write_bytes(b"\x00garbage" * 4096)
    with pytest.raises(AdapterUnavailable):
        guarded.workspace_by_slug("initech")


def test_a_closed_connection_is_unavailable(db_path, caplog):
    db = Database(sqlite3.connect(db_path, check_same_thread=False))
    guarded = GuardedAdapter(SQLiteBillingAdapter(db), timeout_s=5.0)
    db.close()
    with caplog.at_level(logging.WARNING, logger=LOGGER), pytest.raises(AdapterUnavailable):
        guarded.user_by_email(ANN.email)
    assert "user_by_email failed (ProgrammingError)" in caplog.text
    guarded.close()


def test_raw_sqlite_and_os_errors_of_any_adapter_become_unavailable(tmp_path, caplog):
    guarded = GuardedAdapter(RawSQLiteAdapter(tmp_path / "no-schema.db"), timeout_s=5.0)  # type: ignore[arg-type]
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        with pytest.raises(AdapterUnavailable) as sqlite_failure:
            guarded.workspace(INITECH.id)
        with pytest.raises(AdapterUnavailable) as os_failure:
            guarded.workspace_by_slug("initech")
        with pytest.raises(AdapterUnavailable) as own_timeout:
            guarded.facts(INITECH.id)
    assert isinstance(sqlite_failure.value.__cause__, sqlite3.OperationalError)
    assert isinstance(os_failure.value.__cause__, FileNotFoundError)
    assert isinstance(own_timeout.value.__cause__, TimeoutError)  # the call's own, not the guard's
    assert "workspace failed (OperationalError)" in caplog.text
    assert "workspace_by_slug failed (FileNotFoundError)" in caplog.text
    guarded.close()


def test_a_closed_guard_is_unavailable(db_path):
    guarded = GuardedAdapter(SQLiteBillingAdapter(db_path))
    guarded.close()
    with pytest.raises(AdapterUnavailable):
        guarded.workspace(INITECH.id)


def test_the_time_limit_must_be_positive(db_path):
    with pytest.raises(ValueError):
        GuardedAdapter(SQLiteBillingAdapter(db_path), timeout_s=0)


def test_a_transaction_through_the_guard_commits_with_the_caller_s_rows(db_path, guarded):
    inner: SQLiteBillingAdapter = guarded.inner  # type: ignore[assignment]
    with guarded.transaction(), inner.connections.use() as db:
        db.execute("CREATE TABLE IF NOT EXISTS audit (what TEXT)")
        guarded.revoke_deletion(DELETION.id, BEN.id, NOW)
        db.execute("INSERT INTO audit VALUES ('revoked')")
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT what FROM audit").fetchall() == [("revoked",)]
        assert conn.execute("SELECT revoked_by FROM deletion_requests WHERE id = ?", [DELETION.id]).fetchone() == (
            BEN.id,
        )


def test_a_failed_transaction_through_the_guard_leaves_nothing(guarded):
    with pytest.raises(RuntimeError), guarded.transaction():
        guarded.revoke_deletion(DELETION.id, BEN.id, NOW)
        guarded.link_slack_id(BEN.id, "U0BEN")
        with guarded.transaction():  # nested: a savepoint
            guarded.link_slack_id(ANN.id, "U0ANN2")
        raise RuntimeError("the run failed")
    assert guarded.deletion_request(DELETION.id).revoked_at is None
    assert guarded.user(BEN.id).slack_user_id is None
    assert guarded.user(ANN.id).slack_user_id == "U0ANN"


def test_a_transaction_that_cannot_get_the_write_lock_is_unavailable(db_path, caplog):
    guarded = GuardedAdapter(SQLiteBillingAdapter(db_path, busy_timeout_s=0.05), timeout_s=5.0)
    writer = sqlite3.connect(db_path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        with caplog.at_level(logging.WARNING, logger=LOGGER), pytest.raises(AdapterUnavailable):
            with guarded.transaction():
                pytest.fail("entered without the lock")
        assert "transaction failed" in caplog.text
        assert guarded.facts(INITECH.id).workspace == INITECH  # reads still work under a writer (WAL)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
        guarded.close()


def test_calls_after_a_transaction_use_the_time_limit_again(db_path):
    slow = SlowAdapter(db_path)
    guarded = GuardedAdapter(slow, timeout_s=0.05)
    try:
        with guarded.transaction():
            pass
        with pytest.raises(AdapterUnavailable):
            guarded.facts(INITECH.id)
    finally:
        slow.release.set()
        guarded.close()


def test_timestamps_keep_their_moment_through_the_guard(guarded):
    at = NOW + timedelta(hours=1)
    assert guarded.revoke_deletion(DELETION.id, BEN.id, at).revoked_at == at


def test_close_waits_for_a_timed_out_call_still_blocked_in_sqlite(db_path):
    """Closing the connection under a statement that is still waiting for the write lock crashes
    the interpreter; close() must let the timed-out call finish first."""
    guarded = GuardedAdapter(SQLiteBillingAdapter(db_path, busy_timeout_s=2.0), timeout_s=0.1)
    writer = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    writer.execute("BEGIN IMMEDIATE")
    with pytest.raises(AdapterUnavailable):
        guarded.link_slack_id(BEN.id, "U0BEN")  # blocked behind the writer, past the time limit
    releaser = threading.Timer(0.3, lambda: (writer.execute("ROLLBACK"), writer.close()))
    releaser.start()
    guarded.close()
    releaser.join()
    with SQLiteBillingAdapter(db_path) as reopened:
        assert reopened.user(BEN.id).slack_user_id == "U0BEN"  # the call finished, unobserved
