"""The console channel: ``supportbot run`` without Slack tokens answers stdin line by line."""

import io
import os
import subprocess
import sys
from pathlib import Path

from bot.console import run_console
from bot.conversation import Conversation
from knowledge import load_knowledge_base

SLACK_VARS = ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "SUPPORTBOT_DB")


def run_bot(stdin: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in SLACK_VARS}
    clean.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "run", *args],
        input=stdin, capture_output=True, text=True, env=clean, timeout=120,
    )


def test_piped_questions_are_each_answered_in_order_and_it_exits_at_end_of_input():
    result = run_bot("do you offer refunds?\n\nhow do I delete my workspace?\nhow do I install analytics.js?\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    refunds = out.index("Segment doesn't offer refunds")
    deletion = out.index("#how-do-i-delete-my-workspace-entirely")
    handover = out.index("passing it to the support team")
    assert refunds < deletion < handover
    assert [line for line in out.splitlines() if line.startswith("> ")] == [
        "> do you offer refunds?", "> how do I delete my workspace?", "> how do I install analytics.js?",
    ]  # the blank line is skipped, not answered


def test_user_option_adds_personal_facts_from_the_demo_data():
    result = run_bot("what happens when I exceed the free plan limit?\n", "--user", "owner@cobalt-over-twice.example")
    assert result.returncode == 0, result.stderr
    assert "For your workspace" in result.stdout
    assert "data has stopped" in result.stdout or "stopped" in result.stdout


def test_an_existing_accounts_database_is_used_as_is(tmp_path: Path):
    empty = tmp_path / "accounts.db"
    subprocess.run([sys.executable, "-m", "bot.cli", "db", "init", "--db", str(empty)], check=True, capture_output=True)
    result = run_bot(
        "what happens when I exceed the free plan limit?\n", "--user", "owner@cobalt-over-twice.example",
        env={"SUPPORTBOT_DB": str(empty)},
    )
    assert result.returncode == 0, result.stderr
    assert "For your workspace" not in result.stdout  # no demo data was slipped into a real database


def test_hostile_input_is_answered_without_a_crash():
    lines = ["\x00\x07\x1b[31m", "🙂" * 500, "<!channel> <@U123> <https://x.io|click>", "x" * 50_000, "привет как дела"]
    result = run_bot("\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    echoes = [line for line in result.stdout.splitlines() if line.startswith("> ")]
    assert len(echoes) == len(lines)
    assert "\x1b" not in result.stdout and "\x00" not in result.stdout  # nothing drives the terminal
    assert max(len(line) for line in echoes) < 300  # a huge paste is not echoed in full
    assert "Traceback" not in result.stdout + result.stderr


def test_interactive_mode_greets_prompts_and_says_goodbye():
    out = io.StringIO()
    answered = run_console(Conversation(load_knowledge_base()), iter(["refund please\n"]), out, interactive=True)
    assert answered == 1
    text = out.getvalue()
    assert text.startswith("Support console")
    assert "you> " in text and text.rstrip().endswith("Bye.")


def test_workspace_command_answers_the_choice_of_a_user_in_several_workspaces():
    from actions.asker import Asker
    from actions.demo import seed_demo
    from actions.guarded import GuardedAdapter
    from actions.sqlite_adapter import SQLiteBillingAdapter

    def ask_all(lines: list[str], db: Path) -> str:
        out = io.StringIO()
        with GuardedAdapter(SQLiteBillingAdapter(db)) as adapter:
            conversation = Conversation(load_knowledge_base(), adapter)
            run_console(conversation, iter(lines), out, asker=Asker(email="alex@consultants.example"))
        return out.getvalue()

    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "demo.db"
        seed_demo(db)
        text = ask_all(["how much will I pay if I cancel today?\n", "/workspace fable-team-monthly\n",
                        "how much will I pay if I cancel today?\n"], db)
    first, _, second = text.partition("Asking for workspace fable-team-monthly")
    assert "several workspaces" in first and "For your workspace" not in first
    assert "For your workspace Fable Media" in second and "Cancelling today, the final bill" in second


def test_small_talk_gets_a_friendly_word_not_a_hand_over():
    out = io.StringIO()
    run_console(Conversation(load_knowledge_base()), iter(["thanks, that worked!\n", "how do I set up SSO?\n"]), out)
    thanks, _, sso = out.getvalue().partition("> how do I set up SSO?")
    assert "Happy to help" in thanks and "passing it to the support team" not in thanks
    assert "passing it to the support team" in sso
