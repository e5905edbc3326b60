"""A running app for every scenario: demo billing data in a temporary SQLite file, the real
server on loopback, a Web API stand-in, and a sender that signs requests like Slack."""

import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from actions.adapter import BillingAdapter
from actions.demo import seed_demo
from actions.sqlite_adapter import SQLiteBillingAdapter
from bot.app import create_app
from bot.client import build_client
from bot.services import Services, build_services
from bot.settings import Settings
from knowledge.base import KnowledgeBase
from knowledge.loader import load_knowledge_base
from knowledge.matching.result import Decision
from tests.scenario.server_thread import ServerThread
from tests.scenario.slack_requests import SIGNING_SECRET, SlackSender
from tests.scenario.web_api import WebApiStandIn

SUPPORT_CHANNEL = "C0SUPPORT1"      # the support channel of the workspace below
SUPPORT_WORKSPACE = "sage-deletion-pending"
GENERAL_CHANNEL = "C0GENERAL1"      # a channel that is not a support channel
AGENTS_CHANNEL = "C0AGENTS01"
AGENT = "U0AGENT001"
GROUP_AGENT = "U0AGENT777"          # an agent through the agents' user group
AGENT_GROUP = "S0AGENTS01"
SAGE_OWNER = "U0DEMO191"            # owner of sage-deletion-pending (deletion pending)
SAGE_MEMBER = "U0DEMO192"
SAGE_READONLY = "U0READER19"        # no Slack id on record: found by the email of the profile
SAGE_READONLY_EMAIL = "readonly@sage-deletion-pending.example"
CONSULTANT = "U0DEMO901"            # in three workspaces: gets a choice
STRANGER = "U0CUST001"              # no billing account


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    seed_demo(path)
    return path


@dataclass
class Harness:
    web: WebApiStandIn
    slack: SlackSender
    services: Services
    server: ServerThread
    db_path: Path

    def response_url(self, name: str) -> str:
        return self.web.response_url(name)

    def rows(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        with closing(sqlite3.connect(self.db_path)) as connection:
            return connection.execute(sql, params).fetchall()

    def change(self, sql: str, *params: Any) -> None:
        """Edit the app's database behind its back (e.g. to age a row)."""
        with closing(sqlite3.connect(self.db_path)) as connection, connection:
            connection.execute(sql, params)


class SlowAdapter:
    """A billing backend that answers, but slower than the app's time limit."""

    def __init__(self, inner: BillingAdapter, delay_s: float):
        self.inner = inner
        self.delay_s = delay_s

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.inner, name)

        def slow(*args: Any, **kwargs: Any) -> Any:
            time.sleep(self.delay_s)
            return method(*args, **kwargs)

        return slow


HarnessFactory = Callable[..., Harness]

# Short, ambiguous questions: the matcher should offer choices for at least one of them.
AMBIGUOUS = ("free trial", "team trial", "startup credits", "how do coupons work or how do I redeem one", "trial",
             "coupon")


def clarifying_question(harness: Harness) -> str:
    """A question the running app answers with choices (the content decides which one)."""
    for text in AMBIGUOUS:
        if harness.services.conversation.match(text).decision is Decision.CLARIFY:
            return text
    raise AssertionError(f"none of {AMBIGUOUS} makes the matcher offer choices")


@pytest.fixture
def make_harness(tmp_path: Path, kb: KnowledgeBase, demo_db: Path) -> Iterator[HarnessFactory]:
    started: list[Callable[[], None]] = []

    def make(*, db_path: Path | None = None, web: WebApiStandIn | None = None, slow_billing_s: float | None = None,
             **overrides: Any) -> Harness:
        if db_path is None:
            db_path = tmp_path / "supportbot.db"
            if not db_path.exists():
                shutil.copy(demo_db, db_path)
        if web is None:
            web = WebApiStandIn().start()
            started.append(web.stop)
        web.set_email(SAGE_READONLY, SAGE_READONLY_EMAIL)
        web.set_group(AGENT_GROUP, [GROUP_AGENT])
        values: dict[str, Any] = {
            "slack_bot_token": "xoxb-test-token",
            "slack_signing_secret": SIGNING_SECRET,
            "slack_api_url": web.base_url,
            "db_path": db_path,
            "support_channels": {SUPPORT_CHANNEL: SUPPORT_WORKSPACE},
            "agents_channel": AGENTS_CHANNEL,
            "agent_users": [AGENT],
            "agent_group": AGENT_GROUP,
            "billing_timeout": 2.0,
            "web_api_retries": 2,
        }
        values.update(overrides)
        settings = Settings(**values)
        adapter = None
        if slow_billing_s is not None:
            adapter = SlowAdapter(SQLiteBillingAdapter(db_path), slow_billing_s)
        services = build_services(settings, kb=kb, adapter=adapter)
        started.append(services.close)
        app = create_app(settings, client=build_client(settings), services=services)
        server = ServerThread(app).start()
        started.append(server.stop)
        sender = SlackSender(server.events_url)
        started.append(sender.close)
        return Harness(web=web, slack=sender, services=services, server=server, db_path=db_path)

    yield make
    for stop in reversed(started):
        stop()


@pytest.fixture
def harness(make_harness: HarnessFactory) -> Harness:
    return make_harness()
