"""Root of the command line; each command group lives in its own module and registers itself."""

import typer

from bot.cli import action_commands, ask_commands, db_commands, kb_commands, run_commands, serve_commands

app = typer.Typer(
    name="supportbot",
    help="Slack support assistant for billing and account questions.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for module in (kb_commands, ask_commands, db_commands, action_commands, serve_commands, run_commands):
    module.register(app)
