"""``supportbot ask``, ``match`` and ``eval`` through the real command line, and the text
rendering they share with the console."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from actions.personal_part import PersonalPart, PersonalStatus, WorkspaceChoice
from bot import messages as say
from bot.cli.main import app
from bot.text_reply import render_reply_text
from knowledge.loader import load_knowledge_base
from knowledge.matching import Decision, Matcher, MatcherConfig

DATA = Path(__file__).resolve().parent.parent / "data"
SMALL_KB = DATA / "kb_small"
runner = CliRunner()


def run(*args: str, input: str | None = None):  # noqa: A002 - click's own name
    return runner.invoke(app, list(args), input=input)


# --- ask ---------------------------------------------------------------------------------------


def test_ask_prints_the_answer_with_its_source() -> None:
    result = run("ask", "hey <@U1> can i get my money back?")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Do you offer refunds?\n")
    assert "In most cases Segment doesn't offer refunds" in result.output
    assert "Source: https://segment.com/docs/guides/usage-and-billing/billing/#do-you-offer-refunds" in result.output


def test_ask_hands_over_what_it_cannot_answer() -> None:
    result = run("ask", "how do i install analytics.js?")
    assert result.exit_code == 0
    assert result.output.strip() == say.HANDOVER


def test_ask_for_a_person_says_the_team_was_asked() -> None:
    result = run("ask", "can I talk to a human please")
    assert result.exit_code == 0
    assert result.output.strip() == say.PERSON_REQUESTED


def test_ask_json_has_the_match_and_the_reply() -> None:
    result = run("ask", "Do you offer refunds?", "--json", "--content", str(SMALL_KB))
    data = json.loads(result.output)
    assert data["decision"] == "answer"
    assert data["entry"] == {
        "id": "refunds",
        "question": "Do you offer refunds?",
        "sources": ["https://help.example.com/billing/#do-you-offer-refunds"],
    }
    assert 0.5 <= data["confidence"] <= 1.0
    assert data["reply"].startswith("Do you offer refunds?")


def test_ask_with_a_broken_content_directory_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "policy.yaml").write_text((SMALL_KB / "policy.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "help.yaml").write_text("page: [broken\n", encoding="utf-8")
    result = run("ask", "refund?", "--content", str(tmp_path))
    assert result.exit_code == 2
    assert "help.yaml" in result.output and "not valid YAML" in result.output
    assert "Traceback" not in result.output


# --- match --jsonl -----------------------------------------------------------------------------


def test_match_jsonl_writes_one_line_per_input_in_order() -> None:
    lines = [
        json.dumps({"text": "Do you offer refunds?"}),
        "this is not json",
        json.dumps({"text": "how do i delete my workspace entirely?"}),
        json.dumps({"txt": "no text field"}),
        "",
        json.dumps(["a", "list"]),
        json.dumps({"text": 42}),
        json.dumps({"text": "hello :wave:"}),
        "[" * 100_000,
        json.dumps({"text": "refund?", "id": 7}),
    ]
    result = run("match", "--jsonl", "--content", str(SMALL_KB), input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert len(out) == len(lines)
    assert out[0]["decision"] == "answer" and out[0]["entry"]["id"] == "refunds"
    assert out[1] == {"error": say.MATCH_LINE_NOT_JSON}
    assert out[2]["entry"]["id"] == "delete-workspace"
    assert out[3] == {"error": say.MATCH_LINE_NO_TEXT}
    assert out[4] == {"error": say.MATCH_LINE_EMPTY}
    assert out[5] == {"error": say.MATCH_LINE_NO_TEXT}
    assert out[6] == {"error": say.MATCH_LINE_NO_TEXT}
    assert out[7] == {"decision": "escalate", "entry": None, "confidence": 0.0, "alternatives": []}
    assert "error" in out[8]
    assert out[9]["entry"]["id"] == "refunds"


def test_match_line_shape_lists_alternatives_with_sources_and_confidences() -> None:
    text = "what does the team trial include and what happens when it ends"
    result = run("match", "--jsonl", "--content", str(SMALL_KB), input=json.dumps({"text": text}) + "\n")
    line = json.loads(result.output)
    assert set(line) == {"decision", "entry", "confidence", "alternatives"}
    assert line["alternatives"], line
    for alternative in line["alternatives"]:
        assert set(alternative) == {"id", "question", "sources", "confidence"}
        assert alternative["sources"][0].startswith("https://help.example.com/billing/#")
        assert 0.0 <= alternative["confidence"] <= line["confidence"]
    if line["decision"] != "answer":
        assert line["entry"] is None


def test_match_jsonl_survives_bytes_that_are_not_utf8() -> None:
    data = b'{"text": "refund? \xff\xfe"}\n\xff\xff\n{"text": "Do you offer refunds?"}\n'
    result = runner.invoke(app, ["match", "--jsonl", "--content", str(SMALL_KB)], input=data)
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [line.get("error") for line in out] == [None, say.MATCH_LINE_NOT_JSON, None]
    assert out[2]["entry"]["id"] == "refunds"


def test_match_one_question_without_jsonl() -> None:
    result = run("match", "can i get my money back", "--content", str(SMALL_KB))
    assert json.loads(result.output)["entry"]["id"] == "refunds"


def test_match_needs_a_question_or_jsonl() -> None:
    result = run("match")
    assert result.exit_code == 2
    assert say.MATCH_NEEDS_INPUT in result.output


# --- eval --------------------------------------------------------------------------------------


def test_eval_prints_rates_and_misses_of_a_given_set(tmp_path: Path) -> None:
    path = tmp_path / "set.jsonl"
    path.write_text(
        "\n".join(
            json.dumps(case)
            for case in [
                {"text": "Do you offer refunds?", "expected": "refunds"},
                {"text": "asdf qwer [bold]x[/bold]", "expected": "trial-what"},
                {"text": "hello", "expected": None},
            ]
        ),
        encoding="utf-8",
    )
    result = run("eval", str(path), "--content", str(SMALL_KB))
    assert result.exit_code == 0, result.output
    assert "3 questions (2 in scope, 1 out of scope)" in result.output
    assert say.EVAL_RATE_CORRECT in result.output and "50.0%" in result.output
    assert "[bold]x[/bold]" in result.output  # customer text is shown as typed, not as markup


def test_eval_json_is_machine_readable(tmp_path: Path) -> None:
    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps({"text": "hello", "expected": "refunds"}) + "\n", encoding="utf-8")
    data = json.loads(run("eval", str(path), "--json", "--content", str(SMALL_KB)).output)
    assert data["rates"] == {
        "answered_correctly": 0.0, "answered_wrongly": 0.0, "out_of_scope_answered": 0.0, "clarify_rate": 0.0
    }
    assert data["misses"] == [
        {"text": "hello", "expected": "refunds", "got": None, "decision": "escalate", "confidence": 0.0}
    ]


def test_eval_defaults_to_the_shipped_test_set() -> None:
    data = json.loads(run("eval", "--json").output)
    assert data["file"].endswith("tests/data/eval/test.jsonl")
    assert data["total"] >= 150


def test_eval_of_a_missing_or_bad_file_is_a_clean_error(tmp_path: Path) -> None:
    missing = run("eval", str(tmp_path / "nope.jsonl"))
    assert missing.exit_code == 2
    assert "evaluation set not found" in missing.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x", "expected": null}\n{oops\n', encoding="utf-8")
    result = run("eval", str(bad))
    assert result.exit_code == 2
    assert "line 2: not valid JSON" in result.output
    unknown = tmp_path / "unknown.jsonl"
    unknown.write_text('{"text": "x", "expected": "not-an-entry"}\n', encoding="utf-8")
    assert "not-an-entry" in run("eval", str(unknown)).output


@pytest.mark.parametrize("command", ["ask", "match", "eval"])
def test_every_command_has_help(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert len(result.output.strip().splitlines()) > 3


# --- rendering ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_knowledge_base(SMALL_KB))


def test_render_answer_with_personal_facts(matcher: Matcher) -> None:
    personal = PersonalPart(
        status=PersonalStatus.FACTS,
        workspace_slug="acme",
        workspace_name="Acme",
        lines=("Plan: Team", "No refunds due"),
    )
    text = render_reply_text(matcher.match("Do you offer refunds?"), personal)
    assert text.endswith("For your workspace Acme:\n  - Plan: Team\n  - No refunds due")
    assert "Source: https://help.example.com/billing/#do-you-offer-refunds" in text


def test_render_workspace_choice_and_unavailable_note(matcher: Matcher) -> None:
    result = matcher.match("Do you offer refunds?")
    choose = PersonalPart(
        status=PersonalStatus.CHOOSE_WORKSPACE,
        choices=(WorkspaceChoice(slug="acme", name="Acme"), WorkspaceChoice(slug="beta", name="Beta")),
    )
    assert render_reply_text(result, choose).endswith(f"{say.PERSONAL_CHOOSE}\n  - Acme (acme)\n  - Beta (beta)")
    unavailable = PersonalPart(status=PersonalStatus.UNAVAILABLE)
    assert render_reply_text(result, unavailable).endswith(say.PERSONAL_UNAVAILABLE)
    assert render_reply_text(result, PersonalPart.none()) == render_reply_text(result)


def test_render_clarify_lists_the_choices() -> None:
    strict = Matcher(
        load_knowledge_base(SMALL_KB), config=MatcherConfig(answer_threshold=0.95, clarify_share=0.1)
    )
    result = strict.match("delete my account or my workspace?")
    assert result.decision is Decision.CLARIFY
    text = render_reply_text(result)
    assert text.startswith(say.CLARIFY_INTRO)
    assert "  1. How do I delete my workspace entirely?" in text
    assert "  2. How do I delete my account?" in text
    assert text.endswith(say.CLARIFY_HINT)


def test_render_hand_over_ignores_personal_facts(matcher: Matcher) -> None:
    personal = PersonalPart(status=PersonalStatus.FACTS, workspace_name="Acme", lines=("Plan: Team",))
    assert render_reply_text(matcher.match("how do I set up SAML single sign-on?"), personal) == say.HANDOVER


def test_render_small_talk_is_a_friendly_word_not_a_hand_over(matcher: Matcher) -> None:
    assert render_reply_text(matcher.match("hello"), None) == say.SMALL_TALK
