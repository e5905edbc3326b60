"""Mention -> reply latency and sustained events per second of the Slack app, next to a bare Bolt
app that replies with a constant string, both measured in this run on the same server stack.

Each app runs behind the real HTTP server (Starlette under uvicorn, on loopback) with its own
Web API stand-in. A signed ``app_mention`` is POSTed to ``/slack/events``; latency runs from just
before the POST until the stand-in receives the ``chat.postMessage`` in the mention's thread.
The real app uses the shipped knowledge base and the demo billing data, and answers a rotating set
of questions from askers with and without accounts.

    .venv/bin/python bench/bench_slack.py [--events N] [--burst M] [--clients C]

Goal: the bot's p50 within 2x the bare app's.
"""

import argparse
import logging
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from slack_bolt import App  # noqa: E402

from actions.demo import seed_demo  # noqa: E402
from bot.app import create_app  # noqa: E402
from bot.client import build_client  # noqa: E402
from bot.services import build_services  # noqa: E402
from bot.settings import Settings  # noqa: E402
from tests.scenario.server_thread import ServerThread  # noqa: E402
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


class Target:
    """One app behind the real server, with its own stand-in and sender."""

    def __init__(self, name: str, app_factory: Callable[[WebApiStandIn], tuple[App, Callable[[], None]]]):
        self.name = name
        self.web = WebApiStandIn().start()
        self.app, self._close_app = app_factory(self.web)
        self.server = ServerThread(self.app).start()
        self._local = threading.local()

    def sender(self) -> SlackSender:
        sender = getattr(self._local, "sender", None)
        if sender is None:
            sender = self._local.sender = SlackSender(self.server.events_url)
        return sender

    def send(self, n: int) -> tuple[str, float]:
        ts = next_ts()
        envelope = mention(QUESTIONS[n % len(QUESTIONS)], channel=CHANNEL, user=ASKERS[n % len(ASKERS)], ts=ts)
        started = time.perf_counter()
        response = self.sender().event(envelope)
        if response.status_code != 200:
            raise RuntimeError(f"{self.name}: HTTP {response.status_code}")
        return ts, started

    def replied_at(self, ts: str, timeout: float = 30.0) -> float:
        [reply] = self.web.wait_for_call("chat.postMessage", thread_ts=ts, timeout=timeout)[:1]
        return reply.at

    def close(self) -> None:
        self.server.stop()
        self._close_app()
        self.web.stop()


def bare_app(web: WebApiStandIn) -> tuple[App, Callable[[], None]]:
    settings = Settings(slack_bot_token="xoxb-bench", slack_signing_secret=SIGNING_SECRET, slack_api_url=web.base_url)
    app = App(client=build_client(settings), signing_secret=SIGNING_SECRET)

    @app.event("app_mention")
    def reply(event: dict[str, Any], say: Callable[..., Any]) -> None:
        say(text="Thanks, noted.", thread_ts=event.get("thread_ts") or event["ts"])

    return app, lambda: None


def real_app(folder: Path) -> Callable[[WebApiStandIn], tuple[App, Callable[[], None]]]:
    def build(web: WebApiStandIn) -> tuple[App, Callable[[], None]]:
        db = folder / "bench.db"
        seed_demo(db)
        settings = Settings(
            slack_bot_token="xoxb-bench", slack_signing_secret=SIGNING_SECRET, slack_api_url=web.base_url,
            db_path=db, agents_channel="C0AGENTS01",
        )
        services = build_services(settings)
        return create_app(settings, client=build_client(settings), services=services), services.close

    return build


def latency(target: Target, events: int) -> list[float]:
    """One mention at a time: milliseconds from the POST to the reply reaching the stand-in."""
    samples = []
    for n in range(events):
        ts, started = target.send(n)
        samples.append((target.replied_at(ts) - started) * 1000)
    return samples


def throughput(target: Target, burst: int, clients: int) -> float:
    """``burst`` mentions sent by ``clients`` senders at once; events per second until every
    reply has been posted."""
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        sent = list(pool.map(target.send, range(burst)))
    last = max(target.replied_at(ts, timeout=120) for ts, _ in sent)
    return burst / (last - started)


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=200, help="sequential mentions for latency")
    parser.add_argument("--burst", type=int, default=300, help="mentions sent at once for throughput")
    parser.add_argument("--clients", type=int, default=16, help="concurrent senders in the burst")
    parser.add_argument("--warmup", type=int, default=20)
    options = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)

    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-slack-") as folder:
        for name, factory in (("bare Bolt app", bare_app), ("supportbot", real_app(Path(folder)))):
            target = Target(name, factory)
            try:
                latency(target, options.warmup)
                samples = latency(target, options.events)
                rate = throughput(target, options.burst, options.clients)
            finally:
                target.close()
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
