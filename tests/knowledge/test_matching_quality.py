"""Quality floors on the evaluation sets, so that a content, vocabulary or model edit that breaks
matching fails CI.

Two kinds of set (docs/matching-quality.md):
- the tuning sets (dev*.jsonl, test.jsonl): the matcher's phrasings were tuned on them and the
  learned reader (knowledge/matching/classifier.py) is trained on them, so they must meet the
  product goals (correct >= 93%, wrong <= 2%, out of scope answered <= 3%) with ease; one not yet
  at the goals is guarded at its latest measurement;
- the held-out sets (holdout*.jsonl): never read while tuning, never learned from. Each is guarded
  at its latest measurement, and together they must meet the goals: that is the claim the README
  makes about wording nobody tuned on."""

from pathlib import Path

import pytest

from knowledge.evaluation import Report, evaluate, load_cases
from knowledge.loader import load_knowledge_base
from knowledge.matching import Matcher
from knowledge.matching.training import example_files

EVAL = Path(__file__).resolve().parent.parent / "data" / "eval"


@pytest.fixture(scope="module")
def matcher_and_ids() -> tuple[Matcher, set[str]]:
    kb = load_knowledge_base()
    return Matcher(kb), {entry.id for entry in kb}


def _report(matcher_and_ids: tuple[Matcher, set[str]], name: str) -> Report:
    matcher, ids = matcher_and_ids
    return evaluate(matcher, load_cases(EVAL / name), known_ids=ids)


def test_every_canonical_question_is_answered_with_its_own_entry(matcher_and_ids: tuple[Matcher, set[str]]) -> None:
    matcher, _ = matcher_and_ids
    kb = load_knowledge_base()
    wrong = [
        (entry.id, result.decision.value, result.candidates[0].entry.id if result.candidates else None)
        for entry in kb
        if (result := matcher.match(entry.question)).entry is None or result.entry.id != entry.id
    ]
    assert wrong == []


# Tuned on, but not at the goals (customers comparing with other tools: the learned reader may
# not answer alone a message naming another tool): guarded at its latest measurement.
TUNING_FLOORS = {
    "dev24.jsonl": {"correct": 0.91, "wrong": 0.005, "out_of_scope_answered": 0.017},      # 91.5 / 0.0 / 0.0
}
TUNED_SETS = [path.name for path in example_files(EVAL) if path.name not in TUNING_FLOORS]


def test_every_tuning_set_is_checked_and_no_held_out_set_is_learned_from() -> None:
    held_out = {path.name for path in EVAL.glob("holdout*.jsonl")}
    assert len(TUNED_SETS) + len(TUNING_FLOORS) == len(list(EVAL.glob("*.jsonl"))) - len(held_out)
    assert held_out == set(HOLDOUT_FLOORS)
    assert not held_out & {path.name for path in example_files(EVAL)}


@pytest.mark.parametrize("name", TUNED_SETS)
def test_goals_hold(matcher_and_ids: tuple[Matcher, set[str]], name: str) -> None:
    report = _report(matcher_and_ids, name)
    summary = f"{name}: {report.rates()}, misses: {[(m.text, m.expected, m.got) for m in report.misses]}"
    assert report.in_scope >= 150 and report.out_of_scope >= 30, summary
    assert report.correct_rate >= 0.93, summary
    assert report.wrong_rate <= 0.02, summary
    assert report.out_of_scope_answered_rate <= 0.03, summary


# The holdout*.jsonl sets are held out: nobody tuning the matcher has read them
# (docs/matching-quality.md). Their floors are their latest measurement with a margin of about one
# question, so a change that makes the matcher generalise worse fails CI. The failure message gives
# rates only: printing the misses would show the held-out questions to whoever tunes next.
HOLDOUT_FLOORS = {
    "holdout8.jsonl": {"correct": 0.931, "wrong": 0.015, "out_of_scope_answered": 0.016},  # 93.6 / 1.0 / 0.0
    "holdout9.jsonl": {"correct": 0.969, "wrong": 0.006, "out_of_scope_answered": 0.05},   # 97.4 / 0.0 / 3.3
    "holdout10.jsonl": {"correct": 0.911, "wrong": 0.011, "out_of_scope_answered": 0.017}, # 91.7 / 0.5 / 0.0
    "holdout11.jsonl": {"correct": 0.954, "wrong": 0.021, "out_of_scope_answered": 0.017}, # 96.0 / 1.5 / 0.0
    "holdout12.jsonl": {"correct": 0.887, "wrong": 0.031, "out_of_scope_answered": 0.05},  # 89.3 / 2.6 / 3.3
    "holdout13.jsonl": {"correct": 0.934, "wrong": 0.011, "out_of_scope_answered": 0.049}, # 93.9 / 0.5 / 3.2
    "holdout14.jsonl": {"correct": 0.944, "wrong": 0.011, "out_of_scope_answered": 0.017}, # 94.9 / 0.5 / 0.0
    "holdout15.jsonl": {"correct": 0.975, "wrong": 0.005, "out_of_scope_answered": 0.033}, # 98.1 / 0.0 / 1.6
    "holdout16.jsonl": {"correct": 0.965, "wrong": 0.01, "out_of_scope_answered": 0.017},  # 97.0 / 0.5 / 0.0
    "holdout17.jsonl": {"correct": 0.907, "wrong": 0.016, "out_of_scope_answered": 0.017}, # 91.3 / 1.0 / 0.0
    "holdout18.jsonl": {"correct": 0.979, "wrong": 0.011, "out_of_scope_answered": 0.033}, # 98.5 / 0.5 / 1.6
    "holdout19.jsonl": {"correct": 0.948, "wrong": 0.016, "out_of_scope_answered": 0.033}, # 95.4 / 1.0 / 1.6
    "holdout20.jsonl": {"correct": 0.943, "wrong": 0.031, "out_of_scope_answered": 0.034}, # 94.9 / 2.6 / 1.7
    "holdout21.jsonl": {"correct": 0.989, "wrong": 0.006, "out_of_scope_answered": 0.033}, # 99.5 / 0.0 / 1.6
    "holdout22.jsonl": {"correct": 0.927, "wrong": 0.016, "out_of_scope_answered": 0.017}, # 93.2 / 1.0 / 0.0
    "holdout23.jsonl": {"correct": 0.935, "wrong": 0.025, "out_of_scope_answered": 0.017}, # 94.1 / 2.0 / 0.0
    "holdout24.jsonl": {"correct": 0.931, "wrong": 0.011, "out_of_scope_answered": 0.017}, # 93.7 / 0.5 / 0.0
    "holdout25.jsonl": {"correct": 0.943, "wrong": 0.021, "out_of_scope_answered": 0.016}, # 94.9 / 1.5 / 0.0
    "holdout26.jsonl": {"correct": 0.979, "wrong": 0.006, "out_of_scope_answered": 0.017}, # 98.5 / 0.0 / 0.0
    "holdout27.jsonl": {"correct": 0.904, "wrong": 0.021, "out_of_scope_answered": 0.033}, # 91.0 / 1.5 / 1.6
    "holdout28.jsonl": {"correct": 0.916, "wrong": 0.063, "out_of_scope_answered": 0.017}, # 92.2 / 5.7 / 0.0
    "holdout29.jsonl": {"correct": 0.964, "wrong": 0.011, "out_of_scope_answered": 0.033}, # 97.0 / 0.5 / 1.6
    "holdout30.jsonl": {"correct": 0.918, "wrong": 0.061, "out_of_scope_answered": 0.034}, # 92.4 / 5.6 / 1.7
    "holdout31.jsonl": {"correct": 0.95, "wrong": 0.015, "out_of_scope_answered": 0.033},  # 95.6 / 1.0 / 1.6
    "holdout32.jsonl": {"correct": 0.975, "wrong": 0.01, "out_of_scope_answered": 0.034},  # 98.0 / 0.5 / 1.7
    "holdout33.jsonl": {"correct": 0.973, "wrong": 0.006, "out_of_scope_answered": 0.017}, # 97.9 / 0.0 / 0.0
    "holdout34.jsonl": {"correct": 0.943, "wrong": 0.016, "out_of_scope_answered": 0.033}, # 94.9 / 1.0 / 1.6
    "holdout35.jsonl": {"correct": 0.955, "wrong": 0.015, "out_of_scope_answered": 0.034}, # 96.0 / 1.0 / 1.7
    "holdout36.jsonl": {"correct": 0.913, "wrong": 0.024, "out_of_scope_answered": 0.017}, # 91.9 / 1.9 / 0.0
}


def test_the_goals_hold_on_the_held_out_sets_together(matcher_and_ids: tuple[Matcher, set[str]]) -> None:
    reports = [_report(matcher_and_ids, name) for name in sorted(HOLDOUT_FLOORS)]
    in_scope = sum(report.in_scope for report in reports)
    out_of_scope = sum(report.out_of_scope for report in reports)
    correct = sum(report.correct for report in reports) / in_scope
    wrong = sum(report.wrong for report in reports) / in_scope
    answered = sum(report.out_of_scope_answered for report in reports) / out_of_scope
    rates = f"{correct:.1%} correct, {wrong:.1%} wrong, {answered:.1%} out of scope answered"
    assert correct >= 0.93 and wrong <= 0.02 and answered <= 0.03, rates


@pytest.mark.parametrize("name", sorted(HOLDOUT_FLOORS))
def test_generalisation_to_the_held_out_sets_does_not_regress(
    matcher_and_ids: tuple[Matcher, set[str]], name: str
) -> None:
    report = _report(matcher_and_ids, name)
    # Plain numbers only: pytest explains a failed comparison by printing its operands, and the
    # report's repr holds the missed questions.
    in_scope, out_of_scope = report.in_scope, report.out_of_scope
    correct, wrong, answered = report.correct_rate, report.wrong_rate, report.out_of_scope_answered_rate
    rates, floors = report.rates(), HOLDOUT_FLOORS[name]
    assert in_scope >= 150 and out_of_scope >= 30
    assert correct >= floors["correct"], rates
    assert wrong <= floors["wrong"], rates
    assert answered <= floors["out_of_scope_answered"], rates


@pytest.mark.parametrize("name", sorted(TUNING_FLOORS))
def test_sets_still_short_of_the_goals_do_not_regress(matcher_and_ids: tuple[Matcher, set[str]], name: str) -> None:
    report = _report(matcher_and_ids, name)
    floors = TUNING_FLOORS[name]
    summary = f"{name}: {report.rates()}, misses: {[(m.text, m.expected, m.got) for m in report.misses]}"
    assert report.correct_rate >= floors["correct"], summary
    assert report.wrong_rate <= floors["wrong"], summary
    assert report.out_of_scope_answered_rate <= floors["out_of_scope_answered"], summary
