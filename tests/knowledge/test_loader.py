"""Loading content files: good content builds a KnowledgeBase, malformed content a precise ContentError."""

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from knowledge import ContentError, load_knowledge_base
from knowledge.loader import default_content_dir
from tests.knowledge.kb_fixtures import BROKEN_KB, broken_copy, content_dir, entry, write_page


def test_shipped_content_loads_from_the_default_directory():
    kb = load_knowledge_base()
    assert len(kb) == len(load_knowledge_base(default_content_dir()))
    assert set(kb.pages) == {"billing", "coupons", "account", "startup"}


def test_a_minimal_directory_loads_with_its_entries_in_file_order(tmp_path):
    directory = content_dir(
        tmp_path,
        {"faq": [entry("first-question", "How do I pay?"), entry("second-question", "Can I pay later?")]},
    )
    kb = load_knowledge_base(directory)
    assert [e.id for e in kb] == ["first-question", "second-question"]
    assert kb.get("second-question").question == "Can I pay later?"


def test_an_entry_without_sources_cites_its_own_page_under_its_question(tmp_path):
    directory = content_dir(tmp_path, {"faq": [entry("pay-later", "Can I pay “later”?")]})
    source = load_knowledge_base(directory).get("pay-later").sources[0]
    assert (source.page, source.heading) == ("faq", "Can I pay “later”?")
    assert source.link == "https://example.com/faq/#can-i-pay-later"


def test_explicit_sources_resolve_urls_and_the_newest_date_of_the_cited_pages(tmp_path):
    directory = content_dir(tmp_path, {})
    shared = entry(
        "shared",
        "Who may apply?",
        sources=[{"page": "old", "heading": "Who may apply?"}, {"page": "new", "heading": "Who can apply"}],
    )
    write_page(directory, "old", [shared])
    write_page(directory, "new", [entry("other", "Something else?")])
    for key, modified in (("old", "2021-07-14"), ("new", "2024-10-24")):
        path = directory / f"{key}.yaml"
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        document["page"]["last_modified"] = modified
        path.write_text(yaml.safe_dump(document), encoding="utf-8")
    loaded = load_knowledge_base(directory).get("shared")
    assert [s.link for s in loaded.sources] == [
        "https://example.com/old/#who-may-apply",
        "https://example.com/new/#who-can-apply",
    ]
    assert loaded.last_modified == date(2024, 10, 24)


def test_a_directory_named_like_a_content_file_is_a_content_error(tmp_path):
    directory = content_dir(tmp_path, {})
    (directory / "faq.yaml").mkdir()
    with pytest.raises(ContentError) as caught:
        load_knowledge_base(directory)
    assert caught.value.file == str(directory / "faq.yaml")


def test_a_missing_directory_is_a_content_error(tmp_path):
    with pytest.raises(ContentError) as caught:
        load_knowledge_base(tmp_path / "nowhere")
    assert caught.value.file == str(tmp_path / "nowhere")


# (fixture file, entry named, field named, words of the message)
MALFORMED = [
    ("bad_yaml.yaml", None, None, "line 10"),
    ("missing_field.yaml", "refund-policy", "answer", "required"),
    ("bad_category.yaml", "refund-policy", "category", "'refunds'"),
    ("unknown_page.yaml", "refund-policy", "sources", "unknown page 'pricing'"),
    ("unknown_policy_reference.yaml", "refund-policy", "answer", "team_plan.price"),
    ("wrong_type.yaml", "refund-policy", "phrasings", "tuple"),
    ("bad_kind.yaml", "refund-policy", "kind", "'section'"),
    ("bad_page.yaml", None, "page.url", "required"),
    ("not_utf8.yaml", None, None, "UTF-8"),
]


def test_every_fixture_file_has_a_case():
    assert {name for name, *_ in MALFORMED} == {path.name for path in BROKEN_KB.glob("*.yaml")}


@pytest.mark.parametrize(("fixture", "entry_id", "field", "words"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_content_names_file_entry_and_field(tmp_path, fixture, entry_id, field, words):
    directory, path = broken_copy(tmp_path, fixture)
    with pytest.raises(ContentError) as caught:
        load_knowledge_base(directory)
    error = caught.value
    assert Path(error.file) == path
    assert (error.entry, error.field) == (entry_id, field)
    assert words in error.message
    assert str(path) in str(error)


def test_the_trial_reads_in_weeks_and_days_from_one_number(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(default_content_dir(), content)
    policy = content / "policy.yaml"
    policy.write_text(policy.read_text().replace("days: 14", "days: 21"))
    answer = load_knowledge_base(content).get("free-plan-limit-exceeded").answer
    assert "3-week free trial that gives you 21 days" in answer

    policy.write_text(policy.read_text().replace("days: 21", "days: 10"))
    with pytest.raises(ContentError) as error:
        load_knowledge_base(content)
    assert "policy.yaml" in str(error.value) and "trial.days" in str(error.value)
