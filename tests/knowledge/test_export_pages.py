"""The public view both exports render: page folders, entry order, links, and what cannot be published."""

import shutil
from datetime import date
from pathlib import Path

import pytest

from knowledge import load_knowledge_base
from knowledge.errors import ExportError
from knowledge.export.public_pages import build_site, long_date, normalise_base_url
from tests.knowledge.site_fixtures import FIXTURE_CONTENT, fixture_kb, shipped_kb


def content_with(tmp_path: Path, name: str, text: str) -> Path:
    directory = Path(shutil.copytree(FIXTURE_CONTENT, tmp_path / "content"))
    (directory / name).write_text(text, encoding="utf-8")
    return directory


PAGE = """page:
  key: {key}
  title: Another page
  url: {url}
entries:
  - id: {key}-entry
    question: {question}
    category: plans
    answer: An answer that is long enough.
"""


def test_pages_are_sorted_by_folder_and_keep_their_own_entries_first():
    site = build_site(shipped_kb())
    assert [page.slug for page in site.pages] == sorted(page.slug for page in site.pages)
    startup = next(page for page in site.pages if page.key == "startup")
    # coupons-new-customer belongs to the coupons file and cites the startup page second.
    assert startup.entries[0].id == "startup-program"
    assert startup.entries[-1].id == "coupons-new-customer"


def test_a_related_entry_on_the_same_page_is_linked_there_otherwise_on_its_first_page():
    site = build_site(fixture_kb())
    beta = next(page for page in site.pages if page.key == "beta")
    shared = next(entry for entry in beta.entries if entry.id == "beta-shared")
    links = {link.entry_id: (link.page_slug, link.anchor) for link in shared.related}
    assert links == {
        "beta-own": ("beta", "can-i-use-the-beta-on-a-phone"),
        "alpha-start": ("alpha-page", "how-do-i-start-with-the-team-plan"),
    }


def test_category_groups_follow_the_schema_order_and_cover_every_entry_once():
    kb = shipped_kb()
    site = build_site(kb)
    ids = [link.entry_id for group in site.categories for link in group.links]
    assert sorted(ids) == sorted(entry.id for entry in kb)
    assert all(group.links for group in site.categories)


def test_base_url_is_normalised_to_end_with_a_slash():
    assert normalise_base_url("https://help.example.com/faq") == "https://help.example.com/faq/"
    assert normalise_base_url("http://h.example/") == "http://h.example/"
    assert normalise_base_url(None) is None and normalise_base_url("  ") is None


def test_long_date_is_locale_free():
    assert long_date(date(2025, 1, 9)) == "9 January 2025"
    assert long_date(date(2021, 12, 31)) == "31 December 2021"


def test_two_pages_that_would_share_a_folder_are_refused(tmp_path):
    url = "https://elsewhere.example.com/other/beta/"
    directory = content_with(tmp_path, "gamma.yaml", PAGE.format(key="gamma", url=url, question="Is gamma here?"))
    with pytest.raises(ExportError, match="'beta/'"):
        build_site(load_knowledge_base(directory))


@pytest.mark.parametrize("url", ["https://docs.example.com/assets/", "https://docs.example.com/index"])
def test_a_page_whose_folder_name_the_site_uses_itself_is_refused(tmp_path, url):
    directory = content_with(tmp_path, "gamma.yaml", PAGE.format(key="gamma", url=url, question="Is gamma here?"))
    with pytest.raises(ExportError, match="reserved"):
        build_site(load_knowledge_base(directory))


def test_a_page_url_without_a_path_is_refused(tmp_path):
    url = "https://docs.example.com/"
    directory = content_with(tmp_path, "gamma.yaml", PAGE.format(key="gamma", url=url, question="Is gamma here?"))
    with pytest.raises(ExportError, match="no last path segment"):
        build_site(load_knowledge_base(directory))


def test_two_entries_with_one_anchor_on_a_page_are_refused(tmp_path):
    text = (
        (FIXTURE_CONTENT / "beta.yaml").read_text(encoding="utf-8")
        + """
  - id: beta-again
    question: Can I use the beta, on a phone?
    category: plans
    answer: The same heading anchor as beta-own.
"""
    )
    directory = content_with(tmp_path, "beta.yaml", text)
    with pytest.raises(ExportError, match="'beta-own' and 'beta-again' both use the anchor"):
        build_site(load_knowledge_base(directory))
