"""The exported help center in a real browser: search, anchors, structured data, file://, layout."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from knowledge import load_knowledge_base
from knowledge.export.html_export import SUPPORT_URL
from tests.browser.conftest import open_page
from tests.knowledge.site_fixtures import FIXTURE_CONTENT, HOSTILE_ID, page_dir

pytestmark = pytest.mark.browser

KB = load_knowledge_base()
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def search(page: Page) -> "object":
    return page.locator("#site_search_input")


def options(page: Page) -> list[str]:
    return page.locator("#site_search_results [role=option] .result-question").all_inner_texts()


def target_in_view(page: Page, anchor: str) -> None:
    """The element the URL's fragment names is :target, is the heading with that id, and is on screen."""
    state = page.evaluate(
        """() => {
            const target = document.querySelector(':target');
            if (!target) return null;
            const box = target.getBoundingClientRect();
            return {id: target.id, tag: target.tagName, top: box.top, bottom: box.bottom, height: innerHeight};
        }"""
    )
    assert state is not None, "nothing is :target"
    assert state["id"] == anchor and state["tag"] == "H2"
    assert state["top"] >= 0 and state["bottom"] <= state["height"], state


def entry_url(entry_id: str) -> tuple[str, str]:
    entry = KB.get(entry_id)
    return page_dir(str(entry.sources[0].url)), entry.anchor


# --- search ------------------------------------------------------------------------------------


def test_results_appear_as_you_type_and_narrow_down(tab: Page, server: str):
    tab.goto(f"{server}/shipped/index.html")
    box = search(tab)
    counts = []
    for character in "refund":
        box.press(character)
        expect(box).to_have_attribute("aria-expanded", "true")
        counts.append(len(options(tab)))
    assert all(count > 0 for count in counts)
    assert counts == sorted(counts, reverse=True), counts
    assert options(tab)[0] == KB.get("refunds").question
    expect(tab.locator("#site_search_status")).to_have_text(re.compile(r"matching question"))


def test_customer_words_find_entries_through_phrasings_and_keywords(tab: Page, server: str):
    tab.goto(f"{server}/shipped/index.html")
    for query, entry_id in [
        ("money back", "refunds"),
        ("npo discount", "coupons-non-profits"),
        ("rename slug", "change-workspace-name-or-slug"),
    ]:
        search(tab).fill(query)
        assert KB.get(entry_id).question in options(tab)[:3], (query, options(tab))


def test_arrow_keys_choose_a_result_and_enter_follows_it_to_its_anchor(tab: Page, server: str):
    tab.goto(f"{server}/shipped/index.html")
    box = search(tab)
    box.press_sequentially("delete workspace")
    found = options(tab)
    wanted = KB.get("delete-workspace").question
    position = found.index(wanted)
    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", "site_search_option_0")
    box.press("ArrowUp")  # wraps round to the last result
    expect(box).to_have_attribute("aria-activedescendant", f"site_search_option_{len(found) - 1}")
    box.press("ArrowDown")
    for _ in range(position):
        box.press("ArrowDown")
    chosen = tab.locator(f"#site_search_option_{position}")
    expect(chosen).to_have_attribute("aria-selected", "true")
    expect(tab.locator("[role=option][aria-selected=true]")).to_have_count(1)
    box.press("Enter")
    folder, anchor = entry_url("delete-workspace")
    tab.wait_for_url(f"{server}/shipped/{folder}/index.html#{anchor}")
    target_in_view(tab, anchor)


def test_search_from_a_source_page_reaches_another_page_and_the_same_page(tab: Page, server: str):
    tab.goto(f"{server}/shipped/billing/index.html")
    search(tab).fill("workspace slug")
    assert options(tab)[0] == KB.get("change-workspace-name-or-slug").question
    search(tab).press("Enter")
    folder, anchor = entry_url("change-workspace-name-or-slug")
    tab.wait_for_url(f"{server}/shipped/{folder}/index.html#{anchor}")
    target_in_view(tab, anchor)
    # Now a result on the page already open: the page jumps and the heading takes the focus.
    search(tab).fill("recover deleted source")
    search(tab).press("Enter")
    folder, anchor = entry_url("recover-deleted-source-or-workspace")
    tab.wait_for_url(f"{server}/shipped/{folder}/index.html#{anchor}")
    target_in_view(tab, anchor)
    assert tab.evaluate("document.activeElement.id") == anchor


def test_a_mouse_click_on_a_result_follows_it(tab: Page, server: str):
    tab.goto(f"{server}/shipped/index.html")
    search(tab).fill("sales tax invoice")
    tab.locator("#site_search_results [role=option]").first.click()
    folder, anchor = entry_url("sales-tax")
    tab.wait_for_url(f"{server}/shipped/{folder}/index.html#{anchor}")


def test_no_results_offers_contacting_support_and_keeps_it_reachable_by_keyboard(tab: Page, server: str):
    tab.goto(f"{server}/shipped/index.html")
    box = search(tab)
    box.fill("qzxv wrrbl")
    empty = tab.locator("#site_search_empty")
    expect(empty).to_be_visible()
    expect(empty).to_contain_text("No questions match “qzxv wrrbl”")
    expect(tab.locator("#site_search_results")).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(tab.locator("#site_search_status")).to_contain_text("Contact support")
    box.press("Tab")
    focused = tab.evaluate("[document.activeElement.textContent, document.activeElement.href]")
    assert focused == ["Contact support", SUPPORT_URL]
    expect(empty).to_be_visible()


def test_escape_closes_the_results_then_clears_the_query(tab: Page, server: str):
    tab.goto(f"{server}/shipped/index.html")
    box = search(tab)
    box.fill("coupon")
    expect(tab.locator("#site_search_results")).to_be_visible()
    box.press("Escape")
    expect(tab.locator("#site_search_results")).to_be_hidden()
    expect(box).to_have_value("coupon")
    box.press("Escape")
    expect(box).to_have_value("")
    box.press("ArrowDown")  # nothing to choose: no error, nothing opens
    expect(tab.locator("#site_search_results")).to_be_hidden()


def test_search_works_from_the_file_system(browser: Browser, server: str, sites: Path):
    page, watch = open_page(browser, server)
    try:
        index = (sites / "shipped" / "index.html").as_uri()
        page.goto(index)
        search(page).press_sequentially("refund")
        assert options(page)[0] == KB.get("refunds").question
        search(page).press("Enter")
        folder, anchor = entry_url("refunds")
        page.wait_for_url(f"{(sites / 'shipped' / folder / 'index.html').as_uri()}#{anchor}")
        target_in_view(page, anchor)
        search(page).fill("zzzqqq")
        expect(page.locator("#site_search_empty")).to_be_visible()
    finally:
        page.close()
    watch.assert_clean()


# --- pages ------------------------------------------------------------------------------------


def test_every_entry_anchor_exists_on_its_pages(tab: Page, server: str):
    for page in KB.pages.values():
        tab.goto(f"{server}/shipped/{page_dir(str(page.url))}/index.html")
        ids = set(tab.evaluate("[...document.querySelectorAll('h2[id]')].map(h => h.id)"))
        expected = {s.anchor for entry in KB.on_page(page.key) for s in entry.sources if s.page == page.key}
        assert expected <= ids, expected - ids
        assert len(expected) == len(KB.on_page(page.key))


def test_every_anchor_link_lands_on_its_heading(tab: Page, server: str):
    for entry in KB:
        for source in entry.sources:
            tab.goto(f"{server}/shipped/{page_dir(str(source.url))}/#{source.anchor}")
            target_in_view(tab, source.anchor)


def test_json_ld_parses_in_the_page_and_matches_the_visible_text(tab: Page, server: str):
    checked = 0
    for page in KB.pages.values():
        tab.goto(f"{server}/shipped/{page_dir(str(page.url))}/index.html")
        result = tab.evaluate(
            """() => {
                const norm = s => s.replace(/\\s+/g, ' ').trim();
                const blocks = [...document.querySelectorAll('script[type="application/ld+json"]')];
                const data = blocks.map(b => JSON.parse(b.textContent));
                const shown = [...document.querySelectorAll('section.entry[data-kind=question]')].map(s => ({
                    name: norm(s.querySelector('h2').innerText),
                    text: norm(s.querySelector('.answer').textContent),
                    visible: s.querySelector('h2').checkVisibility() && s.querySelector('.answer').checkVisibility(),
                }));
                const marked = data.length === 1 ? data[0].mainEntity.map(q => ({
                    type: q['@type'],
                    name: q.name,
                    answerType: q.acceptedAnswer['@type'],
                    text: norm(new DOMParser().parseFromString(q.acceptedAnswer.text, 'text/html').body.textContent),
                })) : null;
                return {count: data.length, type: data[0] && data[0]['@type'], shown, marked};
            }"""
        )
        assert result["count"] == 1 and result["type"] == "FAQPage"
        shown, marked = result["shown"], result["marked"]
        assert all(item["visible"] for item in shown)
        assert [m["name"] for m in marked] == [s["name"] for s in shown]
        assert [m["text"] for m in marked] == [s["text"] for s in shown]
        assert {m["type"] for m in marked} == {"Question"} and {m["answerType"] for m in marked} == {"Answer"}
        checked += len(marked)
    assert checked == sum(1 for entry in KB for s in entry.sources if entry.kind == "question")


def test_hostile_content_shows_as_text_and_runs_nothing(tab: Page, server: str):
    hostile = load_knowledge_base(FIXTURE_CONTENT).get(HOSTILE_ID)
    tab.goto(f"{server}/fixture/alpha-page/index.html")
    expect(tab.locator(f"[id='{hostile.anchor}']")).to_have_text(hostile.question)
    assert (
        tab.evaluate("document.querySelectorAll('script:not([src]):not([type=\"application/ld+json\"])').length") == 0
    )
    assert tab.evaluate("document.querySelectorAll('img, [onerror]').length") == 0
    search(tab).fill("script alert")
    assert options(tab)[0] == hostile.question
    search(tab).press("Enter")
    tab.wait_for_url(re.compile(re.escape(hostile.anchor) + "$"))
    # The tab fixture fails the test if any alert() ran.


# --- layout and accessibility -------------------------------------------------------------------


CONTRAST = """() => {
    const channel = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    const rgba = s => (s.match(/[\\d.]+/g) || []).map(Number);
    const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    const background = el => {
        for (; el; el = el.parentElement) {
            const c = rgba(getComputedStyle(el).backgroundColor);
            if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c;
        }
        return [255, 255, 255];
    };
    const failures = [];
    let checked = 0;
    for (const el of document.querySelectorAll('body *')) {
        const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
        if (!own || !el.checkVisibility() || el.closest('.visually-hidden')) continue;
        const style = getComputedStyle(el);
        const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
        const L1 = luminance(rgba(style.color)), L2 = luminance(background(el));
        const ratio = (Math.max(L1, L2) + 0.05) / (Math.min(L1, L2) + 0.05);
        const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
        checked += 1;
        const text = el.textContent.trim().slice(0, 30);
        if (ratio < needed) failures.push(`${el.tagName}.${el.className} "${text}" ${ratio.toFixed(2)}`);
    }
    return {checked, failures};
}"""


def test_text_contrast_meets_wcag_aa(tab: Page, server: str):
    for path, query in [
        ("index.html", "coupon"),
        ("billing/index.html", "qqqzzz"),
        ("startup-program/index.html", None),
    ]:
        tab.goto(f"{server}/shipped/{path}")
        if query:
            search(tab).fill(query)
        result = tab.evaluate(CONTRAST)
        assert result["checked"] > 10 and result["failures"] == [], result


def test_skip_link_is_first_visible_on_focus_and_moves_to_main(tab: Page, server: str):
    tab.goto(f"{server}/shipped/billing/index.html")
    tab.keyboard.press("Tab")
    state = tab.evaluate(
        """() => {
            const el = document.activeElement, style = getComputedStyle(el);
            const top = el.getBoundingClientRect().top;
            return {cls: el.className, top, outline: style.outlineStyle, width: parseFloat(style.outlineWidth)};
        }"""
    )
    assert state["cls"] == "skip-link" and state["top"] >= 0
    assert state["outline"] != "none" and state["width"] >= 2
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.id") == "site_main"


FOCUS_RING = """(() => {
    const style = getComputedStyle(document.activeElement);
    return [style.outlineStyle, parseFloat(style.outlineWidth)];
})()"""


def test_links_and_the_search_box_show_a_focus_ring(tab: Page, server: str):
    tab.goto(f"{server}/shipped/index.html")
    seen = 0
    for _ in range(6):
        tab.keyboard.press("Tab")
        style = tab.evaluate(FOCUS_RING)
        assert style[0] != "none" and style[1] >= 2, style
        seen += 1
    assert seen == 6


@pytest.mark.parametrize("path", ["index.html", "billing/index.html", "startup-program/index.html"])
def test_pages_fit_a_phone_screen(browser: Browser, server: str, path: str):
    page, watch = open_page(browser, server, width=360, height=740)
    try:
        page.goto(f"{server}/shipped/{path}")
        sizes = page.evaluate(
            "[document.documentElement.scrollWidth, innerWidth, parseFloat(getComputedStyle(document.body).fontSize)]"
        )
        assert sizes[0] <= sizes[1], sizes
        assert sizes[2] >= 16
        search(page).fill("trial")
        box = page.locator("#site_search_results").bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360
    finally:
        page.close()
    watch.assert_clean()


# --- screenshots --------------------------------------------------------------------------------


SHOTS = [
    ("index-desktop.png", "index.html", 1280, 860, None),
    ("search-desktop.png", "index.html", 1280, 860, "delete work"),
    ("page-desktop.png", "account-management/index.html", 1280, 860, None),
    ("index-phone.png", "index.html", 390, 844, None),
    ("page-phone.png", "billing/index.html#do-you-offer-refunds", 390, 844, None),
]


def test_screenshots(browser: Browser, server: str, tmp_path: Path):
    """Writes into docs/screenshots/ when UPDATE_SCREENSHOTS=1, otherwise into a temporary folder."""
    folder = SCREENSHOTS if os.environ.get("UPDATE_SCREENSHOTS") == "1" else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    for name, path, width, height, query in SHOTS:
        page, watch = open_page(browser, server, width=width, height=height)
        try:
            page.goto(f"{server}/shipped/{path}")
            if query:
                search(page).press_sequentially(query)
                search(page).press("ArrowDown")
            page.screenshot(path=str(folder / name))
        finally:
            page.close()
        watch.assert_clean()
        data = (folder / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert (int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")) == (width, height)
