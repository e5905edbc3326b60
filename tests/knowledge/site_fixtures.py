"""Content directories and helpers shared by the export tests."""

from pathlib import Path

from knowledge import KnowledgeBase, load_knowledge_base
from knowledge.export import export
from tests.knowledge.html_tree import Element, parse

FIXTURE_CONTENT = Path(__file__).resolve().parents[1] / "data" / "site_kb"
BASE_URL = "https://help.example.com/faq"
HOSTILE_ID = "alpha-hostile"


def fixture_kb() -> KnowledgeBase:
    return load_knowledge_base(FIXTURE_CONTENT)


def shipped_kb() -> KnowledgeBase:
    return load_knowledge_base()


def export_to(kb: KnowledgeBase, fmt: str, out: Path, base_url: str | None = BASE_URL) -> list[Path]:
    return export(kb, fmt, out, base_url=base_url)


def page_dir(url: str) -> str:
    """Folder a source page is published in: the last segment of its URL."""
    return [segment for segment in url.split("/") if segment][-1]


def tree(path: Path) -> Element:
    return parse(path.read_text(encoding="utf-8"))
