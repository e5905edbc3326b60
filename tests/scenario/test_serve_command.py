"""``supportbot serve`` as an operator runs it: a real process, configured by the environment."""

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests.scenario.slack_requests import SIGNING_SECRET, SlackSender, message, next_ts
from tests.scenario.web_api import WebApiStandIn

SUPPORTBOT = [sys.executable, "-c", "from bot.cli import main; main()"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def web():
    stand_in = WebApiStandIn().start()
    yield stand_in
    stand_in.stop()


def environment(web: WebApiStandIn, db: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "SUPPORTBOT_"))}
    env.update(SLACK_BOT_TOKEN="xoxb-serve-test", SLACK_SIGNING_SECRET=SIGNING_SECRET, SLACK_API_URL=web.base_url,
               SUPPORTBOT_DB=str(db), SUPPORTBOT_SUPPORT_CHANNELS="C0SUPPORT1=sage-deletion-pending")
    env.update(extra)
    return env


def test_serve_answers_signed_events_over_http(web, demo_db, tmp_path):
    db = tmp_path / "serve.db"
    shutil.copy(demo_db, db)
    with serving("serve", env=environment(web, db)) as base:
        assert_answers_a_signed_event(web, base)


@contextmanager
def serving(*command: str, env: dict[str, str]) -> Iterator[str]:
    """``supportbot COMMAND --host 127.0.0.1 --port P`` as a real process; yields its base URL once
    /healthz answers, and stops it afterwards."""
    port = free_port()
    process = subprocess.Popen([*SUPPORTBOT, *command, "--host", "127.0.0.1", "--port", str(port)], env=env,
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 20
        while True:
            try:
                if httpx.get(base + "/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert process.poll() is None, process.communicate()[1]
            assert time.monotonic() < deadline, "server did not come up"
            time.sleep(0.05)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def assert_answers_a_signed_event(web: WebApiStandIn, base: str) -> None:
    sender = SlackSender(base + "/slack/events")
    ts = next_ts()
    assert sender.event(message("do you offer refunds?", ts=ts)).status_code == 200
    [post] = web.wait_for_call("chat.postMessage", thread_ts=ts)
    assert "refund" in post.all_text.lower()
    sender.close()


def test_serve_with_a_token_slack_refuses_exits_cleanly(web, demo_db, tmp_path):
    db = tmp_path / "serve.db"
    shutil.copy(demo_db, db)
    env = environment(web, db, SLACK_BOT_TOKEN="xoxp-not-a-bot-token")
    done = subprocess.run([*SUPPORTBOT, "serve", "--port", str(free_port())], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 1
    assert "Slack refused SLACK_BOT_TOKEN" in done.stderr
    assert "Traceback" not in done.stderr


def test_serve_with_bad_settings_names_the_setting(web, tmp_path):
    env = environment(web, tmp_path / "x.db", SUPPORTBOT_SUPPORT_CHANNELS="general")
    done = subprocess.run([*SUPPORTBOT, "serve"], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "SUPPORTBOT_SUPPORT_CHANNELS" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("args", "unset", "says"),
    [
        (["serve", "--socket-mode"], "SLACK_APP_TOKEN", "Socket Mode needs SLACK_BOT_TOKEN and SLACK_APP_TOKEN"),
        (["serve"], "SLACK_SIGNING_SECRET", "HTTP mode needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET"),
    ],
)
def test_serve_without_the_credentials_of_its_mode_says_which(web, tmp_path, args, unset, says):
    env = environment(web, tmp_path / "x.db")
    env.pop(unset, None)
    done = subprocess.run([*SUPPORTBOT, *args], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert says in done.stderr
