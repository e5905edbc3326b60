"""The search index: what it holds, its two identical forms, and tokenising."""

import json

from knowledge.export.answer_html import AnswerRenderer
from knowledge.export.public_pages import build_site
from knowledge.export.search_index import (
    FIELD_WEIGHTS,
    SCRIPT_GLOBAL,
    build_search_index,
    index_json,
    index_script,
    tokens,
)
from tests.knowledge.site_fixtures import fixture_kb, shipped_kb


def test_tokens_drop_case_accents_apostrophes_and_punctuation():
    assert tokens("Can’t DELETE my wörkspace? (It's 25,000!)") == [
        "cant",
        "delete",
        "my",
        "workspace",
        "its",
        "25",
        "000",
    ]


def test_one_document_per_entry_at_its_first_page():
    kb = shipped_kb()
    index = build_search_index(kb, build_site(kb), AnswerRenderer())
    assert sorted(doc.id for doc in index.documents) == sorted(entry.id for entry in kb)
    new_customer = next(doc for doc in index.documents if doc.id == "coupons-new-customer")
    assert (
        new_customer.url == "discounts-for-startups-npos/index.html#do-i-have-to-be-a-new-customer-to-receive-a-coupon"
    )


def test_words_come_from_question_phrasings_keywords_and_answer_each_under_its_strongest_field():
    kb = fixture_kb()
    index = build_search_index(kb, build_site(kb), AnswerRenderer())
    doc = next(doc for doc in index.documents if doc.id == "alpha-start")
    assert set(doc.terms) == set(FIELD_WEIGHTS)
    assert {"start", "team", "plan"} <= set(doc.terms["question"])
    assert {"zebrakeyword", "kickoff", "begin"} <= set(doc.terms["phrasing"])
    assert {"pricing", "overview", "120"} <= set(doc.terms["answer"])
    assert "team" not in doc.terms["answer"]  # already under the question
    for words in doc.terms.values():
        assert words == sorted(set(words))


def test_the_script_and_the_json_hold_the_same_index():
    kb = fixture_kb()
    index = build_search_index(kb, build_site(kb), AnswerRenderer())
    script = index_script(index)
    prefix = f"window.{SCRIPT_GLOBAL} = "
    assert script.startswith(prefix) and script.endswith(";\n")
    assert json.loads(script[len(prefix) : -2]) == json.loads(index_json(index)) == index.model_dump()
    assert script.isascii() and "<" not in script
