"""Errors of the knowledge package.

KnowledgeError
 ├── ContentError          a content file is missing, unparsable or fails validation;
 │                         carries the file, the entry id and the field at fault.
 ├── ExportError           an export format is unknown, or its files cannot be written.
 └── EvaluationSetError    an evaluation set is missing or has a bad line; carries file and line.
"""

from pathlib import Path


class KnowledgeError(Exception):
    """Base of every error this package raises."""


class ContentError(KnowledgeError):
    def __init__(self, file: Path | str, message: str, entry: str | None = None, field: str | None = None):
        self.file = str(file)
        self.entry = entry
        self.field = field
        self.message = message
        where = self.file
        if entry:
            where += f": entry '{entry}'"
        if field:
            where += f": field '{field}'"
        super().__init__(f"{where}: {message}")


class ExportError(KnowledgeError):
    """An export format is unknown or unavailable, or the output cannot be written."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


class EvaluationSetError(KnowledgeError):
    """An evaluation set (JSON lines of questions and expected ids) is missing or malformed."""

    def __init__(self, file: Path | str, message: str, line: int | None = None):
        self.file = str(file)
        self.line = line
        self.message = message
        where = f"{self.file}: line {line}" if line else self.file
        super().__init__(f"{where}: {message}")
