"""The ``supportbot`` command line: parses arguments, calls the libraries, renders results."""

from bot.cli.main import app


def main() -> None:
    app()


__all__ = ["app", "main"]
