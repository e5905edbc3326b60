"""Making text safe to embed in published pages: no template openers, no way out of a script tag.

A public page must never carry ``{{``, ``{%`` or ``{#``: a docs site that commits the export may run
it through Jekyll/Liquid, which would evaluate them. Each such opener's first brace is written as a
character reference, which renders the same brace but is no longer a template tag.
"""

import json
import re
from typing import Any

_TEMPLATE_OPENER = re.compile(r"\{(?=[{%#])")
# Markdown keeps "{#": it is the heading-id syntax there, and Liquid gives it no meaning.
_LIQUID_OPENER = re.compile(r"\{(?=[{%])")


def shield_html(html: str) -> str:
    """``html`` with every template opener's first brace as ``&#123;`` (valid in text and attributes)."""
    return _TEMPLATE_OPENER.sub("&#123;", html)


def shield_markdown(markdown: str) -> str:
    """``{{`` and ``{%`` in Markdown, where ``&#123;`` is an entity reference that renders as ``{``."""
    return _LIQUID_OPENER.sub("&#123;", markdown)


def json_for_html(value: Any, *, indent: int | None = None, ascii_only: bool = False) -> str:
    """Stable JSON (sorted keys) that can sit inside ``<script>`` and inside any page.

    ``<``, ``>`` and ``&`` only ever occur inside JSON strings, so writing them as ``\\u`` escapes
    keeps the value and makes ``</script>`` or ``<!--`` impossible; a structural ``{`` is never
    followed by ``{``, ``%`` or ``#``, so the opener rule only ever touches string content.
    """
    separators = (",", ": ") if indent is not None else (",", ":")
    text = json.dumps(value, sort_keys=True, ensure_ascii=ascii_only, indent=indent, separators=separators)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return _TEMPLATE_OPENER.sub(r"\\u007b", text)
