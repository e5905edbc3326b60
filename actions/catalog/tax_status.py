"""tax-status: exemption certificates on file and why each taxed invoice carries tax."""

from actions import wording
from actions.action_models import ActionKind, Finding, NoInput
from actions.context import ActionContext
from actions.facts import tax_status
from actions.registry import CHECK_ROLES, action


@action("tax-status", kind=ActionKind.CHECK, roles=CHECK_ROLES)
class TaxStatusCheck:
    def check(self, ctx: ActionContext, args: NoInput) -> Finding:
        facts = ctx.facts()
        status = tax_status(facts, ctx.now.date())
        return Finding.fine(wording.action_check_summary(self.spec.name, facts.workspace.name),
                            lines=tuple(wording.tax_lines(status)), data={"tax": status.model_dump(mode="json")})

    run = check
