import sqlite3
import threading
from pathlib import Path

import pytest

from actions.errors import AdapterUnavailable
from actions.migrations import LATEST_VERSION, MIGRATIONS, Migration, migrate, schema_version
from actions.sqlite_adapter import SQLiteBillingAdapter
from actions.store import connect
from tests.actions.billing_records import DELETION, INITECH, SOURCE

TABLES = {
    "migrations", "users", "workspaces", "memberships", "subscriptions", "monthly_usage", "coupons",
    "startup_memberships", "tax_certificates", "invoices", "deletion_requests", "sources", "destinations",
}


def tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def applied(path: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT version, name FROM migrations ORDER BY version").fetchall()


def test_versions_are_numbered_one_by_one():
    assert [m.version for m in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))
    assert LATEST_VERSION == len(MIGRATIONS) >= 2


def test_a_new_file_gets_the_whole_schema(tmp_path):
    path = tmp_path / "new.db"
    with SQLiteBillingAdapter(path) as adapter:
        assert adapter.schema_version() == LATEST_VERSION
    assert tables(path) == TABLES
    assert applied(path) == [(m.version, m.name) for m in MIGRATIONS]


def test_migrating_again_changes_nothing(tmp_path):
    path = tmp_path / "again.db"
    db = connect(path)
    assert migrate(db) == [m.version for m in MIGRATIONS]
    assert migrate(db) == []
    db.close()
    SQLiteBillingAdapter(path).close()
    assert len(applied(path)) == LATEST_VERSION


def test_a_version_1_database_is_upgraded_with_its_data(tmp_path):
    path = tmp_path / "v1.db"
    db = connect(path)
    assert migrate(db, target=1) == [1]
    assert schema_version(db) == 1
    assert "deletion_requests" not in {t for t in db.table_names()}
    db.execute(
        "INSERT INTO workspaces (id, slug, name, region, business_country, business_state, billing_country,"
        " billing_state, created_on) VALUES ('w-initech', 'initech', 'Initech', 'US', 'US', 'TX', 'US', 'CA',"
        " '2023-02-01')"
    )
    db.close()

    with SQLiteBillingAdapter(path) as adapter:
        assert adapter.schema_version() == LATEST_VERSION
        assert adapter.workspace("w-initech").name == "Initech"
        adapter.upsert([DELETION, SOURCE])  # tables of the later migrations are there and usable
        facts = adapter.facts(INITECH.id)
        assert facts.deletion == DELETION and facts.sources == (SOURCE,)
    assert tables(path) == TABLES
    assert [version for version, _ in applied(path)] == list(range(1, LATEST_VERSION + 1))


def test_a_failing_migration_leaves_the_previous_version(tmp_path):
    path = tmp_path / "failing.db"
    broken = Migration(LATEST_VERSION + 1, "broken", ("CREATE TABLE extra (id TEXT)", "THIS IS NOT SQL"))
    db = connect(path)
    migrate(db)
    with pytest.raises(sqlite3.OperationalError):
        migrate(db, target=broken.version, steps=(*MIGRATIONS, broken))
    assert schema_version(db) == LATEST_VERSION
    assert "extra" not in db.table_names()  # the first statement was rolled back with the second
    db.close()


def test_a_schema_newer_than_the_program_is_refused(tmp_path):
    path = tmp_path / "future.db"
    SQLiteBillingAdapter(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO migrations VALUES (?, 'from the future', '2030-01-01T00:00:00+00:00')",
                     [LATEST_VERSION + 1])
    with pytest.raises(AdapterUnavailable, match="newer"):
        SQLiteBillingAdapter(path)


def test_many_openers_of_a_new_file_apply_each_migration_once(tmp_path):
    path = tmp_path / "crowd.db"
    start, errors = threading.Barrier(6), []

    def open_it() -> None:
        start.wait()
        try:
            SQLiteBillingAdapter(path).close()
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert [version for version, _ in applied(path)] == list(range(1, LATEST_VERSION + 1))


def test_opening_an_up_to_date_file_does_not_wait_for_a_writer(tmp_path):
    path = tmp_path / "busy.db"
    SQLiteBillingAdapter(path).close()
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another process holding the write lock
    try:
        with SQLiteBillingAdapter(path, busy_timeout_s=0.05) as adapter:
            assert adapter.workspace("w-any") is None
    finally:
        writer.execute("ROLLBACK")
        writer.close()



def _hold_the_write_lock(path: Path) -> sqlite3.Connection:
    """Another process about to write a new file (still in rollback-journal mode). The switch to
    WAL must wait for it, and SQLite's busy handler does not: a reader asking for the exclusive
    lock while a writer holds the reserved one gets "database is locked" at once (a deadlock to
    SQLite, since the writer waits for readers to finish)."""
    writer = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    writer.execute("CREATE TABLE IF NOT EXISTS other (x)")
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO other VALUES (1)")
    return writer


def test_the_switch_to_wal_waits_for_a_writer_of_a_new_file(tmp_path):
    path = tmp_path / "busy.db"
    writer = _hold_the_write_lock(path)
    finish = threading.Timer(0.2, writer.execute, ["COMMIT"])  # while the opener waits
    db = connect(path, busy_timeout_s=30)
    try:
        finish.start()
        assert migrate(db) == list(range(1, LATEST_VERSION + 1))
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        finish.join()
        db.close()
        writer.close()


def test_the_switch_to_wal_gives_up_after_the_busy_timeout(tmp_path):
    path = tmp_path / "stuck.db"
    writer = _hold_the_write_lock(path)
    db = connect(path, busy_timeout_s=0.05)
    try:
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            migrate(db)
    finally:
        db.close()
        writer.close()
