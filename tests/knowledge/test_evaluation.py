"""Evaluation: loading a labelled set and counting rates the way the product goals define them."""

import json
from pathlib import Path

import pytest

from knowledge.errors import EvaluationSetError
from knowledge.evaluation import Case, evaluate, load_cases
from knowledge.loader import load_knowledge_base
from knowledge.matching import Decision, Matcher, MatcherConfig

SMALL_KB = Path(__file__).resolve().parent.parent / "data" / "kb_small"


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_knowledge_base(SMALL_KB))


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_rates_count_answers_against_in_scope_and_out_of_scope(matcher: Matcher) -> None:
    cases = [
        Case(text="Do you offer refunds?", expected="refunds"),                   # correct
        Case(text="How do I delete my workspace entirely?", expected="delete-workspace"),  # correct
        Case(text="Do you offer refunds?", expected="cancel-plan"),               # answered wrongly
        Case(text="asdf qwer", expected="trial-what"),                            # escalated: a miss
        Case(text="hello there", expected=None),                                  # out of scope, not answered
        Case(text="can i get my money back", expected=None),                      # out of scope, answered
    ]
    report = evaluate(matcher, cases)
    assert (report.total, report.in_scope, report.out_of_scope) == (6, 4, 2)
    assert (report.correct, report.wrong, report.out_of_scope_answered) == (2, 1, 1)
    assert report.correct_rate == pytest.approx(0.5)
    assert report.wrong_rate == pytest.approx(0.25)
    assert report.out_of_scope_answered_rate == pytest.approx(0.5)
    assert [(m.text, m.expected, m.got) for m in report.misses] == [
        ("Do you offer refunds?", "cancel-plan", "refunds"),
        ("asdf qwer", "trial-what", None),
        ("can i get my money back", None, "refunds"),
    ]
    assert report.misses[1].decision is Decision.ESCALATE


def test_a_clarification_is_neither_right_nor_wrong() -> None:
    kb = load_knowledge_base(SMALL_KB)
    strict = Matcher(kb, config=MatcherConfig(answer_threshold=1.0, clarify_threshold=0.3))
    report = evaluate(strict, [Case(text="Do you offer refunds?", expected="refunds")])
    assert (report.correct, report.wrong, report.clarified, report.clarified_in_scope) == (0, 0, 1, 1)
    assert report.clarify_rate == 1.0
    assert report.rates()["clarify_rate"] == 1.0


def test_unknown_expected_ids_are_refused(matcher: Matcher) -> None:
    with pytest.raises(EvaluationSetError, match="no-such-entry"):
        evaluate(matcher, [Case(text="x", expected="no-such-entry")], known_ids={"refunds"})


def test_load_cases_reads_json_lines_and_ignores_notes(tmp_path: Path) -> None:
    path = write(tmp_path / "set.jsonl", [
        json.dumps({"text": "refund?", "expected": "refunds", "note": "short"}),
        "",
        json.dumps({"text": "hi", "expected": None}),
    ])
    assert load_cases(path) == [Case(text="refund?", expected="refunds"), Case(text="hi", expected=None)]


@pytest.mark.parametrize(
    ("lines", "message", "line"),
    [
        (['{"text": "a", "expected": null}', "{not json"], "not valid JSON", 2),
        (['{"expected": "refunds"}'], "text", 1),
        (['{"text": 3, "expected": null}'], "text", 1),
        (["[1, 2]"], "dictionary", 1),
    ],
)
def test_malformed_lines_are_named(tmp_path: Path, lines: list[str], message: str, line: int) -> None:
    with pytest.raises(EvaluationSetError, match=message) as caught:
        load_cases(write(tmp_path / "bad.jsonl", lines))
    assert caught.value.line == line
    assert "bad.jsonl" in str(caught.value)


def test_missing_and_empty_sets_are_refused(tmp_path: Path) -> None:
    with pytest.raises(EvaluationSetError, match="file not found"):
        load_cases(tmp_path / "missing.jsonl")
    with pytest.raises(EvaluationSetError, match="no questions"):
        load_cases(write(tmp_path / "empty.jsonl", ["", "  "]))
