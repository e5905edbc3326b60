"""startup-eligibility: the Startup Program criteria from the records; for members, the credit left."""

from actions import wording
from actions.action_models import ActionKind, Finding, NoInput
from actions.context import ActionContext
from actions.facts import startup_credit, startup_eligibility
from actions.registry import CHECK_ROLES, action


@action("startup-eligibility", kind=ActionKind.CHECK, roles=CHECK_ROLES)
class StartupEligibilityCheck:
    def check(self, ctx: ActionContext, args: NoInput) -> Finding:
        facts = ctx.facts()
        today = ctx.now.date()
        eligibility = startup_eligibility(facts, ctx.policy, today)
        credit = startup_credit(facts, ctx.policy, today)
        lines = (wording.startup_credit_lines(credit, ctx.policy) if credit is not None
                 else wording.startup_eligibility_lines(eligibility, ctx.policy))
        return Finding.fine(
            wording.action_check_summary(self.spec.name, facts.workspace.name),
            lines=tuple(lines),
            data={"eligibility": eligibility.model_dump(mode="json"),
                  "credit": credit.model_dump(mode="json") if credit is not None else None},
        )

    run = check
