"""Temporary content directories for knowledge tests: a copy of the shipped content, or a
minimal page of hand-written entries next to the shipped policy."""

import shutil
from pathlib import Path
from typing import Any

import yaml

from knowledge.loader import POLICY_FILE, default_content_dir

BROKEN_KB = Path(__file__).parents[1] / "data" / "broken_kb"


def shipped_copy(tmp_path: Path) -> Path:
    """A copy of the shipped content directory, safe to edit."""
    return Path(shutil.copytree(default_content_dir(), tmp_path / "content"))


def content_dir(tmp_path: Path, pages: dict[str, list[dict[str, Any]]]) -> Path:
    """A content directory with the shipped policy and one file per page key (``<key>.yaml``)."""
    directory = tmp_path / "content"
    directory.mkdir(exist_ok=True)
    shutil.copy(default_content_dir() / POLICY_FILE, directory / POLICY_FILE)
    for key, entries in pages.items():
        write_page(directory, key, entries)
    return directory


def write_page(directory: Path, key: str, entries: list[dict[str, Any]], file_name: str | None = None) -> Path:
    page = {"key": key, "title": f"{key.title()} FAQ", "url": f"https://example.com/{key}/"}
    path = directory / (file_name or f"{key}.yaml")
    document = yaml.safe_dump({"page": page, "entries": entries}, allow_unicode=True, sort_keys=False)
    path.write_text(document, encoding="utf-8")
    return path


def entry(entry_id: str, question: str, **fields: Any) -> dict[str, Any]:
    """A valid entry mapping; ``fields`` override or add to it."""
    return {
        "id": entry_id,
        "question": question,
        "category": "refunds",
        "answer": f"The answer to: {question}",
        **fields,
    }


def broken_copy(tmp_path: Path, fixture: str) -> tuple[Path, Path]:
    """A content directory holding one malformed fixture file; returns (directory, file)."""
    directory = content_dir(tmp_path, {})
    target = directory / fixture
    shutil.copy(BROKEN_KB / fixture, target)
    return directory, target
