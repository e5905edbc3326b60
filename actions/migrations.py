"""The accounts schema, built and upgraded by numbered migrations.

Each migration runs once, inside one ``BEGIN IMMEDIATE`` transaction together with its row in the
``migrations`` table, so two processes opening a fresh file at the same moment cannot both apply
it, and a failed migration leaves the previous version intact. A released migration is never
edited: a schema change is a new migration at the end.

Storage conventions (the adapter's row codec follows them):
- dates are ``YYYY-MM-DD`` text; timestamps are ISO-8601 UTC text of fixed width
  (``2025-03-01T12:00:00.000000+00:00``), so text order is time order;
- money and percentages are decimal text (``"120.00"``), read back as ``Decimal`` exactly;
- booleans are 0/1; enums are their string values;
- emails and slugs compare case-insensitively (``COLLATE NOCASE``).
"""

import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlite_utils import Database

from actions.errors import AdapterUnavailable
from actions.store import write_transaction


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]


_ACCOUNTS = Migration(1, "accounts", (
    """CREATE TABLE users (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL COLLATE NOCASE,
        name TEXT NOT NULL,
        slack_user_id TEXT
    )""",
    "CREATE UNIQUE INDEX users_email ON users (email)",
    "CREATE UNIQUE INDEX users_slack_user_id ON users (slack_user_id)",
    """CREATE TABLE workspaces (
        id TEXT PRIMARY KEY,
        slug TEXT NOT NULL COLLATE NOCASE,
        name TEXT NOT NULL,
        region TEXT NOT NULL,
        business_country TEXT NOT NULL,
        business_state TEXT,
        billing_country TEXT NOT NULL,
        billing_state TEXT,
        created_on TEXT NOT NULL,
        incorporated_on TEXT,
        funding_raised_usd TEXT
    )""",
    "CREATE UNIQUE INDEX workspaces_slug ON workspaces (slug)",
    # The primary key serves lookups by user; the index serves lookups by workspace.
    """CREATE TABLE memberships (
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        PRIMARY KEY (user_id, workspace_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX memberships_workspace_id ON memberships (workspace_id)",
    """CREATE TABLE subscriptions (
        workspace_id TEXT PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
        plan TEXT NOT NULL,
        status TEXT NOT NULL,
        trial_start TEXT,
        trial_end TEXT,
        payment_method_on_file INTEGER NOT NULL DEFAULT 0,
        billing_cycle_anchor TEXT NOT NULL,
        ever_had_team_plan INTEGER NOT NULL DEFAULT 0
    )""",
))

_BILLING = Migration(2, "billing records", (
    """CREATE TABLE monthly_usage (
        workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        month TEXT NOT NULL,
        mtus INTEGER NOT NULL,
        PRIMARY KEY (workspace_id, month)
    ) WITHOUT ROWID""",
    """CREATE TABLE coupons (
        id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        code TEXT NOT NULL,
        percent_off TEXT,
        amount_off_usd TEXT,
        starts_on TEXT NOT NULL,
        ends_on TEXT,
        status TEXT NOT NULL
    )""",
    "CREATE INDEX coupons_workspace_id ON coupons (workspace_id)",
    """CREATE TABLE startup_memberships (
        workspace_id TEXT PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
        credit_granted_usd TEXT NOT NULL,
        credit_used_usd TEXT NOT NULL,
        period_start TEXT NOT NULL,
        period_end TEXT NOT NULL,
        program_year INTEGER NOT NULL
    )""",
    """CREATE TABLE tax_certificates (
        id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        state TEXT NOT NULL,
        status TEXT NOT NULL,
        submitted_on TEXT NOT NULL,
        decided_on TEXT
    )""",
    "CREATE INDEX tax_certificates_workspace_id ON tax_certificates (workspace_id)",
    """CREATE TABLE invoices (
        id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        issued_on TEXT NOT NULL,
        subtotal_usd TEXT NOT NULL,
        tax_usd TEXT NOT NULL,
        total_usd TEXT NOT NULL
    )""",
    "CREATE INDEX invoices_workspace_id ON invoices (workspace_id, issued_on)",
))

_LIFECYCLE = Migration(3, "deletion requests and sources", (
    # requested_by / revoked_by are not foreign keys: the person may be a support agent, or a
    # user removed since, and the request must outlive them.
    """CREATE TABLE deletion_requests (
        id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        requested_at TEXT NOT NULL,
        requested_by TEXT NOT NULL,
        revoked_at TEXT,
        revoked_by TEXT
    )""",
    "CREATE INDEX deletion_requests_workspace_id ON deletion_requests (workspace_id, requested_at)",
    """CREATE TABLE sources (
        id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        tracking_plan TEXT
    )""",
    "CREATE INDEX sources_workspace_id ON sources (workspace_id)",
    """CREATE TABLE destinations (
        source_id TEXT NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        storage INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (source_id, position)
    ) WITHOUT ROWID""",
))

MIGRATIONS: tuple[Migration, ...] = (_ACCOUNTS, _BILLING, _LIFECYCLE)
LATEST_VERSION = MIGRATIONS[-1].version

_CREATE_MIGRATIONS_TABLE = """CREATE TABLE IF NOT EXISTS migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
)"""


def schema_version(db: Database) -> int:
    """The highest applied migration; 0 for a database no migration has touched."""
    if not db.table("migrations").exists():
        return 0
    return db.execute("SELECT COALESCE(MAX(version), 0) FROM migrations").fetchone()[0]


def migrate(db: Database, target: int = LATEST_VERSION, steps: Sequence[Migration] = MIGRATIONS) -> list[int]:
    """Apply the pending migrations up to ``target``; returns the versions applied (none when
    the schema is already there, so calling it again is harmless). ``steps`` exists for tests."""
    _enable_wal(db)  # stored in the file: every later connection is in WAL mode too
    latest = steps[-1].version if steps else 0
    if _up_to_date(schema_version(db), min(target, latest), latest):
        return []  # the usual case, settled without waiting for the write lock
    applied: list[int] = []
    with write_transaction(db):
        db.execute(_CREATE_MIGRATIONS_TABLE)
        # Read again inside the write lock: another process may have migrated while this one waited.
        current = schema_version(db)
        _up_to_date(current, target, latest)
        for migration in steps:
            if current < migration.version <= target:
                for statement in migration.statements:
                    db.execute(statement)
                db.table("migrations").insert({
                    "version": migration.version,
                    "name": migration.name,
                    "applied_at": datetime.now(UTC).isoformat(timespec="microseconds"),
                })
                applied.append(migration.version)
    return applied


def _enable_wal(db: Database) -> None:
    """Switch the file to WAL, waiting as long as the connection's busy timeout allows.

    SQLite does not always call the busy handler for the lock this switch takes (a reader asking
    for it while another connection holds the write lock looks like a deadlock to SQLite): when
    several processes open a new file at once, some would fail at once with "database is locked".
    """
    deadline = time.monotonic() + db.execute("PRAGMA busy_timeout").fetchone()[0] / 1000
    pause = 0.005
    while True:
        try:
            db.enable_wal()
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.1)


def _up_to_date(current: int, target: int, latest: int) -> bool:
    if current > latest:
        raise AdapterUnavailable(f"the database schema is version {current}, newer than this program's {latest}")
    return current >= target
