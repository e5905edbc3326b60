"""What every listener works with: the libraries and the way out to Slack."""

from dataclasses import dataclass

from actions.action_models import Actor
from actions.asker import Asker
from actions.errors import AdapterError
from bot.delivery import Delivery
from bot.people import People
from bot.services import Services


@dataclass(frozen=True)
class Runtime:
    services: Services
    delivery: Delivery
    people: People

    def asker(self, user: str, channel: str, *, workspace: str | None = None) -> Asker:
        """The asker as Slack knows them; who they are in the billing data is the actions
        layer's business (by Slack id, else by the email of their profile)."""
        return Asker(email=self._email(user), slack_user_id=user, channel_id=channel, workspace_slug=workspace)

    def actor(self, user: str) -> Actor:
        """Agent status comes from the app's configuration, never from the request."""
        return Actor(email=self._email(user), slack_user_id=user, agent=self.people.is_agent(user))

    def channel_workspace(self, channel: str) -> str | None:
        return self.services.settings.support_channels.get(channel)

    def _email(self, user: str) -> str | None:
        """The profile's email, fetched (users.info is rate limited) only for people the billing
        data does not know by their Slack id yet."""
        adapter = self.services.conversation.adapter
        try:
            if adapter is not None and adapter.user_by_slack_id(user) is not None:
                return None
        except AdapterError:
            pass  # the backend cannot say: the email lets identity try again on its own
        return self.people.email(user)
