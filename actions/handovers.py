"""Hand-overs to a human: what was asked, what matched, whose workspace. Agents and stats read them."""

import json
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field
from sqlite_utils import Database

from actions.facts.periods import as_utc

TABLE = "handovers"


class Handover(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    created_at: datetime
    question: str
    entry_ids: tuple[str, ...] = ()
    workspace_id: str | None = None
    workspace_slug: str | None = None
    workspace_name: str | None = None
    asker: str = Field(description="email, or slack:<id>")
    asker_user_id: str | None = None
    origin: str
    conversation: str | None = None  # where the conversation is, e.g. a Slack thread permalink


def create_table(db: Database) -> None:
    """Create the table (and its indexes) when missing; safe to call again."""
    db[TABLE].create(  # type: ignore[union-attr]
        {
            "id": str, "created_at": str, "question": str, "entry_ids": str, "workspace_id": str,
            "workspace_slug": str, "workspace_name": str, "asker": str, "asker_user_id": str,
            "origin": str, "conversation": str,
        },
        pk="id",
        not_null={"created_at", "question", "entry_ids", "asker", "origin"},
        if_not_exists=True,
    )
    db.execute(f"CREATE INDEX IF NOT EXISTS {TABLE}_created ON {TABLE}(created_at)")


class HandoverStore:
    """Works on one connection; ``create_table`` must have run on the database."""

    def __init__(self, db: Database):
        self.db = db

    def add(self, handover: Handover) -> Handover:
        row = handover.model_dump(mode="json")
        row["created_at"] = as_utc(handover.created_at).isoformat()
        row["entry_ids"] = json.dumps(list(handover.entry_ids))
        self.db.execute(
            f"INSERT INTO {TABLE} ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})", list(row.values())
        )
        return handover

    def get(self, handover_id: str) -> Handover | None:
        rows = self._select("WHERE id = ?", [handover_id])
        return rows[0] if rows else None

    def recent(self, limit: int = 20, since: datetime | None = None) -> list[Handover]:
        """The latest hand-overs, newest first."""
        where, params = ("WHERE created_at >= ?", [as_utc(since).isoformat()]) if since else ("", [])
        return self._select(f"{where} ORDER BY created_at DESC, rowid DESC LIMIT ?", [*params, limit])

    def count(self, since: datetime | None = None) -> int:
        where, params = ("WHERE created_at >= ?", [as_utc(since).isoformat()]) if since else ("", [])
        return self.db.execute(f"SELECT count(*) FROM {TABLE} {where}", params).fetchone()[0]

    def _select(self, tail: str, params: list[object]) -> list[Handover]:
        cursor = self.db.execute(f"SELECT * FROM {TABLE} {tail}", params)
        names = [d[0] for d in cursor.description]
        result = []
        for values in cursor.fetchall():
            row = dict(zip(names, values))
            row["entry_ids"] = tuple(json.loads(row["entry_ids"]))
            result.append(Handover.model_validate(row))
        return result
