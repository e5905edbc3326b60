"""``supportbot kb check`` and ``supportbot kb export`` driven through Typer's runner."""

import json

import pytest
import typer
from typer.core import TyperGroup, TyperOption
from typer.testing import CliRunner

from bot.cli import kb_commands
from bot.cli.main import app as root_app
from tests.knowledge.kb_fixtures import broken_copy, content_dir, entry

runner = CliRunner()


@pytest.fixture()
def app() -> typer.Typer:
    app = typer.Typer()
    kb_commands.register(app)
    # A callback keeps "kb" a sub-command even though it is the only group registered here.
    app.callback()(lambda: None)
    return app


def test_the_root_app_has_the_kb_group():
    result = runner.invoke(root_app, ["kb", "--help"])
    assert result.exit_code == 0
    assert "check" in result.output and "export" in result.output


def test_every_kb_command_and_option_has_help_text(app):
    group = typer.main.get_command(app).commands["kb"]
    assert isinstance(group, TyperGroup) and group.help
    assert set(group.commands) == {"check", "export"}
    for name, command in group.commands.items():
        assert command.help, name
        options = [param for param in command.params if isinstance(param, TyperOption)]
        assert options, name
        for option in options:
            assert option.help, f"{name} {option.name}"
        result = runner.invoke(app, ["kb", name, "--help"])
        assert result.exit_code == 0 and result.output.strip(), name


def test_check_of_the_shipped_content_passes(app):
    result = runner.invoke(app, ["kb", "check"])
    assert result.exit_code == 0, result.output
    assert "41 entries checked: 0 error(s)" in result.output
    assert "Knowledge base OK." in result.output


def test_check_with_an_error_exits_1_naming_file_entry_and_field(app, tmp_path):
    directory, path = broken_copy(tmp_path, "wrong_type.yaml")
    result = runner.invoke(app, ["kb", "check", "--content", str(directory)])
    assert result.exit_code == 1
    assert str(path) in result.output
    assert "error   entry 'refund-policy': field 'phrasings':" in result.output
    assert "0 entries checked: 1 error(s), 0 warning(s)." in result.output
    assert "Knowledge base check failed." in result.output


def test_check_groups_findings_by_file_and_fails_only_on_errors(app, tmp_path):
    directory = content_dir(
        tmp_path,
        {
            "faq": [entry("refunds", "Do you offer refunds?", phrasings=["money back", "Money back?"])],
            "more": [entry("cancel", "How do I cancel?", related=["nothing"])],
        },
    )
    result = runner.invoke(app, ["kb", "check", "--content", str(directory)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    faq, more = lines.index(str(directory / "faq.yaml")), lines.index(str(directory / "more.yaml"))
    assert lines[faq + 1].startswith("  warning entry 'refunds': field 'phrasings':")
    assert lines[more + 1].startswith("  error   entry 'cancel': field 'related':")
    assert "2 entries checked: 1 error(s), 1 warning(s)." in result.output

    (directory / "more.yaml").unlink()
    result = runner.invoke(app, ["kb", "check", "--content", str(directory)])
    assert result.exit_code == 0
    assert "1 entries checked: 0 error(s), 1 warning(s)." in result.output


def test_check_of_a_missing_directory_is_a_usage_error(app, tmp_path):
    result = runner.invoke(app, ["kb", "check", "--content", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "Invalid value for '--content'" in result.output


def test_export_json_writes_faq_json(app, tmp_path):
    out = tmp_path / "site"
    result = runner.invoke(app, ["kb", "export", "--format", "json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"wrote {out / 'faq.json'}" in result.output
    assert "Exported 41 entries as json: 1 file(s)" in result.output
    assert len(json.loads((out / "faq.json").read_text(encoding="utf-8"))["entries"]) == 41


def test_export_of_other_content(app, tmp_path):
    directory = content_dir(tmp_path, {"faq": [entry("refunds", "Do you offer refunds?")]})
    arguments = ["kb", "export", "-f", "json", "-o", str(tmp_path / "out"), "--content", str(directory)]
    result = runner.invoke(app, arguments)
    assert result.exit_code == 0, result.output
    [item] = json.loads((tmp_path / "out" / "faq.json").read_text(encoding="utf-8"))["entries"]
    assert item["id"] == "refunds"


def test_export_of_an_unknown_format_exits_2_listing_formats(app, tmp_path):
    result = runner.invoke(app, ["kb", "export", "--format", "pdf", "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "unknown export format 'pdf'; available: " in result.stderr
    assert "json" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_export_of_broken_content_exits_1_naming_file_entry_and_field(app, tmp_path):
    directory, path = broken_copy(tmp_path, "unknown_policy_reference.yaml")
    arguments = ["kb", "export", "-f", "json", "-o", str(tmp_path / "out"), "--content", str(directory)]
    result = runner.invoke(app, arguments)
    assert result.exit_code == 1
    assert f"{path}: entry 'refund-policy': field 'answer': unknown policy reference" in result.stderr


def test_export_into_a_file_exits_2(app, tmp_path):
    target = tmp_path / "taken"
    target.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["kb", "export", "-f", "json", "-o", str(target)])
    assert result.exit_code == 2
    assert "is not a directory" in result.stderr


def test_export_requires_format_and_out(app):
    result = runner.invoke(app, ["kb", "export"])
    assert result.exit_code == 2
    assert "--format" in result.output
