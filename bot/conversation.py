"""One turn of a conversation: match the message, then add the asker's own account facts.

Every channel (console, ``supportbot ask``, Slack) goes through ``Conversation``; none of them
matches or reads billing data on its own. The two steps are separate so that the Slack layer can
post the generic answer at once and let a slow billing backend delay only the personal part.
"""

from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict

from actions.adapter import BillingAdapter
from actions.asker import Asker
from actions.clock import Clock, system_clock
from actions.personal_part import PersonalPart
from knowledge.base import KnowledgeBase
from knowledge.matching.result import MatchResult
from knowledge.schema import Entry


__all__ = ["Asker", "Conversation", "Reply"]


class Reply(BaseModel):
    model_config = ConfigDict(frozen=True)

    match: MatchResult
    personal: PersonalPart


class Conversation:
    def __init__(
        self,
        kb: KnowledgeBase,
        adapter: BillingAdapter | None = None,
        *,
        clock: Clock = system_clock,
        channel_workspaces: Mapping[str, str] | None = None,
    ):
        from knowledge.matching import Matcher  # the index is built once, here

        self.kb = kb
        self.matcher = Matcher(kb)
        self.adapter = adapter
        self.clock = clock
        self.channel_workspaces = dict(channel_workspaces or {})

    def match(self, text: str) -> MatchResult:
        return self.matcher.match(text)

    def personalise(self, entry: Entry | None, asker: Asker | None) -> PersonalPart:
        """The asker's own facts for the entry being answered; NONE when there is nothing to add."""
        if entry is None or asker is None or self.adapter is None:
            return PersonalPart.none()
        from actions.personal import personalise

        return personalise(entry.id, asker, self.adapter, self.kb.policy, self.clock, self.channel_workspaces)

    def reply(self, text: str, asker: Asker | None = None) -> Reply:
        match = self.match(text)
        return Reply(match=match, personal=self.personalise(match.entry, asker))
