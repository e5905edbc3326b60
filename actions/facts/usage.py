"""Monthly tracked users: this month against the plan's allowance, and the Free plan overage rules.

The Free plan rule: exceeding ``free_plan.mtu_limit`` in ``overages_to_lock`` months of the last
``window_months`` locks the workspace while data still flows; ``overages_to_stop_data`` months
also stop the data. A lock after a single overage lifts once ``unlock_wait_billing_cycles`` full
cycles pass without one; otherwise upgrading to Team (a trial when the workspace may have one)
unlocks it.
"""

from datetime import date
from enum import StrEnum

from actions.facts._base import Fact
from actions.facts.periods import add_months, month_start, months_between
from actions.facts.trial import TEAM_PLANS, team_trial_eligible
from actions.models import MonthlyUsage, Plan, SubscriptionStatus, WorkspaceFacts
from knowledge.policy import Policy


class UnlockOption(StrEnum):
    WAIT_BILLING_CYCLE = "wait-billing-cycle"        # only while data still flows
    UPGRADE_TO_TEAM_TRIAL = "upgrade-to-team-trial"  # only for a workspace that never had a Team plan
    UPGRADE_TO_TEAM = "upgrade-to-team"              # the same upgrade, without a trial


class UsageStatus(Fact):
    plan: Plan  # a workspace without a subscription record is on the Free plan
    month: date  # the current month (its first day)
    mtus_this_month: int | None  # None: no usage recorded yet this month
    allowance_mtus: int | None  # the Free limit or the Team included MTUs; None: no stated allowance
    headroom_mtus: int | None  # allowance minus this month's MTUs, never below 0
    window_start: date  # the oldest month the Free plan window counts
    overage_months: tuple[date, ...]  # Free plan months strictly over the limit, oldest first
    locked: bool
    data_flowing: bool
    unlock_options: tuple[UnlockOption, ...]


def plan_allowance(plan: Plan, policy: Policy) -> int | None:
    """MTUs the plan includes each month, as the policy states them."""
    if plan is Plan.FREE:
        return policy.free_plan.mtu_limit
    if plan in TEAM_PLANS:
        return policy.team_plan.included_mtus
    return None


def mtus_by_month(usage: tuple[MonthlyUsage, ...]) -> dict[date, int]:
    """One figure per month; if a month was recorded twice, the higher one (never under-report)."""
    months: dict[date, int] = {}
    for record in usage:
        month = month_start(record.month)
        months[month] = max(months.get(month, 0), record.mtus)
    return months


def usage_status(facts: WorkspaceFacts, policy: Policy, today: date) -> UsageStatus:
    """This month's MTUs and, on the Free plan, the overage months of the window and their effect.

    A month counts as an overage only when strictly over the limit (exactly the limit is fine).
    The window is the current month and the ``window_months - 1`` before it.
    """
    subscription = facts.subscription
    plan = subscription.plan if subscription else Plan.FREE
    month = month_start(today)
    window_start = add_months(month, 1 - policy.free_plan_overage.window_months)
    by_month = mtus_by_month(facts.usage)
    this_month = by_month.get(month)
    allowance = plan_allowance(plan, policy)
    recorded_lock = subscription is not None and subscription.status is SubscriptionStatus.LOCKED

    overages: tuple[date, ...] = ()
    locked, data_flowing = recorded_lock, True
    if plan is Plan.FREE:
        overages = tuple(sorted(m for m, mtus in by_month.items()
                                if window_start <= m <= month and mtus > policy.free_plan.mtu_limit))
        data_flowing = len(overages) < policy.free_plan_overage.overages_to_stop_data
        locked = recorded_lock or not data_flowing or _locked_by_recent_overage(overages, month, policy)

    options: list[UnlockOption] = []
    if locked and plan is Plan.FREE:
        if data_flowing:
            options.append(UnlockOption.WAIT_BILLING_CYCLE)
        options.append(UnlockOption.UPGRADE_TO_TEAM_TRIAL if team_trial_eligible(subscription)
                       else UnlockOption.UPGRADE_TO_TEAM)
    return UsageStatus(
        plan=plan,
        month=month,
        mtus_this_month=this_month,
        allowance_mtus=allowance,
        headroom_mtus=max(allowance - (this_month or 0), 0) if allowance is not None else None,
        window_start=window_start,
        overage_months=overages,
        locked=locked,
        data_flowing=data_flowing,
        unlock_options=tuple(options),
    )


def _locked_by_recent_overage(overages: tuple[date, ...], month: date, policy: Policy) -> bool:
    """Locked after enough overages, until the required number of full, clean cycles has passed."""
    rules = policy.free_plan_overage
    if len(overages) < rules.overages_to_lock:
        return False
    clean_cycles = max(months_between(overages[-1], month) - 1, 0)  # full months after the latest overage
    return clean_cycles < rules.unlock_wait_billing_cycles
