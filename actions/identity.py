"""Who is asking, and about which of their workspaces.

The asker is found by the Slack id stored for a user, else by the email of their Slack profile
(the Slack id is then stored for next time). The workspace comes from the support channel when
the channel belongs to one customer, else from the slug the asker named, else it is the asker's
only workspace; several workspaces and no word on which one gives a choice, never a guess.

Privacy: every way of not getting facts (unknown asker, a workspace they are not in, a slug that
does not exist, a channel of another customer) yields the same ``Access.DENIED`` identity with
nothing else in it, so a caller cannot tell those cases apart and has nothing to leak.
"""

import logging
from collections.abc import Mapping
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from actions.adapter import BillingAdapter
from actions.asker import Asker
from actions.errors import Conflict, NotFound
from actions.models import Role, User, Workspace

logger = logging.getLogger(__name__)


class Access(StrEnum):
    GRANTED = "granted"  # one workspace, and the asker is a member of it
    CHOOSE = "choose"    # a member of several, none named
    DENIED = "denied"    # no facts for this asker here; why is deliberately not said


class Identity(BaseModel):
    model_config = ConfigDict(frozen=True)

    access: Access
    user: User | None = None
    workspace: Workspace | None = None
    role: Role | None = None
    choices: tuple[Workspace, ...] = ()  # for CHOOSE: the asker's workspaces, by name

    @classmethod
    def denied(cls) -> "Identity":
        return cls(access=Access.DENIED)


def find_user(adapter: BillingAdapter, *, email: str | None, slack_user_id: str | None) -> User | None:
    """The billing user behind a Slack id or an email; None when there is none.

    A user found by email whose stored Slack id is a different one is not this asker: someone
    else's Slack profile carries that email, so nobody is returned. A user found by email
    without a Slack id gets ``slack_user_id`` stored. Raises ``AdapterError`` when the backend fails.
    """
    slack_user_id = (slack_user_id or "").strip() or None
    email = (email or "").strip() or None
    if slack_user_id:
        user = adapter.user_by_slack_id(slack_user_id)
        if user is not None:
            return user
    if not email:
        return None
    user = adapter.user_by_email(email)
    if user is None or slack_user_id is None:
        return user
    if user.slack_user_id is not None and user.slack_user_id != slack_user_id:
        logger.warning("email of user %s arrived with a Slack id other than the one on record", user.id)
        return None
    if user.slack_user_id is None:
        try:
            adapter.link_slack_id(user.id, slack_user_id)
        except (Conflict, NotFound):
            # Another user took this Slack id, or this user vanished, since the lookups above:
            # the identity is no longer certain.
            logger.warning("could not link a Slack id to user %s; the asker stays unknown", user.id)
            return None
        user = user.model_copy(update={"slack_user_id": slack_user_id})
    return user


def resolve_asker(asker: Asker, adapter: BillingAdapter, channel_workspaces: Mapping[str, str]) -> Identity:
    """The asker's user and workspace, a choice of workspaces, or ``Access.DENIED``.

    ``channel_workspaces`` maps support channel ids to the slug of the customer workspace the
    channel serves. In such a channel only that workspace is discussed: naming another one, or
    not being a member of it, is denied. Raises ``AdapterError`` when the backend fails.
    """
    user = find_user(adapter, email=asker.email, slack_user_id=asker.slack_user_id)
    if user is None:
        return Identity.denied()
    roles = {m.workspace_id: m.role for m in adapter.memberships(user.id)}

    named = (asker.workspace_slug or "").strip().lower() or None
    channel_slug = channel_workspaces.get(asker.channel_id) if asker.channel_id else None
    if channel_slug is not None:
        if named is not None and named != channel_slug:
            return Identity.denied()
        named = channel_slug

    if named is not None:
        workspace = adapter.workspace_by_slug(named)
        if workspace is None or workspace.id not in roles:
            return Identity.denied()
        return Identity(access=Access.GRANTED, user=user, workspace=workspace, role=roles[workspace.id])

    workspaces = [w for w in adapter.workspaces_of_user(user.id) if w.id in roles]
    if not workspaces:
        return Identity.denied()
    if len(workspaces) == 1:
        only = workspaces[0]
        return Identity(access=Access.GRANTED, user=user, workspace=only, role=roles[only.id])
    choices = tuple(sorted(workspaces, key=lambda w: (w.name.lower(), w.slug)))
    return Identity(access=Access.CHOOSE, user=user, choices=choices)
