"""``SQLiteBillingAdapter``: the embedded billing backend, one SQLite file through sqlite-utils.

Opening it applies any pending migration (see ``migrations`` for the schema and how values are
stored). Every public call turns SQLite failures into ``AdapterUnavailable``, as the
``BillingAdapter`` protocol asks; rows that do not validate raise ``CorruptRecord``.
"""

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlite_utils import Database

from actions import migrations
from actions.clock import Clock, system_clock
from actions.errors import AdapterUnavailable, Conflict, NotFound
from actions.models import (
    DeletionRequest,
    Membership,
    Source,
    User,
    Workspace,
    WorkspaceFacts,
)
from actions.sqlite_rows import (
    COUPONS,
    DELETION_REQUESTS,
    INVOICES,
    MEMBERSHIPS,
    MONTHLY_USAGE,
    SOURCES,
    SPEC_BY_MODEL,
    SPECS,
    STARTUP_MEMBERSHIPS,
    SUBSCRIPTIONS,
    TAX_CERTIFICATES,
    USERS,
    WORKSPACES,
    Record,
    TableSpec,
    destination_from_row,
    destination_rows,
    timestamp_text,
)
from actions.store import DEFAULT_BUSY_TIMEOUT_S, Connections, read_snapshot, write_transaction

Row = dict[str, Any]
M = TypeVar("M", bound=BaseModel)


class SQLiteBillingAdapter:
    """A ``BillingAdapter`` on a SQLite file (or a ``sqlite_utils.Database`` handed in).

    Beyond the protocol: ``user``, ``workspaces_of_user``, ``deletion_request`` (reads),
    ``upsert`` and ``remove_workspaces`` (bulk writes for imports and seeding), ``transaction()``.
    """

    def __init__(
        self,
        path_or_db: str | Path | Database,
        clock: Clock = system_clock,
        *,
        busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S,
        migrate: bool = True,
    ):
        self.clock = clock
        self._connections = Connections(path_or_db, busy_timeout_s)
        if migrate:
            try:
                with self._backend("open"), self._connections.use() as db:
                    migrations.migrate(db)
            except AdapterUnavailable:
                self.close()
                raise

    # -- lifecycle ----------------------------------------------------------------------------

    def close(self) -> None:
        self._connections.close()

    def __enter__(self) -> "SQLiteBillingAdapter":
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    @property
    def connections(self) -> Connections:
        """The connections the adapter reads and writes through: code that keeps its own tables in
        the same file (an audit log, say) writes through them inside ``transaction()``, so its rows
        commit or roll back with the adapter's."""
        return self._connections

    @property
    def path(self) -> Path | None:
        """The database file, or None for a shared connection handed in."""
        return self._connections.path

    def schema_version(self) -> int:
        with self._backend("schema_version"), self._connections.use() as db:
            return migrations.schema_version(db)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Everything this thread does through the adapter inside the block commits together or
        not at all. Takes the write lock at the start (``BEGIN IMMEDIATE``); nests as a savepoint."""
        body_error: BaseException | None = None
        try:
            with self._connections.use() as db, write_transaction(db):
                try:
                    yield
                except BaseException as exc:
                    body_error = exc
                    raise
        except sqlite3.Error as exc:
            if exc is body_error:  # the caller's own error: not ours to translate
                raise
            raise AdapterUnavailable(f"transaction: {type(exc).__name__}: {exc}") from exc

    # -- reads --------------------------------------------------------------------------------

    def user(self, user_id: str) -> User | None:
        return self._find(USERS, "SELECT * FROM users WHERE id = ?", [user_id])

    def user_by_email(self, email: str) -> User | None:
        # The column collates NOCASE, so this matches whatever case the address was stored in.
        return self._find(USERS, "SELECT * FROM users WHERE email = ?", [email.strip()])

    def user_by_slack_id(self, slack_user_id: str) -> User | None:
        return self._find(USERS, "SELECT * FROM users WHERE slack_user_id = ?", [slack_user_id])

    def memberships(self, user_id: str) -> list[Membership]:
        with self._backend("memberships"), self._connections.use() as db:
            rows = _rows(db, "SELECT * FROM memberships WHERE user_id = ? ORDER BY workspace_id", [user_id])
            return [MEMBERSHIPS.from_row(row) for row in rows]

    def workspace(self, workspace_id: str) -> Workspace | None:
        return self._find(WORKSPACES, "SELECT * FROM workspaces WHERE id = ?", [workspace_id])

    def workspace_by_slug(self, slug: str) -> Workspace | None:
        return self._find(WORKSPACES, "SELECT * FROM workspaces WHERE slug = ?", [slug.strip()])

    def workspaces_of_user(self, user_id: str) -> list[Workspace]:
        """The workspaces ``user_id`` belongs to, in any role, by name."""
        with self._backend("workspaces_of_user"), self._connections.use() as db:
            rows = _rows(
                db,
                "SELECT w.* FROM memberships m JOIN workspaces w ON w.id = m.workspace_id"
                " WHERE m.user_id = ? ORDER BY w.name, w.id",
                [user_id],
            )
            return [WORKSPACES.from_row(row) for row in rows]

    def deletion_request(self, request_id: str) -> DeletionRequest | None:
        return self._find(DELETION_REQUESTS, "SELECT * FROM deletion_requests WHERE id = ?", [request_id])

    def facts(self, workspace_id: str) -> WorkspaceFacts:
        """Everything about one workspace, read in one snapshot. Raises ``NotFound`` when the
        workspace does not exist (callers look it up first; this covers a deletion in between)."""
        with self._backend("facts"), self._connections.use() as db, read_snapshot(db):
            return _read_facts(db, workspace_id)

    # -- writes -------------------------------------------------------------------------------

    def link_slack_id(self, user_id: str, slack_user_id: str) -> None:
        """Raises ``NotFound`` for an unknown user and ``Conflict`` when the Slack id already
        belongs to another user."""
        with self._backend("link_slack_id"), self._connections.use() as db, write_transaction(db):
            try:
                cursor = db.execute("UPDATE users SET slack_user_id = ? WHERE id = ?", [slack_user_id, user_id])
            except sqlite3.IntegrityError:
                raise Conflict(f"Slack id is already linked to another user than '{user_id}'") from None
            if cursor.rowcount == 0:
                raise NotFound(f"no user '{user_id}'")

    def revoke_deletion(self, request_id: str, by_user: str, at: datetime) -> DeletionRequest:
        with self._backend("revoke_deletion"), self._connections.use() as db, write_transaction(db):
            # The condition is the guard: of any number of concurrent revocations, in threads or
            # processes, exactly one UPDATE matches the row.
            cursor = db.execute(
                "UPDATE deletion_requests SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL",
                [timestamp_text(at), by_user, request_id],
            )
            row = _one(db, "SELECT * FROM deletion_requests WHERE id = ?", [request_id])
            if row is None:
                raise NotFound(f"no deletion request '{request_id}'")
            if cursor.rowcount == 0:
                raise Conflict(f"deletion request '{request_id}' was already revoked")
            return DELETION_REQUESTS.from_row(row)

    def upsert(self, records: Iterable[Record]) -> int:
        """Insert or update records by their key (id, or the natural key of keyless records), in
        one transaction, parents first. A source's destinations are replaced by the given ones.
        Returns the number of records written."""
        by_model: dict[type, list[Record]] = defaultdict(list)
        for record in records:
            if type(record) not in SPEC_BY_MODEL:
                raise TypeError(f"cannot store a {type(record).__name__}")
            by_model[type(record)].append(record)
        with self._backend("upsert"), self._connections.use() as db, write_transaction(db):
            try:
                for spec in SPECS:
                    batch = by_model.get(spec.model, [])
                    if batch:
                        db.table(spec.table).upsert_all([spec.to_row(record) for record in batch], pk=spec.key)
                sources: list[Source] = by_model.get(Source, [])  # type: ignore[assignment]
                if sources:
                    _replace_destinations(db, sources)
            except sqlite3.IntegrityError as exc:
                # A reference to a missing record, or an email / slug / Slack id taken by another.
                raise Conflict(f"records conflict with the stored ones: {exc}") from None
        return sum(len(batch) for batch in by_model.values())

    def remove_workspaces(self, workspace_ids: Iterable[str]) -> int:
        """Delete workspaces and, by cascade, everything recorded about them (memberships,
        subscription, usage, coupons, ... sources). Users stay. Returns how many were deleted."""
        ids = list(workspace_ids)
        with self._backend("remove_workspaces"), self._connections.use() as db, write_transaction(db):
            return sum(db.execute("DELETE FROM workspaces WHERE id = ?", [id_]).rowcount for id_ in ids)

    # -- helpers ------------------------------------------------------------------------------

    def _find(self, spec: TableSpec[M], sql: str, params: list[Any]) -> M | None:
        with self._backend(spec.table), self._connections.use() as db:
            row = _one(db, sql, params)
            return None if row is None else spec.from_row(row)

    @contextmanager
    def _backend(self, operation: str) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise AdapterUnavailable(f"{operation}: {type(exc).__name__}: {exc}") from exc


def _rows(db: Database, sql: str, params: list[Any]) -> list[Row]:
    return list(db.query(sql, params))


def _one(db: Database, sql: str, params: list[Any]) -> Row | None:
    return next(iter(db.query(sql, params)), None)


def _read_facts(db: Database, workspace_id: str) -> WorkspaceFacts:
    workspace_row = _one(db, "SELECT * FROM workspaces WHERE id = ?", [workspace_id])
    if workspace_row is None:
        raise NotFound(f"no workspace '{workspace_id}'")
    key = [workspace_id]
    subscription = _one(db, "SELECT * FROM subscriptions WHERE workspace_id = ?", key)
    startup = _one(db, "SELECT * FROM startup_memberships WHERE workspace_id = ?", key)
    deletion = _one(
        db,
        "SELECT * FROM deletion_requests WHERE workspace_id = ? ORDER BY requested_at DESC, id DESC LIMIT 1",
        key,
    )
    return WorkspaceFacts(
        workspace=WORKSPACES.from_row(workspace_row),
        subscription=SUBSCRIPTIONS.from_row(subscription) if subscription else None,
        usage=tuple(
            MONTHLY_USAGE.from_row(row)
            for row in _rows(db, "SELECT * FROM monthly_usage WHERE workspace_id = ? ORDER BY month", key)
        ),
        coupons=tuple(
            COUPONS.from_row(row)
            for row in _rows(db, "SELECT * FROM coupons WHERE workspace_id = ? ORDER BY starts_on, id", key)
        ),
        startup=STARTUP_MEMBERSHIPS.from_row(startup) if startup else None,
        certificates=tuple(
            TAX_CERTIFICATES.from_row(row)
            for row in _rows(db, "SELECT * FROM tax_certificates WHERE workspace_id = ? ORDER BY submitted_on, id", key)
        ),
        invoices=tuple(
            INVOICES.from_row(row)
            for row in _rows(db, "SELECT * FROM invoices WHERE workspace_id = ? ORDER BY issued_on, id", key)
        ),
        deletion=DELETION_REQUESTS.from_row(deletion) if deletion else None,
        sources=_read_sources(db, workspace_id),
        members=tuple(
            MEMBERSHIPS.from_row(row)
            for row in _rows(db, "SELECT * FROM memberships WHERE workspace_id = ? ORDER BY user_id", key)
        ),
    )


def _read_sources(db: Database, workspace_id: str) -> tuple[Source, ...]:
    sources = _rows(db, "SELECT * FROM sources WHERE workspace_id = ? ORDER BY name, id", [workspace_id])
    if not sources:
        return ()
    destinations: dict[str, list[Row]] = defaultdict(list)
    for row in _rows(
        db,
        "SELECT d.* FROM destinations d JOIN sources s ON s.id = d.source_id"
        " WHERE s.workspace_id = ? ORDER BY d.source_id, d.position",
        [workspace_id],
    ):
        destinations[row["source_id"]].append(row)
    return tuple(
        SOURCES.from_row(row, destinations=[destination_from_row(d) for d in destinations[row["id"]]])
        for row in sources
    )


def _replace_destinations(db: Database, sources: list[Source]) -> None:
    for source in sources:
        db.execute("DELETE FROM destinations WHERE source_id = ?", [source.id])
    rows = [row for source in sources for row in destination_rows(source)]
    if rows:
        db.table("destinations").insert_all(rows)
