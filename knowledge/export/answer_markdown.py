"""An answer's Markdown made safe to hand to a docs site's own Markdown and template engines.

The answer stays the author's Markdown (so reviewing an export diff reads like the content), with
the same four changes the HTML export makes:

- raw HTML tags are shown as text: ``<`` before a tag becomes ``&lt;`` (not inside code spans or
  fences, and not in autolinks such as ``<https://...>``);
- template openers (``{{``, ``{%``, ``{#``) lose their meaning to Jekyll/Liquid (see html_safety);
- headings move below the entry's ``##`` question heading;
- inline links that are relative, or point at an anchor not on the page, go to the source page;
  links with a script or local scheme (``javascript:`` and the like) become plain text, and
  images become links, so a page loads nothing from elsewhere.
"""

import re
from collections.abc import Callable
from functools import partial
from urllib.parse import urljoin

from knowledge.export.html_safety import shield_markdown

ENTRY_HEADING_LEVEL = 2

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX_HEADING = re.compile(r"^( {0,3})(#{1,6})(?=[ \t]|$)")
_CODE_SPAN = re.compile(r"(`+).+?(?<!`)\1(?!`)")
# "<" that opens a tag, comment or declaration, but not an autolink (<scheme:...> or <a@b.c>).
_RAW_HTML = re.compile(r"<(?=[A-Za-z/!?])(?![A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*>)(?![^\s@<>]+@[^\s@<>]+>)")
_INLINE_LINK = re.compile(r"(\]\()([^)\s]*)")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
# The schemes markdown-it refuses to link (so the HTML export shows such a link as text).
_UNSAFE_SCHEME = re.compile(r"^\s*(javascript|vbscript|file|data):", re.IGNORECASE)
_IMAGE = re.compile(r"(?<!\\)!\[")


def public_markdown(markdown: str, page_url: str, local_anchors: frozenset[str] = frozenset()) -> str:
    lines = markdown.splitlines()
    shift = _heading_shift(lines)
    out: list[str] = []
    fence: str | None = None
    for line in lines:
        opener = _FENCE.match(line)
        if fence is not None:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = None
            out.append(line)
            continue
        if opener:
            fence = opener.group(1)
            out.append(line)
            continue
        line = _ATX_HEADING.sub(lambda m: m.group(1) + "#" * min(len(m.group(2)) + shift, 6), line)
        out.append(_outside_code_spans(line, partial(_public_text, page_url=page_url, local_anchors=local_anchors)))
    return shield_markdown("\n".join(out))


def _heading_shift(lines: list[str]) -> int:
    levels = [len(m.group(2)) for line in lines if (m := _ATX_HEADING.match(line))]
    return ENTRY_HEADING_LEVEL + 1 - min(levels) if levels else 0


def _outside_code_spans(line: str, change: Callable[[str], str]) -> str:
    parts, last = [], 0
    for span in _CODE_SPAN.finditer(line):
        parts.append(change(line[last : span.start()]))
        parts.append(span.group(0))
        last = span.end()
    parts.append(change(line[last:]))
    return "".join(parts)


def _public_text(text: str, page_url: str, local_anchors: frozenset[str]) -> str:
    """Text outside code: tags shown as text, images as links, links made public."""
    text = _IMAGE.sub("[", _RAW_HTML.sub("&lt;", text))
    return _links(text, page_url, local_anchors)


def _links(text: str, page_url: str, local_anchors: frozenset[str]) -> str:
    def public(match: re.Match[str]) -> str:
        href = match.group(2)
        if _UNSAFE_SCHEME.match(href):
            return "\\](" + href  # "[text\](...)" is not a link, only its text
        if not href or _SCHEME.match(href) or (href.startswith("#") and href[1:] in local_anchors):
            return match.group(0)
        return match.group(1) + urljoin(page_url, href)

    return _INLINE_LINK.sub(public, text)


def inline_text(text: str) -> str:
    """Plain text (a question, a title) as Markdown that shows exactly that text, in kramdown too."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]{}#|!])", r"\\\1", text)


def link_target(url: str) -> str:
    """A URL that is safe between the parentheses of ``[text](url)``."""
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
