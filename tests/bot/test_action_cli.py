"""``supportbot action`` and ``supportbot audit tail``, driven through Typer's runner on a real
demo database (seeded with today's clock, as ``make run`` does), and once through a terminal."""

import json
import os
import pty
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.core import TyperOption
from typer.testing import CliRunner

from actions import wording as action_wording
from actions.demo import seed_demo
from actions.sqlite_adapter import SQLiteBillingAdapter
from bot.cli import wording
from bot.cli.main import app

runner = CliRunner()
PENDING = "sage-deletion-pending"
OWNER = f"owner@{PENDING}.example"
MEMBER = f"member@{PENDING}.example"
SUPPORTBOT = Path(sys.executable).parent / "supportbot"


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli-demo") / "template.db"
    seed_demo(path)
    return path


@pytest.fixture
def db(template, tmp_path) -> Path:
    path = tmp_path / "supportbot.db"
    shutil.copyfile(template, path)
    return path


def run(db: Path, *args: str):
    return runner.invoke(app, [*args, "--db", str(db)])


def revoke(db: Path, *extra: str, user: str = OWNER):
    return run(db, "action", "revoke-deletion", "--user", user, "--workspace", PENDING, *extra)


def still_pending(db: Path) -> bool:
    with SQLiteBillingAdapter(db) as adapter:
        return adapter.facts(f"ws-{PENDING}").deletion.revoked_at is None


# -- help and listing -------------------------------------------------------------------------


def test_every_option_of_action_and_audit_tail_has_help_text():
    root = typer.main.get_command(app)
    commands = {"action": root.commands["action"], "audit tail": root.commands["audit"].commands["tail"]}
    assert root.commands["audit"].help
    for name, command in commands.items():
        assert command.help, name
        for option in (p for p in command.params if isinstance(p, TyperOption)):
            assert option.help, f"{name} {option.name}"


def test_the_list_says_what_each_action_does_and_who_may_run_it():
    result = runner.invoke(app, ["action", "--list"])
    assert result.exit_code == 0
    assert "revoke-deletion" in result.stdout and "who: a workspace owner or a support agent" in result.stdout
    assert "escalate" in result.stdout and "anyone" in result.stdout
    listed = json.loads(runner.invoke(app, ["action", "--list", "--json"]).stdout)
    revoke_row = next(row for row in listed if row["name"] == "revoke-deletion")
    assert revoke_row == {"name": "revoke-deletion", "kind": "fix", "read_only": False, "needs_workspace": True,
                          "roles": ["agent", "owner"], "purpose": action_wording.ACTION_PURPOSES["revoke-deletion"]}
    assert len(listed) == 8


# -- bad input: exit 2 ------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "message"), [
    (["action", "--user", OWNER], wording.ACTION_WHICH),
    (["action", "revoke-deletion", "--workspace", PENDING], wording.ACTION_NEEDS_USER),
    (["action", "revoke-everything", "--user", OWNER, "--workspace", PENDING], "unknown action 'revoke-everything'"),
    (["action", "transfer-precheck", "--user", OWNER, "--workspace", PENDING, "--arg", "source"],
     wording.ACTION_BAD_ARG.format(arg="source")),
    (["action", "transfer-precheck", "--user", OWNER, "--workspace", PENDING, "--arg", "source=a", "--arg", "source=b"],
     wording.ACTION_REPEATED_ARG.format(key="source")),
    (["action", "transfer-precheck", "--user", OWNER, "--workspace", PENDING, "--arg", "source=Web app"],
     "transfer-precheck: target: Field required"),
    (["action", "usage-status", "--user", OWNER], "usage-status: a workspace is required"),
    (["action", "revoke-deletion", "--user", OWNER, "--workspace", PENDING, "--idempotency-key", " "],
     "idempotency key"),
])
def test_bad_input_exits_2_with_a_clear_message(db, args, message):
    result = run(db, *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_a_missing_database_is_named_and_not_created(tmp_path):
    missing = tmp_path / "nope.db"
    result = run(missing, "action", "usage-status", "--user", OWNER, "--workspace", PENDING)
    assert result.exit_code == 2 and str(missing) in result.stderr
    assert not missing.exists()


# -- checks -----------------------------------------------------------------------------------


def test_a_check_runs_at_once_and_prints_its_lines(db):
    result = run(db, "action", "usage-status", "--user", "readonly@bolt-over-once.example", "--workspace", "bolt-over-once")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Usage for workspace Bolt Labs:")
    assert "  The workspace is locked, but data still flows." in result.stdout


def test_a_check_as_json(db):
    result = run(db, "action", "trial-status", "--user", "U0DEMO052", "--workspace", "ember-trial-ends-today", "--json")
    assert result.exit_code == 0
    printed = json.loads(result.stdout)
    assert printed["preview"] is None
    assert printed["outcome"]["status"] == "done" and printed["outcome"]["data"]["trial"]["days_left"] == 0


def test_the_database_comes_from_the_environment_without_db(db, monkeypatch):
    monkeypatch.setenv("SUPPORTBOT_DB", str(db))
    result = runner.invoke(app, ["action", "coupon-status", "--user", OWNER, "--workspace", PENDING])
    assert result.exit_code == 0 and "Coupons for workspace Sage Studio:" in result.stdout


# -- refusals: exit 1 -------------------------------------------------------------------------


def test_a_member_may_not_revoke(db):
    result = revoke(db, "--yes", user=MEMBER)
    assert result.exit_code == 1
    assert "Only a workspace owner or a support agent can revoke" in result.stdout
    assert still_pending(db)


def test_an_unknown_workspace_is_refused_like_someone_elses(db):
    theirs = run(db, "action", "usage-status", "--user", "owner@acme-free.example", "--workspace", PENDING)
    unknown = run(db, "action", "usage-status", "--user", "owner@acme-free.example", "--workspace", "ghost")
    assert theirs.exit_code == unknown.exit_code == 1
    assert theirs.stdout.replace(PENDING, "X") == unknown.stdout.replace("ghost", "X")


# -- preview, confirmation and run ------------------------------------------------------------


def test_without_yes_it_previews_and_does_nothing(db):
    result = revoke(db)
    assert result.exit_code == 0
    assert result.stdout.startswith("This will revoke the deletion of Sage Studio")
    assert wording.ACTION_DRY_RUN in result.stderr
    assert still_pending(db)


def test_with_yes_it_runs_once_per_key(db):
    done = revoke(db, "--yes", "--idempotency-key", "cli-1")
    assert done.exit_code == 0, done.output
    assert action_wording.action_deletion_revoked("Sage Studio") in done.stdout
    assert not still_pending(db)

    again = revoke(db, "--yes", "--idempotency-key", "cli-1")
    assert again.exit_code == 0
    assert action_wording.action_deletion_revoked("Sage Studio") in again.stdout
    assert wording.ACTION_REPLAYED.format(key="cli-1") in again.stdout

    fresh = revoke(db, "--yes")
    assert fresh.exit_code == 1 and "was already revoked" in fresh.stdout


def test_an_agent_runs_it_as_json(db):
    result = revoke(db, "--yes", "--json", "--agent", user="agent@support.example")
    assert result.exit_code == 0
    printed = json.loads(result.stdout)
    assert printed["preview"]["status"] == "ready" and printed["outcome"]["status"] == "done"
    assert printed["outcome"]["data"]["deletion"]["state"] == "revoked"


def test_json_without_yes_is_a_preview_only(db):
    result = revoke(db, "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["outcome"] is None
    assert still_pending(db)


def _in_a_terminal(db: Path, answer: bytes) -> tuple[int, str]:
    """Run the real command with a terminal as stdin/stdout and answer its question."""
    primary, secondary = pty.openpty()
    process = subprocess.Popen(
        [str(SUPPORTBOT), "action", "revoke-deletion", "--user", OWNER, "--workspace", PENDING, "--db", str(db)],
        stdin=secondary, stdout=secondary, stderr=secondary, close_fds=True,
        env={**os.environ, "COLUMNS": "200"},
    )
    os.close(secondary)
    seen = b""
    try:
        while True:
            ready, _, _ = select.select([primary], [], [], 30)
            if not ready:
                break
            try:
                chunk = os.read(primary, 4096)
            except OSError:  # the command closed the terminal
                break
            if not chunk:
                break
            seen += chunk
            if wording.ACTION_CONFIRM.encode() in seen and answer:
                os.write(primary, answer)
                answer = b""
    finally:
        os.close(primary)
    return process.wait(timeout=30), seen.decode(errors="replace")


@pytest.mark.slow
def test_at_a_terminal_it_asks_and_runs_on_yes(db):
    status, seen = _in_a_terminal(db, b"y\n")
    assert status == 0, seen
    assert "This will revoke the deletion of Sage Studio" in seen
    assert action_wording.action_deletion_revoked("Sage Studio") in seen
    assert not still_pending(db)


@pytest.mark.slow
def test_at_a_terminal_no_means_nothing_happens(db):
    status, seen = _in_a_terminal(db, b"n\n")
    assert status == 1, seen
    assert wording.ACTION_DECLINED in seen
    assert still_pending(db)


# -- audit tail -------------------------------------------------------------------------------


def test_audit_tail_shows_who_did_what_where(db):
    assert "No audit records" in run(db, "audit", "tail").stdout
    revoke(db)
    revoke(db, "--yes", "--idempotency-key", "k1")
    revoke(db, "--yes", "--idempotency-key", "k1")
    run(db, "action", "usage-status", "--user", "owner@acme-free.example", "--workspace", "acme-free")
    run(db, "action", "usage-status", "--user", "nobody@nowhere.example", "--workspace", PENDING)

    result = run(db, "audit", "tail")
    assert result.exit_code == 0
    rows = result.stdout.splitlines()
    # A run with --yes previews first; so does the repeat, whose run is then a replay.
    assert [row.split()[2] for row in rows] == ["preview", "preview", "run", "preview", "replay", "run", "run"]
    assert f"revoke-deletion     {PENDING}" in rows[2] and f"{OWNER} (owner) via cli" in rows[2]
    assert rows[-1].endswith("[not-permitted]") and "(no role)" in rows[-1]

    assert len(run(db, "audit", "tail", "-n", "2").stdout.splitlines()) == 2
    only_acme = run(db, "audit", "tail", "--workspace", "acme-free").stdout.splitlines()
    assert len(only_acme) == 1 and "usage-status" in only_acme[0]

    records = json.loads(run(db, "audit", "tail", "--json", "-n", "3").stdout)
    assert [r["phase"] for r in records] == ["replay", "run", "run"]
    assert records[-1]["reason"] == "unknown-user" and records[-1]["outcome"]["code"] == "not-permitted"


def test_audit_tail_refuses_nonsense(db, tmp_path):
    assert run(db, "audit", "tail", "-n", "0").exit_code == 2
    assert run(tmp_path / "nope.db", "audit", "tail").exit_code == 2
