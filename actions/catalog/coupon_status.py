"""coupon-status: coupons in force, and which kinds the workspace may still receive."""

from actions import wording
from actions.action_models import ActionKind, Finding, NoInput
from actions.context import ActionContext
from actions.facts import coupon_status
from actions.registry import CHECK_ROLES, action


@action("coupon-status", kind=ActionKind.CHECK, roles=CHECK_ROLES)
class CouponStatusCheck:
    def check(self, ctx: ActionContext, args: NoInput) -> Finding:
        facts = ctx.facts()
        overview = coupon_status(facts, ctx.policy, ctx.now.date())
        return Finding.fine(wording.action_check_summary(self.spec.name, facts.workspace.name),
                            lines=tuple(wording.coupon_lines(overview)),
                            data={"coupons": overview.model_dump(mode="json")})

    run = check
