"""A small element tree over html.parser, enough to inspect exported pages in tests.

Each element keeps its attributes, children, text, and the exact source of its content
(``inner_html``), so a test can compare JSON-LD with the bytes a page shows.
"""

from html.parser import HTMLParser

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


class Element:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: "Element | None", source: str):
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children: list[Element | str] = []
        self._source = source
        self.content_start = 0
        self.content_end = 0

    def get(self, name: str) -> str | None:
        return self.attrs.get(name)

    @property
    def inner_html(self) -> str:
        return self._source[self.content_start : self.content_end]

    def text(self) -> str:
        """Text content, whitespace collapsed."""
        parts: list[str] = []
        self._collect(parts)
        return " ".join("".join(parts).split())

    def _collect(self, parts: list[str]) -> None:
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            else:
                child._collect(parts)

    def iter(self, tag: str | None = None) -> "list[Element]":
        found = []
        for child in self.children:
            if isinstance(child, Element):
                if tag is None or child.tag == tag:
                    found.append(child)
                found.extend(child.iter(tag))
        return found

    def find_all(self, tag: str | None = None, **attrs: str) -> "list[Element]":
        return [el for el in self.iter(tag) if all(_has(el, name.rstrip("_"), value) for name, value in attrs.items())]

    def find(self, tag: str | None = None, **attrs: str) -> "Element":
        matches = self.find_all(tag, **attrs)
        assert matches, f"no <{tag}> with {attrs}"
        return matches[0]

    def by_id(self) -> "dict[str, Element]":
        return {el.attrs["id"] or "": el for el in self.iter() if "id" in el.attrs}


def _has(element: Element, name: str, value: str) -> bool:
    actual = element.attrs.get(name.replace("_", "-"))
    if name == "class":
        return actual is not None and value in actual.split()
    return actual == value


class _TreeBuilder(HTMLParser):
    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.source = source
        self.line_starts = [0]
        for index, char in enumerate(source):
            if char == "\n":
                self.line_starts.append(index + 1)
        self.root = Element("#document", {}, None, source)
        self.current = self.root

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs), self.current, self.source)
        element.content_start = self._offset() + len(self.get_starttag_text() or "")
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Element(tag, dict(attrs), self.current, self.source))

    def handle_endtag(self, tag: str) -> None:
        element = self.current
        assert element.tag == tag and element.parent is not None, f"</{tag}> closes <{element.tag}>"
        element.content_end = self._offset()
        self.current = element.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(source: str) -> Element:
    builder = _TreeBuilder(source)
    builder.feed(source)
    builder.close()
    assert builder.current is builder.root, f"unclosed <{builder.current.tag}>"
    return builder.root
