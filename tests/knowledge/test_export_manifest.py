"""A new export removes the files its previous run wrote and this one does not, and nothing else."""

import json
from pathlib import Path

import pytest

from knowledge import load_knowledge_base
from knowledge.export import export
from knowledge.export.manifest import manifest_path, previous_files, remove_stale
from tests.knowledge.kb_fixtures import content_dir, entry, write_page

FORMATS = ["html", "markdown", "json"]


def two_page_content(tmp_path: Path) -> Path:
    return content_dir(tmp_path, {
        "alpha": [entry("alpha-one", "How do refunds work for alpha?")],
        "beta": [entry("beta-one", "How do refunds work for beta?")],
    })


def files_under(out: Path) -> set[str]:
    return {path.relative_to(out).as_posix() for path in out.rglob("*") if path.is_file()}


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_a_page_dropped_from_the_knowledge_base_leaves_the_export(tmp_path, fmt):
    content = two_page_content(tmp_path)
    out = tmp_path / "site"
    first = export(load_knowledge_base(content), fmt, out)
    beta_files = {path.relative_to(out).as_posix() for path in first if "beta" in path.relative_to(out).as_posix()}
    assert beta_files, "the first export should write the beta page"

    (content / "beta.yaml").unlink()
    second = export(load_knowledge_base(content), fmt, out)

    on_disk = files_under(out)
    assert not beta_files & on_disk
    assert on_disk == {path.relative_to(out).as_posix() for path in second} | {manifest_path(out, fmt).name}
    assert not (out / "beta").exists(), "a folder the removal empties goes too"


@pytest.mark.parametrize("fmt", FORMATS)
def test_files_the_export_never_wrote_survive(tmp_path, fmt):
    content = two_page_content(tmp_path)
    out = tmp_path / "site"
    out.mkdir()
    (out / "CNAME").write_text("help.example.com\n", encoding="utf-8")
    (out / "beta").mkdir()
    (out / "beta" / "notes.txt").write_text("kept\n", encoding="utf-8")
    export(load_knowledge_base(content), fmt, out)
    (content / "beta.yaml").unlink()
    export(load_knowledge_base(content), fmt, out)
    assert (out / "CNAME").read_text(encoding="utf-8") == "help.example.com\n"
    assert (out / "beta" / "notes.txt").read_text(encoding="utf-8") == "kept\n"


def test_formats_sharing_a_folder_keep_each_others_files(tmp_path):
    content = two_page_content(tmp_path)
    out = tmp_path / "site"
    html = export(load_knowledge_base(content), "html", out)
    json_files = export(load_knowledge_base(content), "json", out)
    export(load_knowledge_base(content), "html", out)
    assert all(path.is_file() for path in [*html, *json_files])


def test_a_page_added_later_is_written_and_recorded(tmp_path):
    content = content_dir(tmp_path, {"alpha": [entry("alpha-one", "How do refunds work for alpha?")]})
    out = tmp_path / "site"
    export(load_knowledge_base(content), "markdown", out)
    write_page(content, "gamma", [entry("gamma-one", "How do refunds work for gamma?")])
    written = export(load_knowledge_base(content), "markdown", out)
    assert "gamma.md" in previous_files(out, "markdown")
    assert previous_files(out, "markdown") == {path.name for path in written}


@pytest.mark.parametrize("manifest", ["not json", '{"a": 1}', "[1, 2]", ""])
def test_an_unreadable_manifest_removes_nothing(tmp_path, manifest):
    content = two_page_content(tmp_path)
    out = tmp_path / "site"
    export(load_knowledge_base(content), "markdown", out)
    manifest_path(out, "markdown").write_text(manifest, encoding="utf-8")
    (content / "beta.yaml").unlink()
    export(load_knowledge_base(content), "markdown", out)
    assert (out / "beta.md").is_file()


@pytest.mark.parametrize("escape", ["../outside.txt", "/tmp/outside.txt", "a/../../outside.txt", "..\\outside.txt"])
def test_a_manifest_cannot_reach_outside_the_export_folder(tmp_path, escape):
    out = tmp_path / "site"
    out.mkdir()
    outside = tmp_path / "outside.txt"
    outside.write_text("precious\n", encoding="utf-8")
    manifest_path(out, "markdown").write_text(json.dumps([escape]), encoding="utf-8")
    assert previous_files(out, "markdown") == set()
    assert remove_stale(out, previous_files(out, "markdown"), []) == []
    assert outside.read_text(encoding="utf-8") == "precious\n"
