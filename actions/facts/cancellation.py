"""What cancelling today costs: the final bill on monthly Team, no refund on annual, nothing on a trial.

The monthly estimate charges the USED part of the base price: the days from the start of the
current billing period through today (today included) over the days of the period, times
``team_plan.base_price_usd``; plus this month's MTUs beyond ``team_plan.included_mtus`` at
``team_plan.overage_usd_per_mtu``. Amounts are rounded half-up to cents.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from actions.facts._base import Fact
from actions.facts.periods import month_start, period_containing
from actions.facts.trial import TrialState, trial_status
from actions.facts.usage import mtus_by_month
from actions.models import Plan, SubscriptionStatus, WorkspaceFacts
from knowledge.policy import Policy

CENT = Decimal("0.01")


class CancellationKind(StrEnum):
    NOTHING_TO_CANCEL = "nothing-to-cancel"  # Free plan, no subscription, or already canceled
    TRIAL_NO_CHARGE = "trial-no-charge"      # cancelling during the trial costs nothing
    MONTHLY_PRORATED = "monthly-prorated"    # a final bill: prorated base plus overage
    ANNUAL_NO_REFUND = "annual-no-refund"    # the prepaid part is not refunded
    NOT_COVERED = "not-covered"              # legacy API or Business: terms outside the published policy


class MonthlyFinalBill(Fact):
    period_start: date
    period_end: date  # the first day of the next period
    days_used: int  # from period_start through today, today included
    days_in_period: int
    base_usd: Decimal  # the prorated base
    mtus_this_month: int
    overage_mtus: int
    overage_usd: Decimal
    total_usd: Decimal


class CancellationEstimate(Fact):
    plan: Plan | None
    kind: CancellationKind
    final_bill: MonthlyFinalBill | None = None  # only for MONTHLY_PRORATED
    trial_ends_on: date | None = None  # only for TRIAL_NO_CHARGE


def to_cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def cancellation_estimate(facts: WorkspaceFacts, policy: Policy, today: date) -> CancellationEstimate:
    """What cancelling on ``today`` means for the workspace's subscription."""
    subscription = facts.subscription
    if subscription is None or subscription.plan is Plan.FREE or subscription.status is SubscriptionStatus.CANCELED:
        return CancellationEstimate(plan=subscription.plan if subscription else None,
                                    kind=CancellationKind.NOTHING_TO_CANCEL)
    trial = trial_status(facts, policy, today)
    if trial.state is TrialState.ACTIVE:
        return CancellationEstimate(plan=subscription.plan, kind=CancellationKind.TRIAL_NO_CHARGE,
                                    trial_ends_on=trial.ends_on)
    if subscription.plan is Plan.TEAM_ANNUAL:
        return CancellationEstimate(plan=subscription.plan, kind=CancellationKind.ANNUAL_NO_REFUND)
    if subscription.plan is Plan.TEAM_MONTHLY:
        return CancellationEstimate(plan=subscription.plan, kind=CancellationKind.MONTHLY_PRORATED,
                                    final_bill=monthly_final_bill(facts, policy, today))
    return CancellationEstimate(plan=subscription.plan, kind=CancellationKind.NOT_COVERED)


def monthly_final_bill(facts: WorkspaceFacts, policy: Policy, today: date) -> MonthlyFinalBill:
    """The final bill of a monthly Team plan cancelled on ``today`` (see the module docstring).

    A stale billing-cycle anchor is rolled to the period that contains today, keeping its day of month.
    """
    if facts.subscription is None:
        raise ValueError("a final bill needs a subscription")
    start, end = period_containing(facts.subscription.billing_cycle_anchor, today)
    days_in_period = (end - start).days
    days_used = (today - start).days + 1
    team = policy.team_plan
    base = to_cents(team.base_price_usd * days_used / days_in_period)
    mtus = mtus_by_month(facts.usage).get(month_start(today), 0)
    overage_mtus = max(mtus - team.included_mtus, 0)
    overage = to_cents(overage_mtus * team.overage_usd_per_mtu)
    return MonthlyFinalBill(
        period_start=start,
        period_end=end,
        days_used=days_used,
        days_in_period=days_in_period,
        base_usd=base,
        mtus_this_month=mtus,
        overage_mtus=overage_mtus,
        overage_usd=overage,
        total_usd=base + overage,
    )
