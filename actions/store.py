"""Connections to the accounts database and the two kinds of transaction the adapter runs.

A file-backed store gives every thread its own connection: with WAL, readers never wait for a
writer, and a call stuck on one thread (say, waiting for the write lock) does not hold up the
others. A ``Database`` handed in (or ``:memory:``) is one connection shared by all threads,
serialised by a lock; it gets the same settings, and stays open for its owner to close (open it
with ``check_same_thread=False`` if more than one thread will call).
"""

import sqlite3
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

# How long a connection waits for another writer's lock before giving up with "database is locked".
DEFAULT_BUSY_TIMEOUT_S = 5.0


def connect(path: str | Path, busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S) -> Database:
    """Open ``path`` with the settings every connection needs.

    ``check_same_thread=False`` only lets ``close()`` run from another thread; each connection is
    still used by one thread at a time (see ``Connections``).
    """
    conn = sqlite3.connect(str(path), timeout=busy_timeout_s, check_same_thread=False)
    db = Database(conn)
    configure(db, busy_timeout_s)
    return db


def configure(db: Database, busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S) -> None:
    """Per-connection settings (these pragmas are not stored in the file)."""
    db.execute("PRAGMA foreign_keys = ON")
    db.execute(f"PRAGMA busy_timeout = {int(busy_timeout_s * 1000)}")
    # Safe with WAL: a power cut may lose the last commits but never corrupts the file.
    db.execute("PRAGMA synchronous = NORMAL")


class Connections:
    """Hands each thread the connection it should use; ``use()`` holds it for one operation."""

    def __init__(self, source: str | Path | Database, busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S):
        self._busy_timeout_s = busy_timeout_s
        self._closed = False
        self._lock = threading.RLock()
        self._shared: Database | None = None
        self._owns_shared = False  # a Database handed in stays the caller's to close
        self._path: Path | None = None
        if isinstance(source, Database):
            configure(source, busy_timeout_s)
            self._shared = source
        elif str(source) == ":memory:":
            self._shared = Database(sqlite3.connect(":memory:", check_same_thread=False))
            self._owns_shared = True
            configure(self._shared, busy_timeout_s)
        else:
            self._path = Path(source)
        self._local = threading.local()
        # Weak, so a connection goes away with its thread; close() reaches the ones still alive.
        self._opened: weakref.WeakSet[Database] = weakref.WeakSet()

    @property
    def path(self) -> Path | None:
        return self._path

    @contextmanager
    def use(self) -> Iterator[Database]:
        if self._closed:
            raise sqlite3.ProgrammingError("Cannot operate on a closed database.")
        if self._shared is not None:
            with self._lock:
                yield self._shared
            return
        db: Database | None = getattr(self._local, "db", None)
        if db is None:
            db = connect(self._path, self._busy_timeout_s)  # type: ignore[arg-type]
            self._local.db = db
            with self._lock:
                self._opened.add(db)
        yield db

    def close(self) -> None:
        self._closed = True
        with self._lock:
            if self._shared is not None and self._owns_shared:
                self._shared.close()
            for db in list(self._opened):
                db.close()
            self._opened.clear()


@contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """``BEGIN IMMEDIATE``: takes the write lock up front, so two writers queue (busy timeout)
    instead of one failing halfway. Inside an open transaction it becomes a savepoint."""
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
        db.commit()
    except BaseException:
        db.rollback()
        raise


@contextmanager
def read_snapshot(db: Database) -> Iterator[Database]:
    """Every read inside sees the database at one moment (WAL keeps the snapshot stable)."""
    if db.conn.in_transaction:
        yield db
        return
    db.execute("BEGIN")
    try:
        yield db
    finally:
        db.rollback()  # nothing was written; ending the read is all that is left
