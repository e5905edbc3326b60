"""SQLite for the bot's own tables (claims, turns), in the app's database file.

Each thread keeps one connection: Bolt's listeners run on a pool of threads, a connection must
not be used by two threads at once, and keeping it open avoids re-opening the file (and a WAL
checkpoint when the last connection closes) on every claim.
"""

import sqlite3
import threading
from pathlib import Path


class SQLiteFile:
    def __init__(self, path: Path | str, schema: str):
        self.path = Path(path)
        self._local = threading.local()
        self._opened: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = self.connection()
        connection.execute("PRAGMA journal_mode = WAL")  # readers and several writer processes get along
        connection.executescript(schema)

    def connection(self) -> sqlite3.Connection:
        """This thread's autocommit connection, which waits for other writers instead of failing."""
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            # check_same_thread=False only so close() may run from another thread.
            connection = sqlite3.connect(self.path, timeout=10.0, isolation_level=None, check_same_thread=False)
            connection.execute("PRAGMA busy_timeout = 10000")
            # With WAL, NORMAL skips the fsync on every commit: a commit survives the process
            # crashing (every process sees it at once); only a power cut may lose the last ones.
            connection.execute("PRAGMA synchronous = NORMAL")
            self._local.connection = connection
            with self._lock:
                self._opened.append(connection)
        return connection

    def close(self) -> None:
        with self._lock:
            opened, self._opened = self._opened, []
        for connection in opened:
            connection.close()
        self._local = threading.local()
