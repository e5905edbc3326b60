"""The account-specific part of an answer, as data: the edge renders it, privately."""

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class PersonalStatus(StrEnum):
    FACTS = "facts"                        # lines about the asker's workspace
    CHOOSE_WORKSPACE = "choose-workspace"  # asker is in several workspaces and did not say which
    UNAVAILABLE = "unavailable"            # the billing backend failed: say so plainly
    NONE = "none"                          # unknown asker, not a member, or nothing bears on the entry


class WorkspaceChoice(BaseModel):
    model_config = ConfigDict(frozen=True)

    slug: str
    name: str


class PersonalPart(BaseModel):
    model_config = ConfigDict(frozen=True)

    status: PersonalStatus
    workspace_slug: str | None = None
    workspace_name: str | None = None
    lines: tuple[str, ...] = ()
    choices: tuple[WorkspaceChoice, ...] = ()
    suggested_actions: tuple[str, ...] = ()  # action names that fit, e.g. "revoke-deletion"

    @classmethod
    def none(cls) -> "PersonalPart":
        return cls(status=PersonalStatus.NONE)
