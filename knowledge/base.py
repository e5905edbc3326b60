"""The loaded knowledge base: pages, entries and policy, validated together."""

from collections.abc import Iterator
from functools import cached_property

from pydantic import BaseModel, ConfigDict

from knowledge.policy import Policy
from knowledge.schema import Category, Entry, Page


class KnowledgeBase(BaseModel):
    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    pages: dict[str, Page]
    entries: tuple[Entry, ...]
    policy: Policy

    @cached_property
    def _by_id(self) -> dict[str, Entry]:
        return {entry.id: entry for entry in self.entries}

    def get(self, entry_id: str) -> Entry:
        """The entry with this id; KeyError when there is none."""
        return self._by_id[entry_id]

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._by_id

    def __iter__(self) -> Iterator[Entry]:  # type: ignore[override]
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def in_category(self, category: Category) -> list[Entry]:
        return [entry for entry in self.entries if entry.category is category]

    def on_page(self, page_key: str) -> list[Entry]:
        """Entries citing this page, in content order."""
        return [entry for entry in self.entries if any(s.page == page_key for s in entry.sources)]
