"""One turn of a conversation: match the message, then add the asker's own account facts.

Every channel (console, ``supportbot ask``, Slack) calls ``Conversation.reply``; none of them
matches or reads billing data on its own.
"""

from pydantic import BaseModel, ConfigDict

from actions.personal_part import PersonalPart
from knowledge.matching.result import MatchResult


class Asker(BaseModel):
    """Who asks and where: any of these may be unknown."""

    model_config = ConfigDict(frozen=True)

    email: str | None = None
    slack_user_id: str | None = None
    channel_id: str | None = None
    workspace_slug: str | None = None  # named explicitly by the asker (``--workspace``, a button)


class Reply(BaseModel):
    model_config = ConfigDict(frozen=True)

    match: MatchResult
    personal: PersonalPart
