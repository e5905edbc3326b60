"""JSON export: a faithful, deterministic faq.json, and the format dispatcher around it."""

import json
import sys
from datetime import date

import pytest

from knowledge import Category, Entry, Page, Policy, load_knowledge_base
from knowledge.errors import ExportError
from knowledge.export import available_formats, export
from knowledge.export import json_export
from knowledge.export.manifest import manifest_path
from tests.knowledge.kb_fixtures import shipped_copy


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base()


@pytest.fixture()
def exported(kb, tmp_path):
    [path] = export(kb, "json", tmp_path / "out")
    return path


def test_writes_one_faq_json(exported, tmp_path):
    assert exported == tmp_path / "out" / "faq.json"
    assert sorted(p.name for p in exported.parent.iterdir()) == [manifest_path(exported.parent, "json").name, "faq.json"]


def test_entries_round_trip(kb, exported):
    document = json.loads(exported.read_text(encoding="utf-8"))
    rebuilt = []
    for item in document["entries"]:
        sources = [{"page": s["page"], "heading": s["heading"], "url": s["url"]} for s in item["sources"]]
        fields = {k: v for k, v in item.items() if k != "sources"}
        rebuilt.append(Entry.model_validate({**fields, "sources": sources}))
    assert tuple(rebuilt) == kb.entries


def test_sources_carry_url_anchor_and_link(kb, exported):
    document = json.loads(exported.read_text(encoding="utf-8"))
    for item, entry in zip(document["entries"], kb, strict=True):
        assert [s["link"] for s in item["sources"]] == entry.links
        assert [s["anchor"] for s in item["sources"]] == [s.anchor for s in entry.sources]
        assert [s["url"] for s in item["sources"]] == [str(s.url) for s in entry.sources]


def test_pages_categories_and_policy_round_trip(kb, exported):
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert {p["key"]: Page.model_validate(p) for p in document["pages"]} == kb.pages
    assert [c["key"] for c in document["categories"]] == [c.value for c in Category]
    assert Policy.model_validate(document["policy"]) == kb.policy
    assert isinstance(document["policy"]["team_plan"]["base_price_usd"], int)


def test_dates_are_iso_or_null(kb, exported):
    document = json.loads(exported.read_text(encoding="utf-8"))
    by_id = {item["id"]: item for item in document["entries"]}
    for entry in kb:
        expected = entry.last_modified.isoformat() if entry.last_modified else None
        assert by_id[entry.id]["last_modified"] == expected
    assert any(item["last_modified"] is None for item in document["entries"])
    assert date.fromisoformat(by_id["refunds"]["last_modified"]) == kb.get("refunds").last_modified


def test_two_exports_are_byte_identical(kb, tmp_path):
    [first] = export(kb, "json", tmp_path / "one")
    [second] = export(load_knowledge_base(shipped_copy(tmp_path)), "json", tmp_path / "two")
    assert first.read_bytes() == second.read_bytes()


def test_utf8_sorted_keys_and_a_trailing_newline(exported):
    raw = exported.read_bytes()
    text = raw.decode("utf-8")
    assert "“new”" in text and "\\u201c" not in text
    assert raw.endswith(b"}\n") and not raw.endswith(b"\n\n")
    assert text == json.dumps(json.loads(text), sort_keys=True, ensure_ascii=False, indent=2) + "\n"


def test_export_over_an_earlier_export_replaces_it(kb, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "faq.json").write_text("stale", encoding="utf-8")
    [path] = export(kb, "json", out)
    assert json.loads(path.read_text(encoding="utf-8"))["entries"]


def test_format_names_are_case_and_space_insensitive(kb, tmp_path):
    [path] = export(kb, " JSON ", tmp_path)
    assert path.read_text(encoding="utf-8") == json_export.dumps(kb)


@pytest.mark.parametrize("fmt", ["pdf", "", "../json", "json_export"])
def test_unknown_formats_are_refused_listing_the_available_ones(kb, tmp_path, fmt):
    with pytest.raises(ExportError) as caught:
        export(kb, fmt, tmp_path)
    assert "json" in caught.value.message
    assert "available" in caught.value.message
    assert list(tmp_path.iterdir()) == []


def test_an_output_path_that_is_a_file_is_refused(kb, tmp_path):
    target = tmp_path / "faq.json"
    target.write_text("", encoding="utf-8")
    with pytest.raises(ExportError) as caught:
        export(kb, "json", target)
    assert str(target) in caught.value.message


@pytest.fixture()
def extra_writers(tmp_path, monkeypatch):
    """A second directory on the export package's path holding writer modules written by the test."""
    import knowledge.export as package

    plugins = tmp_path / "plugins"
    plugins.mkdir()
    monkeypatch.setattr(package, "__path__", [*package.__path__, str(plugins)])
    yield plugins
    for name in [n for n in sys.modules if n.startswith("knowledge.export.") and n.endswith("_test_export")]:
        del sys.modules[name]


def test_a_writer_module_added_by_name_becomes_a_format(kb, tmp_path, extra_writers):
    (extra_writers / "lines_test_export.py").write_text(
        "def write(kb, out_dir, base_url):\n"
        "    path = out_dir / 'ids.txt'\n"
        "    path.write_text(''.join(f'{base_url}{e.id}\\n' for e in kb), encoding='utf-8')\n"
        "    return [path]\n",
        encoding="utf-8",
    )
    assert "lines_test" in available_formats()
    [path] = export(kb, "lines_test", tmp_path / "out", base_url="/faq/")
    assert path.read_text(encoding="utf-8").splitlines() == [f"/faq/{e.id}" for e in kb]


def test_a_writer_that_cannot_be_imported_is_unavailable(kb, tmp_path, extra_writers):
    (extra_writers / "missing_test_export.py").write_text("import not_installed_renderer\n", encoding="utf-8")
    with pytest.raises(ExportError) as caught:
        export(kb, "missing_test", tmp_path / "out")
    assert "not_installed_renderer" in caught.value.message and "json" in caught.value.message


def test_a_module_without_write_is_refused(kb, tmp_path, extra_writers):
    (extra_writers / "empty_test_export.py").write_text("RENDERER = None\n", encoding="utf-8")
    with pytest.raises(ExportError) as caught:
        export(kb, "empty_test", tmp_path / "out")
    assert "write(" in caught.value.message
