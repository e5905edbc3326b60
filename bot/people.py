"""Who is talking to the bot: a person's email from their Slack profile, and whether they are a
support agent (listed by id, or in the agents' user group). Answers are cached for a while:
profiles and group membership change rarely, and every turn would otherwise cost a Web API call.
"""

import logging
import threading
import time
from collections.abc import Callable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

log = logging.getLogger(__name__)

PROFILE_TTL_S = 600.0
GROUP_TTL_S = 60.0
MAX_PROFILES = 10_000


class _Cache:
    """A small thread-safe TTL cache; oldest entries go first when it is full."""

    def __init__(self, ttl_s: float, max_items: int, now: Callable[[], float] = time.monotonic):
        self.ttl_s = ttl_s
        self.max_items = max_items
        self.now = now
        self._items: dict[str, tuple[float, object]] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> tuple[bool, object]:
        with self._lock:
            found = self._items.get(key)
            if found is None or self.now() - found[0] > self.ttl_s:
                return False, None
            return True, found[1]

    def put(self, key: str, value: object) -> None:
        with self._lock:
            if len(self._items) >= self.max_items:
                del self._items[next(iter(self._items))]
            self._items[key] = (self.now(), value)


class People:
    def __init__(self, client: WebClient, *, agent_users: frozenset[str] = frozenset(),
                 agent_group: str | None = None):
        self.client = client
        self.agent_users = agent_users
        self.agent_group = agent_group
        self._emails = _Cache(PROFILE_TTL_S, MAX_PROFILES)
        self._groups = _Cache(GROUP_TTL_S, 16)

    def email(self, user_id: str) -> str | None:
        """``profile.email`` from users.info (needs users:read.email); None when hidden or failing."""
        cached, value = self._emails.get(user_id)
        if cached:
            return value if isinstance(value, str) else None
        try:
            user = self.client.users_info(user=user_id)["user"]
        except (SlackApiError, SlackClientError, OSError, KeyError, TypeError) as failure:
            log.warning("users.info for %s failed: %s", user_id, type(failure).__name__)
            return None  # not cached: the next turn tries again
        email = (user.get("profile") or {}).get("email") if isinstance(user, dict) else None
        email = email if isinstance(email, str) and email else None
        self._emails.put(user_id, email)
        return email

    def is_agent(self, user_id: str) -> bool:
        if user_id in self.agent_users:
            return True
        return self.agent_group is not None and user_id in self._group_members(self.agent_group)

    def _group_members(self, group: str) -> frozenset[str]:
        cached, value = self._groups.get(group)
        if cached and isinstance(value, frozenset):
            return value
        try:
            users = self.client.usergroups_users_list(usergroup=group)["users"]
        except (SlackApiError, SlackClientError, OSError, KeyError, TypeError) as failure:
            log.warning("usergroups.users.list for %s failed: %s", group, type(failure).__name__)
            return frozenset()  # nobody is an agent by default when Slack cannot say
        members = frozenset(u for u in users if isinstance(u, str))
        self._groups.put(group, members)
        return members
