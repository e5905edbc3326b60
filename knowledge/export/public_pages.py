"""The public view of the knowledge base: one page per source page, every entry under its anchor there.

The HTML and Markdown exports both render from this, so they publish the same pages, headings,
anchors and links. It carries only what a public page may show: no phrasings, keywords or other
internal notes, and nothing account-specific (answers here are the generic ones).

A page's ``slug`` is the last segment of its source URL, so that ``<slug>/#<anchor>`` on the
exported site matches ``.../<slug>/#<anchor>`` on the source site.
"""

from collections.abc import Iterable
from datetime import date
from urllib.parse import unquote, urlsplit

from pydantic import BaseModel, ConfigDict

from knowledge import wording
from knowledge.anchors import anchor_for
from knowledge.base import KnowledgeBase
from knowledge.errors import ExportError
from knowledge.schema import Category, Entry, Page

SITE_NAME = "Billing and account help"

# Names the exports use for their own files and folders (assets/, index.md).
RESERVED_SLUGS = frozenset({"assets", "index"})


_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def long_date(value: date) -> str:
    """ "9 January 2025": the same in every locale."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class EntryLink(_Frozen):
    """A link to an entry where it is published: its page and its anchor there."""

    entry_id: str
    text: str
    page_slug: str
    anchor: str


class PublicEntry(_Frozen):
    id: str
    kind: str  # "question" or "section", as in the schema
    heading: str  # the heading's wording on this page
    anchor: str
    answer: str  # Markdown
    category: Category
    source_link: str  # the heading on the source page
    related: tuple[EntryLink, ...]

    @property
    def is_question(self) -> bool:
        return self.kind == "question"


class PublicPage(_Frozen):
    key: str
    slug: str
    title: str
    source_url: str
    last_modified: date | None
    entries: tuple[PublicEntry, ...]

    @property
    def source_host(self) -> str:
        return urlsplit(self.source_url).netloc.removeprefix("www.")

    @property
    def anchors(self) -> frozenset[str]:
        return frozenset(entry.anchor for entry in self.entries)


class CategoryGroup(_Frozen):
    category: Category
    title: str
    links: tuple[EntryLink, ...]


class Site(_Frozen):
    pages: tuple[PublicPage, ...]  # sorted by slug
    categories: tuple[CategoryGroup, ...]  # in the schema's category order, empty ones left out
    base_url: str | None  # absolute, ends with "/"

    def canonical(self, slug: str | None = None) -> str | None:
        """Absolute URL of the index (no slug) or of a page folder, when a base URL was given."""
        if self.base_url is None:
            return None
        return self.base_url + (f"{slug}/" if slug else "")


def build_site(kb: KnowledgeBase, base_url: str | None = None) -> Site:
    """The pages, links and category groups of ``kb``; ExportError when they cannot be published."""
    slugs = _page_slugs(kb.pages.values())
    primary = {entry.id: _link(entry, entry.sources[0].page, slugs) for entry in kb}
    pages = tuple(sorted((_page(kb, page, slugs, primary) for page in kb.pages.values()), key=lambda page: page.slug))
    order = {entry.id: index for index, entry in enumerate(e for page in pages for e in page.entries)}
    categories = []
    for category in Category:
        members = sorted(kb.in_category(category), key=lambda entry: order[entry.id])
        if members:
            links = tuple(primary[entry.id] for entry in members)
            categories.append(CategoryGroup(category=category, title=category.title, links=links))
    return Site(pages=pages, categories=tuple(categories), base_url=normalise_base_url(base_url))


def normalise_base_url(base_url: str | None) -> str | None:
    """An absolute http(s) URL ending with "/", or None; ExportError for anything else."""
    if base_url is None or not base_url.strip():
        return None
    url = base_url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ExportError(wording.EXPORT_BAD_BASE_URL.format(url=url))
    return url if url.endswith("/") else url + "/"


def _page_slugs(pages: Iterable[Page]) -> dict[str, str]:
    slugs: dict[str, str] = {}
    for page in pages:
        slug = page_slug(page)
        if slug in RESERVED_SLUGS:
            raise ExportError(wording.EXPORT_RESERVED_SLUG.format(page=page.key, slug=slug))
        other = next((key for key, taken in slugs.items() if taken == slug), None)
        if other is not None:
            raise ExportError(wording.EXPORT_DUPLICATE_SLUG.format(page=page.key, other=other, slug=slug))
        slugs[page.key] = slug
    return slugs


def page_slug(page: Page) -> str:
    """Folder name of a page: the last segment of its URL path, made safe like a heading anchor."""
    segments = [segment for segment in urlsplit(str(page.url)).path.split("/") if segment]
    slug = anchor_for(unquote(segments[-1])) if segments else ""
    if not slug.strip("-"):
        raise ExportError(wording.EXPORT_NO_SLUG.format(page=page.key, url=page.url))
    return slug


def _link(entry: Entry, page_key: str, slugs: dict[str, str]) -> EntryLink:
    source = next(source for source in entry.sources if source.page == page_key)
    return EntryLink(entry_id=entry.id, text=source.heading, page_slug=slugs[page_key], anchor=source.anchor)


def _page(kb: KnowledgeBase, page: Page, slugs: dict[str, str], primary: dict[str, EntryLink]) -> PublicPage:
    entries: list[PublicEntry] = []
    seen: dict[str, str] = {}
    # The page's own entries in content order, then those that cite it second (the content does not
    # say where on this page their heading sits).
    on_page = sorted(kb.on_page(page.key), key=lambda entry: entry.sources[0].page != page.key)
    here = {entry.id: _link(entry, page.key, slugs) for entry in on_page}
    for entry in on_page:
        link = here[entry.id]
        if not link.anchor:
            raise ExportError(wording.EMPTY_ANCHOR.format(heading=link.text, page=page.key))
        if link.anchor in seen:
            raise ExportError(
                wording.EXPORT_ANCHOR_CLASH.format(
                    page=page.key, anchor=link.anchor, entry=entry.id, other=seen[link.anchor]
                )
            )
        seen[link.anchor] = entry.id
        source = next(source for source in entry.sources if source.page == page.key)
        # A related entry that is also on this page is linked here rather than on its first page.
        related = tuple(here.get(target) or primary[target] for target in entry.related if target in kb)
        entries.append(
            PublicEntry(
                id=entry.id,
                kind=entry.kind,
                heading=link.text,
                anchor=link.anchor,
                answer=entry.answer,
                category=entry.category,
                source_link=source.link,
                related=related,
            )
        )
    return PublicPage(
        key=page.key,
        slug=slugs[page.key],
        title=page.title,
        source_url=str(page.url),
        last_modified=page.last_modified,
        entries=tuple(entries),
    )
