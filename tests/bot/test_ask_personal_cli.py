"""``supportbot ask --user``: the generic answer plus the asker's own facts, never anyone else's."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from actions.demo import seed_demo
from bot.cli import app

runner = CliRunner()
FREE_LIMIT = "what happens when I exceed the free plan limit?"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("accounts") / "demo.db"
    seed_demo(path)
    return path


def ask(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["ask", *args])
    return result.exit_code, result.output


def test_a_member_gets_the_generic_answer_then_their_workspace_facts(demo_db):
    code, out = ask(FREE_LIMIT, "--user", "owner@bolt-over-once.example", "--db", str(demo_db))
    assert code == 0
    generic = out.index("If you exceed the 1,000 MTU limit once in a 6-month period")
    personal = out.index("For your workspace")
    assert generic < personal
    assert "once in the last 6 months" in out[personal:]


def test_the_generic_answer_is_the_same_with_and_without_an_asker(demo_db):
    _, anonymous = ask(FREE_LIMIT)
    _, personal = ask(FREE_LIMIT, "--user", "owner@bolt-over-once.example", "--db", str(demo_db))
    assert personal.startswith(anonymous.rstrip("\n"))


def test_a_user_of_several_workspaces_gets_the_choice_not_a_guess(demo_db):
    code, out = ask("do I get a refund if I cancel now?", "--user", "alex@consultants.example", "--db", str(demo_db))
    assert code == 0
    assert "several workspaces" in out
    assert "fable-team-monthly" in out and "acme-free" in out
    assert "final bill" not in out


def test_naming_the_workspace_answers_for_it(demo_db):
    code, out = ask(
        "do I get a refund if I cancel now?", "--user", "alex@consultants.example",
        "--workspace", "fable-team-monthly", "--db", str(demo_db),
    )
    assert code == 0
    assert "For your workspace Fable Media" in out and "final bill" in out


@pytest.mark.parametrize("slug", ["fable-team-monthly", "no-such-workspace"])
def test_a_workspace_the_asker_is_not_in_looks_like_one_that_does_not_exist(demo_db, slug):
    code, out = ask(
        "do I get a refund if I cancel now?", "--user", "owner@acme-free.example",
        "--workspace", slug, "--db", str(demo_db), "--json",
    )
    assert code == 0
    _, baseline = ask(
        "do I get a refund if I cancel now?", "--user", "owner@acme-free.example",
        "--workspace", "no-such-workspace", "--db", str(demo_db), "--json",
    )
    assert json.loads(out) == json.loads(baseline)
    assert "Fable" not in out


def test_demo_flag_answers_from_a_fresh_demo_data_set():
    code, out = ask("can I still revoke my workspace deletion?", "--user", "owner@sage-deletion-pending.example", "--demo")
    assert code == 0
    assert "For your workspace Sage Studio" in out


def test_a_missing_accounts_database_is_a_clear_error(tmp_path):
    missing = tmp_path / "nope.db"
    code, out = ask("refund?", "--user", "owner@acme-free.example", "--db", str(missing))
    assert code == 2
    assert "no accounts database" in out and "db seed --demo" in out
    assert not missing.exists()
