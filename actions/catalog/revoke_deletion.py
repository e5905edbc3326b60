"""revoke-deletion: cancel a pending workspace deletion, while it can still be cancelled.

Exactly once: the adapter's conditional update refuses a second revocation (``Conflict``), the
executor's idempotency key makes a repeated press return the first outcome, and the executor
checks the window again inside the run's transaction.
"""

from actions import wording
from actions.action_models import ActionKind, Finding, NoInput
from actions.context import ActionContext
from actions.errors import Conflict
from actions.facts import DeletionState, deletion_status
from actions.registry import FIX_ROLES, action


@action("revoke-deletion", kind=ActionKind.FIX, roles=FIX_ROLES)
class RevokeDeletion:
    def check(self, ctx: ActionContext, args: NoInput) -> Finding:
        status = deletion_status(ctx.facts(), ctx.policy, ctx.now)
        name = ctx.require_workspace().name
        data = {"deletion": status.model_dump(mode="json")}
        match status.state:
            case DeletionState.NONE:
                return Finding.blocked("no-deletion", wording.action_no_deletion(name), data=data)
            case DeletionState.REVOKED:
                return Finding.blocked("already-revoked", wording.action_deletion_already_revoked(name, status),
                                       data=data)
            case DeletionState.IRREVOCABLE:
                return Finding.blocked("irrevocable", wording.action_deletion_irrevocable(name, status), data=data)
        return Finding.fine(wording.action_revoke_preview(name, status),
                            lines=tuple(wording.deletion_lines(status)), data=data)

    def run(self, ctx: ActionContext, args: NoInput) -> Finding:
        status = deletion_status(ctx.facts(), ctx.policy, ctx.now)
        if not status.can_revoke or status.request_id is None:
            return self.check(ctx, args)
        try:
            ctx.adapter.revoke_deletion(status.request_id, by_user=ctx.actor_id, at=ctx.now)
        except Conflict:  # revoked by someone else since this transaction read it
            return self.check(ctx, args)
        after = deletion_status(ctx.facts(), ctx.policy, ctx.now)  # this transaction sees its own write
        return Finding.fine(wording.action_deletion_revoked(ctx.require_workspace().name),
                            data={"deletion": after.model_dump(mode="json")})
