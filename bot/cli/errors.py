"""Turning library errors into a clean CLI exit: a message on stderr and a status, no traceback."""

from typing import NoReturn

import typer

EXIT_DONE = 0
EXIT_REFUSED = 1
EXIT_BAD_INPUT = 2


def fail(message: str, status: int = EXIT_BAD_INPUT) -> NoReturn:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(status)
