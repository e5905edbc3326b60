"""The structured FAQ entry and the source pages it cites."""

from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator

from knowledge.anchors import anchor_for

ENTRY_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class Category(StrEnum):
    PLANS = "plans"
    CANCELLATION = "cancellation"
    REFUNDS = "refunds"
    SALES_TAX = "sales-tax"
    TRIALS = "trials"
    FREE_PLAN_LIMITS = "free-plan-limits"
    COUPONS = "coupons"
    STARTUP_PROGRAM = "startup-program"
    ACCOUNTS = "accounts"
    WORKSPACE_DELETION = "workspace-deletion"
    SOURCE_TRANSFERS = "source-transfers"

    @property
    def title(self) -> str:
        return _CATEGORY_TITLES[self]


_CATEGORY_TITLES = {
    Category.PLANS: "Plans",
    Category.CANCELLATION: "Cancellation",
    Category.REFUNDS: "Refunds",
    Category.SALES_TAX: "Sales tax",
    Category.TRIALS: "Trials",
    Category.FREE_PLAN_LIMITS: "Free plan limits",
    Category.COUPONS: "Coupons and discounts",
    Category.STARTUP_PROGRAM: "Startup Program",
    Category.ACCOUNTS: "Accounts",
    Category.WORKSPACE_DELETION: "Workspace deletion",
    Category.SOURCE_TRANSFERS: "Source transfers",
}


class Page(BaseModel):
    """A source page of the help center."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str = Field(pattern=ENTRY_ID)
    title: str
    url: HttpUrl
    last_modified: date | None = None


class Source(BaseModel):
    """Where an entry comes from: a page and the heading (question or section) on it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    page: str
    heading: str
    url: HttpUrl | None = None  # filled in by the loader from the page

    @property
    def anchor(self) -> str:
        return anchor_for(self.heading)

    @property
    def link(self) -> str:
        base = str(self.url) if self.url else ""
        return f"{base}#{self.anchor}"


class Entry(BaseModel):
    """One knowledge-base entry: a seed question (or page section) and its answer."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=ENTRY_ID)
    question: str = Field(min_length=3)
    kind: Literal["question", "section"] = "question"
    answer: str = Field(min_length=10, description="Markdown, faithful to the source page")
    category: Category
    sources: tuple[Source, ...] = Field(min_length=1)
    last_modified: date | None = None  # filled in by the loader: newest date of the cited pages
    phrasings: tuple[str, ...] = Field(default=(), description="how customers ask it")
    keywords: tuple[str, ...] = ()
    related: tuple[str, ...] = ()

    @field_validator("question", "answer")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()

    @property
    def anchor(self) -> str:
        return self.sources[0].anchor

    @property
    def links(self) -> list[str]:
        return [source.link for source in self.sources]
