"""Export the knowledge base as static files, one writer module per format.

Format ``name`` is the module ``knowledge.export.<name>_export``, which exposes
``write(kb, out_dir, base_url) -> list[Path]``. Adding a format means adding such a module;
this dispatcher finds it by name. Files an earlier export of the same format wrote and this one
does not (a page dropped from the knowledge base) are removed (see ``manifest``).
"""

import importlib
import pkgutil
from pathlib import Path
from typing import Protocol, cast

from knowledge import wording
from knowledge.base import KnowledgeBase
from knowledge.errors import ExportError
from knowledge.export.manifest import previous_files, record, remove_stale

_SUFFIX = "_export"


class Writer(Protocol):
    def __call__(self, kb: KnowledgeBase, out_dir: Path, base_url: str | None) -> list[Path]: ...


def available_formats() -> list[str]:
    """Names of the formats whose writer module is present."""
    return sorted(
        module.name.removesuffix(_SUFFIX) for module in pkgutil.iter_modules(__path__) if module.name.endswith(_SUFFIX)
    )


def export(kb: KnowledgeBase, fmt: str, out_dir: Path | str, base_url: str | None = None) -> list[Path]:
    """Write ``kb`` in format ``fmt`` into ``out_dir`` (created when missing); the paths written."""
    name = fmt.strip().lower()
    writer = _writer(name)
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ExportError(wording.OUT_DIR_NOT_A_DIRECTORY.format(path=out))
    try:
        out.mkdir(parents=True, exist_ok=True)
        previous = previous_files(out, name)
        written = writer(kb, out, base_url)
        remove_stale(out, previous, written)
        record(out, name, written)
        return written
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise ExportError(wording.CANNOT_WRITE.format(path=error.filename or out, reason=reason)) from None


def _writer(fmt: str) -> Writer:
    names = available_formats()
    available = ", ".join(names)
    # Only names of present modules are imported: a format name never reaches import_module unchecked.
    if fmt not in names:
        raise ExportError(wording.UNKNOWN_FORMAT.format(fmt=fmt, available=available))
    try:
        module = importlib.import_module(f"{__name__}.{fmt}{_SUFFIX}")
    except ImportError as error:
        # The writer exists but needs something that is not installed.
        missing = error.name or fmt
        raise ExportError(wording.FORMAT_UNAVAILABLE.format(fmt=fmt, module=missing, available=available)) from None
    write = getattr(module, "write", None)
    if not callable(write):
        raise ExportError(wording.FORMAT_WITHOUT_WRITER.format(fmt=fmt))
    return cast(Writer, write)


__all__ = ["Writer", "available_formats", "export"]
