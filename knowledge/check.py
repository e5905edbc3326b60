"""Validate a content directory beyond what loading enforces, and report every finding.

Loading stops at the first schema error; the check also reports what loading lets through:
duplicate ids, broken or self ``related`` links, missing sources, anchors cited twice on one page,
unrendered placeholders, and near-duplicate or repeated phrasings. Errors fail the check; warnings
are reported and do not.
"""

import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from knowledge import wording
from knowledge.base import KnowledgeBase
from knowledge.errors import ContentError
from knowledge.loader import POLICY_FILE, default_content_dir, load_knowledge_base
from knowledge.loader import _read_yaml as read_yaml
from knowledge.near_duplicates import DEFAULT_THRESHOLD, near_duplicates, normalised
from knowledge.schema import Entry

_PLACEHOLDER = re.compile(r"\{\{|\}\}")


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class FindingKind(StrEnum):
    CONTENT_ERROR = "content-error"
    DUPLICATE_ID = "duplicate-id"
    BROKEN_RELATED = "broken-related"
    SELF_RELATED = "self-related"
    MISSING_SOURCE = "missing-source"
    DUPLICATE_ANCHOR = "duplicate-anchor"
    UNRENDERED_PLACEHOLDER = "unrendered-placeholder"
    NEAR_DUPLICATE = "near-duplicate"
    DUPLICATE_PHRASING = "duplicate-phrasing"


# Findings that do not fail the check: they weaken matching but break nothing.
_WARNINGS = {FindingKind.NEAR_DUPLICATE, FindingKind.DUPLICATE_PHRASING}


class Finding(BaseModel):
    model_config = ConfigDict(frozen=True)

    severity: Severity
    kind: FindingKind
    file: str
    entry: str | None = None
    field: str | None = None
    message: str


class Report(BaseModel):
    model_config = ConfigDict(frozen=True)

    directory: str
    entry_count: int = 0
    findings: tuple[Finding, ...] = ()

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class _Located:
    """An entry as written: its file, the page key of that file, its position there, its raw mapping.
    A plain record, not a model: raw content is whatever the file holds and must not be validated here."""

    file: str
    page: str | None
    index: int
    entry_id: str | None
    raw: dict[str, Any]


_Placed = list[tuple[Entry, _Located]]


def check_knowledge_base(directory: Path | str | None = None, similarity_threshold: int = DEFAULT_THRESHOLD) -> Report:
    """Check the content of ``directory`` (the shipped content by default)."""
    directory = Path(directory) if directory else default_content_dir()
    located = _locate_entries(directory)
    findings = _duplicate_ids(located)
    try:
        kb = load_knowledge_base(directory)
    except ContentError as error:
        findings.insert(0, _finding(FindingKind.CONTENT_ERROR, error.file, error.message, error.entry, error.field))
        return Report(directory=str(directory), findings=tuple(findings))
    # The loader keeps file order and entry order, so the n-th loaded entry is the n-th written one.
    placed = list(zip(kb.entries, located, strict=True))
    findings += _empty_sources(located)
    findings += _related(kb, placed)
    findings += _sources(placed)
    findings += _placeholders(placed)
    findings += _repeated_phrasings(placed)
    findings += _near_duplicates(placed, similarity_threshold)
    return Report(directory=str(directory), entry_count=len(kb), findings=tuple(findings))


def _finding(kind: FindingKind, file: str, message: str, entry: str | None = None, field: str | None = None) -> Finding:
    severity = Severity.WARNING if kind in _WARNINGS else Severity.ERROR
    return Finding(severity=severity, kind=kind, file=file, entry=entry, field=field, message=message)


def _locate_entries(directory: Path) -> list[_Located]:
    """Every entry mapping of every page file, in the loader's order. Unreadable files are skipped:
    loading reports them."""
    located: list[_Located] = []
    if not directory.is_dir():
        return located
    for path in sorted(directory.glob("*.yaml")):
        if path.name == POLICY_FILE:
            continue
        try:
            # The loader's own reader: the same parser sees the same entries.
            document = read_yaml(path)
        except ContentError:
            continue
        if not isinstance(document, dict):
            continue
        page = document.get("page")
        page_key = str(page["key"]) if isinstance(page, dict) and "key" in page else None
        entries = document.get("entries")
        for index, raw in enumerate(entries if isinstance(entries, list) else [], start=1):
            if isinstance(raw, dict):
                entry_id = str(raw["id"]) if "id" in raw else None
                located.append(_Located(file=str(path), page=page_key, index=index, entry_id=entry_id, raw=raw))
    return located


def _duplicate_ids(located: list[_Located]) -> list[Finding]:
    first: dict[str, _Located] = {}
    findings = []
    for where in located:
        if where.entry_id is None:
            continue  # loading reports the missing id
        if where.entry_id in first:
            other = first[where.entry_id]
            message = wording.DUPLICATE_ID.format(entry=where.entry_id, other_index=other.index, other_file=other.file)
            findings.append(_finding(FindingKind.DUPLICATE_ID, where.file, message, where.entry_id, "id"))
        else:
            first[where.entry_id] = where
    return findings


def _empty_sources(located: list[_Located]) -> list[Finding]:
    # The loader reads an empty list as an absent field (cite the own page); written out, it is a slip.
    return [
        _finding(FindingKind.MISSING_SOURCE, where.file, wording.EMPTY_SOURCES, where.entry_id, "sources")
        for where in located
        if "sources" in where.raw and not where.raw["sources"]
    ]


def _related(kb: KnowledgeBase, placed: _Placed) -> list[Finding]:
    findings = []
    for entry, where in placed:
        for target in entry.related:
            if target == entry.id:
                kind, message = FindingKind.SELF_RELATED, wording.SELF_RELATED
            elif target not in kb:
                kind, message = FindingKind.BROKEN_RELATED, wording.BROKEN_RELATED.format(target=target)
            else:
                continue
            findings.append(_finding(kind, where.file, message, entry.id, "related"))
    return findings


def _sources(placed: _Placed) -> list[Finding]:
    findings = []
    cited: dict[tuple[str, str], str] = {}
    for entry, where in placed:
        if where.page and all(source.page != where.page for source in entry.sources):
            message = wording.OWN_PAGE_NOT_CITED.format(page=where.page)
            findings.append(_finding(FindingKind.MISSING_SOURCE, where.file, message, entry.id, "sources"))
        for source in entry.sources:
            if not source.anchor:
                message = wording.EMPTY_ANCHOR.format(heading=source.heading, page=source.page)
                findings.append(_finding(FindingKind.MISSING_SOURCE, where.file, message, entry.id, "sources"))
            elif (source.page, source.anchor) in cited:
                other = cited[(source.page, source.anchor)]
                message = wording.DUPLICATE_ANCHOR.format(anchor=source.anchor, page=source.page, other=other)
                findings.append(_finding(FindingKind.DUPLICATE_ANCHOR, where.file, message, entry.id, "sources"))
            else:
                cited[(source.page, source.anchor)] = entry.id
    return findings


def _placeholders(placed: _Placed) -> list[Finding]:
    findings = []
    for entry, where in placed:
        if match := _PLACEHOLDER.search(entry.answer):
            excerpt = entry.answer[max(0, match.start() - 15) : match.end() + 25]
            message = wording.UNRENDERED_PLACEHOLDER.format(excerpt=excerpt)
            findings.append(_finding(FindingKind.UNRENDERED_PLACEHOLDER, where.file, message, entry.id, "answer"))
    return findings


def _repeated_phrasings(placed: _Placed) -> list[Finding]:
    findings = []
    for entry, where in placed:
        seen: set[str] = set()
        for text in (entry.question, *entry.phrasings):
            key = normalised(text)
            if key in seen:
                message = wording.DUPLICATE_PHRASING.format(text=text)
                findings.append(_finding(FindingKind.DUPLICATE_PHRASING, where.file, message, entry.id, "phrasings"))
            seen.add(key)
    return findings


def _near_duplicates(placed: _Placed, threshold: int) -> list[Finding]:
    """Across entries: the question and phrasings of one entry too close to another's."""
    files = {entry.id: where.file for entry, where in placed}
    texts = [(entry.id, text) for entry, _ in placed for text in (entry.question, *entry.phrasings)]
    findings = []
    for pair in near_duplicates(texts, threshold):
        message = wording.NEAR_DUPLICATE.format(
            text=pair.text, other_text=pair.other_text, other=pair.other_owner, score=pair.score
        )
        findings.append(_finding(FindingKind.NEAR_DUPLICATE, files[pair.owner], message, pair.owner, "phrasings"))
    return findings
