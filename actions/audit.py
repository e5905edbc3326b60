"""The audit trail: one append-only row per preview, run, replay and refusal.

Append-only is enforced by the database, not by convention: triggers abort every UPDATE and
DELETE on the table, whoever issues them.
"""

import json
from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, JsonValue
from sqlite_utils import Database

from actions.facts.periods import as_utc

TABLE = "action_audit"
APPEND_ONLY = "the audit log is append-only"


class AuditPhase(StrEnum):
    PREVIEW = "preview"  # check only, nothing changed
    RUN = "run"          # the first execution under an idempotency key (or a refused attempt)
    REPLAY = "replay"    # the same key again: the stored outcome was returned, nothing ran
    DENIED = "denied"    # turned away at an entry point before any action was asked for


class AuditRecord(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: int | None = None
    phase: AuditPhase
    actor: str  # email, or slack:<id>
    actor_user_id: str | None = None
    role: str | None = None  # the role that granted the call, or the actor's best role when refused
    origin: str
    action: str
    workspace: str | None = None  # the slug as asked, even when no such workspace exists
    workspace_id: str | None = None
    input: dict[str, JsonValue] = {}
    preview: dict[str, JsonValue] | None = None
    status: str  # the preview's or the outcome's status
    outcome: dict[str, JsonValue] | None = None
    error_code: str | None = None
    reason: str | None = None  # internal detail never shown to the actor, e.g. "unknown-workspace"
    idempotency_key: str | None = None
    started_at: datetime
    finished_at: datetime


_JSON_COLUMNS = ("input", "preview", "outcome")


def create_table(db: Database) -> None:
    """Create the table (and its indexes) when missing; safe to call again."""
    db[TABLE].create(  # type: ignore[union-attr]
        {
            "id": int, "phase": str, "actor": str, "actor_user_id": str, "role": str, "origin": str,
            "action": str, "workspace": str, "workspace_id": str, "input": str, "preview": str,
            "status": str, "outcome": str, "error_code": str, "reason": str, "idempotency_key": str,
            "started_at": str, "finished_at": str,
        },
        pk="id",
        not_null={"phase", "actor", "origin", "action", "input", "status", "started_at", "finished_at"},
        if_not_exists=True,
    )
    db.execute(f"CREATE INDEX IF NOT EXISTS {TABLE}_workspace ON {TABLE}(workspace, id)")
    for verb in ("UPDATE", "DELETE"):
        db.execute(
            f"CREATE TRIGGER IF NOT EXISTS {TABLE}_no_{verb.lower()} BEFORE {verb} ON {TABLE} "
            f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
        )


class AuditLog:
    """Works on one connection; ``create_table`` must have run on the database."""

    def __init__(self, db: Database):
        self.db = db

    def append(self, record: AuditRecord) -> int:
        row: dict[str, Any] = record.model_dump(mode="json", exclude={"id"})
        for column in _JSON_COLUMNS:
            row[column] = None if row[column] is None else json.dumps(row[column], sort_keys=True)
        row["started_at"] = as_utc(record.started_at).isoformat()
        row["finished_at"] = as_utc(record.finished_at).isoformat()
        cursor = self.db.execute(
            f"INSERT INTO {TABLE} ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})", list(row.values())
        )
        return int(cursor.lastrowid or 0)

    def tail(self, n: int = 20, workspace: str | None = None) -> list[AuditRecord]:
        """The last ``n`` records, oldest first (as ``tail`` prints them); ``workspace`` is a slug."""
        if n < 1:
            return []
        where, params = ("WHERE workspace = ?", [workspace]) if workspace else ("", [])
        cursor = self.db.execute(f"SELECT * FROM {TABLE} {where} ORDER BY id DESC LIMIT ?", [*params, n])
        names = [d[0] for d in cursor.description]
        records = []
        for values in reversed(cursor.fetchall()):
            row = dict(zip(names, values))
            for column in _JSON_COLUMNS:
                row[column] = None if row[column] is None else json.loads(row[column])
            records.append(AuditRecord.model_validate(row))
        return records
