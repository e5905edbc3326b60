"""The executor wired to the embedded SQLite billing store, with its action tables in the same file."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from actions.catalog import default_registry
from actions.clock import Clock, system_clock
from actions.executor import Executor
from actions.registry import Registry
from actions.sqlite_adapter import SQLiteBillingAdapter
from knowledge.policy import Policy


@contextmanager
def open_executor(db: str | Path | Database, policy: Policy, clock: Clock = system_clock,
                  registry: Registry | None = None) -> Iterator[Executor]:
    """An executor on ``db`` (a path gives each thread its own connection); closed on exit.

    The action tables go through the adapter's own connections, so a run's claim, billing
    writes, outcome and audit record commit in one transaction.
    """
    adapter = SQLiteBillingAdapter(db, clock)
    try:
        yield Executor(registry or default_registry(), adapter, adapter.connections, policy, clock)
    finally:
        adapter.close()
