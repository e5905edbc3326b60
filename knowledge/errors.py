"""Errors of the knowledge package.

KnowledgeError
 └── ContentError          a content file is missing, unparsable or fails validation;
                           carries the file, the entry id and the field at fault.
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
