"""``GuardedAdapter``: a time limit and one failure vocabulary around any billing adapter.

Each call runs on a small thread pool and is waited for at most ``timeout_s``: a slower call
raises ``AdapterUnavailable`` (and finishes, unobserved, in the background). SQLite and OS errors
become ``AdapterUnavailable``; ``CorruptRecord``, ``NotFound`` and ``Conflict`` pass through.
Failures are logged with the method name and the error type only, never arguments or values,
which may be personal data.

Inside ``transaction()`` a thread's calls run on that thread (see ``transaction``).
"""

import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime
from typing import Any, Protocol, TypeVar, cast

from actions.adapter import BillingAdapter
from actions.errors import AdapterUnavailable, CorruptRecord
from actions.models import DeletionRequest, Membership, User, Workspace, WorkspaceFacts

logger = logging.getLogger(__name__)

SLOW_CALL = "billing adapter: %s took longer than %.2fs"
FAILED_CALL = "billing adapter: %s failed (%s)"
CORRUPT_RECORD = "billing adapter: %s returned a corrupt record (table %s)"

T = TypeVar("T")


class ExtendedAdapter(BillingAdapter, Protocol):
    """What ``SQLiteBillingAdapter`` offers beyond the protocol; the guard forwards it when the
    inner adapter has it (an adapter without it raises AttributeError on use)."""

    def user(self, user_id: str) -> User | None: ...

    def workspaces_of_user(self, user_id: str) -> list[Workspace]: ...

    def deletion_request(self, request_id: str) -> DeletionRequest | None: ...

    def transaction(self) -> AbstractContextManager[None]: ...


class GuardedAdapter:
    """Wraps ``inner`` (any ``BillingAdapter``); owns it, so ``close()`` closes both."""

    def __init__(self, inner: BillingAdapter, timeout_s: float = 1.0, workers: int = 4):
        if timeout_s <= 0:
            raise ValueError("timeout_s must be positive")
        self.inner = inner
        self._extended = cast(ExtendedAdapter, inner)
        self.timeout_s = timeout_s
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="billing-adapter")
        self._local = threading.local()

    # -- the protocol -------------------------------------------------------------------------

    def user_by_email(self, email: str) -> User | None:
        return self._call("user_by_email", self.inner.user_by_email, email)

    def user_by_slack_id(self, slack_user_id: str) -> User | None:
        return self._call("user_by_slack_id", self.inner.user_by_slack_id, slack_user_id)

    def link_slack_id(self, user_id: str, slack_user_id: str) -> None:
        return self._call("link_slack_id", self.inner.link_slack_id, user_id, slack_user_id)

    def memberships(self, user_id: str) -> list[Membership]:
        return self._call("memberships", self.inner.memberships, user_id)

    def workspace(self, workspace_id: str) -> Workspace | None:
        return self._call("workspace", self.inner.workspace, workspace_id)

    def workspace_by_slug(self, slug: str) -> Workspace | None:
        return self._call("workspace_by_slug", self.inner.workspace_by_slug, slug)

    def facts(self, workspace_id: str) -> WorkspaceFacts:
        return self._call("facts", self.inner.facts, workspace_id)

    def revoke_deletion(self, request_id: str, by_user: str, at: datetime) -> DeletionRequest:
        return self._call("revoke_deletion", self.inner.revoke_deletion, request_id, by_user, at)

    # -- reads beyond the protocol, when the inner adapter has them -----------------------------

    def user(self, user_id: str) -> User | None:
        return self._call("user", self._extended.user, user_id)

    def workspaces_of_user(self, user_id: str) -> list[Workspace]:
        return self._call("workspaces_of_user", self._extended.workspaces_of_user, user_id)

    def deletion_request(self, request_id: str) -> DeletionRequest | None:
        return self._call("deletion_request", self._extended.deletion_request, request_id)

    # -- transactions and lifecycle -----------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """The inner adapter's ``transaction()``, entered on the caller's thread.

        Inside it, this thread's calls run on this thread too, without the time limit: a
        transaction has to finish on the connection that began it (where the caller may also write
        its own rows), so a slow call cannot be left behind; SQLite's busy timeout bounds the waits.
        Errors are translated and logged as for any call."""
        context = self._extended.transaction()
        self._translated("transaction", context.__enter__)
        self._local.depth = getattr(self._local, "depth", 0) + 1
        try:
            yield
        except BaseException as error:
            self._local.depth -= 1
            self._translated("transaction", context.__exit__, type(error), error, error.__traceback__)
            raise
        self._local.depth -= 1
        self._translated("transaction", context.__exit__, None, None, None)

    def close(self) -> None:
        # Wait for calls still running (a timed-out one may be blocked in SQLite, bounded by the
        # busy timeout): closing the connection under a running statement crashes the process.
        self._pool.shutdown(wait=True, cancel_futures=True)
        close = getattr(self.inner, "close", None)
        if close is not None:
            close()

    def __enter__(self) -> "GuardedAdapter":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- machinery ----------------------------------------------------------------------------

    def _call(self, name: str, method: Callable[..., T], *args: Any) -> T:
        if getattr(self._local, "depth", 0):
            return self._translated(name, method, *args)
        try:
            future = self._pool.submit(method, *args)
        except RuntimeError as exc:  # the pools are shut down: the adapter was closed
            logger.warning(FAILED_CALL, name, type(exc).__name__)
            raise AdapterUnavailable(f"{name}: the adapter is closed") from None
        return self._wait(name, future)

    def _wait(self, name: str, future: "Future[T]") -> T:
        # wait() rather than result(timeout): the call's own TimeoutError must not pass for ours.
        done, _ = wait([future], timeout=self.timeout_s)
        if not done:
            future.cancel()
            logger.warning(SLOW_CALL, name, self.timeout_s)
            raise AdapterUnavailable(f"{name} took longer than {self.timeout_s}s")
        return self._translated(name, future.result)

    def _translated(self, name: str, method: Callable[..., T], *args: Any) -> T:
        try:
            return method(*args)
        except CorruptRecord as exc:
            logger.error(CORRUPT_RECORD, name, exc.table or "unknown")
            raise
        except AdapterUnavailable as exc:
            logger.warning(FAILED_CALL, name, type(exc.__cause__ or exc).__name__)
            raise
        except (sqlite3.Error, OSError) as exc:
            logger.warning(FAILED_CALL, name, type(exc).__name__)
            raise AdapterUnavailable(f"{name} failed: {type(exc).__name__}") from exc
