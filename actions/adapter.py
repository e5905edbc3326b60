"""The billing adapter: the reads answers need and the few writes actions need."""

from datetime import datetime
from typing import Protocol

from actions.models import DeletionRequest, Membership, User, Workspace, WorkspaceFacts


class BillingAdapter(Protocol):
    """Implementations raise ``AdapterUnavailable`` when the backend is down or slow and
    ``CorruptRecord`` when a stored record does not validate; lookups return None when absent."""

    def user_by_email(self, email: str) -> User | None: ...

    def user_by_slack_id(self, slack_user_id: str) -> User | None: ...

    def link_slack_id(self, user_id: str, slack_user_id: str) -> None:
        """Remember the Slack id of a user found by email, so the next lookup is direct."""

    def memberships(self, user_id: str) -> list[Membership]: ...

    def workspace(self, workspace_id: str) -> Workspace | None: ...

    def workspaces_of_user(self, user_id: str) -> list[Workspace]:
        """Every workspace the user is a member of, in one read."""

    def workspace_by_slug(self, slug: str) -> Workspace | None: ...

    def facts(self, workspace_id: str) -> WorkspaceFacts:
        """Everything about one workspace, read in one transaction."""

    def revoke_deletion(self, request_id: str, by_user: str, at: datetime) -> DeletionRequest:
        """Mark a pending request revoked, atomically: raises ``Conflict`` when it was already
        revoked (by anyone, in any process)."""
