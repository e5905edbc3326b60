"""Quality floors on the evaluation sets, so that a content or vocabulary edit that breaks
matching fails CI. The floors are the product goals (correct >= 93%, wrong <= 2%, out of scope
answered <= 3%) on every set that reaches them: dev.jsonl and dev2.jsonl (long, context-heavy and
social messages), dev3.jsonl, dev4.jsonl and dev5.jsonl (a third, fourth and fifth author's
wording) were used to tune, test.jsonl to check for regressions. dev5.jsonl reaches the wrong and
out-of-scope goals but not the correct one (92.1% when its floor was set): its correct floor is
that measurement minus a margin of about one question in a hundred, to be raised to the goal
once reached."""

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


GOAL_CORRECT = 0.93
# Sets that do not reach the correct goal yet: their measured rate minus a margin.
CORRECT_FLOORS = {"dev5.jsonl": 0.91}
WRONG_CEILINGS: dict[str, float] = {}


@pytest.mark.parametrize("name", ["test.jsonl", "dev.jsonl", "dev2.jsonl", "dev3.jsonl", "dev4.jsonl", "dev5.jsonl"])
def test_goals_hold(matcher_and_ids: tuple[Matcher, set[str]], name: str) -> None:
    report = _report(matcher_and_ids, name)
    summary = f"{name}: {report.rates()}, misses: {[(m.text, m.expected, m.got) for m in report.misses]}"
    assert report.in_scope >= 150 and report.out_of_scope >= 30, summary
    assert report.correct_rate >= CORRECT_FLOORS.get(name, GOAL_CORRECT), summary
    assert report.wrong_rate <= WRONG_CEILINGS.get(name, 0.02), summary
    assert report.out_of_scope_answered_rate <= 0.03, summary


# holdout4.jsonl is the held-out set: nobody tuning the matcher has read it (docs/matching-quality.md).
# Its floors are its one clean measurement (89.7% / 2.1% / 0.0%) with a margin of about one
# question, so a change that makes the matcher generalise worse fails CI. The failure message gives
# rates only: printing the misses would show the held-out questions to whoever tunes next.
HOLDOUT_FLOORS = {"correct": 0.88, "wrong": 0.03, "out_of_scope_answered": 0.02}


def test_generalisation_to_the_held_out_set_does_not_regress(matcher_and_ids: tuple[Matcher, set[str]]) -> None:
    report = _report(matcher_and_ids, "holdout4.jsonl")
    rates = report.rates()
    assert report.in_scope >= 150 and report.out_of_scope >= 30
    assert report.correct_rate >= HOLDOUT_FLOORS["correct"], rates
    assert report.wrong_rate <= HOLDOUT_FLOORS["wrong"], rates
    assert report.out_of_scope_answered_rate <= HOLDOUT_FLOORS["out_of_scope_answered"], rates
