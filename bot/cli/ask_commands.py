"""Commands: ``ask`` (one question, answered as the bot would), ``match`` (the batch JSON-lines
interface for evaluation tools) and ``eval`` (rates and misses on a labelled set)."""

import json
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from actions.asker import Asker
from actions.demo import seed_demo
from actions.guarded import GuardedAdapter
from bot import messages as say
from bot.cli import wording
from bot.cli.db_commands import db_path, open_adapter
from bot.cli.errors import content_error, fail
from bot.cli.options import ContentOption
from bot.conversation import Conversation
from bot.settings import DB_ENV, DEFAULT_DB
from bot.text_reply import render_reply_text
from knowledge.base import KnowledgeBase
from knowledge.errors import ContentError, EvaluationSetError
from knowledge.evaluation import DEFAULT_SET, Report, evaluate, load_cases
from knowledge.loader import load_knowledge_base
from knowledge.matching import Matcher
from knowledge.matching.result import Candidate, MatchResult

JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON object instead of text.")]


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command("ask")(ask)
    app.command("match")(match)
    app.command("eval")(eval_command)


def ask(
    question: Annotated[str, typer.Argument(help="The question, as a customer would write it in Slack.")],
    user: Annotated[
        str | None, typer.Option("--user", help="Ask as this user (email): adds the facts of their own workspace.")
    ] = None,
    workspace: Annotated[
        str | None, typer.Option("--workspace", help="The asker's workspace slug, when they belong to several.")
    ] = None,
    db: Annotated[
        Path | None, typer.Option("--db", help=f"Accounts database for --user. Default: ${DB_ENV} or {DEFAULT_DB}.")
    ] = None,
    demo: Annotated[
        bool, typer.Option("--demo", help="With --user: answer from a fresh demo data set instead of --db.")
    ] = False,
    as_json: JsonOption = False,
    content: ContentOption = None,
) -> None:
    """Answer one question as the bot would: the answer and its source, the choices, or the hand-over.

    With --user, the answer also gets the asker's own account facts (only for workspaces they belong to).
    """
    kb = _load(content)
    if user is None and workspace is None:
        reply = Conversation(kb).reply(question)
    else:
        with _accounts(db, demo) as adapter:
            asker = Asker(email=user, workspace_slug=workspace)
            reply = Conversation(kb, adapter).reply(question, asker)
    text = render_reply_text(reply.match, reply.personal)
    if as_json:
        typer.echo(json.dumps({**match_line(reply.match), "reply": text}))
    else:
        typer.echo(text)


@contextmanager
def _accounts(db: Path | None, demo: bool) -> Iterator[GuardedAdapter]:
    """The accounts database behind the time limit the bot uses; a throw-away demo one with --demo."""
    with ExitStack() as stack:
        if demo:
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="supportbot-demo-"))
            path = Path(folder) / "demo.db"
            seed_demo(path)
        else:
            path = db_path(db)
            if not path.exists():
                fail(wording.ACCOUNTS_DB_MISSING.format(path=path))
        adapter = stack.enter_context(GuardedAdapter(open_adapter(path)))
        yield adapter


def match(
    question: Annotated[str | None, typer.Argument(help="One question; omit it with --jsonl.")] = None,
    jsonl: Annotated[
        bool,
        typer.Option("--jsonl", help='Read JSON lines {"text": ...} on stdin; write one JSON line per input line.'),
    ] = False,
    content: ContentOption = None,
) -> None:
    """Match questions and print the decision, entry, confidence and alternatives as JSON lines.

    Every input line gets exactly one output line, in order; a malformed line gets {"error": ...}.
    """
    if not jsonl and question is None:
        fail(say.MATCH_NEEDS_INPUT)
    matcher = Matcher(_load(content))
    lines = _stdin_lines() if jsonl else [json.dumps({"text": question})]
    for output in match_lines(matcher, lines):
        # ASCII-only JSON is valid whatever the terminal's encoding
        sys.stdout.write(json.dumps(output) + "\n")
        sys.stdout.flush()


def eval_command(
    file: Annotated[
        Path | None,
        typer.Argument(help=f"JSON lines of {{text, expected}}; default: {DEFAULT_SET} of this repository."),
    ] = None,
    as_json: JsonOption = False,
    content: ContentOption = None,
) -> None:
    """Measure the matcher: answered correctly / wrongly, out-of-scope answered, clarify rate, misses."""
    path = _eval_set_path(file)
    kb = _load(content)
    try:
        report = evaluate(Matcher(kb), load_cases(path), known_ids={entry.id for entry in kb})
    except EvaluationSetError as error:
        fail(str(error))
    if as_json:
        typer.echo(json.dumps(_report_json(path, report)))
    else:
        _print_report(path, report)


# --- the JSON-lines interface ------------------------------------------------------------------


def match_lines(matcher: Matcher, lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    """One output object per input line, in order; bad lines yield {"error": ...} and go on."""
    for line in lines:
        text, error = _parse_line(line)
        yield {"error": error} if text is None else match_line(matcher.match(text))


def _stdin_lines() -> Iterator[str]:
    """Standard input line by line; bytes that are not UTF-8 become U+FFFD instead of an error."""
    raw = getattr(sys.stdin, "buffer", None)
    if raw is None:
        yield from sys.stdin
        return
    for line in raw:
        yield line.decode("utf-8", errors="replace")


def _parse_line(line: str) -> tuple[str | None, str]:
    if not line.strip():
        return None, say.MATCH_LINE_EMPTY
    try:
        data = json.loads(line)
    except (json.JSONDecodeError, RecursionError):
        return None, say.MATCH_LINE_NOT_JSON
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        return None, say.MATCH_LINE_NO_TEXT
    return data["text"], ""


def match_line(result: MatchResult) -> dict[str, Any]:
    """The stable shape of one match: decision, entry (only when answering), confidence, alternatives."""
    entry = result.entry
    answered = result.candidates[1:] if entry is not None else result.candidates
    return {
        "decision": result.decision.value,
        "entry": None if entry is None else {"id": entry.id, "question": entry.question, "sources": entry.links},
        "confidence": round(result.confidence, 4),
        "alternatives": [_candidate(candidate) for candidate in answered],
    }


def _candidate(candidate: Candidate) -> dict[str, Any]:
    entry = candidate.entry
    return {
        "id": entry.id,
        "question": entry.question,
        "sources": entry.links,
        "confidence": round(candidate.confidence, 4),
    }


# --- helpers -----------------------------------------------------------------------------------


def _load(content: Path | None) -> KnowledgeBase:
    try:
        return load_knowledge_base(content)
    except ContentError as error:
        fail(content_error(error))


def _eval_set_path(file: Path | None) -> Path:
    """The given file, else the shipped test set under the current directory or the repository."""
    if file is not None:
        if not file.is_file():
            fail(say.EVAL_SET_MISSING.format(path=file))
        return file
    repository = Path(__file__).resolve().parents[2]
    for candidate in (Path.cwd() / DEFAULT_SET, repository / DEFAULT_SET):
        if candidate.is_file():
            return candidate
    fail(say.EVAL_SET_MISSING.format(path=DEFAULT_SET))


def _report_json(path: Path, report: Report) -> dict[str, Any]:
    return {
        "file": str(path),
        "total": report.total,
        "in_scope": report.in_scope,
        "out_of_scope": report.out_of_scope,
        "rates": {name: round(value, 4) for name, value in report.rates().items()},
        "misses": [miss.model_dump(mode="json") for miss in report.misses],
    }


def _print_report(path: Path, report: Report) -> None:
    console = Console(highlight=False, soft_wrap=True)
    title = say.EVAL_TITLE.format(
        path=path, total=report.total, in_scope=report.in_scope, out_of_scope=report.out_of_scope
    )
    console.print(Text(title))
    rates = Table(show_header=False, box=None)
    for label, value, count in (
        (say.EVAL_RATE_CORRECT, report.correct_rate, report.correct),
        (say.EVAL_RATE_WRONG, report.wrong_rate, report.wrong),
        (say.EVAL_RATE_OUT_OF_SCOPE, report.out_of_scope_answered_rate, report.out_of_scope_answered),
        (say.EVAL_RATE_CLARIFY, report.clarify_rate, report.clarified),
    ):
        rates.add_row(label, f"{value:.1%}", f"({count})")
    console.print(rates)
    if not report.misses:
        console.print(Text(say.EVAL_NO_MISSES))
        return
    misses = Table(title=say.EVAL_MISSES_TITLE.format(count=len(report.misses)), title_justify="left")
    for column in ("question", "expected", "got", "decision", "confidence"):
        misses.add_column(column, overflow="fold")
    for miss in report.misses:
        misses.add_row(
            Text(miss.text),  # customer text: never read as Rich markup
            miss.expected or say.EVAL_OUT_OF_SCOPE,
            miss.got or say.EVAL_NOTHING,
            miss.decision.value,
            f"{miss.confidence:.2f}",
        )
    console.print(misses)
