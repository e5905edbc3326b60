"""Markdown for a docs site: front matter, ``## Question {#anchor}`` headings, links, escaping.

Pages are rendered here with Python-Markdown and the ``attr_list`` extension, which is what MkDocs
runs, so the ids and text checked are the ones a docs site would publish.
"""

import re
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import markdown
import pytest
import yaml

from knowledge.anchors import anchor_for
from knowledge.export.manifest import manifest_path
from tests.knowledge import seed_pages
from tests.knowledge.html_tree import Element, parse
from tests.knowledge.site_fixtures import BASE_URL, HOSTILE_ID, export_to, fixture_kb, page_dir, shipped_kb

KBS = {"fixture": fixture_kb, "shipped": shipped_kb}


@pytest.fixture(scope="module", params=sorted(KBS))
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[object, Path]:
    kb = KBS[request.param]()
    out = tmp_path_factory.mktemp(f"md-{request.param}")
    export_to(kb, "markdown", out)
    return kb, out


def split(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    match = re.match(r"---\n(.*?)\n---\n\n", text, re.DOTALL)
    assert match, f"{path} has no front matter"
    return yaml.safe_load(match.group(1)), text[match.end() :]


def rendered(path: Path) -> Element:
    _, body = split(path)
    return parse(f"<div>{markdown.markdown(body, extensions=['attr_list', 'tables'])}</div>")


def test_one_file_per_source_page_plus_an_index(site):
    kb, out = site
    expected = {f"{page_dir(str(page.url))}.md" for page in kb.pages.values()} | {"index.md"}
    expected.add(manifest_path(out, "markdown").name)
    assert {path.name for path in out.iterdir()} == expected


def test_export_is_byte_for_byte_deterministic(tmp_path):
    export_to(shipped_kb(), "markdown", tmp_path / "a")
    export_to(shipped_kb(), "markdown", tmp_path / "b")
    for path in sorted((tmp_path / "a").iterdir()):
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes()


def test_front_matter_parses_and_names_title_date_source_and_canonical(site):
    kb, out = site
    for page in kb.pages.values():
        slug = page_dir(str(page.url))
        meta, _ = split(out / f"{slug}.md")
        expected = {"title": page.title, "source_url": str(page.url), "canonical": f"{BASE_URL}/{slug}/"}
        if page.last_modified:
            expected["last_modified"] = page.last_modified
        assert meta == expected
    meta, _ = split(out / "index.md")
    assert set(meta) == {"title", "canonical"}


def test_a_known_date_is_a_yaml_date_and_an_unknown_one_is_left_out(tmp_path):
    export_to(fixture_kb(), "markdown", tmp_path, base_url=None)
    alpha, _ = split(tmp_path / "alpha-page.md")
    beta, _ = split(tmp_path / "beta.md")
    assert alpha["last_modified"] == date(2024, 3, 5)
    assert "last_modified" not in beta and "canonical" not in beta


def test_every_entry_is_a_level_two_heading_with_its_source_anchor_as_id(site):
    kb, out = site
    for page in kb.pages.values():
        path = out / f"{page_dir(str(page.url))}.md"
        headings = {h.get("id"): h.text() for h in rendered(path).iter("h2")}
        entries = kb.on_page(page.key)
        assert len(headings) == len(entries)
        for entry in entries:
            source = next(s for s in entry.sources if s.page == page.key)
            assert headings[source.anchor] == " ".join(source.heading.split())
        lines = path.read_text(encoding="utf-8").splitlines()
        assert sum(line.startswith("## ") and line.endswith("}") for line in lines) == len(entries)


def test_every_seed_question_and_section_has_its_anchor(tmp_path):
    export_to(shipped_kb(), "markdown", tmp_path)
    count = 0
    for key, url in seed_pages.canonical_urls().items():
        headings = seed_pages.questions(key) | (seed_pages.sections(key) if key == "coupons" else set())
        ids = {h.get("id") for h in rendered(tmp_path / f"{page_dir(url)}.md").iter("h2")}
        for heading in headings:
            assert anchor_for(heading) in ids, (key, heading)
            count += 1
    assert count == 42


def test_links_between_files_reach_an_existing_heading(site):
    _, out = site
    checked = 0
    for path in out.glob("*.md"):
        for link in rendered(path).iter("a"):
            href = link.get("href") or ""
            if urlsplit(href).scheme:
                continue
            target, _, fragment = href.partition("#")
            target_path = out / target if target else path
            assert target_path.is_file(), (path.name, href)
            ids = {element.get("id") for element in rendered(target_path).iter() if element.get("id")}
            assert not fragment or fragment in ids, (path.name, href)
            checked += 1
    assert checked > 5


def test_answers_keep_their_markdown(site):
    kb, out = site
    entry = next(iter(kb))
    page = kb.pages[entry.sources[0].page]
    text = (out / f"{page_dir(str(page.url))}.md").read_text(encoding="utf-8")
    first_paragraph = entry.answer.split("\n\n")[0]
    if "<" not in first_paragraph and "{{" not in first_paragraph and "](" not in first_paragraph:
        assert first_paragraph in text


def test_hostile_content_is_text_after_rendering_and_no_template_opener_is_left(tmp_path):
    kb = fixture_kb()
    export_to(kb, "markdown", tmp_path)
    hostile = kb.get(HOSTILE_ID)
    for path in tmp_path.glob("*.md"):
        text = path.read_text(encoding="utf-8")
        for opener in ("{{", "{%"):  # Liquid's; "{#" is the heading-id syntax here
            assert opener not in text, (path.name, opener)
        assert not re.search(r"<script", text, re.IGNORECASE)
        html = rendered(path)
        assert all(element.tag not in ("script", "img") for element in html.iter())
        assert not any(name.startswith("on") for element in html.iter() for name in element.attrs)
        assert not any((a.get("href") or "").lower().startswith("javascript:") for a in html.iter("a"))
    page = rendered(tmp_path / "alpha-page.md")
    heading = next(h for h in page.iter("h2") if h.get("id") == hostile.anchor)
    assert heading.text() == hostile.question
    assert "</script><script>alert(1)</script>" in page.text()
    assert "{{ account.plan }}" in page.text()


def test_internal_notes_are_never_written(tmp_path):
    export_to(fixture_kb(), "markdown", tmp_path)
    for path in tmp_path.glob("*.md"):
        text = path.read_text(encoding="utf-8").lower()
        assert "zebra" not in text and "kickoff" not in text and "phrasing" not in text


def test_index_lists_pages_and_every_entry_under_its_category(site):
    kb, out = site
    page = rendered(out / "index.md")
    links = [a.get("href") for a in page.iter("a")]
    for entry in kb:
        source = entry.sources[0]
        assert f"{page_dir(str(source.url))}.md#{source.anchor}" in links
    for kb_page in kb.pages.values():
        assert f"{page_dir(str(kb_page.url))}.md" in links
    categories = [h.get("id") for h in page.iter("h3")]
    assert categories == list(dict.fromkeys(c for c in categories))
    assert set(categories) == {entry.category.value for entry in kb}
