"""The workspace's plan as the subscription record states it."""

from datetime import date

from actions.facts._base import Fact
from actions.models import Plan, SubscriptionStatus, WorkspaceFacts


class PlanStatus(Fact):
    plan: Plan  # a workspace without a subscription record is on the Free plan
    status: SubscriptionStatus | None
    billing_cycle_anchor: date | None

    @property
    def legacy_api(self) -> bool:
        return self.plan is Plan.LEGACY_API


def plan_status(facts: WorkspaceFacts) -> PlanStatus:
    subscription = facts.subscription
    if subscription is None:
        return PlanStatus(plan=Plan.FREE, status=None, billing_cycle_anchor=None)
    return PlanStatus(plan=subscription.plan, status=subscription.status,
                      billing_cycle_anchor=subscription.billing_cycle_anchor)
