"""``supportbot db ...`` and ``supportbot accounts ...`` driven through Typer's runner."""

import json
import re
import sqlite3
from pathlib import Path

import pytest
import typer
from typer.core import TyperArgument, TyperGroup
from typer.testing import CliRunner

from actions.migrations import LATEST_VERSION
from bot.cli.main import app

ROOT = Path(__file__).resolve().parents[2]
ACCOUNTS = ROOT / "tests" / "data" / "accounts"

runner = CliRunner()


def run(*args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, list(args), env=env)


def workspaces_in(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT count(*) FROM workspaces").fetchone()[0]


@pytest.fixture
def example(tmp_path) -> Path:
    text = (ROOT / "docs" / "accounts-import.md").read_text()
    path = tmp_path / "example.json"
    path.write_text(re.search(r"```json\n(.*?)```", text, re.DOTALL).group(1))
    return path


@pytest.mark.parametrize("group", ["db", "accounts"])
def test_every_command_has_help_text(group):
    command = typer.main.get_command(app).commands[group]
    assert isinstance(command, TyperGroup) and command.help
    for name, sub in command.commands.items():
        assert sub.help, name
        for param in sub.params:
            if not isinstance(param, TyperArgument) and param.name != "help":
                assert getattr(param, "help", None), f"{name} {param.name}"
    assert run(group, "--help").exit_code == 0


def test_db_init_creates_the_file_with_the_schema(tmp_path):
    path = tmp_path / "new.db"
    result = run("db", "init", "--db", str(path))
    assert result.exit_code == 0, result.output
    assert str(path) in result.output and f"schema version {LATEST_VERSION}" in result.output
    assert workspaces_in(path) == 0
    assert run("db", "init", "--db", str(path)).exit_code == 0  # again: harmless


def test_the_database_path_comes_from_the_environment_else_the_current_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SUPPORTBOT_DB", raising=False)
    assert run("db", "init").exit_code == 0
    assert (tmp_path / "supportbot.db").exists()
    elsewhere = tmp_path / "from-env.db"
    result = run("db", "init", env={"SUPPORTBOT_DB": str(elsewhere)})
    assert result.exit_code == 0 and elsewhere.exists()
    flagged = tmp_path / "flag.db"
    assert run("db", "init", "--db", str(flagged), env={"SUPPORTBOT_DB": str(elsewhere)}).exit_code == 0
    assert flagged.exists()


def test_db_seed_demo(tmp_path):
    path = tmp_path / "demo.db"
    result = run("db", "seed", "--demo", "--db", str(path))
    assert result.exit_code == 0, result.output
    assert "acme-free" in result.output and "sage-deletion-pending" in result.output
    count = workspaces_in(path)
    assert count >= 23 and f"Seeded {count} demo workspaces" in result.output
    assert run("db", "seed", "--demo", "--db", str(path)).exit_code == 0
    assert workspaces_in(path) == count


def test_db_seed_without_demo_is_bad_input(tmp_path):
    result = run("db", "seed", "--db", str(tmp_path / "x.db"))
    assert result.exit_code == 2
    assert "--demo" in result.output


def test_a_file_that_is_not_a_database_exits_1_with_a_clean_message(tmp_path):
    path = tmp_path / "garbage.db"
    path.write_bytes(b"definitely not sqlite " * 100)
    for args in (["db", "init"], ["db", "seed", "--demo"], ["accounts", "import", str(ACCOUNTS / "bad-email.json")]):
        result = run(*args, "--db", str(path))
        assert result.exit_code == 1, args
        assert "cannot be used" in result.output and "Traceback" not in result.output


def test_accounts_import(tmp_path, example):
    path = tmp_path / "accounts.db"
    result = run("accounts", "import", str(example), "--db", str(path))
    assert result.exit_code == 0, result.output
    assert "Imported 10 record(s)" in result.output and "users 2" in result.output
    assert workspaces_in(path) == 1


def test_a_rejected_import_exits_2_names_the_record_and_writes_nothing(tmp_path):
    path = tmp_path / "accounts.db"
    result = run("accounts", "import", str(ACCOUNTS / "bad-email.json"), "--db", str(path))
    assert result.exit_code == 2
    assert "users, record 3, field 'email'" in result.output and "nothing imported" in result.output
    assert workspaces_in(path) == 0


def test_importing_a_missing_file_exits_2(tmp_path):
    result = run("accounts", "import", str(tmp_path / "absent.json"), "--db", str(tmp_path / "a.db"))
    assert result.exit_code == 2 and "cannot read" in result.output


def test_accounts_schema_prints_the_committed_schema():
    result = run("accounts", "schema")
    assert result.exit_code == 0
    assert result.output == (ROOT / "docs" / "accounts-import.schema.json").read_text()
    assert set(json.loads(result.output)["properties"]) >= {"users", "workspaces", "memberships", "subscriptions"}
