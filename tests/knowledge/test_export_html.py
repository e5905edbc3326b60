"""The static HTML site: pages and anchors, structured data, escaping, links, determinism."""

import itertools
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from knowledge.anchors import anchor_for
from knowledge.errors import ExportError
from knowledge.export import html_export
from knowledge.export.manifest import manifest_path
from knowledge.export.search_index import JSON_FILE, SCRIPT_FILE
from knowledge.schema import Category
from tests.knowledge import seed_pages
from tests.knowledge.html_tree import Element, parse
from tests.knowledge.site_fixtures import BASE_URL, HOSTILE_ID, export_to, fixture_kb, page_dir, shipped_kb, tree

KBS = {"fixture": fixture_kb, "shipped": shipped_kb}


@pytest.fixture(scope="module", params=sorted(KBS))
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[object, Path]:
    kb = KBS[request.param]()
    out = tmp_path_factory.mktemp(f"html-{request.param}")
    export_to(kb, "html", out)
    return kb, out


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html-fixture")
    export_to(fixture_kb(), "html", out)
    return out


@pytest.fixture(scope="module")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html-shipped")
    export_to(shipped_kb(), "html", out)
    return out


def html_pages(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def source_pages(out: Path) -> list[Path]:
    return [path for path in html_pages(out) if path.parent != out]


def jsonld(page: Element) -> list[dict]:
    scripts = page.find_all("script", type="application/ld+json")
    return [json.loads(script.inner_html) for script in scripts]


# --- layout -----------------------------------------------------------------------------------


def test_one_folder_per_source_page_named_after_the_last_segment_of_its_url(site):
    kb, out = site
    expected = {f"{page_dir(str(page.url))}/index.html" for page in kb.pages.values()}
    written = {str(path.relative_to(out)) for path in source_pages(out)}
    assert written == expected


def test_shipped_pages_keep_the_source_folder_names(shipped_site):
    folders = {path.parent.name for path in source_pages(shipped_site)}
    assert folders == {"account-management", "billing", "discounts-for-startups-npos", "startup-program"}


def test_write_returns_every_file_it_wrote_and_nothing_else(tmp_path):
    written = export_to(fixture_kb(), "html", tmp_path)
    on_disk = sorted(path for path in tmp_path.rglob("*") if path.is_file())
    assert on_disk == sorted([*written, manifest_path(tmp_path, "html")])
    names = {str(path.relative_to(tmp_path)) for path in written}
    assert {"index.html", JSON_FILE, SCRIPT_FILE, "assets/site.css", "assets/search.js"} <= names


def test_export_is_byte_for_byte_deterministic(tmp_path):
    kb = shipped_kb()
    first, second = tmp_path / "a", tmp_path / "b"
    export_to(kb, "html", first)
    export_to(shipped_kb(), "html", second)
    files = sorted(path.relative_to(first) for path in first.rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(second) for path in second.rglob("*") if path.is_file())
    for relative in files:
        assert (first / relative).read_bytes() == (second / relative).read_bytes(), relative


EXPORT_SCRIPT = """
import sys
from knowledge import load_knowledge_base
from knowledge.export import export
export(load_knowledge_base(), sys.argv[1], sys.argv[2], base_url="https://help.example.com/")
"""


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_separate_processes_with_different_hash_seeds_write_the_same_bytes(tmp_path, fmt):
    """Set and dict order may change between processes; the output must not."""
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", EXPORT_SCRIPT, fmt, str(tmp_path / seed)], check=True, env=env)
    first = {p.relative_to(tmp_path / "1"): p.read_bytes() for p in (tmp_path / "1").rglob("*") if p.is_file()}
    second = {p.relative_to(tmp_path / "2"): p.read_bytes() for p in (tmp_path / "2").rglob("*") if p.is_file()}
    assert first == second


def test_output_does_not_depend_on_the_output_folder_or_on_earlier_exports(tmp_path):
    export_to(shipped_kb(), "html", tmp_path / "x")
    export_to(fixture_kb(), "html", tmp_path / "y")
    export_to(shipped_kb(), "html", tmp_path / "y" / "nested")
    for path in (tmp_path / "x").rglob("*.html"):
        relative = path.relative_to(tmp_path / "x")
        assert path.read_bytes() == (tmp_path / "y" / "nested" / relative).read_bytes()


# --- anchors ----------------------------------------------------------------------------------


def test_every_seed_question_and_section_is_a_heading_id_on_its_page(shipped_site):
    """The 42 seed sources, read from the seed pages themselves rather than from the content."""
    urls = seed_pages.canonical_urls()
    count = 0
    for key, url in urls.items():
        headings = seed_pages.questions(key) | (seed_pages.sections(key) if key == "coupons" else set())
        ids = tree(shipped_site / page_dir(url) / "index.html").by_id()
        for heading in headings:
            element = ids.get(anchor_for(heading))
            assert element is not None, f"{page_dir(url)}/#{anchor_for(heading)} is missing"
            assert element.tag == "h2"
            count += 1
    assert count == 42


def test_the_issue_example_links_keep_working(shipped_site):
    for path, anchor in [
        ("account-management", "how-do-i-delete-my-workspace-entirely"),
        ("account-management", "im-on-a-legacy-api-plan-why-cant-i-add-the-integration-i-want"),
        ("discounts-for-startups-npos", "non-profits"),
    ]:
        assert anchor in tree(shipped_site / path / "index.html").by_id()


def test_every_entry_is_under_its_own_heading_on_every_page_it_cites(site):
    kb, out = site
    for entry in kb:
        for source in entry.sources:
            page = tree(out / page_dir(str(source.url)) / "index.html")
            heading = page.by_id()[source.anchor]
            assert heading.tag == "h2"
            assert heading.text() == " ".join(source.heading.split())
            section = heading.parent
            assert section.tag == "section" and section.get("data-entry-id") == entry.id


def test_an_entry_citing_two_pages_appears_on_both_with_each_pages_anchor(fixture_site):
    alpha = tree(fixture_site / "alpha-page" / "index.html").by_id()
    beta = tree(fixture_site / "beta" / "index.html").by_id()
    assert alpha["is-this-shared-across-pages"].text() == "Is this shared across pages?"
    assert beta["is-this-shared-on-beta-too"].text() == "Is this “shared” on beta too?"
    assert "is-this-shared-on-beta-too" not in alpha and "is-this-shared-across-pages" not in beta


def test_ids_are_unique_on_every_page(site):
    _, out = site
    for path in html_pages(out):
        ids = re.findall(r'\sid="([^"]*)"', path.read_text(encoding="utf-8"))
        assert len(ids) == len(set(ids)), path


# --- links ------------------------------------------------------------------------------------


def test_every_relative_link_reaches_a_file_and_its_anchor(site):
    _, out = site
    checked = 0
    for path in html_pages(out):
        for element in tree(path).iter():
            href = element.get("href") or element.get("src")
            if not href or urlsplit(href).scheme:
                continue
            target, _, fragment = href.partition("#")
            target_path = (path.parent / target).resolve() if target else path
            assert target_path.is_file(), f"{path}: {href}"
            if fragment:
                assert fragment in tree(target_path).by_id(), f"{path}: {href}"
            checked += 1
    assert checked > 20  # every page links the index, the assets and its own entries


def test_related_questions_link_to_the_right_page_and_anchor(fixture_site):
    page = tree(fixture_site / "alpha-page" / "index.html")
    section = page.find("section", data_entry_id="alpha-start")
    links = {a.text(): a.get("href") for a in section.find("ul", class_="related").iter("a")}
    assert links == {
        "Overview": "#overview",
        "Is this shared across pages?": "#is-this-shared-across-pages",
        fixture_kb().get(HOSTILE_ID).question: "#what-about-scriptalert1script--quotes--placeholders-",
        "Can I use the beta on a phone?": "../beta/index.html#can-i-use-the-beta-on-a-phone",
    }


def test_each_entry_links_its_source_and_each_page_its_date(site):
    kb, out = site
    for page in kb.pages.values():
        document = tree(out / page_dir(str(page.url)) / "index.html")
        sources = {
            section.get("data-entry-id"): section.find("p", class_="entry-source").find("a").get("href")
            for section in document.find_all("section", class_="entry")
        }
        for entry in kb.on_page(page.key):
            source = next(s for s in entry.sources if s.page == page.key)
            assert sources[entry.id] == source.link
        times = document.find("main").find_all("time")
        if page.last_modified:
            assert [t.get("datetime") for t in times] == [page.last_modified.isoformat()]
            assert "Last updated" in document.find("p", class_="page-meta").text()
        else:
            assert times == [] and "Last updated" not in document.find("main").text()


def test_dates_read_the_same_in_every_locale(fixture_site):
    meta = tree(fixture_site / "alpha-page" / "index.html").find("p", class_="page-meta")
    assert meta.find("time").text() == "5 March 2024"


def test_canonical_links_come_from_the_base_url_and_only_then(tmp_path):
    export_to(fixture_kb(), "html", tmp_path / "with", base_url="https://help.example.com/faq")
    export_to(fixture_kb(), "html", tmp_path / "without", base_url=None)
    index = tree(tmp_path / "with" / "index.html").find("link", rel="canonical")
    page = tree(tmp_path / "with" / "beta" / "index.html").find("link", rel="canonical")
    assert index.get("href") == "https://help.example.com/faq/"
    assert page.get("href") == "https://help.example.com/faq/beta/"
    for path in html_pages(tmp_path / "without"):
        assert tree(path).find_all("link", rel="canonical") == []
        assert "help.example.com" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("bad", ["help.example.com", "ftp://help.example.com/", "https://x.org/?q=1", "/relative/"])
def test_a_base_url_that_is_not_absolute_http_is_refused(tmp_path, bad):
    with pytest.raises(ExportError, match="base-url"):
        export_to(fixture_kb(), "html", tmp_path, base_url=bad)


# --- structured data ----------------------------------------------------------------------------


def test_json_ld_lists_exactly_the_visible_questions_and_answers(site):
    _, out = site
    for path in source_pages(out):
        page = tree(path)
        questions = [s for s in page.find_all("section", class_="entry") if s.get("data-kind") == "question"]
        [data] = jsonld(page)
        assert data["@context"] == "https://schema.org" and data["@type"] == "FAQPage"
        entities = data["mainEntity"]
        assert [q["@type"] for q in entities] == ["Question"] * len(questions)
        assert [q["name"] for q in entities] == [s.find("h2").text() for s in questions]
        for entity, section in zip(entities, questions, strict=True):
            answer = section.find("div", class_="answer")
            assert entity["acceptedAnswer"]["@type"] == "Answer"
            # The answer's HTML exactly as the page shows it, and so the same text.
            assert entity["acceptedAnswer"]["text"] == answer.inner_html
            assert parse(entity["acceptedAnswer"]["text"]).text() == answer.text()


def test_sections_are_shown_but_are_not_faq_questions(fixture_site):
    page = tree(fixture_site / "alpha-page" / "index.html")
    [data] = jsonld(page)
    assert "Overview" in page.by_id()["overview"].text()
    assert "Overview" not in [q["name"] for q in data["mainEntity"]]


def test_json_ld_carries_the_page_date_and_canonical_url(fixture_site):
    [alpha] = jsonld(tree(fixture_site / "alpha-page" / "index.html"))
    [beta] = jsonld(tree(fixture_site / "beta" / "index.html"))
    assert alpha["dateModified"] == "2024-03-05" and alpha["url"] == BASE_URL + "/alpha-page/"
    assert "dateModified" not in beta


# --- escaping and what is never published -------------------------------------------------------


def test_hostile_content_is_shown_as_text_and_never_runs(fixture_site):
    kb = fixture_kb()
    hostile = kb.get(HOSTILE_ID)
    path = fixture_site / "alpha-page" / "index.html"
    source = path.read_text(encoding="utf-8")
    page = parse(source)
    heading = page.by_id()[hostile.anchor]
    assert heading.text() == hostile.question  # shown exactly, as text
    answer = heading.parent.find("div", class_="answer")
    assert "</script><script>alert(1)</script>" in answer.text()
    assert "{{ account.plan }}" in answer.text()
    assert not re.search(r"<script>\s*alert", source, re.IGNORECASE)
    assert all(element.tag != "img" for element in page.iter())
    assert not any(name.startswith("on") for element in page.iter() for name in element.attrs)
    assert all(not (a.get("href") or "").lower().startswith("javascript:") for a in page.iter("a"))
    [data] = jsonld(page)
    names = [q["name"] for q in data["mainEntity"]]
    assert hostile.question in names


def test_only_the_sites_own_scripts_are_on_any_page(site):
    _, out = site
    for path in html_pages(out):
        root = "" if path.parent == out else "../"
        scripts = tree(path).find_all("script")
        sources = [s.get("src") for s in scripts if s.get("src")]
        assert sources == [f"{root}search-index.js", f"{root}assets/search.js"]
        assert all(s.get("type") == "application/ld+json" for s in scripts if not s.get("src"))


def test_no_page_or_asset_contains_a_template_opener(site):
    _, out = site
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".js", ".json"):
            text = path.read_text(encoding="utf-8")
            for opener in ("{{", "{%", "{#"):
                assert opener not in text, f"{path} contains {opener}"
            if path.suffix != ".html":
                assert "</script" not in text.lower() and "<!--" not in text, path


def test_no_external_scripts_styles_fonts_or_images(site):
    _, out = site
    for path in html_pages(out):
        for element in tree(path).iter():
            if element.tag in ("script", "img", "iframe", "audio", "video", "source", "embed", "object"):
                assert not urlsplit(element.get("src") or "").netloc, (path, element.attrs)
            if element.tag == "link" and element.get("rel") != "canonical":
                assert not urlsplit(element.get("href") or "").netloc, (path, element.attrs)
    css = (out / "assets" / "site.css").read_text(encoding="utf-8")
    assert "@import" not in css and "url(" not in css and "@font-face" not in css
    assert "http" not in (out / "assets" / "search.js").read_text(encoding="utf-8")


def test_phrasings_and_keywords_are_in_the_search_index_but_never_on_a_page(fixture_site):
    for path in html_pages(fixture_site):
        text = path.read_text(encoding="utf-8")
        assert "zebra" not in text.lower() and "kickoff" not in text, path
    index = (fixture_site / JSON_FILE).read_text(encoding="utf-8")
    assert "zebra" in index and "zebrakeyword" in index and "kickoff" in index


def test_phrasings_of_the_shipped_content_are_not_shown(shipped_site):
    kb = shipped_kb()
    for entry in kb:
        for source in entry.sources:
            section = tree(shipped_site / page_dir(str(source.url)) / "index.html").find(
                "section", data_entry_id=entry.id
            )
            shown = section.text().lower()
            own = f"{entry.question} {entry.answer}".lower()
            for phrasing in entry.phrasings:
                if phrasing.lower() not in own:
                    assert phrasing.lower() not in shown, (entry.id, phrasing)


# --- accessibility basics -----------------------------------------------------------------------


def test_every_page_has_language_viewport_landmarks_and_a_skip_link(site):
    _, out = site
    for path in html_pages(out):
        page = tree(path)
        html = page.find("html")
        assert html.get("lang") == "en"
        assert page.find("meta", name="viewport").get("content") == "width=device-width, initial-scale=1"
        for landmark in ("header", "nav" if path.parent != out else "main", "main", "footer"):
            assert page.find_all(landmark), (path, landmark)
        skip = page.find("a", class_="skip-link")
        assert skip.get("href") == "#site_main" and page.by_id()["site_main"].tag == "main"
        assert page.find("title").text()


def test_one_h1_and_headings_never_skip_a_level(site):
    _, out = site
    for path in html_pages(out):
        levels = [int(element.tag[1]) for element in tree(path).iter() if re.fullmatch(r"h[1-6]", element.tag)]
        assert levels.count(1) == 1 and levels[0] == 1, path
        for previous, current in itertools.pairwise(levels):
            assert current <= previous + 1, (path, levels)


def test_the_search_box_is_a_labelled_combobox_over_a_listbox(site):
    _, out = site
    for path in html_pages(out):
        page = tree(path)
        ids = page.by_id()
        field = ids["site_search_input"]
        assert field.get("role") == "combobox" and field.get("aria-expanded") == "false"
        assert page.find("label", for_="site_search_input").text()
        assert ids[field.get("aria-controls")].get("role") == "listbox"
        assert ids["site_search_status"].get("role") == "status"
        empty = ids["site_search_empty"]
        assert empty.find("a").get("href") == html_export.SUPPORT_URL


def test_the_index_groups_every_entry_by_category_and_lists_every_page(site):
    kb, out = site
    index = tree(out / "index.html")
    linked = {
        a.get("href").split("#")[1] for topic in index.find_all("section", class_="topic") for a in topic.iter("a")
    }
    assert linked == {entry.anchor for entry in kb}
    titles = [section.find("h3").text() for section in index.find_all("section", class_="topic")]
    used = {entry.category for entry in kb}
    assert titles == [category.title for category in Category if category in used]
    pages = {a.text() for a in index.find("ul", class_="page-list").iter("a")}
    assert pages == {page.title for page in kb.pages.values()}
