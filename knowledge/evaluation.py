"""Measure the matcher on a labelled set of questions.

A set is JSON lines ``{"text": ..., "expected": entry id | null}``; ``null`` marks a question the
knowledge base does not cover. The rates follow the product's goals: of the in-scope questions,
how many are answered with the right entry and how many with a wrong one; of the out-of-scope
ones, how many are answered at all. A clarification is neither right nor wrong.
"""

import json
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from knowledge.errors import EvaluationSetError
from knowledge.matching.matcher import Matcher
from knowledge.matching.result import Decision

DEFAULT_SET = Path("tests/data/eval/test.jsonl")


class Case(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")  # sets may carry notes for their authors

    text: str
    expected: str | None


class Miss(BaseModel):
    """A question not answered with its expected entry (or, out of scope, answered)."""

    model_config = ConfigDict(frozen=True)

    text: str
    expected: str | None
    got: str | None          # the top candidate's id
    decision: Decision
    confidence: float


class Report(BaseModel):
    model_config = ConfigDict(frozen=True)

    total: int
    in_scope: int
    out_of_scope: int
    correct: int
    wrong: int
    clarified: int           # all questions
    clarified_in_scope: int
    out_of_scope_answered: int
    misses: tuple[Miss, ...]

    @property
    def correct_rate(self) -> float:
        return _share(self.correct, self.in_scope)

    @property
    def wrong_rate(self) -> float:
        return _share(self.wrong, self.in_scope)

    @property
    def out_of_scope_answered_rate(self) -> float:
        return _share(self.out_of_scope_answered, self.out_of_scope)

    @property
    def clarify_rate(self) -> float:
        return _share(self.clarified, self.total)

    def rates(self) -> dict[str, float]:
        return {
            "answered_correctly": self.correct_rate,
            "answered_wrongly": self.wrong_rate,
            "out_of_scope_answered": self.out_of_scope_answered_rate,
            "clarify_rate": self.clarify_rate,
        }


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def load_cases(path: Path | str) -> list[Case]:
    """Read a set; EvaluationSetError names the file and line of anything malformed."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise EvaluationSetError(path, "file not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise EvaluationSetError(path, f"cannot be read ({type(error).__name__})") from None
    cases = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            cases.append(Case.model_validate(json.loads(line)))
        except json.JSONDecodeError:
            raise EvaluationSetError(path, "not valid JSON", line=number) from None
        except ValidationError as error:
            detail = error.errors()[0]
            field = ".".join(str(part) for part in detail["loc"]) or "line"
            raise EvaluationSetError(path, f"{field}: {detail['msg']}", line=number) from None
    if not cases:
        raise EvaluationSetError(path, "no questions in the set")
    return cases


def evaluate(matcher: Matcher, cases: Iterable[Case], known_ids: set[str] | None = None) -> Report:
    """Run every case; ``known_ids`` (the knowledge base's ids) rejects labels that cannot match."""
    cases = list(cases)
    if known_ids is not None:
        unknown = sorted({c.expected for c in cases if c.expected is not None and c.expected not in known_ids})
        if unknown:
            raise EvaluationSetError("evaluation set", f"expected ids not in the knowledge base: {', '.join(unknown)}")
    counts = {"correct": 0, "wrong": 0, "clarified": 0, "clarified_in_scope": 0, "out_of_scope_answered": 0}
    misses: list[Miss] = []
    for case in cases:
        result = matcher.match(case.text)
        top = result.candidates[0].entry.id if result.candidates else None
        answered = result.decision is Decision.ANSWER
        if result.decision is Decision.CLARIFY:
            counts["clarified"] += 1
            counts["clarified_in_scope"] += case.expected is not None
        if case.expected is None:
            counts["out_of_scope_answered"] += answered
            hit = not answered
        else:
            hit = answered and top == case.expected
            counts["correct"] += hit
            counts["wrong"] += answered and not hit
        if not hit:
            misses.append(Miss(text=case.text, expected=case.expected, got=top, decision=result.decision,
                               confidence=result.confidence))
    in_scope = sum(1 for case in cases if case.expected is not None)
    return Report(total=len(cases), in_scope=in_scope, out_of_scope=len(cases) - in_scope, misses=tuple(misses),
                  **counts)
