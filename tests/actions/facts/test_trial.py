from datetime import timedelta

from actions.facts.trial import TrialState, team_trial_eligible, trial_status
from actions.models import Plan, SubscriptionStatus
from tests.actions.facts.records import TODAY, changed_policy, facts, subscription


def trialing(**fields):
    values = {"plan": Plan.TEAM_MONTHLY, "status": SubscriptionStatus.TRIALING, "ever_had_team_plan": True,
              "trial_start": TODAY - timedelta(days=10), "trial_end": TODAY + timedelta(days=3)}
    return facts(subscription=subscription(**(values | fields)))


def test_a_trial_ending_today_is_still_active_with_zero_days_left(policy):
    status = trial_status(trialing(trial_end=TODAY), policy, TODAY)
    assert status.state is TrialState.ACTIVE
    assert status.ends_on == TODAY and status.days_left == 0


def test_a_trial_that_ended_yesterday_is_over(policy):
    status = trial_status(trialing(trial_end=TODAY - timedelta(days=1), payment_method_on_file=True), policy, TODAY)
    assert status.state is TrialState.ENDED
    assert status.days_left is None
    assert not status.continues_to_paid


def test_days_left_count_to_the_last_day(policy):
    assert trial_status(trialing(), policy, TODAY).days_left == 3


def test_the_trial_continues_into_the_paid_plan_only_with_a_payment_method(policy):
    assert trial_status(trialing(payment_method_on_file=True), policy, TODAY).continues_to_paid
    assert not trial_status(trialing(payment_method_on_file=False), policy, TODAY).continues_to_paid


def test_the_end_is_derived_from_the_start_when_not_stored(policy):
    status = trial_status(trialing(trial_start=TODAY, trial_end=None), policy, TODAY)
    assert status.ends_on == TODAY + timedelta(days=policy.trial.days - 1)
    assert status.days_left == policy.trial.days - 1


def test_a_workspace_that_never_trialed(policy):
    status = trial_status(facts(), policy, TODAY)
    assert status.state is TrialState.NONE
    assert status.team_trial_eligible and status.trial_days == policy.trial.days


def test_team_trial_eligibility_needs_a_workspace_that_never_had_a_team_plan():
    assert team_trial_eligible(None)
    assert team_trial_eligible(subscription())
    assert not team_trial_eligible(subscription(ever_had_team_plan=True))
    assert not team_trial_eligible(subscription(plan=Plan.TEAM_ANNUAL))


def test_a_converted_trial_has_ended(policy):
    converted = trialing(status=SubscriptionStatus.ACTIVE)
    status = trial_status(converted, policy, TODAY)
    assert status.state is TrialState.ENDED and not status.team_trial_eligible


def test_the_trial_length_comes_from_the_policy_data(policy):
    changed = changed_policy(policy, trial={"days": 30})
    status = trial_status(trialing(trial_start=TODAY, trial_end=None), changed, TODAY)
    assert status.ends_on == TODAY + timedelta(days=29)
    assert status.trial_days == 30
