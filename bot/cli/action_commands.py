"""Commands: ``action NAME`` (preview, confirm, run) and ``audit tail``.

Exit status of ``action``: 0 done (or previewed without ``--yes``), 1 refused, not possible or
failed, 2 bad input. Read-only checks need no confirmation: they change nothing, so they run
at once and leave one audit record.
"""

import json
import sys
import uuid
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from pydantic import ValidationError

from actions import wording as action_wording
from actions.action_errors import InvalidRequest
from actions.action_models import ActionRequest, Actor, Outcome, OutcomeStatus, Preview, PreviewStatus
from actions.audit import AuditLog, AuditRecord, create_table
from actions.catalog import default_registry
from actions.executor import Executor
from actions.idempotency import valid_key
from actions.registry import describe
from actions.store import connect
from actions.wiring import open_executor
from bot.cli import wording
from bot.cli.db_commands import db_path
from bot.cli.errors import EXIT_DONE, EXIT_REFUSED, fail
from bot.settings import DB_ENV, DEFAULT_DB
from knowledge.errors import KnowledgeError
from knowledge.loader import load_policy
from knowledge.policy import Policy

audit_app = typer.Typer(help="Read the audit trail of actions.", no_args_is_help=True)

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help=f"SQLite file. Default: ${DB_ENV}, else {DEFAULT_DB} in the current directory."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command("action")(action_command)
    app.add_typer(audit_app, name="audit")


def action_command(
    name: Annotated[str | None, typer.Argument(help="The action to run, e.g. revoke-deletion.", show_default=False)] = None,
    user: Annotated[str | None, typer.Option("--user", help="Who asks: an email, or a Slack user id.")] = None,
    workspace: Annotated[str | None, typer.Option("--workspace", help="The workspace's slug.")] = None,
    arg: Annotated[list[str] | None, typer.Option("--arg", help="An argument of the action, key=value; repeatable.")] = None,
    yes: Annotated[bool, typer.Option("--yes", help="Run it after the preview, without asking.")] = False,
    json_output: JsonOption = False,
    agent: Annotated[bool, typer.Option("--agent", help="The asker is a support agent.")] = False,
    idempotency_key: Annotated[str | None, typer.Option(
        "--idempotency-key", help="Run at most once per key; a repeated key prints the first result.")] = None,
    list_actions: Annotated[bool, typer.Option("--list", help="List the actions and who may run them.")] = False,
    db: DbOption = None,
) -> None:
    """Preview an action for a workspace; run it with --yes (or after confirming at a terminal)."""
    if list_actions:
        _print_list(json_output)
        return
    if not name:
        fail(wording.ACTION_WHICH)
    if not user:
        fail(wording.ACTION_NEEDS_USER)
    request = _request(name, user, workspace, arg or [], agent)
    path = db_path(db)
    if not path.exists():
        fail(wording.ACTION_NO_DB.format(path=path))
    try:
        key = valid_key(uuid.uuid4().hex if idempotency_key is None else idempotency_key)
        with open_executor(path, _policy()) as executor:
            _act(executor, request, key, yes, json_output)
    except InvalidRequest as error:
        fail(wording.ACTION_BAD_REQUEST.format(problem=error))


def _act(executor: Executor, request: ActionRequest, key: str, yes: bool, as_json: bool) -> NoReturn:
    if executor.registry[request.action].spec.read_only:
        _finish(None, executor.execute(request, key), as_json)
    preview = executor.preview(request)
    if preview.status in (PreviewStatus.REFUSED, PreviewStatus.FAILED):
        _finish(preview, None, as_json)
    if yes:
        # Run even when the preview says "not possible": the run checks again, and a repeated
        # --idempotency-key must print the first result rather than today's preview.
        _finish(preview if preview.ready else None, executor.execute(request, key), as_json)
    if not preview.ready or as_json or not sys.stdin.isatty():
        _finish(preview, None, as_json, hint=wording.ACTION_DRY_RUN if preview.ready else None)
    _print_preview(preview)
    if not typer.confirm(wording.ACTION_CONFIRM, default=False):
        typer.echo(wording.ACTION_DECLINED)
        raise typer.Exit(EXIT_REFUSED)
    _finish(None, executor.execute(request, key), as_json)


def _finish(preview: Preview | None, outcome: Outcome | None, as_json: bool, hint: str | None = None) -> NoReturn:
    """Print what happened and exit with its status."""
    if as_json:
        typer.echo(json.dumps({"preview": _dump(preview), "outcome": _dump(outcome)}, indent=2, ensure_ascii=False))
    else:
        if preview is not None:
            _print_preview(preview)
        if outcome is not None:
            _print_outcome(outcome)
        if hint:
            typer.echo(hint, err=True)
    if outcome is not None:
        raise typer.Exit(EXIT_DONE if outcome.status is OutcomeStatus.DONE else EXIT_REFUSED)
    raise typer.Exit(EXIT_DONE if preview is not None and preview.ready else EXIT_REFUSED)


def _print_preview(preview: Preview) -> None:
    typer.echo(preview.summary)
    for line in preview.lines:
        typer.echo(wording.ACTION_LINE.format(line=line))


def _print_outcome(outcome: Outcome) -> None:
    typer.echo(outcome.summary)
    for line in outcome.lines:
        typer.echo(wording.ACTION_LINE.format(line=line))
    if outcome.replayed:
        typer.echo(wording.ACTION_REPLAYED.format(key=outcome.idempotency_key))


def _dump(model: Preview | Outcome | None) -> dict[str, Any] | None:
    return None if model is None else model.model_dump(mode="json")


def _request(name: str, user: str, workspace: str | None, raw_args: list[str], agent: bool) -> ActionRequest:
    args: dict[str, str] = {}
    for item in raw_args:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            fail(wording.ACTION_BAD_ARG.format(arg=item))
        if key in args:
            fail(wording.ACTION_REPEATED_ARG.format(key=key))
        args[key] = value
    user = user.strip()
    who = {"email": user} if "@" in user else {"slack_user_id": user}
    try:
        return ActionRequest(action=name, actor=Actor(agent=agent, **who), workspace=workspace, args=args, origin="cli")
    except ValidationError as error:
        fail(wording.ACTION_BAD_REQUEST.format(problem=describe(error)))


def _policy() -> Policy:
    try:
        return load_policy()
    except KnowledgeError as error:
        fail(wording.ACTION_POLICY_ERROR.format(message=error), EXIT_REFUSED)


def _print_list(as_json: bool) -> None:
    specs = default_registry().specs()
    if as_json:
        rows = [{"name": s.name, "kind": s.kind.value, "read_only": s.read_only, "needs_workspace": s.needs_workspace,
                 "roles": sorted(r.value for r in s.roles), "purpose": action_wording.action_purpose(s.name)}
                for s in specs]
        typer.echo(json.dumps(rows, indent=2))
        return
    for spec in specs:
        typer.echo(wording.ACTION_LIST_ROW.format(
            name=spec.name, kind=spec.kind.value, purpose=action_wording.action_purpose(spec.name), indent=" " * 31,
            roles=action_wording.action_roles([r.value for r in spec.roles])))


@audit_app.command("tail")
def tail(
    n: Annotated[int, typer.Option("-n", "--lines", min=1, max=10_000, help="How many records.")] = 20,
    workspace: Annotated[str | None, typer.Option("--workspace", help="Only this workspace (slug).")] = None,
    json_output: JsonOption = False,
    db: DbOption = None,
) -> None:
    """The latest audit records, oldest first: previews, runs, replays and refusals."""
    path = db_path(db)
    if not path.exists():
        fail(wording.ACTION_NO_DB.format(path=path))
    store = connect(path)
    try:
        create_table(store)
        records = AuditLog(store).tail(n, workspace=workspace.strip().lower() if workspace else None)
    finally:
        store.close()
    if json_output:
        typer.echo(json.dumps([r.model_dump(mode="json") for r in records], indent=2, ensure_ascii=False))
        return
    if not records:
        typer.echo(wording.AUDIT_EMPTY.format(where=f" for {workspace}" if workspace else ""))
    for record in records:
        typer.echo(_audit_row(record))


def _audit_row(record: AuditRecord) -> str:
    return wording.AUDIT_ROW.format(
        at=record.finished_at.strftime("%Y-%m-%d %H:%M:%SZ"), phase=record.phase.value, status=record.status,
        action=record.action, workspace=record.workspace or "-", actor=record.actor, role=record.role or "no role",
        origin=record.origin, code=f" [{record.error_code}]" if record.error_code else "",
    )
