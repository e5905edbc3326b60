"""An answer's Markdown as the HTML a public page shows, and as plain text for the search index.

CommonMark (plus tables and strikethrough) with raw HTML disabled: any ``<tag>`` an answer contains
is shown as text, never interpreted. Links are made to work away from the source site: a relative
link or an anchor that is not on the exported page points at the source page instead. Headings
inside an answer are moved below the entry's own ``h2``; images become links, so a page loads
nothing from elsewhere.
"""

from urllib.parse import urljoin, urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token

from knowledge.export.html_safety import shield_html

ENTRY_HEADING_LEVEL = 2


class AnswerRenderer:
    def __init__(self) -> None:
        self._md = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])

    def html(self, markdown: str, page_url: str, local_anchors: frozenset[str] = frozenset()) -> str:
        """Safe HTML of an answer on the page whose source is ``page_url`` with ``local_anchors``."""
        tokens = self._md.parse(markdown)
        _shift_headings(tokens)
        for token in _all(tokens):
            if token.type == "link_open":
                token.attrSet("href", _public_href(str(token.attrGet("href") or ""), page_url, local_anchors))
        for block in tokens:
            if block.children:
                block.children = _images_as_links(block.children, page_url)
        return shield_html(self._md.renderer.render(tokens, self._md.options, {}).strip())

    def text(self, markdown: str) -> str:
        """The words a reader sees, for searching: text, code and link text, without markup."""
        words = []
        for token in _all(self._md.parse(markdown)):
            if token.type in ("text", "code_inline", "code_block", "fence", "image"):
                words.append(token.content)
        return " ".join(" ".join(words).split())


def _all(tokens: list[Token]) -> list[Token]:
    flat: list[Token] = []
    for token in tokens:
        flat.append(token)
        if token.children:
            flat.extend(_all(token.children))
    return flat


def _public_href(href: str, page_url: str, local_anchors: frozenset[str]) -> str:
    if href.startswith("#") and href[1:] in local_anchors:
        return href
    if urlsplit(href).scheme:
        return href
    return urljoin(page_url, href)


def _shift_headings(tokens: list[Token]) -> None:
    """Answer headings start one level below the entry heading, keeping their relative order."""
    levels = [int(token.tag[1]) for token in tokens if token.type == "heading_open"]
    if not levels:
        return
    shift = ENTRY_HEADING_LEVEL + 1 - min(levels)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + shift, 6)}"


def _images_as_links(children: list[Token], page_url: str) -> list[Token]:
    result: list[Token] = []
    for token in children:
        if token.type != "image":
            result.append(token)
            continue
        src = urljoin(page_url, str(token.attrGet("src") or ""))
        opening = Token("link_open", "a", 1, attrs={"href": src})
        text = Token("text", "", 0, content=token.content or src)
        result.extend([opening, text, Token("link_close", "a", -1)])
    return result
