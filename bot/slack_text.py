"""Text as Slack must receive it: user text escaped, Markdown answers turned into mrkdwn.

Slack reads ``<...>`` as control sequences (``<!channel>``, ``<@U123>``, links) and ``&`` as the
start of an entity, so any text the bot did not write itself is escaped before it is posted.
"""

from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def escape(text: str) -> str:
    """Escape ``&``, ``<`` and ``>`` so the text shows as typed and triggers nothing."""
    return text.translate(_ESCAPES)


def clip(text: str, limit: int) -> str:
    """At most ``limit`` characters, with an ellipsis when cut (Block Kit fields have limits)."""
    return text if len(text) <= limit else text[: max(limit - 1, 0)].rstrip() + "…"


def quote(text: str, limit: int = 500) -> str:
    """User text shown back as a quoted block: escaped, clipped, one ``>`` per line."""
    lines = escape(clip(text.strip(), limit)).splitlines()
    return "\n".join(f"&gt; {line}" for line in lines or [""])


def link(url: str, label: str) -> str:
    """A mrkdwn link to ``url`` labelled with plain text ``label``."""
    return _link(url, escape(label))


def _link(url: str, label: str) -> str:
    """``label`` is mrkdwn already; ``|`` ends a link's URL and starts its label, so neither part
    may contain one."""
    return f"<{escape(url).replace('|', '%7C')}|{label.replace('|', '¦')}>"


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark")


def markdown_to_mrkdwn(markdown: str) -> str:
    """Render trusted Markdown (the knowledge base's answers) as Slack mrkdwn."""
    tokens = _parser().parse(markdown)
    return _Renderer().blocks(tokens).strip()


class _Renderer:
    """Walks markdown-it's token stream; block structure becomes lines, inline marks mrkdwn."""

    def __init__(self) -> None:
        self.lists: list[list[int | None]] = []  # per open list: [next number or None]
        self.quote_depth = 0

    def blocks(self, tokens: list[Token]) -> str:
        out: list[str] = []
        for token in tokens:
            kind = token.type
            if kind in ("bullet_list_open", "ordered_list_open"):
                start = token.attrGet("start")
                self.lists.append([int(start) if start else 1] if kind == "ordered_list_open" else [None])
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
                if not self.lists:
                    out.append("\n")
            elif kind == "list_item_open":
                out.append(self._prefix() + self._bullet())
            elif kind == "blockquote_open":
                self.quote_depth += 1
            elif kind == "blockquote_close":
                self.quote_depth -= 1
            elif kind == "heading_open":
                out.append(self._prefix() + "*")
            elif kind == "heading_close":
                out.append("*\n\n")
            elif kind == "paragraph_open":
                if not self.lists:  # inside a list item the bullet already started the line
                    out.append(self._prefix())
            elif kind == "paragraph_close":
                out.append("\n" if self.lists else "\n\n")
            elif kind == "inline":
                out.append(self.inline(token.children or []))
            elif kind in ("code_block", "fence"):
                out.append(self._prefix() + "```\n" + escape(token.content.rstrip("\n")) + "\n```\n\n")
            elif kind == "html_block":
                out.append(self._prefix() + escape(token.content.strip()) + "\n\n")
            elif kind == "hr":
                out.append("──────────\n\n")
        return "".join(out).replace("\n\n\n", "\n\n")

    def _prefix(self) -> str:
        """Quote marks, then the indent of a nested list."""
        return "&gt; " * self.quote_depth + "    " * max(len(self.lists) - 1, 0)

    def _bullet(self) -> str:
        current = self.lists[-1]
        if current[0] is None:
            return "• "
        number = current[0]
        current[0] = number + 1
        return f"{number}. "

    def inline(self, children: list[Token]) -> str:
        parts: list[str] = []
        open_links: list[tuple[str, int]] = []  # (href, where its label starts in parts)
        for child in children:
            kind = child.type
            if kind == "text":
                parts.append(escape(child.content))
            elif kind in ("strong_open", "strong_close"):
                parts.append("*")
            elif kind in ("em_open", "em_close"):
                parts.append("_")
            elif kind == "code_inline":
                parts.append("`" + escape(child.content) + "`")
            elif kind in ("softbreak", "hardbreak"):
                parts.append("\n" + self._prefix())
            elif kind == "link_open":
                open_links.append((str(child.attrGet("href") or ""), len(parts)))
            elif kind == "link_close" and open_links:
                href, start = open_links.pop()
                label = "".join(parts[start:]) or escape(href)
                del parts[start:]
                parts.append(_link(href, label))
            elif kind == "image":
                parts.append(link(str(child.attrGet("src") or ""), child.content or "image"))
            elif kind == "html_inline":
                parts.append(escape(child.content))
        return "".join(parts)
