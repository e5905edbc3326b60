"""Claim each Slack delivery once, atomically, in SQLite.

Slack retries an event it thinks was not acknowledged and can deliver one message twice (as a
mention and as a channel message). The first process to insert a key owns the delivery; every other
insert of that key, in any thread or process sharing the file, is ignored. The claim is taken before
anything is posted, so a retry arriving while the first reply is still being written finds it taken.
"""

from datetime import UTC, datetime, timedelta
from pathlib import Path

from actions.clock import Clock, system_clock
from bot.store import SQLiteFile

_SCHEMA = """
CREATE TABLE IF NOT EXISTS slack_claims (
    key TEXT PRIMARY KEY,
    claimed_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS slack_claims_claimed_at ON slack_claims (claimed_at);
"""

# Slack's last retry comes about 5 minutes after the first delivery; a day is plenty.
KEEP_CLAIMS = timedelta(days=1)
PRUNE_EVERY = 500  # claims between two prunes


class ClaimStore:
    """``claim(key)`` is True exactly once per key across threads, processes and restarts."""

    def __init__(self, path: Path | str, *, clock: Clock = system_clock):
        self.path = Path(path)
        self.clock = clock
        self._since_prune = 0
        self.db = SQLiteFile(self.path, _SCHEMA)

    def claim(self, key: str) -> bool:
        now = self.clock().astimezone(UTC)
        inserted = self.db.connection().execute(
            "INSERT OR IGNORE INTO slack_claims (key, claimed_at) VALUES (?, ?)",
            (key, now.isoformat()),
        ).rowcount
        self._since_prune += 1
        if self._since_prune >= PRUNE_EVERY:
            self._since_prune = 0
            self.prune(now - KEEP_CLAIMS)
        return inserted == 1

    def is_claimed(self, key: str) -> bool:
        row = self.db.connection().execute("SELECT 1 FROM slack_claims WHERE key = ?", (key,)).fetchone()
        return row is not None

    def prune(self, before: datetime) -> int:
        """Forget claims older than ``before``; returns how many."""
        return self.db.connection().execute(
            "DELETE FROM slack_claims WHERE claimed_at < ?", (before.astimezone(UTC).isoformat(),)
        ).rowcount

    def close(self) -> None:
        self.db.close()
