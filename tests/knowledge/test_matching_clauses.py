"""Clause splitting and question detection: how the matcher reads a message of several sentences."""

import pytest

from knowledge.matching import load_vocabulary
from knowledge.matching.analyzer import Analyzer
from knowledge.matching.clauses import MAX_CLAUSES, asks, read_clauses, split_clauses
from knowledge.matching.views import MAX_PAIRS, question_terms, views_of


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(load_vocabulary())


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("refund?", ["refund?"]),
        ("we're on team. can we get a refund?", ["we're on team.", "can we get a refund?"]),
        ("hi team!! quick q: is there a trial?", ["hi team!!", "quick q:", "is there a trial?"]),
        ("trial ends friday; what then", ["trial ends friday;", "what then"]),
        (
            "hey <@U1>\nwe moved offices\n\nhow do I change our domain",
            ["hey", "we moved offices", "how do i change our domain"],
        ),
        ("line one\r\nline two", ["line one", "line two"]),
    ],
)
def test_a_message_splits_at_sentence_marks_and_line_breaks(raw: str, expected: list[str]) -> None:
    assert split_clauses(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "how do i install analytics.js",     # a dot inside a word
        "we got $25.5k in credits",          # a decimal
        "the call is at 10:30 tomorrow",     # a time
        "see acme.io for details",           # a host name
    ],
)
def test_marks_inside_words_do_not_split(raw: str) -> None:
    assert len(split_clauses(raw)) == 1


def test_pieces_without_words_are_dropped() -> None:
    assert split_clauses("?!?! ... :tada: refund please") == ["refund please"]
    assert split_clauses("") == []
    assert split_clauses(":smile:\n\n<@U1>") == []


def test_the_number_of_clauses_is_bounded_and_nothing_is_lost() -> None:
    clauses = split_clauses(" ".join(f"sentence {n}." for n in range(100)))
    assert len(clauses) == MAX_CLAUSES
    assert clauses[0] == "sentence 0."
    assert clauses[-1].endswith("sentence 99.")


@pytest.mark.parametrize(
    "clause",
    [
        "can we get a refund",
        "is there a discount for charities",
        "ok so how do i cancel",
        "also, where do i see my coupons",
        "refund for last month?",
        "not sure how to redeem the code",
        "we need to change our plan",
        "wondering if the trial is automatic",
        "any way to restore a deleted source",
        "i'd like to delete my account",
    ],
)
def test_questions_and_requests_ask(clause: str) -> None:
    assert asks(clause, clause.replace("'", "").replace(",", "").split())


@pytest.mark.parametrize(
    "clause",
    [
        "we're on the team plan",           # "were" is not asked here: an apostrophe was dropped
        "our trial ends friday",
        "one client wants to move up a tier",
        "that's exactly what i needed",
    ],
)
def test_statements_do_not_ask(clause: str) -> None:
    assert not asks(clause, clause.replace("'", "").split())


def test_thanks_are_set_aside_before_asking_is_decided(analyzer: Analyzer) -> None:
    (clause,) = read_clauses("appreciate the help", analyzer)
    assert not clause.asks  # "help" here is thanks, not a request
    (clause,) = read_clauses("we need your help with a refund", analyzer)
    assert clause.asks


@pytest.mark.parametrize(
    "clause",
    [
        "I would be grateful if you could advise the steps for removing my user profile",
        "kindly share the refund terms",
        "we would like clarification on the trial",
    ],
)
def test_a_formal_request_asks(analyzer: Analyzer, clause: str) -> None:
    (read,) = read_clauses(clause, analyzer)
    assert read.asks


def test_a_question_clause_says_what_it_asks_about(analyzer: Analyzer) -> None:
    story, bare, full = read_clauses("our workspace got locked. options? can we get a refund for the overage", analyzer)
    assert not story.asks and not story.is_question
    assert bare.asks and not bare.is_question   # "options?" leaves its subject to the story
    assert full.asks and full.is_question


def test_views_read_the_question_in_its_story(analyzer: Analyzer) -> None:
    clauses = read_clauses("we run an agency. our trial ends friday. can we get a refund for the trial?", analyzer)
    views = views_of(clauses, context_weight=0.35)
    assert [view.name for view in views] == ["whole", "question", "pair 2"]
    assert [part.weight for part in views[0].parts] == [1.0, 1.0, 1.0]
    assert [part.weight for part in views[1].parts] == [0.35, 0.35, 1.0]
    assert [part.analysis for part in views[2].parts] == [clauses[1].analysis, clauses[2].analysis]
    assert question_terms(clauses) == clauses[2].analysis.terms


@pytest.mark.parametrize(
    "text",
    [
        "can we get a refund?",                                   # one clause
        "we run an agency. our trial ends friday",                # nothing asks
        "can we get a refund for the trial? how do we redeem a coupon?",  # every clause asks
        "our trial ends friday. what then?",                      # the asking clause says too little
    ],
)
def test_a_message_read_one_way_has_only_the_whole_view(analyzer: Analyzer, text: str) -> None:
    clauses = read_clauses(text, analyzer)
    assert [view.name for view in views_of(clauses, context_weight=0.35)] == ["whole"]
    assert question_terms(clauses) == ()


def test_pairs_are_bounded(analyzer: Analyzer) -> None:
    text = " ".join("we moved offices. can we get a refund for the trial?" for _ in range(10))
    views = views_of(read_clauses(text, analyzer), context_weight=0.35)
    assert [view.name for view in views] == ["whole", "question", *(f"pair {n}" for n in (15, 17, 19))]
    assert MAX_PAIRS == 3


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("does that also cancel our plan?", True),
        ("is that right?", True),
        ("how do we redeem it?", True),
        ("can we get them back?", True),
        ("is it possible to get a refund?", False),   # "it" points at nothing
        ("how do we claim those partner deals?", False),  # "those" before a noun
        ("can i change the plan on just that one workspace?", False),
        ("can we get a refund?", False),
    ],
)
def test_a_clause_that_points_back_is_told_apart(analyzer: Analyzer, clause: str, expected: bool) -> None:
    (read,) = read_clauses(clause, analyzer)
    assert read.refers_back is expected


def test_a_question_pointing_back_takes_the_clause_before_into_the_question(analyzer: Analyzer) -> None:
    clauses = read_clauses("we run an agency. planning to delete my login. does that cancel our plan?", analyzer)
    views = views_of(clauses, context_weight=0.35)
    assert [part.weight for part in views[1].parts] == [0.35, 1.0, 1.0]
    assert question_terms(clauses) == clauses[1].analysis.terms + clauses[2].analysis.terms


def test_a_question_pointing_back_at_all_the_story_is_read_whole(analyzer: Analyzer) -> None:
    clauses = read_clauses("planning to delete my login. does that also cancel our paid plan?", analyzer)
    assert [view.name for view in views_of(clauses, context_weight=0.35)] == ["whole"]
    assert question_terms(clauses) == ()
