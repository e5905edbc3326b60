"""Ways to read a message of several clauses: each view is its clauses with weights.

The matcher ranks the entries once per view, then decides from one of them (``Matcher._choose``):
- the whole message, every clause alike (the only view of a message of one clause, or of one
  in which every clause asks, or none does);
- the question in its story: the question clauses at full weight, the others at
  ``context_weight``, so that words about the team, the agency or the launch do not drown it;
- each question clause with the clause before it, and nothing else: "our team plan renews in
  may. can we get a refund if we cancel now?" says half of its subject before the question.

A clause that asks but says little of its own ("options?", "why?", "how do we fix") is not a
question clause: its subject is in the story, which then counts fully. A question that points
back ("does that also cancel our plan?") makes the clause before it part of the question.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from knowledge.matching.clauses import Clause
from knowledge.matching.query import WeightedAnalysis


MAX_PAIRS = 3  # each view costs a ranking; a message rarely asks more than three questions


@dataclass(frozen=True)
class View:
    name: str                              # "whole", "question" or "pair N" (N: the asking clause)
    parts: tuple[WeightedAnalysis, ...]


def question_positions(clauses: Sequence[Clause]) -> set[int]:
    """The clauses that make up the question: those that ask, and the one before a question
    that points back at it ("planning to delete my login. does that cancel our plan?")."""
    asking = {position for position, clause in enumerate(clauses) if clause.is_question}
    return asking | {position - 1 for position in asking if position > 0 and clauses[position].refers_back}


def question_terms(clauses: Sequence[Clause]) -> tuple[str, ...]:
    """The terms of the question clauses, when some clauses ask and others tell; else none."""
    questions = question_positions(clauses)
    if not questions or len(questions) == len(clauses):
        return ()
    return tuple(term for position in sorted(questions) for term in clauses[position].analysis.terms)


def asked_clauses(clauses: Sequence[Clause]) -> tuple[Clause, ...]:
    """The clauses that make up the question, or every clause when none asks about anything."""
    question = question_positions(clauses)
    return tuple(clauses[position] for position in sorted(question)) if question else tuple(clauses)


def views_of(clauses: Sequence[Clause], context_weight: float) -> list[View]:
    """The whole message first, then the other views when some clauses ask and others do not."""
    whole = tuple(WeightedAnalysis(clause.analysis) for clause in clauses)
    views = [View("whole", whole)]
    asking = [position for position, clause in enumerate(clauses) if clause.is_question]
    question = question_positions(clauses)
    if not asking or len(question) == len(clauses):
        return views
    views.append(View("question", tuple(
        WeightedAnalysis(clause.analysis, 1.0 if position in question else context_weight)
        for position, clause in enumerate(clauses)
    )))
    if len(clauses) > 2:  # with two clauses, a pair is the whole message
        paired = [position for position in asking if position > 0][-MAX_PAIRS:]  # questions come last, mostly
        views += [View(f"pair {position}", whole[position - 1 : position + 1]) for position in paired]
    return views
