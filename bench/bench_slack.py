"""Mention -> reply latency and sustained events per second of the Slack app, next to a bare Bolt
app that replies with a constant string, both measured in this run on the same server stack.

Each app runs in its own process, as in production: the real one is ``supportbot serve`` (shipped
knowledge base, demo billing data); the bare one is a Bolt app with one ``app_mention`` listener
served by the same ``bot.server`` (Starlette under uvicorn). The Web API stand-in runs in a third
process and reports each call it receives; this process only signs and sends, on loopback. Latency
runs from just before a signed ``app_mention`` is POSTed to ``/slack/events`` until the stand-in
receives the ``chat.postMessage`` in its thread (both read ``time.monotonic()``, one clock for
every process on the host).
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
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

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


def run_web_api(urls: Any, calls: Any, stop: Any) -> None:
    """The stand-in, in a child process: reports (method, thread_ts, arrival) of every call."""
    web = WebApiStandIn().start()
    urls.put(web.base_url)
    seen = 0
    while not stop.is_set():
        with web.state.lock:
            web.state.lock.wait(0.05)
            new, seen = web.state.calls[seen:], len(web.state.calls)
        for call in new:
            calls.put((call.method, call.get("thread_ts"), call.at))
    web.stop()


class WebApi:
    """This process's view of the stand-in: when each reply arrived, and when it last heard anything."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        urls, self._calls, self._stop = context.Queue(), context.Queue(), context.Event()
        self._process = context.Process(target=run_web_api, args=(urls, self._calls, self._stop), daemon=True)
        self._process.start()
        self.base_url = urls.get(timeout=60)
        self._replies: dict[str, float] = {}
        self._last = time.monotonic()
        self._changed = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            method, thread_ts, at = self._calls.get()
            with self._changed:
                self._last = time.monotonic()
                if method == "chat.postMessage" and thread_ts and thread_ts not in self._replies:
                    self._replies[thread_ts] = at
                self._changed.notify_all()

    def replied_at(self, ts: str, timeout: float = 60.0) -> float:
        with self._changed:
            if not self._changed.wait_for(lambda: ts in self._replies, timeout):
                raise RuntimeError(f"no reply in thread {ts} within {timeout}s")
            return self._replies[ts]

    def settle(self, quiet_s: float) -> None:
        """Wait until no call has arrived for ``quiet_s``."""
        with self._changed:
            while time.monotonic() - self._last < quiet_s:
                self._changed.wait(quiet_s)

    def stop(self) -> None:
        self._stop.set()
        self._process.join(10)


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

    serve(app, host="127.0.0.1", port=port, log_level="warning")


@contextmanager
def bare_app(web: WebApi, folder: Path) -> Iterator[str]:
    port = free_port()
    process = multiprocessing.get_context("spawn").Process(target=run_bare_app, args=(web.base_url, port))
    process.start()
    try:
        yield wait_until_up(port, process.is_alive)
    finally:
        process.terminate()
        process.join(10)


@contextmanager
def supportbot(web: WebApi, folder: Path) -> Iterator[str]:
    db = folder / "bench.db"
    seed_demo(db)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "SUPPORTBOT_"))}
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

    def __init__(self, url: str, web: WebApi):
        self.url = url
        self.web = web
        self._local = threading.local()

    def send(self, n: int) -> tuple[str, float]:
        sender = getattr(self._local, "sender", None)
        if sender is None:
            sender = self._local.sender = SlackSender(self.url)
        ts = next_ts()
        envelope = mention(QUESTIONS[n % len(QUESTIONS)], channel=CHANNEL, user=ASKERS[n % len(ASKERS)], ts=ts)
        started = time.monotonic()
        response = sender.event(envelope)
        if response.status_code != 200:
            raise RuntimeError(f"HTTP {response.status_code} from {self.url}")
        return ts, started

    def replied_at(self, ts: str, timeout: float = 60.0) -> float:
        return self.web.replied_at(ts, timeout)


def latency(load: Load, events: int, *, isolated: bool) -> list[float]:
    """One mention at a time, in milliseconds. Back to back, the next mention goes out as soon as
    the reply is posted, while the app may still be sending the asker's private part; isolated,
    only once the app has been quiet for a moment (its previous turn is over)."""
    samples = []
    for n in range(events):
        ts, started = load.send(n)
        samples.append((load.replied_at(ts) - started) * 1000)
        if isolated:
            load.web.settle(0.02)
    return samples


def throughput(load: Load, burst: int, clients: int) -> float:
    """``burst`` mentions from ``clients`` senders at once: events per second until every reply
    has been posted."""
    started = time.monotonic()
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
            web = WebApi()
            try:
                with start(web, Path(folder)) as url:
                    load = Load(url, web)
                    latency(load, options.warmup, isolated=False)
                    isolated = latency(load, options.events, isolated=True)
                    back_to_back = latency(load, options.events, isolated=False)
                    web.settle(0.2)
                    rate = throughput(load, options.burst, options.clients)
            finally:
                web.stop()
            rows.append((name, isolated, back_to_back, rate))

    print(f"\nmention -> reply posted (ms), loopback; {options.events} mentions one at a time, isolated and "
          f"back to back; then {options.burst} at once from {options.clients} senders\n")
    print(f"{'':<16} {'isolated':>17} {'back to back':>17}")
    print(f"{'app':<16} {'p50':>8} {'p99':>8} {'p50':>8} {'p99':>8} {'events/s':>9}")
    for name, isolated, back_to_back, rate in rows:
        print(f"{name:<16} {statistics.median(isolated):>8.1f} {percentile(isolated, 0.99):>8.1f} "
              f"{statistics.median(back_to_back):>8.1f} {percentile(back_to_back, 0.99):>8.1f} {rate:>9.1f}")
    print()
    for label, column in (("isolated", 1), ("back to back", 2)):
        ratio = statistics.median(rows[1][column]) / statistics.median(rows[0][column])
        print(f"supportbot p50 / bare p50, {label}: {ratio:.2f} (goal <= 2.00: {'met' if ratio <= 2 else 'not met'})")


if __name__ == "__main__":
    main()
