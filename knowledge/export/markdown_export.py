"""Markdown pages for a Jekyll or MkDocs docs site: ``<slug>.md`` per source page, and ``index.md``.

Each page starts with YAML front matter (``title``, ``last_modified`` when the page states one,
``source_url``, ``canonical`` when a base URL is given) and has no ``#`` heading of its own: Jekyll
layouts and MkDocs themes print the title. Every entry is a ``##`` heading with its source anchor
as an explicit id in attribute-list syntax, ``## Question {#anchor}``. kramdown (Jekyll's default
Markdown) reads that natively; MkDocs reads it with Python-Markdown's bundled ``attr_list``
extension (``markdown_extensions: [attr_list]``). Unlike an ``<a id>`` line before the heading, it
gives the heading itself the id, so there is never a second element with the same id.

Links between pages name the ``.md`` files (``billing.md#anchor``): MkDocs resolves them, and
Jekyll does with jekyll-relative-links (on by default on GitHub Pages).
"""

from pathlib import Path
from typing import Any

import yaml

from knowledge.base import KnowledgeBase
from knowledge.export.answer_markdown import inline_text, link_target, public_markdown
from knowledge.export.public_pages import SITE_NAME, EntryLink, PublicPage, Site, build_site, long_date

INDEX_FILE = "index.md"


def write(kb: KnowledgeBase, out_dir: Path, base_url: str | None = None) -> list[Path]:
    """Write the Markdown pages into ``out_dir``; the files written, sorted."""
    site = build_site(kb, base_url)
    files = {INDEX_FILE: render_index(site)}
    for page in site.pages:
        files[f"{page.slug}.md"] = render_page(site, page)
    written = []
    for name, text in sorted(files.items()):
        path = out_dir / name
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written


def render_page(site: Site, page: PublicPage) -> str:
    meta: dict[str, Any] = {"title": page.title}
    if page.last_modified:
        meta["last_modified"] = page.last_modified
    meta["source_url"] = page.source_url
    if canonical := site.canonical(page.slug):
        meta["canonical"] = canonical
    blocks = [f"Source: [{inline_text(page.title)}]({link_target(page.source_url)})"]
    for entry in page.entries:
        blocks.append(f"## {inline_text(entry.heading)} {{#{entry.anchor}}}")
        blocks.append(public_markdown(entry.answer, page.source_url, page.anchors))
        blocks.append(f"Source: [{inline_text(page.title)}]({link_target(entry.source_link)})")
        if entry.related:
            blocks.append("Related questions:")
            blocks.append("\n".join(f"- {_link(link, page.slug)}" for link in entry.related))
    return _front_matter(meta) + "\n\n".join(blocks) + "\n"


def render_index(site: Site) -> str:
    meta: dict[str, Any] = {"title": SITE_NAME}
    if canonical := site.canonical():
        meta["canonical"] = canonical
    blocks = ["## Pages {#pages}"]
    lines = []
    for page in site.pages:
        updated = f", last updated {long_date(page.last_modified)}" if page.last_modified else ""
        lines.append(f"- [{inline_text(page.title)}]({page.slug}.md): {len(page.entries)} answers{updated}")
    blocks.append("\n".join(lines))
    blocks.append("## Browse by topic {#topics}")
    for group in site.categories:
        blocks.append(f"### {inline_text(group.title)} {{#{group.category.value}}}")
        blocks.append("\n".join(f"- {_link(link)}" for link in group.links))
    return _front_matter(meta) + "\n\n".join(blocks) + "\n"


def _link(link: EntryLink, current_slug: str | None = None) -> str:
    page = "" if link.page_slug == current_slug else f"{link.page_slug}.md"
    return f"[{inline_text(link.text)}]({page}#{link.anchor})"


def _front_matter(meta: dict[str, Any]) -> str:
    body = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, default_flow_style=False, width=1000)
    return f"---\n{body}---\n\n"
