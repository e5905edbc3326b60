"""``supportbot run``: Socket Mode or HTTP when Slack tokens are set, else the console channel."""

import os
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import Annotated, Optional

import typer

from actions.asker import Asker
from bot.cli.errors import fail
from bot.errors import SettingsError
from bot.settings import Mode, Settings, load_settings


def register(app: typer.Typer) -> None:
    app.command("run")(run)


def run(
    user: Annotated[Optional[str], typer.Option("--user", help="Console: ask as this user (email) to get personal answers.")] = None,
    workspace: Annotated[Optional[str], typer.Option("--workspace", help="Console: the asker's workspace slug.")] = None,
    host: Annotated[str, typer.Option(help="HTTP mode: interface to listen on.")] = "0.0.0.0",
    port: Annotated[int, typer.Option(help="HTTP mode: port to listen on.", envvar="PORT")] = 3000,
) -> None:
    """Run the bot: Socket Mode when SLACK_APP_TOKEN is set, HTTP when the bot token and signing
    secret are, otherwise a console channel on demo data (one answer per line of input)."""
    try:
        settings = load_settings()
    except SettingsError as error:
        fail(str(error))
    if settings.mode is Mode.CONSOLE:
        _console(settings, Asker(email=user, workspace_slug=workspace) if (user or workspace) else None)
        return
    from bot.cli.serve_commands import serve_http, serve_socket_mode

    if settings.mode is Mode.SOCKET:
        serve_socket_mode(settings)
    else:
        serve_http(settings, host=host, port=port)


def _console(settings: Settings, asker: Asker | None) -> None:
    from actions.demo import seed_demo
    from bot.console import run_console
    from bot.services import build_services

    with ExitStack() as stack:
        if "SUPPORTBOT_DB" not in os.environ:
            # A fresh demo database each start: the demo dates are relative to today.
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="supportbot-demo-"))
            settings = settings.model_copy(update={"db_path": Path(folder) / "demo.db"})
            seed_demo(settings.db_path)
        services = build_services(settings)
        stack.callback(services.close)
        run_console(services.conversation, sys.stdin, sys.stdout, asker=asker, interactive=sys.stdin.isatty())
