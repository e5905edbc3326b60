"""revoke-deletion: cancel a pending workspace deletion, while it can still be cancelled.

Exactly once: the adapter's conditional update refuses a second revocation (``Conflict``), the
executor's idempotency key makes a repeated press return the first outcome, and the executor
checks the window again inside the run's transaction.
"""

from actions import wording
from actions.action_models import ActionKind, Finding, NoInput
from actions.context import ActionContext
from actions.errors import Conflict
from actions.facts import DeletionState, DeletionStatus, deletion_status
from actions.registry import FIX_ROLES, action


@action("revoke-deletion", kind=ActionKind.FIX, roles=FIX_ROLES)
class RevokeDeletion:
    def check(self, ctx: ActionContext, args: NoInput) -> Finding:
        status = self._status(ctx)
        blocked = self._blocked(ctx, status)
        if blocked is not None:
            return blocked
        name = ctx.require_workspace().name
        return Finding.fine(wording.action_revoke_preview(name, status), lines=tuple(wording.deletion_lines(status)),
                            data=_data(status))

    def run(self, ctx: ActionContext, args: NoInput) -> Finding:
        facts = ctx.facts()
        status = deletion_status(facts, ctx.policy, ctx.now)
        blocked = self._blocked(ctx, status)  # safe on its own, not only after the executor's check
        if blocked is not None:
            return blocked
        try:
            revoked = ctx.adapter.revoke_deletion(status.request_id or "", by_user=ctx.actor_id, at=ctx.now)
        except Conflict:  # revoked by someone else since this transaction read it
            after = self._status(ctx)
            return self._blocked(ctx, after) or Finding.blocked(
                "already-revoked", wording.action_deletion_already_revoked(ctx.require_workspace().name, after))
        # The adapter returns the request as written: no need to read the whole workspace again.
        after = deletion_status(facts.model_copy(update={"deletion": revoked}), ctx.policy, ctx.now)
        return Finding.fine(wording.action_deletion_revoked(ctx.require_workspace().name), data=_data(after))

    @staticmethod
    def _status(ctx: ActionContext) -> DeletionStatus:
        return deletion_status(ctx.facts(), ctx.policy, ctx.now)

    @staticmethod
    def _blocked(ctx: ActionContext, status: DeletionStatus) -> Finding | None:
        """Why the deletion cannot be revoked now; None while it is pending."""
        name = ctx.require_workspace().name
        match status.state:
            case DeletionState.NONE:
                return Finding.blocked("no-deletion", wording.action_no_deletion(name), data=_data(status))
            case DeletionState.REVOKED:
                return Finding.blocked("already-revoked", wording.action_deletion_already_revoked(name, status),
                                       data=_data(status))
            case DeletionState.IRREVOCABLE:
                return Finding.blocked("irrevocable", wording.action_deletion_irrevocable(name, status),
                                       data=_data(status))
        return None


def _data(status: DeletionStatus) -> dict:
    return {"deletion": status.model_dump(mode="json")}
