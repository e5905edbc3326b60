"""usage-status: this month's MTUs against the plan, Free plan overages, lock and data flow."""

from actions import wording
from actions.action_models import ActionKind, Finding, NoInput
from actions.context import ActionContext
from actions.facts import usage_status
from actions.registry import CHECK_ROLES, action


@action("usage-status", kind=ActionKind.CHECK, roles=CHECK_ROLES)
class UsageStatusCheck:
    def check(self, ctx: ActionContext, args: NoInput) -> Finding:
        facts = ctx.facts()
        status = usage_status(facts, ctx.policy, ctx.now.date())
        return Finding.fine(wording.action_check_summary(self.spec.name, facts.workspace.name),
                            lines=tuple(wording.usage_lines(status, ctx.policy)),
                            data={"usage": status.model_dump(mode="json")})

    run = check
