"""Exactly-once execution: an idempotency key is claimed by a unique row before anything runs.

The executor claims the key as the first write of the run's transaction, so a second request
with the same key (another thread, another process) waits for the database's write lock and
then finds the claim with its outcome: it gets the first outcome back and runs nothing. A run
that fails rolls its claim back with everything else; the failure is then stored on its own,
so repeating the key returns that same failed outcome.
"""

import hashlib
import json
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from actions.action_errors import InvalidArguments, KeyReused
from actions.action_models import Outcome
from actions.facts.periods import as_utc

TABLE = "action_runs"
MAX_KEY_LENGTH = 200


def valid_key(key: str) -> str:
    """The key, stripped; ``InvalidArguments`` when it is blank or too long."""
    key = key.strip() if isinstance(key, str) else ""
    if not key or len(key) > MAX_KEY_LENGTH:
        raise InvalidArguments(f"an idempotency key must be 1 to {MAX_KEY_LENGTH} characters")
    return key


def fingerprint(action: str, workspace: str | None, args: dict[str, Any]) -> str:
    """What makes two requests "the same": the action, the workspace and the validated arguments.

    The actor is left out on purpose: a key shared by one Slack button may be pressed by two
    owners, and both should see the one result.
    """
    canonical = json.dumps([action, workspace, args], sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def create_table(db: Database) -> None:
    """Create the table (and its indexes) when missing; safe to call again."""
    db[TABLE].create(  # type: ignore[union-attr]
        {"key": str, "fingerprint": str, "action": str, "workspace": str, "outcome": str,
         "claimed_at": str, "finished_at": str},
        pk="key",
        not_null={"fingerprint", "action", "claimed_at"},
        if_not_exists=True,
    )


class IdempotencyStore:
    """Works on one connection; ``create_table`` must have run on the database."""

    def __init__(self, db: Database):
        self.db = db

    def claim(self, key: str, digest: str, action: str, workspace: str | None, at: datetime) -> bool:
        """True when this call took the key; False when it was already taken."""
        cursor = self.db.execute(
            f"INSERT INTO {TABLE} (key, fingerprint, action, workspace, claimed_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(key) DO NOTHING",
            [key, digest, action, workspace, as_utc(at).isoformat()],
        )
        return cursor.rowcount == 1

    def settle(self, key: str, outcome: Outcome, at: datetime) -> None:
        """Store the outcome of a claimed key (in the same transaction as the claim)."""
        self.db.execute(
            f"UPDATE {TABLE} SET outcome = ?, finished_at = ? WHERE key = ?",
            [outcome.model_dump_json(), as_utc(at).isoformat(), key],
        )

    def store(self, key: str, digest: str, outcome: Outcome, at: datetime) -> bool:
        """Claim and settle at once (for failures, after the run rolled back); False when taken."""
        stamp = as_utc(at).isoformat()
        cursor = self.db.execute(
            f"INSERT INTO {TABLE} (key, fingerprint, action, workspace, outcome, claimed_at, finished_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO NOTHING",
            [key, digest, outcome.action, outcome.workspace, outcome.model_dump_json(), stamp, stamp],
        )
        return cursor.rowcount == 1

    def first_outcome(self, key: str, digest: str) -> Outcome | None:
        """The outcome stored under ``key``; ``KeyReused`` when it belongs to a different request,
        None when the key is unknown or its claim holds no outcome."""
        row = self.db.execute(f"SELECT fingerprint, outcome FROM {TABLE} WHERE key = ?", [key]).fetchone()
        if row is None:
            return None
        if row[0] != digest:
            raise KeyReused(key)
        return None if row[1] is None else Outcome.model_validate_json(row[1])
