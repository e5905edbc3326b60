import multiprocessing
import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlite_utils import Database

from actions.errors import AdapterUnavailable, Conflict, CorruptRecord, NotFound
from actions.models import DeletionRequest, Destination, Membership, Role, User, WorkspaceFacts
from actions.sqlite_adapter import SQLiteBillingAdapter
from tests.actions.billing_records import (
    ANN,
    BEN,
    CERTIFICATE,
    COUPON,
    DELETION,
    HOOLI,
    INITECH,
    INVOICE,
    MEMBERSHIPS,
    NOW,
    OLD_DELETION,
    SOURCE,
    STARTUP,
    SUBSCRIPTION,
    USAGE,
    all_records,
)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "billing.db"


@pytest.fixture
def adapter(db_path: Path):
    with SQLiteBillingAdapter(db_path) as adapter:
        adapter.upsert(all_records())
        yield adapter


def raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path)


# -- reads ------------------------------------------------------------------------------------


def test_user_lookups(adapter):
    assert adapter.user(ANN.id) == ANN
    assert adapter.user_by_email("ann@initech.example") == ANN
    assert adapter.user_by_email("  ANN@INITECH.EXAMPLE ") == ANN
    assert adapter.user_by_slack_id("U0ANN") == ANN
    assert adapter.user_by_email("nobody@initech.example") is None
    assert adapter.user_by_slack_id("U0NOBODY") is None
    assert adapter.user("u-nobody") is None


def test_workspace_lookups(adapter):
    assert adapter.workspace(INITECH.id) == INITECH
    assert adapter.workspace_by_slug("initech") == INITECH
    assert adapter.workspace_by_slug("Initech") == INITECH
    assert adapter.workspace("w-nope") is None
    assert adapter.workspace_by_slug("nope") is None


def test_memberships_and_workspaces_of_a_user(adapter):
    assert adapter.memberships(ANN.id) == [MEMBERSHIPS[2], MEMBERSHIPS[0]]  # by workspace id
    assert adapter.memberships(BEN.id) == [MEMBERSHIPS[1]]
    assert adapter.memberships("u-nobody") == []
    assert adapter.workspaces_of_user(ANN.id) == [HOOLI, INITECH]  # by name
    assert adapter.workspaces_of_user("u-nobody") == []


def test_facts_reads_every_record_of_the_workspace(adapter):
    facts = adapter.facts(INITECH.id)
    assert facts == WorkspaceFacts(
        workspace=INITECH,
        subscription=SUBSCRIPTION,
        usage=(USAGE[1], USAGE[0]),  # by month
        coupons=(COUPON,),
        startup=STARTUP,
        certificates=(CERTIFICATE,),
        invoices=(INVOICE,),
        deletion=DELETION,  # the latest of the two requests
        sources=(SOURCE,),
        members=(MEMBERSHIPS[0], MEMBERSHIPS[1]),
    )
    # decimals come back exact, timestamps aware and in UTC
    assert facts.workspace.funding_raised_usd == Decimal("1250000.50")
    assert facts.startup.credit_used_usd == Decimal("1234.56")
    assert facts.deletion.requested_at.utcoffset() == timedelta(0)


def test_facts_of_a_bare_workspace(adapter):
    facts = adapter.facts(HOOLI.id)
    assert facts.workspace == HOOLI
    assert facts.subscription is None and facts.startup is None and facts.deletion is None
    assert facts.usage == facts.coupons == facts.invoices == facts.sources == ()
    assert facts.members == (MEMBERSHIPS[2],)


def test_facts_of_an_unknown_workspace(adapter):
    with pytest.raises(NotFound):
        adapter.facts("w-nope")


def test_the_latest_deletion_request_wins_whatever_the_insert_order(db_path):
    later = DeletionRequest(id="a-first-id", workspace_id=INITECH.id, requested_at=DELETION.requested_at
                            + timedelta(microseconds=1), requested_by=BEN.id)
    with SQLiteBillingAdapter(db_path) as adapter:
        adapter.upsert([INITECH, later, DELETION, OLD_DELETION])
        assert adapter.facts(INITECH.id).deletion == later


def test_a_naive_timestamp_is_stored_as_utc(adapter):
    naive = DeletionRequest(id="d-naive", workspace_id=HOOLI.id, requested_at=datetime(2025, 6, 1, 8, 30),
                            requested_by=ANN.id)
    adapter.upsert([naive])
    assert adapter.deletion_request("d-naive").requested_at == datetime(2025, 6, 1, 8, 30, tzinfo=UTC)


# -- the file ---------------------------------------------------------------------------------


def test_the_file_is_in_wal_mode_with_foreign_keys_on(adapter, db_path):
    with raw(db_path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with adapter.connections.use() as db:
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_every_lookup_is_served_by_an_index(adapter):
    """Capture the SQL each read runs and ask SQLite how it would run it: no full table scans."""
    statements: list[tuple[str, object]] = []
    with adapter.connections.use() as db, db.tracer(lambda sql, params: statements.append((sql, params))):
        adapter.user_by_email(ANN.email)
        adapter.user_by_slack_id("U0ANN")
        adapter.user(ANN.id)
        adapter.memberships(ANN.id)
        adapter.workspaces_of_user(ANN.id)
        adapter.workspace(INITECH.id)
        adapter.workspace_by_slug("initech")
        adapter.deletion_request(DELETION.id)
        adapter.facts(INITECH.id)
    selects = [(sql, params) for sql, params in statements if sql.lstrip().upper().startswith("SELECT")]
    read = " ".join(sql for sql, _ in selects)
    for table in ("users", "memberships", "workspaces", "subscriptions", "monthly_usage", "coupons",
                  "startup_memberships", "tax_certificates", "invoices", "deletion_requests", "sources",
                  "destinations"):
        assert f" {table} " in read or read.endswith(f" {table}"), table
    with adapter.connections.use() as db:
        for sql, params in selects:
            plan = " | ".join(row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}", params))
            assert "SCAN" not in plan.replace("SCAN CONSTANT ROW", ""), (sql, plan)


def test_a_database_handed_in_is_shared_and_left_open(db_path):
    db = Database(sqlite3.connect(db_path, check_same_thread=False))
    adapter = SQLiteBillingAdapter(db)
    adapter.upsert([INITECH])
    seen: list[object] = []
    worker = threading.Thread(target=lambda: seen.append(adapter.workspace(INITECH.id)))
    worker.start()
    worker.join()
    assert seen == [INITECH]
    adapter.close()
    assert db.execute("SELECT count(*) FROM workspaces").fetchone()[0] == 1  # still open
    db.close()


def test_an_in_memory_database(tmp_path):
    with SQLiteBillingAdapter(":memory:") as adapter:
        adapter.upsert([INITECH, ANN, MEMBERSHIPS[0]])
        assert adapter.facts(INITECH.id).members == (MEMBERSHIPS[0],)
    assert not list(tmp_path.iterdir())


def test_a_closed_adapter_is_unavailable(db_path):
    adapter = SQLiteBillingAdapter(db_path)
    adapter.close()
    with pytest.raises(AdapterUnavailable):
        adapter.workspace(INITECH.id)


def test_a_file_that_is_not_a_database_is_unavailable(tmp_path):
    path = tmp_path / "garbage.db"
    path.write_bytes(b"not a database, just some bytes " * 200)
    with pytest.raises(AdapterUnavailable, match="not a database"):
        SQLiteBillingAdapter(path)


def test_a_database_without_the_schema_is_unavailable_not_crashing(tmp_path):
    adapter = SQLiteBillingAdapter(tmp_path / "empty.db", migrate=False)
    with pytest.raises(AdapterUnavailable, match="no such table"):
        adapter.facts(INITECH.id)
    adapter.close()


# -- corrupt records --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sql", "table", "record_id", "field"),
    [
        ("UPDATE workspaces SET region = 'MARS' WHERE id = 'w-initech'", "workspaces", "w-initech", "region"),
        ("UPDATE workspaces SET billing_country = 'usa' WHERE id = 'w-initech'", "workspaces", "w-initech",
         "billing_address.country"),
        ("UPDATE subscriptions SET billing_cycle_anchor = 'soon'", "subscriptions", "w-initech",
         "billing_cycle_anchor"),
        ("UPDATE monthly_usage SET mtus = -1 WHERE month = '2025-05-01'", "monthly_usage", "w-initech/2025-05-01",
         "mtus"),
        ("UPDATE coupons SET percent_off = 'lots'", "coupons", "c-1", "percent_off"),
        ("UPDATE invoices SET tax_usd = '-3'", "invoices", "i-1", "tax_usd"),
        ("UPDATE deletion_requests SET requested_at = 'yesterday' WHERE id = 'd-new'", "deletion_requests",
         "d-new", "requested_at"),
        ("UPDATE destinations SET storage = 7 WHERE position = 1", "destinations", "s-1/1", "storage"),
        ("UPDATE memberships SET role = 'admin' WHERE user_id = 'u-ben'", "memberships", "u-ben/w-initech", "role"),
    ],
)
def test_a_row_that_does_not_validate_is_a_corrupt_record(adapter, db_path, sql, table, record_id, field):
    with raw(db_path) as conn:
        conn.execute(sql)
    with pytest.raises(CorruptRecord) as caught:
        adapter.facts(INITECH.id)
    assert (caught.value.table, caught.value.record_id) == (table, record_id)
    assert field in str(caught.value) and table in str(caught.value)
    assert "validation error" not in str(caught.value)  # not pydantic's own report


def test_a_corrupt_record_names_no_stored_value(adapter, db_path):
    with raw(db_path) as conn:
        conn.execute("UPDATE users SET email = 'ann-at-initech' WHERE id = 'u-ann'")
    with pytest.raises(CorruptRecord) as caught:
        adapter.user(ANN.id)
    assert "ann-at-initech" not in str(caught.value)


def test_a_corrupt_record_in_one_workspace_leaves_the_others_readable(adapter, db_path):
    with raw(db_path) as conn:
        conn.execute("UPDATE invoices SET total_usd = 'n/a'")
    with pytest.raises(CorruptRecord):
        adapter.facts(INITECH.id)
    assert adapter.facts(HOOLI.id).workspace == HOOLI


# -- writes -----------------------------------------------------------------------------------


def test_upsert_is_idempotent_and_updates_by_key(adapter, db_path):
    adapter.upsert(all_records())
    renamed = INITECH.model_copy(update={"name": "Initech Inc"})
    fewer = SOURCE.model_copy(update={"destinations": (Destination(name="Mixpanel"),)})
    adapter.upsert([renamed, fewer, MEMBERSHIPS[1].model_copy(update={"role": Role.MEMBER})])
    facts = adapter.facts(INITECH.id)
    assert facts.workspace.name == "Initech Inc"
    assert facts.sources[0].destinations == (Destination(name="Mixpanel"),)
    assert facts.members[1].role is Role.MEMBER
    assert facts.usage == (USAGE[1], USAGE[0]) and facts.invoices == (INVOICE,)  # nothing duplicated
    with raw(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM destinations").fetchone()[0] == 1


def test_upsert_refuses_a_record_pointing_nowhere_and_writes_nothing(adapter):
    stranger = User(id="u-new", email="new@initech.example", name="New")
    with pytest.raises(Conflict):
        adapter.upsert([stranger, Membership(user_id="u-new", workspace_id="w-nope", role=Role.OWNER)])
    assert adapter.user("u-new") is None


def test_upsert_refuses_an_email_of_another_user(adapter):
    with pytest.raises(Conflict):
        adapter.upsert([User(id="u-copy", email="ANN@initech.example", name="Copy")])


def test_upsert_refuses_what_it_cannot_store(adapter):
    with pytest.raises(TypeError):
        adapter.upsert([Destination(name="not a record of its own")])


def test_removing_a_workspace_removes_everything_about_it(adapter, db_path):
    assert adapter.remove_workspaces([INITECH.id, "w-nope"]) == 1
    assert adapter.workspace(INITECH.id) is None
    with raw(db_path) as conn:
        for table in ("memberships", "subscriptions", "monthly_usage", "coupons", "startup_memberships",
                      "tax_certificates", "invoices", "deletion_requests", "sources", "destinations"):
            left = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            expected = 1 if table == "memberships" else 0  # Ann's membership of Hooli
            assert left == expected, table
    assert adapter.user(ANN.id) == ANN


def test_link_slack_id(adapter):
    adapter.link_slack_id(BEN.id, "U0BEN")
    assert adapter.user_by_slack_id("U0BEN") == BEN.model_copy(update={"slack_user_id": "U0BEN"})
    adapter.link_slack_id(BEN.id, "U0BEN")  # again: no change, no error
    with pytest.raises(Conflict):
        adapter.link_slack_id(BEN.id, "U0ANN")  # Ann's
    with pytest.raises(NotFound):
        adapter.link_slack_id("u-nobody", "U0NEW")


def test_revoke_deletion(adapter):
    at = NOW + timedelta(minutes=5)
    revoked = adapter.revoke_deletion(DELETION.id, BEN.id, at)
    assert revoked == DELETION.model_copy(update={"revoked_at": at, "revoked_by": BEN.id})
    assert adapter.facts(INITECH.id).deletion == revoked
    with pytest.raises(Conflict):
        adapter.revoke_deletion(DELETION.id, ANN.id, at + timedelta(seconds=1))
    assert adapter.deletion_request(DELETION.id).revoked_by == BEN.id  # the first stays
    with pytest.raises(NotFound):
        adapter.revoke_deletion("d-nope", ANN.id, at)


# -- transactions -----------------------------------------------------------------------------


def test_a_failed_transaction_leaves_nothing(adapter):
    with pytest.raises(RuntimeError), adapter.transaction():
        adapter.revoke_deletion(DELETION.id, BEN.id, NOW)
        adapter.link_slack_id(BEN.id, "U0BEN")
        raise RuntimeError("the run failed after the writes")
    assert adapter.deletion_request(DELETION.id).revoked_at is None
    assert adapter.user(BEN.id).slack_user_id is None


def test_a_transaction_commits_the_caller_s_own_rows_with_the_adapter_s(adapter, db_path):
    with adapter.transaction(), adapter.connections.use() as db:
        db.execute("CREATE TABLE IF NOT EXISTS audit (what TEXT)")
        adapter.revoke_deletion(DELETION.id, BEN.id, NOW)
        db.execute("INSERT INTO audit VALUES ('revoked')")
    with raw(db_path) as conn:
        assert conn.execute("SELECT what FROM audit").fetchall() == [("revoked",)]
    assert adapter.deletion_request(DELETION.id).revoked_by == BEN.id


def test_a_nested_transaction_rolls_back_alone(adapter):
    with adapter.transaction():
        adapter.link_slack_id(BEN.id, "U0BEN")
        with pytest.raises(RuntimeError), adapter.transaction():
            adapter.revoke_deletion(DELETION.id, BEN.id, NOW)
            raise RuntimeError("inner step failed")
    assert adapter.user(BEN.id).slack_user_id == "U0BEN"
    assert adapter.deletion_request(DELETION.id).revoked_at is None


def test_reads_inside_a_transaction_see_its_writes_and_others_do_not(adapter, db_path):
    with adapter.transaction():
        adapter.revoke_deletion(DELETION.id, BEN.id, NOW)
        assert adapter.facts(INITECH.id).deletion.revoked_by == BEN.id
        with SQLiteBillingAdapter(db_path) as other:
            assert other.deletion_request(DELETION.id).revoked_at is None  # not committed yet


# -- revoking from many places at once --------------------------------------------------------


def _revoke(path: Path, who: str, start: threading.Barrier, results: list[str]) -> None:
    with SQLiteBillingAdapter(path) as adapter:
        start.wait()
        try:
            adapter.revoke_deletion(DELETION.id, who, NOW)
            results.append(who)
        except Conflict:
            results.append("conflict")


def test_revoke_race_between_threads_with_their_own_connections(adapter, db_path):
    start, results = threading.Barrier(8), []
    threads = [threading.Thread(target=_revoke, args=(db_path, f"u-{n}", start, results)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [r for r in results if r != "conflict"]
    assert len(results) == 8 and len(winners) == 1
    assert adapter.deletion_request(DELETION.id).revoked_by == winners[0]


def test_revoke_race_between_threads_sharing_one_adapter(adapter):
    start, results = threading.Barrier(8), []

    def attempt(who: str) -> None:
        start.wait()
        try:
            adapter.revoke_deletion(DELETION.id, who, NOW)
            results.append(who)
        except Conflict:
            results.append("conflict")

    threads = [threading.Thread(target=attempt, args=(f"u-{n}",)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results).count("conflict") == 7


def _revoke_in_process(path: str, who: str, start, results) -> None:  # noqa: ANN001 (multiprocessing proxies)
    with SQLiteBillingAdapter(path) as adapter:
        start.wait(timeout=30)
        try:
            adapter.revoke_deletion(DELETION.id, who, NOW)
            results.put(who)
        except Conflict:
            results.put("conflict")


@pytest.mark.slow
def test_revoke_race_between_processes(adapter, db_path):
    # fork: the children start at once; each opens its own connection after the fork
    context = multiprocessing.get_context("fork")
    count = 4
    start, results = context.Barrier(count), context.Queue()
    processes = [
        context.Process(target=_revoke_in_process, args=(str(db_path), f"p-{n}", start, results))
        for n in range(count)
    ]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=60) for _ in processes]
    for process in processes:
        process.join(timeout=30)
        assert process.exitcode == 0
    winners = [o for o in outcomes if o != "conflict"]
    assert len(winners) == 1
    assert adapter.deletion_request(DELETION.id).revoked_by == winners[0]
