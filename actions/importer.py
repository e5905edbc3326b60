"""Importing real account data from a JSON document (format: ``import_schema.AccountsImport``).

All or nothing: every record is validated, keys must be unique within the file, references must
point at a record in the file or already stored, and emails, slugs and Slack ids must not belong
to another stored record; the first problem rejects the file with ``ImportRejected`` (collection,
1-based record number, field) and nothing is written. A good file is written in one transaction,
upserting by key, so importing it again changes nothing.
"""

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from actions.errors import Conflict, ImportRejected
from actions.import_schema import COLLECTIONS, AccountsImport
from actions.models import Membership, User, Workspace
from actions.sqlite_adapter import SQLiteBillingAdapter
from actions.sqlite_rows import SPEC_BY_TABLE, Record


class ImportSummary(BaseModel):
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def import_accounts(adapter: SQLiteBillingAdapter, path: str | Path) -> ImportSummary:
    document = parse_document(_read(Path(path)))
    _check_unique_keys(document)
    records: list[Record] = [record for name in COLLECTIONS for record in getattr(document, name)]
    try:
        # The checks against stored data run inside the write transaction: what they saw is
        # what the upsert meets.
        with adapter.transaction():
            _check_references(adapter, document)
            _check_taken(adapter, document)
            adapter.upsert(records)
    except Conflict as exc:
        raise ImportRejected(str(exc)) from None
    return ImportSummary(counts={name: len(getattr(document, name)) for name in COLLECTIONS})


def parse_document(text: str) -> AccountsImport:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportRejected(f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    if not isinstance(data, dict):
        raise ImportRejected("the document must be a JSON object with one list per collection")
    try:
        return AccountsImport.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        raise _rejection(errors[0], more=len(errors) - 1) from None


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportRejected(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from None


# What the model's patterns mean, by field name.
_FORMATS = {
    "email": "is not an email address",
    "slug": "must be lowercase letters, digits and dashes, starting with a letter or digit",
    "country": "must be a two-letter country code (ISO 3166-1 alpha-2, e.g. US)",
}


def _rejection(error: ErrorDetails, more: int) -> ImportRejected:
    loc = error["loc"]
    collection = str(loc[0]) if loc else None
    if error["type"] == "extra_forbidden" and len(loc) == 1:
        return ImportRejected(f"unknown collection '{collection}'; expected some of: {', '.join(COLLECTIONS)}")
    record = loc[1] + 1 if len(loc) > 1 and isinstance(loc[1], int) else None
    field = _field_path(loc[2:]) or None
    message = {
        "missing": "is required",
        "extra_forbidden": "is not a field of this record",
        "string_pattern_mismatch": _FORMATS.get(str(loc[-1]), error["msg"]),
    }.get(error["type"], error["msg"])
    if more:
        message += f" (and {more} more problem{'s' if more > 1 else ''})"
    return ImportRejected(message, record=record, field=field, collection=collection)


def _field_path(parts: Iterable[int | str]) -> str:
    path = ""
    for part in parts:
        path += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def _check_unique_keys(document: AccountsImport) -> None:
    """Two records with one key would silently collapse into one; emails, slugs and Slack ids
    would break their unique index halfway through the write."""
    for name in COLLECTIONS:
        spec = SPEC_BY_TABLE[name]  # each collection is stored in the table of the same name
        _first_duplicate(name, getattr(document, name), spec.key[-1], _key_of(spec.key))
    _first_duplicate("users", document.users, "email", lambda user: user.email.lower())
    _first_duplicate("users", document.users, "slack_user_id", lambda user: user.slack_user_id)
    _first_duplicate("workspaces", document.workspaces, "slug", lambda workspace: workspace.slug.lower())


def _key_of(columns: tuple[str, ...]) -> Callable[[Any], tuple[str, ...]]:
    return lambda record: tuple(str(getattr(record, column)) for column in columns)


def _first_duplicate(collection: str, records: list[Any], field: str, key: Callable[[Any], Any]) -> None:
    seen: dict[Any, int] = {}
    for number, record in enumerate(records, start=1):
        value = key(record)
        if value is None:
            continue
        if value in seen:
            raise ImportRejected(f"repeats record {seen[value]}", record=number, field=field, collection=collection)
        seen[value] = number


def _check_references(adapter: SQLiteBillingAdapter, document: AccountsImport) -> None:
    workspaces = {workspace.id for workspace in document.workspaces}
    users = {user.id for user in document.users}
    known: dict[tuple[str, str], bool] = {}

    def exists(kind: str, id_: str) -> bool:
        if (kind, id_) not in known:
            found = adapter.workspace(id_) if kind == "workspace" else adapter.user(id_)
            known[(kind, id_)] = found is not None
        return known[(kind, id_)]

    for name in COLLECTIONS:
        for number, record in enumerate(getattr(document, name), start=1):
            if isinstance(record, Membership) and record.user_id not in users and not exists("user", record.user_id):
                raise ImportRejected(_missing("user", record.user_id), record=number, field="user_id", collection=name)
            workspace_id = getattr(record, "workspace_id", None)
            if workspace_id is not None and workspace_id not in workspaces and not exists("workspace", workspace_id):
                raise ImportRejected(
                    _missing("workspace", workspace_id), record=number, field="workspace_id", collection=name
                )


def _missing(kind: str, id_: str) -> str:
    return f"refers to {kind} '{id_}', which is neither in this file nor stored"


def _check_taken(adapter: SQLiteBillingAdapter, document: AccountsImport) -> None:
    """An email, Slack id or slug already stored under another id."""
    for number, user in enumerate(document.users, start=1):
        _not_taken(adapter.user_by_email(user.email), user, number, "users", "email")
        if user.slack_user_id:
            _not_taken(adapter.user_by_slack_id(user.slack_user_id), user, number, "users", "slack_user_id")
    for number, workspace in enumerate(document.workspaces, start=1):
        _not_taken(adapter.workspace_by_slug(workspace.slug), workspace, number, "workspaces", "slug")


def _not_taken(
    stored: User | Workspace | None, record: User | Workspace, number: int, collection: str, field: str
) -> None:
    if stored is not None and stored.id != record.id:
        raise ImportRejected(
            f"already belongs to the stored record '{stored.id}'", record=number, field=field, collection=collection
        )
