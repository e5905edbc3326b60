"""The demo data set on a real SQLite file at a fixed moment, for the action framework's tests.

The demo is seeded once per session into a template file; every test gets its own copy, so
tests may revoke, hand over and audit freely. Demo people: ``owner@``, ``member@`` and
``readonly@<slug>.example`` (owners and members have Slack ids ``U0DEMO<nn>1`` / ``<nn>2``);
``owner@vega.example`` owns the three vega workspaces; ``alex@consultants.example`` is a member
of acme-free, owner of fable-team-monthly and read-only in orca-startup;
``newcomer@unattached.example`` belongs to no workspace.
"""

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from actions.action_models import ActionRequest, Actor
from actions.audit import AuditLog, AuditRecord
from actions.clock import fixed_clock
from actions.demo import seed_demo
from actions.executor import Executor
from actions.facts import deletion_status
from actions.wiring import open_executor
from tests.actions.facts.records import shipped_policy

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
POLICY = shipped_policy()

PENDING = "sage-deletion-pending"      # requested 2 days before NOW: revocable for 3 more days
IRREVOCABLE = "tide-deletion-final"    # requested 6 days before NOW
NO_DELETION = "acme-free"
AGENT = "agent@support.example"
OUTSIDER = "newcomer@unattached.example"
UNKNOWN_USER = "nobody@nowhere.example"
UNKNOWN_WORKSPACE = "no-such-workspace"
VEGA_OWNER = "owner@vega.example"


class MovableClock:
    """A clock a test moves by hand: "the window closed between preview and run"."""

    def __init__(self, now: datetime = NOW):
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def move_to(self, moment: datetime) -> None:
        self.now = moment


def owner(slug: str) -> str:
    return f"owner@{slug}.example"


def member(slug: str) -> str:
    return f"member@{slug}.example"


def reader(slug: str) -> str:
    return f"readonly@{slug}.example"


def seed_template(directory: Path) -> Path:
    path = directory / "demo-template.db"
    seed_demo(path, fixed_clock(NOW))
    return path


def copy_of(template: Path, directory: Path) -> Path:
    path = directory / "supportbot.db"
    shutil.copyfile(template, path)
    return path


def request(action: str, who: str, workspace: str | None, *, agent: bool = False, origin: str = "cli",
            **args: Any) -> ActionRequest:
    actor = Actor(email=who, agent=agent) if "@" in who else Actor(slack_user_id=who, agent=agent)
    return ActionRequest(action=action, actor=actor, workspace=workspace, args=args, origin=origin)


@contextmanager
def executor_on(path: Path, clock: MovableClock | None = None) -> Iterator[Executor]:
    with open_executor(path, POLICY, clock or MovableClock()) as executor:
        yield executor


def audit_records(executor: Executor, workspace: str | None = None) -> list[AuditRecord]:
    with executor.connections.use() as db:
        return AuditLog(db).tail(10_000, workspace=workspace)


def count_rows(executor: Executor, table: str) -> int:
    with executor.connections.use() as db:
        return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def pending_deadline(executor: Executor) -> datetime:
    """When the pending demo deletion becomes irrevocable, from the stored request."""
    adapter = executor.adapter
    workspace = adapter.workspace_by_slug(PENDING)
    status = deletion_status(adapter.facts(workspace.id), POLICY, NOW)
    assert status.irrevocable_at is not None
    return status.irrevocable_at


def revoked_at(executor: Executor, slug: str = PENDING) -> datetime | None:
    adapter = executor.adapter
    facts = adapter.facts(adapter.workspace_by_slug(slug).id)
    return facts.deletion.revoked_at if facts.deletion else None


ONE_SECOND = timedelta(seconds=1)


# -- fixtures (imported by the test modules that use them) ---------------------------------------


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seed_template(tmp_path_factory.mktemp("demo"))


@pytest.fixture
def db_path(demo_template: Path, tmp_path: Path) -> Path:
    return copy_of(demo_template, tmp_path)


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock()


@pytest.fixture
def executor(db_path: Path, clock: MovableClock) -> Iterator[Executor]:
    with executor_on(db_path, clock) as executor:
        yield executor


def revoke_in_process(path: str, who: str, key: str, start: Any, results: Any) -> None:
    """A separate process pressing "revoke" at the same moment as the others (see ``start``)."""
    with executor_on(Path(path)) as executor:
        start.wait()
        outcome = executor.execute(request("revoke-deletion", who, PENDING, agent=who == AGENT), key)
    results.put(outcome.model_dump(mode="json"))
