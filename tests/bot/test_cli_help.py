"""Every command, group and option of ``supportbot`` explains itself."""

from typing import Any

import pytest
import typer.main

from bot.cli import app


def _commands(command: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    """Walked by shape: the command classes are Typer's own, not necessarily Click's."""
    found = [(path, command)]
    for name, sub in (getattr(command, "commands", None) or {}).items():
        found += _commands(sub, path + (name,))
    return found


COMMANDS = _commands(typer.main.get_command(app))


def test_the_tree_has_the_commands_the_readme_names():
    names = {" ".join(path) for path, _ in COMMANDS}
    for expected in ("ask", "match", "eval", "run", "serve", "kb check", "kb export", "db init", "db seed",
                     "accounts import", "accounts schema", "action", "audit tail"):
        assert expected in names


@pytest.mark.parametrize("path,command", COMMANDS, ids=lambda v: " ".join(v) if isinstance(v, tuple) else "")
def test_every_command_and_option_has_help(path, command):
    assert (command.help or "").strip(), f"'{' '.join(path) or 'supportbot'}' has no help text"
    for param in command.params:
        if param.param_type_name == "option" and param.name != "help":
            assert (param.help or "").strip(), f"option {param.opts} of '{' '.join(path)}' has no help text"
