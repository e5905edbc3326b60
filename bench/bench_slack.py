"""Mention -> reply latency and sustained events per second of the Slack app, next to a bare Bolt
app that replies with a constant string, both measured in this run on the same server stack.

Each app runs in its own process, as in production: the real one is ``supportbot serve`` (shipped
knowledge base, demo billing data); the bare one is a Bolt app with one ``app_mention`` listener
served by the same ``bot.server`` (Starlette under uvicorn). This process holds the Web API
stand-in and the senders, on loopback. Latency runs from just before a signed ``app_mention`` is
POSTed to ``/slack/events`` until the stand-in receives the ``chat.postMessage`` in its thread.
The real app answers a rotating set of questions from askers with and without accounts, so it
also posts each asker's private part (after the public answer).

    .venv/bin/python bench/bench_slack.py [--events N] [--burst M] [--clients C]

Goal: the bot's p50 within 2x the bare app's.
"""

import argparse
import logging
import multiprocessing
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from collections.abc import Callable, Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from actions.demo import seed_demo  # noqa: E402
from tests.scenario.slack_requests import SIGNING_SECRET, SlackSender, mention, next_ts  # noqa: E402
from tests.scenario.web_api import WebApiStandIn  # noqa: E402

CHANNEL = "C0BENCH001"
QUESTIONS = (
    "do you offer refunds?",
    "how do I change my plan?",
    "will you charge sales tax on my invoice?",
    "what happens when I exceed the free plan limit?",
    "can I still undo the deletion of my workspace?",
    "how do I redeem a coupon?",
)
ASKERS = ("U0BENCH001", "U0DEMO191", "U0DEMO062", "U0DEMO011")  # a stranger and three demo users


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_bare_app(api_url: str, port: int) -> None:
    """The baseline, in a child process: one listener, a constant reply, the same server."""
    from slack_bolt import App

    from bot.client import build_client
    from bot.server import serve
    from bot.settings import Settings

    logging.basicConfig(level=logging.ERROR)
    settings = Settings(slack_bot_token="xoxb-bench", slack_signing_secret=SIGNING_SECRET, slack_api_url=api_url)
    app = App(client=build_client(settings), signing_secret=SIGNING_SECRET)

    @app.event("app_mention")
    def reply(event: dict[str, Any], say: Callable[..., Any]) -> None:
        say(text="Thanks, noted.", thread_ts=event.get("thread_ts") or event["ts"])

    logging.getLogger("uvicorn").setLevel(logging.ERROR)
    serve(app, host="127.0.0.1", port=port)


@contextmanager
def bare_app(web: WebApiStandIn, folder: Path) -> Iterator[str]:
    port = free_port()
    process = multiprocessing.get_context("spawn").Process(target=run_bare_app, args=(web.base_url, port))
    process.start()
    try:
        yield wait_until_up(port, process.is_alive)
    finally:
        process.terminate()
        process.join(10)


@contextmanager
def supportbot(web: WebApiStandIn, folder: Path) -> Iterator[str]:
    db = folder / "bench.db"
    seed_demo(db)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "SUPPORTBOT_"))}
    env["PYTHONPATH"] = os.environ.get("BENCH_PYTHONPATH", "")
    env.update(SLACK_BOT_TOKEN="xoxb-bench", SLACK_SIGNING_SECRET=SIGNING_SECRET, SLACK_API_URL=web.base_url,
               SUPPORTBOT_DB=str(db), SUPPORTBOT_AGENTS_CHANNEL="C0AGENTS01")
    process = subprocess.Popen(
        [sys.executable, "-c", "from bot.cli import main; main()", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        yield wait_until_up(port, lambda: process.poll() is None)
    finally:
        process.terminate()
        process.wait(10)


def wait_until_up(port: int, alive: Callable[[], bool], timeout: float = 60.0) -> str:
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not alive():
            raise RuntimeError("the app process exited")
        try:
            if httpx.get(base + "/healthz").status_code == 200:
                return base + "/slack/events"
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    raise RuntimeError("the app did not come up")


class Load:
    """Signs and sends mentions to one app; one HTTP client per sending thread."""

    def __init__(self, url: str, web: WebApiStandIn):
        self.url = url
        self.web = web
        self._local = threading.local()

    def send(self, n: int) -> tuple[str, float]:
        sender = getattr(self._local, "sender", None)
        if sender is None:
            sender = self._local.sender = SlackSender(self.url)
        ts = next_ts()
        envelope = mention(QUESTIONS[n % len(QUESTIONS)], channel=CHANNEL, user=ASKERS[n % len(ASKERS)], ts=ts)
        started = time.perf_counter()
        response = sender.event(envelope)
        if response.status_code != 200:
            raise RuntimeError(f"HTTP {response.status_code} from {self.url}")
        return ts, started

    def replied_at(self, ts: str, timeout: float = 60.0) -> float:
        return self.web.wait_for_call("chat.postMessage", thread_ts=ts, timeout=timeout)[0].at


def latency(load: Load, events: int) -> list[float]:
    """One mention at a time, each sent once the previous reply is posted: milliseconds."""
    samples = []
    for n in range(events):
        ts, started = load.send(n)
        samples.append((load.replied_at(ts) - started) * 1000)
    return samples


def throughput(load: Load, burst: int, clients: int) -> float:
    """``burst`` mentions from ``clients`` senders at once: events per second until every reply
    has been posted."""
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        sent = list(pool.map(load.send, range(burst)))
    last = max(load.replied_at(ts, timeout=300) for ts, _ in sent)
    return burst / (last - started)


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=300, help="sequential mentions for latency")
    parser.add_argument("--burst", type=int, default=400, help="mentions sent at once for throughput")
    parser.add_argument("--clients", type=int, default=16, help="concurrent senders in the burst")
    parser.add_argument("--warmup", type=int, default=30)
    options = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)

    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-slack-") as folder:
        for name, start in (("bare Bolt app", bare_app), ("supportbot", supportbot)):
            web = WebApiStandIn().start()
            try:
                with start(web, Path(folder)) as url:
                    load = Load(url, web)
                    latency(load, options.warmup)
                    samples = latency(load, options.events)
                    web.settle()
                    rate = throughput(load, options.burst, options.clients)
            finally:
                web.stop()
            rows.append((name, statistics.median(samples), percentile(samples, 0.99), rate))

    print(f"\nmention -> reply posted, loopback; {options.events} sequential mentions, "
          f"then {options.burst} at once from {options.clients} senders\n")
    print(f"{'app':<16} {'p50 ms':>8} {'p99 ms':>8} {'events/s':>9}")
    for name, p50, p99, rate in rows:
        print(f"{name:<16} {p50:>8.1f} {p99:>8.1f} {rate:>9.1f}")
    ratio = rows[1][1] / rows[0][1]
    print(f"\nsupportbot p50 / bare p50 = {ratio:.2f} (goal <= 2.00): {'met' if ratio <= 2 else 'NOT met'}")


if __name__ == "__main__":
    main()
