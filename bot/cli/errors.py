"""Turning library errors into a clean CLI exit: a message on stderr and a status, no traceback."""

from typing import NoReturn

import typer

from bot.cli import wording
from knowledge.errors import ContentError

EXIT_DONE = 0
EXIT_REFUSED = 1
EXIT_BAD_INPUT = 2


def fail(message: str, status: int = EXIT_BAD_INPUT) -> NoReturn:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(status)


def location(entry: str | None, field: str | None) -> list[str]:
    """Where in a content file: the entry and the field, as far as known."""
    parts = [wording.WHERE_ENTRY.format(entry=entry)] if entry else []
    return parts + ([wording.WHERE_FIELD.format(field=field)] if field else [])


def content_error(error: ContentError) -> str:
    """A content error as one line: file, entry, field, what is wrong."""
    where = "".join(f": {part}" for part in location(error.entry, error.field))
    return wording.CONTENT_ERROR.format(file=error.file, where=where, message=error.message)
