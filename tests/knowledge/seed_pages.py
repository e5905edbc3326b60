"""Questions, section headings, URLs and example anchors read from the seed pages themselves."""

import re
from pathlib import Path

SEEDS = Path(__file__).parents[1] / "data" / "seeds"

# Page key of the knowledge base -> seed file.
FILES = {
    "billing": "billing-and-account-faqs.txt",
    "coupons": "discounts-or-coupons.txt",
    "account": "account-management.txt",
    "startup": "startup-program.md",
}
_END_OF_CONTENT = "This page was last modified"
_SENTENCE_END = (".", ":", "?", "!")


def _content_lines(page: str) -> list[str]:
    """The page's own text: after the last line of the navigation ("Help"), before the footer."""
    lines = [line.strip() for line in (SEEDS / FILES[page]).read_text(encoding="utf-8").splitlines()]
    start = len(lines) - lines[::-1].index("Help")
    end = next(i for i, line in enumerate(lines) if line.startswith(_END_OF_CONTENT))
    return [line for line in lines[start:end] if line]


def questions(page: str) -> set[str]:
    """Every question heading of a page (a text dump's question lines, or the Markdown page's
    title and bold FAQ lines)."""
    if FILES[page].endswith(".md"):
        text = (SEEDS / FILES[page]).read_text(encoding="utf-8")
        title = re.search(r"^title: (.+)$", text, re.MULTILINE)
        assert title, "the startup page has a title"
        return {title.group(1), *re.findall(r"^\*\*(.+\?)\*\*$", text, re.MULTILINE)}
    return {line for line in _content_lines(page) if line.endswith("?")}


def sections(page: str) -> set[str]:
    """Section headings of a text dump: a line without closing punctuation followed by prose."""
    lines = _content_lines(page)
    return {
        line
        for line, following in zip(lines, lines[1:], strict=False)
        if not line.endswith(_SENTENCE_END) and following.endswith(".") and len(following) > len(line)
    }


def canonical_urls() -> dict[str, str]:
    """Page key -> canonical URL, from the table of the seeds' description."""
    table = re.findall(r"^\| (\S+\.(?:txt|md)) \| .+? \| (https://\S+) \|$", _description(), re.MULTILINE)
    by_file = dict(table)
    return {page: by_file[file] for page, file in FILES.items()}


def example_anchors() -> list[tuple[str, str]]:
    """(heading, anchor) pairs of the anchor rule's examples."""
    return re.findall(r'^- "(.+)".*? -> `[^`#]*#([a-z0-9-]+)`$', _description(), re.MULTILINE)


def _description() -> str:
    return (SEEDS / "SEEDS.md").read_text(encoding="utf-8")
