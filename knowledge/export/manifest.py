"""What an export wrote last time, so that the next one removes what it no longer writes.

A page dropped from the knowledge base must not live on as a stale file that search engines and
old links still find. A file the export never wrote (a CNAME, a robots.txt someone added) must
survive, so only files named in the previous run's manifest are ever removed. Each format keeps
its own manifest: a JSON and an HTML export may share a folder.
"""

import json
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

MANIFEST_PREFIX = ".export-"


def manifest_path(out_dir: Path, fmt: str) -> Path:
    return out_dir / f"{MANIFEST_PREFIX}{fmt}.json"


def previous_files(out_dir: Path, fmt: str) -> set[str]:
    """The relative paths the last export of ``fmt`` wrote; none when it left no readable record."""
    try:
        listed = json.loads(manifest_path(out_dir, fmt).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    if not isinstance(listed, list):
        return set()
    return {item for item in listed if isinstance(item, str) and _inside(item)}


def remove_stale(out_dir: Path, previous: Iterable[str], written: Iterable[Path]) -> list[Path]:
    """Delete the files of ``previous`` this run did not write, and folders they leave empty."""
    current = {path.relative_to(out_dir).as_posix() for path in written}
    removed = []
    for relative in sorted(set(previous) - current):
        path = out_dir / relative
        if path.is_file() and not path.is_symlink():
            path.unlink()
            removed.append(path)
            _prune_empty_parents(path.parent, out_dir)
    return removed


def record(out_dir: Path, fmt: str, written: Iterable[Path]) -> None:
    listed = sorted(path.relative_to(out_dir).as_posix() for path in written)
    manifest_path(out_dir, fmt).write_text(json.dumps(listed, indent=1) + "\n", encoding="utf-8", newline="\n")


def _inside(relative: str) -> bool:
    """A hand-edited manifest must not reach outside the export folder."""
    path = PurePosixPath(relative)
    return bool(relative) and not path.is_absolute() and ".." not in path.parts and "\\" not in relative


def _prune_empty_parents(folder: Path, out_dir: Path) -> None:
    while folder != out_dir and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
