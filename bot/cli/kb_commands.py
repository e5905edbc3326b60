"""Commands: ``kb check`` and ``kb export``, over a content directory (the shipped one by default)."""

from collections import defaultdict
from pathlib import Path
from typing import Annotated

import typer

from bot.cli import wording
from bot.cli.errors import EXIT_BAD_INPUT, EXIT_REFUSED, content_error, fail, location
from bot.cli.options import ContentOption
from knowledge.check import Finding, Report, Severity, check_knowledge_base
from knowledge.errors import ContentError, ExportError
from knowledge.export import export
from knowledge.loader import load_knowledge_base

kb_app = typer.Typer(help="Validate and export the knowledge base.", no_args_is_help=True)



def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.add_typer(kb_app, name="kb")


@kb_app.command("check")
def check(content: ContentOption = None) -> None:
    """Validate the content: schema, ids, related links, sources, anchors, placeholders, near-duplicates.

    Exits 1 when there is any error; warnings are printed but do not fail the check.
    """
    report = check_knowledge_base(content)
    for line in render_report(report):
        typer.echo(line)
    if not report.ok:
        raise typer.Exit(EXIT_REFUSED)


@kb_app.command("export")
def export_command(
    fmt: Annotated[str, typer.Option("--format", "-f", help="Output format: json, markdown or html.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Directory to write into; created when missing.")],
    base_url: Annotated[
        str | None, typer.Option("--base-url", help="URL the exported site will be served from (markdown, html).")
    ] = None,
    content: ContentOption = None,
) -> None:
    """Write every entry (question, answer, category, sources, dates, phrasings, related) to files."""
    try:
        kb = load_knowledge_base(content)
        paths = export(kb, fmt, out, base_url=base_url)
    except ContentError as error:
        fail(content_error(error), EXIT_REFUSED)
    except ExportError as error:
        fail(wording.EXPORT_ERROR.format(message=error.message), EXIT_BAD_INPUT)
    for path in paths:
        typer.echo(wording.EXPORT_WROTE_FILE.format(path=path))
    typer.echo(wording.EXPORT_SUMMARY.format(entries=len(kb), fmt=fmt, count=len(paths), out_dir=out))


def render_report(report: Report) -> list[str]:
    """Findings grouped by file (errors before warnings), then a summary line and the verdict."""
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        by_file[finding.file].append(finding)
    lines = []
    for file in sorted(by_file):
        lines.append(wording.CHECK_FILE_HEADER.format(file=file))
        for finding in sorted(by_file[file], key=lambda f: f.severity is not Severity.ERROR):
            where = "".join(f"{part}: " for part in location(finding.entry, finding.field))
            lines.append(wording.CHECK_FINDING.format(severity=finding.severity, where=where, message=finding.message))
    errors, warnings = len(report.errors), len(report.warnings)
    lines.append(wording.CHECK_SUMMARY.format(entries=report.entry_count, errors=errors, warnings=warnings))
    lines.append(wording.CHECK_PASSED if report.ok else wording.CHECK_FAILED)
    return lines


