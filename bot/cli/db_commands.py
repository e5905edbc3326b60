"""Commands: ``db init``, ``db seed --demo``, ``accounts import FILE`` and ``accounts schema``."""

import os
from pathlib import Path
from typing import Annotated

import typer

from actions.demo import seed_demo
from actions.errors import AdapterError, Conflict, ImportRejected
from actions.import_schema import schema_text
from actions.importer import import_accounts
from actions.sqlite_adapter import SQLiteBillingAdapter
from bot.cli import wording
from bot.cli.errors import EXIT_BAD_INPUT, EXIT_REFUSED, fail
from bot.settings import DB_ENV, DEFAULT_DB


db_app = typer.Typer(help="Create the accounts database and fill it with demo data.", no_args_is_help=True)
accounts_app = typer.Typer(help="Import real account data; show the import format.", no_args_is_help=True)

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help=f"SQLite file. Default: ${DB_ENV}, else {DEFAULT_DB} in the current directory."),
]


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.add_typer(db_app, name="db")
    app.add_typer(accounts_app, name="accounts")


def db_path(option: Path | None) -> Path:
    """``--db``, else the environment (read now, not at import), else the default file."""
    return option or Path(os.environ.get(DB_ENV) or DEFAULT_DB)


def open_adapter(path: Path) -> SQLiteBillingAdapter:
    """The adapter on ``path``, schema up to date; a file that cannot serve exits 1."""
    try:
        return SQLiteBillingAdapter(path)
    except AdapterError as exc:
        fail(wording.DB_ERROR.format(path=path, message=exc), EXIT_REFUSED)


@db_app.command("init")
def init(db: DbOption = None) -> None:
    """Create the database, or bring its schema up to date. Safe to run again."""
    path = db_path(db)
    with open_adapter(path) as adapter:
        typer.echo(wording.DB_READY.format(path=path, version=adapter.schema_version()))


@db_app.command("seed")
def seed(
    demo: Annotated[bool, typer.Option("--demo", help="Write the demo data set (dates relative to today).")] = False,
    db: DbOption = None,
) -> None:
    """Write the demo data set: one workspace for each account situation, replacing an earlier demo."""
    if not demo:
        fail(wording.DB_SEED_WHAT, EXIT_BAD_INPUT)
    path = db_path(db)
    with open_adapter(path) as adapter:
        try:
            workspaces = seed_demo(adapter)
        except Conflict as exc:
            fail(wording.DB_CONFLICT.format(path=path, message=exc), EXIT_REFUSED)
        except AdapterError as exc:
            fail(wording.DB_ERROR.format(path=path, message=exc), EXIT_REFUSED)
    typer.echo(wording.DB_SEEDED.format(count=len(workspaces), path=path))
    for workspace in workspaces:
        typer.echo(wording.DB_SEEDED_WORKSPACE.format(slug=workspace.slug, situation=workspace.situation))
    typer.echo(wording.DB_SEEDED_HINT)


@accounts_app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="JSON document; see `supportbot accounts schema`.")],
    db: DbOption = None,
) -> None:
    """Import users, workspaces and billing records from FILE: all of it, or nothing."""
    path = db_path(db)
    with open_adapter(path) as adapter:
        try:
            summary = import_accounts(adapter, file)
        except ImportRejected as exc:
            fail(wording.IMPORT_REJECTED.format(file=file, message=exc), EXIT_BAD_INPUT)
        except AdapterError as exc:
            fail(wording.DB_ERROR.format(path=path, message=exc), EXIT_REFUSED)
    counts = ", ".join(
        wording.IMPORT_COUNT.format(collection=name, count=count) for name, count in summary.counts.items() if count
    )
    typer.echo(wording.IMPORT_DONE.format(total=summary.total, path=path, counts=counts or "-"))


@accounts_app.command("schema")
def schema() -> None:
    """Print the JSON Schema of the import format."""
    typer.echo(schema_text(), nl=False)
