"""trial-status: the workspace's trial, what follows it, and whether a Team trial is open to it."""

from actions import wording
from actions.action_models import ActionKind, Finding, NoInput
from actions.context import ActionContext
from actions.facts import trial_status
from actions.registry import CHECK_ROLES, action


@action("trial-status", kind=ActionKind.CHECK, roles=CHECK_ROLES)
class TrialStatusCheck:
    def check(self, ctx: ActionContext, args: NoInput) -> Finding:
        facts = ctx.facts()
        status = trial_status(facts, ctx.policy, ctx.now.date())
        return Finding.fine(wording.action_check_summary(self.spec.name, facts.workspace.name),
                            lines=tuple(wording.trial_lines(status)), data={"trial": status.model_dump(mode="json")})

    run = check
