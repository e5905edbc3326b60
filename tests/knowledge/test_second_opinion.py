"""How the learned reader's beliefs review the matcher's decision (knowledge/matching/second_opinion.py)."""

import pytest

from knowledge.loader import load_knowledge_base
from knowledge.matching import Candidate, Decision, MatcherConfig, MatchResult
from knowledge.matching.classifier import OUT_OF_SCOPE
from knowledge.matching.second_opinion import second_opinion
from knowledge.schema import Entry

ENTRY_IDS = tuple(entry.id for entry in load_knowledge_base())
CONFIG = MatcherConfig(learned_answer=0.6, learned_confirms=0.2, learned_settles=0.3)


@pytest.fixture(scope="module")
def entries() -> dict[str, Entry]:
    return {entry.id: entry for entry in load_knowledge_base()}


def result(entries: dict[str, Entry], decision: Decision, *ranked: tuple[str, float]) -> MatchResult:
    candidates = tuple(Candidate(entry=entries[entry_id], confidence=confidence) for entry_id, confidence in ranked)
    return MatchResult(text="q", decision=decision, candidates=candidates)


def beliefs(**named: float) -> dict[str, float]:
    """Probabilities of the named classes (underscores for dashes; ``out_of_scope``), the rest spread
    evenly over the other entries."""
    spread = {(OUT_OF_SCOPE if name == "out_of_scope" else name.replace("_", "-")): value
              for name, value in named.items()}
    others = [name for name in (*ENTRY_IDS, OUT_OF_SCOPE) if name not in spread]
    return {**spread, **{name: (1.0 - sum(spread.values())) / len(others) for name in others}}


def test_a_sure_model_answers_a_question_the_matcher_handed_over(entries: dict[str, Entry]) -> None:
    handed_over = result(entries, Decision.ESCALATE, ("refunds", 0.2))
    assert second_opinion(handed_over, beliefs(out_of_scope=0.7), entries, CONFIG) == handed_over
    reviewed = second_opinion(handed_over, beliefs(refunds=0.7), entries, CONFIG)
    assert reviewed.decision is Decision.ANSWER and reviewed.entry is not None and reviewed.entry.id == "refunds"
    assert reviewed.confidence == 0.7  # as sure as the surer reader


def test_a_sure_model_may_answer_with_an_entry_the_matcher_did_not_list(entries: dict[str, Entry]) -> None:
    reviewed = second_opinion(result(entries, Decision.ESCALATE), beliefs(sales_tax=0.9), entries, CONFIG)
    assert reviewed.entry is not None and reviewed.entry.id == "sales-tax"


def test_the_model_does_not_answer_alone_when_the_message_names_another_tool_or_topic(
    entries: dict[str, Entry],
) -> None:
    handed_over = result(entries, Decision.ESCALATE, ("refunds", 0.3))
    reviewed = second_opinion(handed_over, beliefs(refunds=0.9), entries, CONFIG, names_off_topic=True)
    assert reviewed == handed_over


def test_an_unsure_model_confirms_the_matchers_answer_when_it_reads_the_same_entry(
    entries: dict[str, Entry],
) -> None:
    answer = result(entries, Decision.ANSWER, ("refunds", 0.8), ("cancel-before-end-of-month", 0.1))
    reviewed = second_opinion(answer, beliefs(refunds=0.25, sales_tax=0.2), entries, CONFIG)
    assert reviewed.decision is Decision.ANSWER and reviewed.entry is not None and reviewed.entry.id == "refunds"
    assert reviewed.confidence == 0.8


def test_agreement_too_faint_hands_the_matchers_answer_over(entries: dict[str, Entry]) -> None:
    answer = result(entries, Decision.ANSWER, ("refunds", 0.8))
    reviewed = second_opinion(answer, beliefs(refunds=0.15, sales_tax=0.1, free_trial_paid_plans=0.1), entries, CONFIG)
    assert reviewed.decision is Decision.ESCALATE


def test_a_clarify_is_settled_when_the_model_reads_its_first_choice(entries: dict[str, Entry]) -> None:
    choice = result(entries, Decision.CLARIFY, ("delete-workspace", 0.45), ("delete-account", 0.3))
    assert second_opinion(choice, beliefs(delete_workspace=0.35), entries, CONFIG).decision is Decision.ANSWER
    assert second_opinion(choice, beliefs(delete_workspace=0.25), entries, CONFIG) == choice  # under 0.3
    assert second_opinion(choice, beliefs(delete_account=0.5), entries, CONFIG) == choice    # another entry


def test_an_answer_the_model_reads_otherwise_becomes_a_choice_of_both(entries: dict[str, Entry]) -> None:
    answer = result(entries, Decision.ANSWER, ("tax-exemption-qualify", 0.8), ("sales-tax", 0.1), ("refunds", 0.05))
    reviewed = second_opinion(answer, beliefs(sales_tax=0.5), entries, CONFIG)
    assert reviewed.decision is Decision.CLARIFY
    assert [choice.entry.id for choice in reviewed.choices] == ["tax-exemption-qualify", "sales-tax"]
    assert [candidate.entry.id for candidate in reviewed.candidates] == ["tax-exemption-qualify", "sales-tax", "refunds"]


def test_an_answer_the_model_reads_as_out_of_scope_is_handed_over(entries: dict[str, Entry]) -> None:
    answer = result(entries, Decision.ANSWER, ("refunds", 0.7))
    assert second_opinion(answer, beliefs(out_of_scope=0.6), entries, CONFIG).decision is Decision.ESCALATE


def test_hand_overs_and_choices_the_model_is_unsure_of_stay_as_they_were(entries: dict[str, Entry]) -> None:
    handed_over = result(entries, Decision.ESCALATE, ("refunds", 0.2))
    choice = result(entries, Decision.CLARIFY, ("refunds", 0.4), ("sales-tax", 0.3))
    assert second_opinion(handed_over, beliefs(refunds=0.5), entries, CONFIG) == handed_over
    assert second_opinion(choice, beliefs(sales_tax=0.5), entries, CONFIG) == choice
