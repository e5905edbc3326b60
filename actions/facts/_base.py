"""The base of every fact result: a small, frozen, strictly typed value."""

from pydantic import BaseModel, ConfigDict


class Fact(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
