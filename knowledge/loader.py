"""Load and validate the content files (YAML) into a KnowledgeBase.

Layout of a content directory: ``policy.yaml`` plus one file per source page::

    page: {key, title, url, last_modified}
    entries:
      - id, question, category, answer, [kind, phrasings, keywords, related, sources]

An entry without ``sources`` cites its own page under its question as heading.
"""

from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from knowledge.base import KnowledgeBase
from knowledge.errors import ContentError
from knowledge.policy import Policy, render_references
from knowledge.schema import Entry, Page

POLICY_FILE = "policy.yaml"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def default_content_dir() -> Path:
    return Path(str(resources.files("knowledge") / "content"))


def load_knowledge_base(directory: Path | str | None = None) -> KnowledgeBase:
    """Read every content file of ``directory`` (the shipped content by default)."""
    directory = Path(directory) if directory else default_content_dir()
    if not directory.is_dir():
        raise ContentError(directory, "content directory not found")
    policy = load_policy(directory)
    pages: dict[str, Page] = {}
    raw_entries: list[tuple[Path, dict[str, Any], str]] = []
    for path in sorted(directory.glob("*.yaml")):
        if path.name == POLICY_FILE:
            continue
        document = _read_yaml(path)
        if not isinstance(document, dict) or "page" not in document or "entries" not in document:
            raise ContentError(path, "expected a mapping with 'page' and 'entries'")
        page = _validate_page(path, document["page"])
        if page.key in pages:
            raise ContentError(path, f"page key '{page.key}' is used by another file", field="page.key")
        pages[page.key] = page
        if not isinstance(document["entries"], list):
            raise ContentError(path, "'entries' must be a list", field="entries")
        for index, raw in enumerate(document["entries"]):
            if not isinstance(raw, dict):
                raise ContentError(path, f"entry #{index + 1} must be a mapping", field="entries")
            raw_entries.append((path, raw, page.key))
    if not pages:
        raise ContentError(directory, "no content files")
    entries = tuple(_build_entry(path, raw, page_key, pages, policy) for path, raw, page_key in raw_entries)
    return KnowledgeBase(pages=pages, entries=entries, policy=policy)


def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_Loader)
    except FileNotFoundError:
        raise ContentError(path, "file not found") from None
    except UnicodeDecodeError:
        raise ContentError(path, "not UTF-8 text") from None
    except OSError as error:
        raise ContentError(path, f"cannot read the file: {error.strerror}") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" (line {mark.line + 1})" if mark else ""
        raise ContentError(path, f"not valid YAML{line}: {getattr(error, 'problem', error)}") from None


def _first_error(error: ValidationError) -> tuple[str, str]:
    detail = error.errors()[0]
    return ".".join(str(part) for part in detail["loc"]), detail["msg"]


def load_policy(directory: Path | str | None = None) -> Policy:
    """Only the policy numbers of ``directory`` (the shipped content by default): for callers that
    compute with them and need no entries."""
    path = Path(directory or default_content_dir()) / POLICY_FILE
    raw = _read_yaml(path)
    try:
        return Policy.model_validate(raw)
    except ValidationError as error:
        field, message = _first_error(error)
        raise ContentError(path, message, field=field) from None


def _validate_page(path: Path, raw: Any) -> Page:
    try:
        return Page.model_validate(raw)
    except ValidationError as error:
        field, message = _first_error(error)
        raise ContentError(path, message, field=f"page.{field}") from None


def _build_entry(path: Path, raw: dict[str, Any], page_key: str, pages: dict[str, Page], policy: Policy) -> Entry:
    entry_id = str(raw.get("id", "?"))
    data = dict(raw)
    sources = data.get("sources") or [{"page": page_key, "heading": data.get("question", "")}]
    resolved = []
    for source in sources:
        if not isinstance(source, dict) or source.get("page") not in pages:
            page = source.get("page") if isinstance(source, dict) else source
            raise ContentError(path, f"unknown page '{page}'", entry=entry_id, field="sources")
        resolved.append({**source, "url": str(pages[source["page"]].url)})
    data["sources"] = resolved
    dates: list[date] = [d for s in resolved if (d := pages[s["page"]].last_modified)]
    data["last_modified"] = max(dates) if dates else None
    if isinstance(data.get("answer"), str):
        try:
            data["answer"] = render_references(data["answer"], policy)
        except KeyError as error:
            raise ContentError(path, f"unknown policy reference '{error.args[0]}'", entry=entry_id, field="answer") from None
    try:
        return Entry.model_validate(data)
    except ValidationError as error:
        field, message = _first_error(error)
        raise ContentError(path, message, entry=entry_id, field=field) from None
