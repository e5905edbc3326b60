"""Quality floors on the evaluation sets, so that a content or vocabulary edit that breaks
matching fails CI. The floors are the product goals (correct >= 93%, wrong <= 2%, out of scope
answered <= 3%) on every set used to tune: dev.jsonl and dev2.jsonl (long, context-heavy and
social messages), dev3.jsonl to dev33.jsonl (one more author's wording each, every one first
measured untouched as a held-out set; dev16, dev24, dev26, dev28, dev29, dev32 and dev33, not yet
at the goals, are guarded at their latest measurement), and test.jsonl, kept to check for
regressions."""

from pathlib import Path

import pytest

from knowledge.evaluation import Report, evaluate, load_cases
from knowledge.loader import load_knowledge_base
from knowledge.matching import Matcher

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


TUNED_SETS = ["test.jsonl", "dev.jsonl", "dev2.jsonl", "dev3.jsonl", "dev4.jsonl", "dev5.jsonl", "dev6.jsonl", "dev7.jsonl",
              "dev8.jsonl", "dev9.jsonl", "dev10.jsonl", "dev11.jsonl", "dev12.jsonl", "dev13.jsonl", "dev14.jsonl",
              "dev15.jsonl", "dev17.jsonl", "dev18.jsonl", "dev19.jsonl", "dev20.jsonl", "dev21.jsonl", "dev22.jsonl",
              "dev23.jsonl", "dev25.jsonl", "dev27.jsonl", "dev30.jsonl", "dev31.jsonl"]


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
    "holdout8.jsonl": {"correct": 0.872, "wrong": 0.02, "out_of_scope_answered": 0.048},   # 87.7 / 1.5 / 3.2
    "holdout9.jsonl": {"correct": 0.943, "wrong": 0.011, "out_of_scope_answered": 0.05},   # 94.9 / 0.5 / 3.3
    "holdout10.jsonl": {"correct": 0.88, "wrong": 0.011, "out_of_scope_answered": 0.017},  # 88.5 / 0.5 / 0.0
    "holdout11.jsonl": {"correct": 0.894, "wrong": 0.026, "out_of_scope_answered": 0.033}, # 89.9 / 2.0 / 1.6
    "holdout12.jsonl": {"correct": 0.862, "wrong": 0.031, "out_of_scope_answered": 0.05},  # 86.7 / 2.6 / 3.3
    "holdout13.jsonl": {"correct": 0.903, "wrong": 0.031, "out_of_scope_answered": 0.065}, # 90.9 / 2.5 / 4.8
    "holdout14.jsonl": {"correct": 0.833, "wrong": 0.021, "out_of_scope_answered": 0.017}, # 83.8 / 1.5 / 0.0
    "holdout15.jsonl": {"correct": 0.913, "wrong": 0.02, "out_of_scope_answered": 0.05},   # 91.8 / 1.4 / 3.3
    "holdout16.jsonl": {"correct": 0.92, "wrong": 0.015, "out_of_scope_answered": 0.033},  # 92.5 / 1.0 / 1.6
    "holdout17.jsonl": {"correct": 0.861, "wrong": 0.026, "out_of_scope_answered": 0.05},  # 86.7 / 2.1 / 3.3
    "holdout18.jsonl": {"correct": 0.943, "wrong": 0.031, "out_of_scope_answered": 0.049}, # 94.9 / 2.6 / 3.2
    "holdout19.jsonl": {"correct": 0.892, "wrong": 0.011, "out_of_scope_answered": 0.05},  # 89.8 / 0.5 / 3.3
    "holdout20.jsonl": {"correct": 0.887, "wrong": 0.036, "out_of_scope_answered": 0.034}, # 89.2 / 3.1 / 1.7
    "holdout21.jsonl": {"correct": 0.973, "wrong": 0.011, "out_of_scope_answered": 0.082}, # 97.9 / 0.5 / 6.6
    "holdout22.jsonl": {"correct": 0.895, "wrong": 0.032, "out_of_scope_answered": 0.017}, # 90.1 / 2.6 / 0.0
    "holdout23.jsonl": {"correct": 0.906, "wrong": 0.025, "out_of_scope_answered": 0.017}, # 91.1 / 2.0 / 0.0
    "holdout24.jsonl": {"correct": 0.842, "wrong": 0.011, "out_of_scope_answered": 0.017}, # 84.8 / 0.5 / 0.0
    "holdout25.jsonl": {"correct": 0.892, "wrong": 0.021, "out_of_scope_answered": 0.032}, # 89.7 / 1.5 / 1.6
    "holdout26.jsonl": {"correct": 0.913, "wrong": 0.011, "out_of_scope_answered": 0.017}, # 91.9 / 0.5 / 0.0
    "holdout27.jsonl": {"correct": 0.804, "wrong": 0.021, "out_of_scope_answered": 0.066}, # 80.9 / 1.5 / 4.9
    "holdout28.jsonl": {"correct": 0.901, "wrong": 0.047, "out_of_scope_answered": 0.034}, # 90.6 / 4.2 / 1.7
    "holdout29.jsonl": {"correct": 0.939, "wrong": 0.021, "out_of_scope_answered": 0.017}, # 94.5 / 1.5 / 0.0
    "holdout30.jsonl": {"correct": 0.852, "wrong": 0.066, "out_of_scope_answered": 0.067}, # 85.8 / 6.1 / 5.0
    "holdout31.jsonl": {"correct": 0.877, "wrong": 0.054, "out_of_scope_answered": 0.097}, # 88.2 / 4.9 / 8.1
    "holdout32.jsonl": {"correct": 0.94, "wrong": 0.015, "out_of_scope_answered": 0.05},   # 94.5 / 1.0 / 3.3
    "holdout33.jsonl": {"correct": 0.931, "wrong": 0.022, "out_of_scope_answered": 0.034}, # 93.7 / 1.6 / 1.7
}


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


# Tuned on, but not yet at the goals (long, story-first messages; customers comparing with other
# tools; people who do not know the product's words; heavy misspellings; negotiators; eligibility
# and permission questions; messages full of amounts and numbers): guarded at their latest
# measurement, like the held-out sets, until they reach them.
TUNING_FLOORS = {
    "dev16.jsonl": {"correct": 0.888, "wrong": 0.016, "out_of_scope_answered": 0.032},     # 89.4 / 1.0 / 1.6
    "dev24.jsonl": {"correct": 0.895, "wrong": 0.01, "out_of_scope_answered": 0.017},      # 90.0 / 0.5 / 0.0
    "dev26.jsonl": {"correct": 0.94, "wrong": 0.01, "out_of_scope_answered": 0.05},        # 94.6 / 0.5 / 3.3
    "dev28.jsonl": {"correct": 0.897, "wrong": 0.011, "out_of_scope_answered": 0.017},     # 90.3 / 0.5 / 0.0
    "dev29.jsonl": {"correct": 0.905, "wrong": 0.032, "out_of_scope_answered": 0.017},     # 91.1 / 2.6 / 0.0
    "dev32.jsonl": {"correct": 0.924, "wrong": 0.011, "out_of_scope_answered": 0.087},     # 92.9 / 0.5 / 6.9
    "dev33.jsonl": {"correct": 0.91, "wrong": 0.015, "out_of_scope_answered": 0.017},      # 91.5 / 1.0 / 0.0
}


@pytest.mark.parametrize("name", sorted(TUNING_FLOORS))
def test_sets_still_short_of_the_goals_do_not_regress(matcher_and_ids: tuple[Matcher, set[str]], name: str) -> None:
    report = _report(matcher_and_ids, name)
    floors = TUNING_FLOORS[name]
    summary = f"{name}: {report.rates()}, misses: {[(m.text, m.expected, m.got) for m in report.misses]}"
    assert report.correct_rate >= floors["correct"], summary
    assert report.wrong_rate <= floors["wrong"], summary
    assert report.out_of_scope_answered_rate <= floors["out_of_scope_answered"], summary
