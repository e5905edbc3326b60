"""SQLite connections for the bot's own tables (claims, turns), in the app's database file.

Each operation opens a short-lived connection: listeners run on worker threads and a connection
must not cross threads; opening one costs far less than a Slack round trip.
"""

import sqlite3
from contextlib import closing
from pathlib import Path


def connect(path: Path) -> sqlite3.Connection:
    """Autocommit connection that waits for other writers instead of failing at once."""
    connection = sqlite3.connect(path, timeout=10.0, isolation_level=None)
    connection.execute("PRAGMA busy_timeout = 10000")
    return connection


def prepare(path: Path, schema: str) -> None:
    """Create the file in WAL mode (readers and several writer processes get along) and the tables."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with closing(connect(path)) as connection:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.executescript(schema)
