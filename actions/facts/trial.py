"""Team trial: end date, days left, what happens after it, and who may start one."""

from datetime import date, timedelta
from enum import StrEnum

from actions.facts._base import Fact
from actions.models import Plan, Subscription, SubscriptionStatus, WorkspaceFacts
from knowledge.policy import Policy

TEAM_PLANS = frozenset({Plan.TEAM_MONTHLY, Plan.TEAM_ANNUAL})


class TrialState(StrEnum):
    NONE = "none"      # the workspace never had a trial
    ACTIVE = "active"  # trialing today (the last day included)
    ENDED = "ended"


class TrialStatus(Fact):
    state: TrialState
    plan: Plan | None
    starts_on: date | None
    ends_on: date | None = None  # the last day of the trial
    days_left: int | None = None  # 0 on the last day; None unless the trial is active with a known end
    continues_to_paid: bool = False  # the plan carries on at the regular rate when the trial ends
    team_trial_eligible: bool
    trial_days: int


def team_trial_eligible(subscription: Subscription | None) -> bool:
    """A Team trial is open to every workspace that never had a Team plan (no record: never had one)."""
    if subscription is None:
        return True
    return not subscription.ever_had_team_plan and subscription.plan not in TEAM_PLANS


def trial_end(subscription: Subscription, policy: Policy) -> date | None:
    """The last day of the trial: the stored end, else ``policy.trial.days`` counted from the start."""
    if subscription.trial_end is not None:
        return subscription.trial_end
    if subscription.trial_start is not None:
        return subscription.trial_start + timedelta(days=policy.trial.days - 1)
    return None


def trial_status(facts: WorkspaceFacts, policy: Policy, today: date) -> TrialStatus:
    """Where the workspace stands with its trial on ``today``.

    A trial ending today is still active, with 0 days left; one that ended yesterday is over. The
    trial continues into the paid plan automatically only with a payment method on file.
    """
    subscription = facts.subscription
    eligible = team_trial_eligible(subscription)
    if subscription is None:
        return TrialStatus(state=TrialState.NONE, plan=None, starts_on=None, team_trial_eligible=eligible,
                           trial_days=policy.trial.days)
    ends_on = trial_end(subscription, policy)
    trialing = subscription.status is SubscriptionStatus.TRIALING and (ends_on is None or ends_on >= today)
    if trialing:
        state = TrialState.ACTIVE
    elif subscription.trial_start is not None or ends_on is not None:
        state = TrialState.ENDED
    else:
        state = TrialState.NONE
    return TrialStatus(
        state=state,
        plan=subscription.plan,
        starts_on=subscription.trial_start,
        ends_on=ends_on,
        days_left=(ends_on - today).days if trialing and ends_on is not None else None,
        continues_to_paid=trialing and subscription.payment_method_on_file,
        team_trial_eligible=eligible,
        trial_days=policy.trial.days,
    )
