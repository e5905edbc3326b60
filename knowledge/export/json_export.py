"""``faq.json``: the whole knowledge base as one deterministic JSON document.

Same knowledge base, same bytes: keys sorted, entries in content order, no timestamps, UTF-8,
one trailing newline. Policy numbers are JSON numbers, not strings.
"""

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from knowledge.base import KnowledgeBase
from knowledge.schema import Category, Entry, Source

FILE_NAME = "faq.json"
FORMAT_VERSION = 1


def write(kb: KnowledgeBase, out_dir: Path, base_url: str | None = None) -> list[Path]:
    """Write ``faq.json`` into ``out_dir``. ``base_url`` is unused: every link in it is absolute."""
    path = out_dir / FILE_NAME
    path.write_text(dumps(kb), encoding="utf-8", newline="\n")
    return [path]


def dumps(kb: KnowledgeBase) -> str:
    return json.dumps(document(kb), sort_keys=True, ensure_ascii=False, indent=2) + "\n"


def document(kb: KnowledgeBase) -> dict[str, Any]:
    return {
        "format_version": FORMAT_VERSION,
        "pages": [page.model_dump(mode="json") for page in kb.pages.values()],
        "categories": [{"key": category.value, "title": category.title} for category in Category],
        "policy": _numbers(kb.policy.model_dump()),
        "entries": [_entry(entry) for entry in kb],
    }


def _entry(entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "question": entry.question,
        "kind": entry.kind,
        "answer": entry.answer,
        "category": entry.category.value,
        "sources": [_source(source) for source in entry.sources],
        "last_modified": entry.last_modified.isoformat() if entry.last_modified else None,
        "phrasings": list(entry.phrasings),
        "keywords": list(entry.keywords),
        "related": list(entry.related),
    }


def _source(source: Source) -> dict[str, Any]:
    return {
        "page": source.page,
        "heading": source.heading,
        "url": str(source.url) if source.url else None,
        "anchor": source.anchor,
        "link": source.link,
    }


def _numbers(value: Any) -> Any:
    """Decimals as JSON numbers: integers stay integers (120, not 120.0)."""
    if isinstance(value, dict):
        return {key: _numbers(item) for key, item in value.items()}
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
