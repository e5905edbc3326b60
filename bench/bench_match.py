"""Speed of the matcher: per-question latency and knowledge-base load + index time.

Three measurements, each printed with its goal:
- load the shipped knowledge base and build the matcher's index, the common-words list and the
  learned reader's model included (goal <= 200 ms; both are read once per process, so the first
  build is timed on its own too);
- match every question of the evaluation sets (dev, dev2, dev3, dev4, test) against the shipped knowledge base
  (goal <= 1 ms per question, mean and p50; p99 printed);
- the same questions against a synthetic knowledge base of 10,000 entries whose questions and
  phrasings recombine the shipped vocabulary, with a fixed seed (goal <= 10 ms per question; the
  rules alone: the learned model knows the shipped entries only).

    .venv/bin/python bench/bench_match.py [--entries N] [--repeat R] [--seed S]
"""

import argparse
import json
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge.base import KnowledgeBase  # noqa: E402
from knowledge.loader import load_knowledge_base  # noqa: E402
from knowledge.matching import Matcher  # noqa: E402
from knowledge.matching.analyzer import words_of  # noqa: E402
from knowledge.schema import Entry, Source  # noqa: E402

EVAL_SETS = [
    ROOT / "tests/data/eval" / name for name in ("dev.jsonl", "dev2.jsonl", "dev3.jsonl", "dev4.jsonl", "test.jsonl")
]
GOAL_LOAD_MS = 200.0
GOAL_SHIPPED_MS = 1.0
GOAL_LARGE_MS = 10.0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=10_000, help="entries in the synthetic knowledge base")
    parser.add_argument("--repeat", type=int, default=5, help="passes over the questions")
    parser.add_argument("--seed", type=int, default=20240601)
    args = parser.parse_args(argv)

    texts = _questions()
    first = _timed_runs(lambda: Matcher(load_knowledge_base()), runs=1)  # reads the common-words list
    _report("shipped KB: first load + index build (common-words list read)", first, GOAL_LOAD_MS, unit="per build")
    load_times = _timed_runs(lambda: Matcher(load_knowledge_base()), runs=10)
    _report("shipped KB: load + index build", load_times, GOAL_LOAD_MS, unit="per build")

    kb = load_knowledge_base()
    shipped = Matcher(kb)
    _report(f"shipped KB ({len(kb)} entries): match", _latencies(shipped, texts, args.repeat), GOAL_SHIPPED_MS)

    entries = synthetic_entries(kb, args.entries, args.seed)
    started = time.perf_counter()
    large = Matcher(entries)
    build_ms = (time.perf_counter() - started) * 1000
    print(f"synthetic KB ({len(entries):,} entries): index build {build_ms:,.0f} ms")
    _report(f"synthetic KB ({len(entries):,} entries): match", _latencies(large, texts, args.repeat), GOAL_LARGE_MS)


def synthetic_entries(kb: KnowledgeBase, count: int, seed: int) -> list[Entry]:
    """``count`` entries made of the shipped entries' words, recombined at random (seeded)."""
    rng = random.Random(seed)
    texts = [text for entry in kb for text in (entry.question, *entry.phrasings)]
    vocabulary = sorted({word for text in texts for word in words_of(text)})
    source = kb.entries[0].sources[0]

    def sentence(low: int, high: int) -> str:
        return " ".join(rng.choices(vocabulary, k=rng.randint(low, high)))

    entries = []
    for number in range(count):
        question = sentence(4, 10).capitalize() + "?"
        entries.append(
            Entry(
                id=f"synthetic-{number}",
                question=question,
                answer=sentence(30, 80) + ".",
                category=kb.entries[number % len(kb)].category,
                sources=(Source(page=source.page, heading=question, url=source.url),),
                phrasings=tuple(sentence(3, 9) for _ in range(8)),
                keywords=tuple(sentence(1, 2) for _ in range(5)),
            )
        )
    return entries


def _questions() -> list[str]:
    texts = []
    for path in EVAL_SETS:
        with path.open(encoding="utf-8") as lines:
            texts += [json.loads(line)["text"] for line in lines if line.strip()]
    return texts


def _latencies(matcher: Matcher, texts: Sequence[str], repeat: int) -> list[float]:
    for text in texts:  # warm the caches (stems, typo corrections) as a running bot has them
        matcher.match(text)
    times = []
    for _ in range(repeat):
        for text in texts:
            started = time.perf_counter()
            matcher.match(text)
            times.append((time.perf_counter() - started) * 1000)
    return times


def _timed_runs(action: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return times


def _report(label: str, times_ms: list[float], goal_ms: float, unit: str = "per question") -> None:
    ordered = sorted(times_ms)
    p50 = statistics.median(ordered)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    mean = statistics.fmean(ordered)
    verdict = "ok" if mean <= goal_ms else "OVER GOAL"
    print(
        f"{label}: mean {mean:.3f} ms, p50 {p50:.3f} ms, p99 {p99:.3f} ms {unit} "
        f"(n={len(ordered)}, goal <= {goal_ms:g} ms: {verdict})"
    )


if __name__ == "__main__":
    main()
