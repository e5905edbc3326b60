"""Posting to Slack: in a thread, privately to one person, or back through a response_url.

The client retries 429s and connection errors itself (see ``bot.client``); whatever still fails
here is logged with the method and Slack's error code, and the caller gets None/False instead of
an exception, so one failed post never stops the rest of a turn.
"""

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.webhook import WebhookClient

from bot.blocks import SlackMessage

log = logging.getLogger(__name__)

# postEphemeral errors after which a direct message still reaches the person.
_EPHEMERAL_NOT_POSSIBLE = frozenset({
    "user_not_in_channel", "channel_not_found", "not_in_channel", "is_archived", "cannot_dm_bot",
    "restricted_action", "user_not_found",
})


def _error_of(failure: Exception) -> str:
    if isinstance(failure, SlackApiError):
        return str(failure.response.get("error") or f"http {failure.response.status_code}")
    return type(failure).__name__


class Delivery:
    def __init__(self, client: WebClient):
        self.client = client

    def post(self, channel: str, message: SlackMessage, *, thread_ts: str | None = None) -> str | None:
        """A message everyone in the channel sees; its ts, or None when it could not be posted."""
        try:
            response = self.client.chat_postMessage(
                channel=channel, thread_ts=thread_ts, unfurl_links=False, unfurl_media=False, **message.fields()
            )
        except (SlackApiError, SlackClientError, OSError) as failure:
            log.error("chat.postMessage to %s failed: %s", channel, _error_of(failure))
            return None
        return str(response.get("ts") or "") or None

    def private(self, channel: str, user: str, message: SlackMessage, *, thread_ts: str | None = None) -> bool:
        """Only ``user`` sees it: ephemeral in the thread, or in a direct message when the channel is
        one already or ephemeral is not possible there."""
        if channel.startswith("D"):
            return self.post(channel, message, thread_ts=thread_ts) is not None
        try:
            self.client.chat_postEphemeral(channel=channel, user=user, thread_ts=thread_ts, **message.fields())
            return True
        except SlackApiError as failure:
            error = _error_of(failure)
            if error not in _EPHEMERAL_NOT_POSSIBLE:
                log.error("chat.postEphemeral to %s failed: %s", channel, error)
                return False
            log.info("ephemeral not possible in %s (%s); sending a direct message", channel, error)
        except (SlackClientError, OSError) as failure:
            log.error("chat.postEphemeral to %s failed: %s", channel, _error_of(failure))
            return False
        return self.direct(user, message)

    def direct(self, user: str, message: SlackMessage) -> bool:
        try:
            opened = self.client.conversations_open(users=user)
            dm = opened["channel"]["id"]
        except (SlackApiError, SlackClientError, OSError, KeyError, TypeError) as failure:
            log.error("conversations.open with %s failed: %s", user, _error_of(failure))
            return False
        return self.post(dm, message) is not None

    def respond(self, response_url: str | None, message: SlackMessage, *, replace: bool = False,
                ephemeral: bool = True) -> bool:
        """Answer an interaction or a command through its response_url (valid for 30 minutes)."""
        if not response_url:
            return False
        try:
            response = self._webhook(response_url).send(
                response_type="ephemeral" if ephemeral else "in_channel",
                replace_original=replace,
                **message.fields(),
            )
        except (SlackClientError, OSError) as failure:
            log.error("response_url reply failed: %s", type(failure).__name__)
            return False
        if response.status_code != 200:
            log.error("response_url reply failed: http %s", response.status_code)
            return False
        return True

    def permalink(self, channel: str, ts: str) -> str | None:
        try:
            return str(self.client.chat_getPermalink(channel=channel, message_ts=ts)["permalink"])
        except (SlackApiError, SlackClientError, OSError, KeyError) as failure:
            log.warning("chat.getPermalink for %s failed: %s", channel, _error_of(failure))
            return None

    def _webhook(self, response_url: str) -> WebhookClient:
        """A response_url client with the same 429 / connection retries as the Web API client."""
        return WebhookClient(response_url, retry_handlers=list(self.client.retry_handlers or []))

    def dismiss(self, response_url: str | None) -> bool:
        """Remove the ephemeral message a button was clicked in (it has done its job)."""
        if not response_url:
            return False
        try:
            response = self._webhook(response_url).send_dict({"delete_original": True})
        except (SlackClientError, OSError) as failure:
            log.warning("response_url delete failed: %s", type(failure).__name__)
            return False
        return response.status_code == 200
