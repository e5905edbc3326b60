"""What every listener works with: the libraries and the way out to Slack."""

from dataclasses import dataclass

from actions.action_models import Actor
from actions.asker import Asker
from bot.delivery import Delivery
from bot.people import People
from bot.services import Services


@dataclass(frozen=True)
class Runtime:
    services: Services
    delivery: Delivery
    people: People

    def asker(self, user: str, channel: str, *, workspace: str | None = None) -> Asker:
        """The asker as Slack knows them; identity (Slack id first, else email) is the
        actions layer's business."""
        return Asker(email=self.people.email(user), slack_user_id=user, channel_id=channel,
                     workspace_slug=workspace)

    def actor(self, user: str) -> Actor:
        """Agent status comes from the app's configuration, never from the request."""
        return Actor(email=self.people.email(user), slack_user_id=user, agent=self.people.is_agent(user))

    def channel_workspace(self, channel: str) -> str | None:
        return self.services.settings.support_channels.get(channel)
