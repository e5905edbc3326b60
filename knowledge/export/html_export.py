"""A static help-center site: index, one page per source page, search, structured data.

Layout of ``out_dir``::

    index.html                    categories, pages and the search box
    <slug>/index.html             one per source page; every entry under <h2 id="<anchor>">
    search-index.json, .js        the search index (the .js one is what pages load)
    assets/site.css, search.js    the only stylesheet and script

Links between pages are relative and name ``index.html`` explicitly, so the site works from the
file system as well as from any static host; only canonical links are absolute (``base_url``).
Same knowledge base in, same bytes out: nothing depends on the clock or on dict/set order.
"""

from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from knowledge.base import KnowledgeBase
from knowledge.export.answer_html import AnswerRenderer
from knowledge.export.html_safety import json_for_html, shield_html
from knowledge.export.jsonld import faq_page
from knowledge.export.public_pages import SITE_NAME, PublicPage, Site, build_site, long_date
from knowledge.export.search_index import JSON_FILE, SCRIPT_FILE, build_search_index, index_json, index_script

SUPPORT_URL = "https://segment.com/help/contact/"
ASSETS_DIR = "assets"
STATIC_FILES = ("site.css", "search.js")


def write(kb: KnowledgeBase, out_dir: Path, base_url: str | None = None) -> list[Path]:
    """Write the site into ``out_dir``; the files written, sorted."""
    site = build_site(kb, base_url)
    renderer = AnswerRenderer()
    env = _environment()
    files = {"index.html": env.get_template("index.html").render(**_common(site, root=""), canonical=site.canonical())}
    for page in site.pages:
        files[f"{page.slug}/index.html"] = _render_page(env, site, page, renderer)
    search_index = build_search_index(kb, site, renderer)
    files[JSON_FILE] = index_json(search_index)
    files[SCRIPT_FILE] = index_script(search_index)
    static = resources.files("knowledge.export") / "static"
    for name in STATIC_FILES:
        files[f"{ASSETS_DIR}/{name}"] = (static / name).read_text(encoding="utf-8")
    written = []
    for relative, text in sorted(files.items()):
        path = out_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written


def _render_page(env: Environment, site: Site, page: PublicPage, renderer: AnswerRenderer) -> str:
    answers = {entry.id: Markup(renderer.html(entry.answer, page.source_url, page.anchors)) for entry in page.entries}
    canonical = site.canonical(page.slug)
    data = faq_page(page, {key: str(html) for key, html in answers.items()}, canonical)
    return env.get_template("page.html").render(
        **_common(site, root="../"),
        canonical=canonical,
        page=page,
        answers=answers,
        structured_data=Markup(json_for_html(data)) if data else None,
    )


def _common(site: Site, root: str) -> dict[str, Any]:
    return {"site": site, "root": root, "site_name": SITE_NAME, "support_url": SUPPORT_URL}


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("knowledge.export", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_shielded,
    )
    env.filters["long_date"] = long_date
    return env


def _shielded(value: Any) -> Markup:
    """Every value a template prints: escaped as usual, then with no template opener left in it."""
    return Markup(shield_html(str(value if isinstance(value, Markup) else escape(value))))
