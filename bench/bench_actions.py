"""Cost of the action executor on the demo data: one audited check, one preview, one exactly-once
run, a replay of its key, and N threads pressing "revoke" at once.

Seeds the demo set into a temporary file, then prints p50 / p99 per operation (milliseconds).
Every run and preview writes an audit record, so these are write-path numbers.

    .venv/bin/python bench/bench_actions.py [--samples S] [--threads T]
"""

import argparse
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from actions.action_models import ActionRequest, Actor  # noqa: E402
from actions.demo import seed_demo  # noqa: E402
from actions.wiring import open_executor  # noqa: E402
from knowledge.loader import load_knowledge_base  # noqa: E402

PENDING = "sage-deletion-pending"


def request(action: str, email: str, workspace: str) -> ActionRequest:
    return ActionRequest(action=action, actor=Actor(email=email), workspace=workspace)


def timed(samples: int, call: Callable[[int], object]) -> tuple[float, float]:
    times = []
    for i in range(samples):
        start = time.perf_counter()
        call(i)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--samples", type=int, default=500, help="calls timed per operation")
    parser.add_argument("--threads", type=int, default=16, help="threads pressing revoke at once")
    args = parser.parse_args(argv)
    policy = load_knowledge_base().policy

    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "bench.db"
        seed_demo(path)
        with open_executor(path, policy) as executor:
            check = request("usage-status", "owner@bolt-over-once.example", "bolt-over-once")
            revoke = request("revoke-deletion", f"owner@{PENDING}.example", PENDING)
            rows = [
                ("check (usage-status, audited)", timed(args.samples, lambda i: executor.execute(check, f"c{i}"))),
                ("preview (revoke-deletion)", timed(args.samples, lambda i: executor.preview(revoke))),
                ("refusal (outsider)", timed(args.samples, lambda i: executor.execute(
                    request("usage-status", "nobody@nowhere.example", "bolt-over-once"), f"r{i}"))),
            ]
            first = timed(1, lambda i: executor.execute(revoke, "the-key"))
            rows.append(("run (revoke-deletion, first)", first))
            rows.append(("replay of the same key", timed(args.samples, lambda i: executor.execute(revoke, "the-key"))))
            for label, (p50, p99) in rows:
                print(f"{label:<32} p50 {p50:7.2f} ms   p99 {p99:7.2f} ms")

        seed_demo(path)  # a fresh pending deletion for the race
        with open_executor(path, policy) as executor:
            start = threading.Barrier(args.threads)
            results: list[str] = []

            def press(i: int) -> None:
                start.wait()
                results.append(executor.execute(revoke, f"press-{i}").status.value)

            began = time.perf_counter()
            threads = [threading.Thread(target=press, args=(i,)) for i in range(args.threads)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            took = (time.perf_counter() - began) * 1000
            print(f"{args.threads} threads press revoke at once: {results.count('done')} done, "
                  f"{results.count('not-possible')} already revoked, in {took:.1f} ms")


if __name__ == "__main__":
    main()
