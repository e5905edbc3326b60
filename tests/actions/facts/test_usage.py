from datetime import date

from actions.facts.periods import add_months
from actions.facts.usage import UnlockOption, usage_status
from actions.models import MonthlyUsage, Plan, SubscriptionStatus
from tests.actions.facts.records import TODAY, changed_policy, facts, subscription

THIS_MONTH = date(2025, 3, 1)


def usage(*pairs: tuple[date, int]) -> tuple[MonthlyUsage, ...]:
    return tuple(MonthlyUsage(workspace_id="ws-1", month=month, mtus=mtus) for month, mtus in pairs)


def months_ago(n: int) -> date:
    return add_months(THIS_MONTH, -n)


def test_exactly_the_limit_is_not_an_overage(policy):
    limit = policy.free_plan.mtu_limit
    status = usage_status(facts(usage=usage((THIS_MONTH, limit))), policy, TODAY)
    assert status.overage_months == ()
    assert not status.locked and status.data_flowing
    assert status.unlock_options == ()
    assert status.mtus_this_month == limit and status.headroom_mtus == 0


def test_one_over_the_limit_locks_while_data_flows(policy):
    status = usage_status(facts(usage=usage((THIS_MONTH, policy.free_plan.mtu_limit + 1))), policy, TODAY)
    assert status.overage_months == (THIS_MONTH,)
    assert status.locked and status.data_flowing
    assert status.unlock_options == (UnlockOption.WAIT_BILLING_CYCLE, UnlockOption.UPGRADE_TO_TEAM_TRIAL)
    assert status.headroom_mtus == 0


def test_twice_in_the_window_stops_data_and_leaves_only_the_upgrade(policy):
    over = policy.free_plan.mtu_limit + 1
    status = usage_status(facts(usage=usage((months_ago(5), over), (THIS_MONTH, over))), policy, TODAY)
    assert status.overage_months == (months_ago(5), THIS_MONTH)
    assert status.locked and not status.data_flowing
    assert status.unlock_options == (UnlockOption.UPGRADE_TO_TEAM_TRIAL,)


def test_an_overage_just_outside_the_window_does_not_count(policy):
    over = policy.free_plan.mtu_limit + 1
    window = policy.free_plan_overage.window_months
    status = usage_status(facts(usage=usage((months_ago(window), over), (THIS_MONTH, over))), policy, TODAY)
    assert status.window_start == months_ago(window - 1)
    assert status.overage_months == (THIS_MONTH,)
    assert status.data_flowing


def test_the_lock_lifts_after_a_full_clean_billing_cycle(policy):
    over, under = policy.free_plan.mtu_limit + 1, policy.free_plan.mtu_limit
    last_month = usage_status(facts(usage=usage((months_ago(1), over), (THIS_MONTH, under))), policy, TODAY)
    assert last_month.locked and last_month.unlock_options[0] is UnlockOption.WAIT_BILLING_CYCLE
    two_months_ago = usage_status(
        facts(usage=usage((months_ago(2), over), (months_ago(1), under), (THIS_MONTH, under))), policy, TODAY)
    assert two_months_ago.overage_months == (months_ago(2),)
    assert not two_months_ago.locked and two_months_ago.unlock_options == ()


def test_a_lock_on_record_is_reported_even_without_overage(policy):
    locked = facts(subscription=subscription(status=SubscriptionStatus.LOCKED), usage=usage((THIS_MONTH, 10)))
    status = usage_status(locked, policy, TODAY)
    assert status.locked and status.data_flowing
    assert UnlockOption.WAIT_BILLING_CYCLE in status.unlock_options


def test_a_workspace_that_had_a_team_plan_upgrades_without_a_trial(policy):
    had_team = facts(subscription=subscription(ever_had_team_plan=True),
                     usage=usage((THIS_MONTH, policy.free_plan.mtu_limit + 1)))
    assert usage_status(had_team, policy, TODAY).unlock_options == (
        UnlockOption.WAIT_BILLING_CYCLE, UnlockOption.UPGRADE_TO_TEAM)


def test_team_plans_measure_against_included_mtus_and_have_no_free_overage(policy):
    included = policy.team_plan.included_mtus
    team = facts(subscription=subscription(plan=Plan.TEAM_MONTHLY, ever_had_team_plan=True),
                 usage=usage((months_ago(1), included * 2), (THIS_MONTH, included - 250)))
    status = usage_status(team, policy, TODAY)
    assert status.allowance_mtus == included and status.headroom_mtus == 250
    assert status.overage_months == () and not status.locked and status.data_flowing


def test_no_usage_recorded_this_month(policy):
    status = usage_status(facts(subscription=None), policy, TODAY)
    assert status.plan is Plan.FREE
    assert status.mtus_this_month is None
    assert status.headroom_mtus == policy.free_plan.mtu_limit


def test_the_rules_come_from_the_policy_data(policy):
    changed = changed_policy(policy, free_plan={"mtu_limit": 500},
                             free_plan_overage={"window_months": 3, "overages_to_stop_data": 3})
    records = facts(usage=usage((months_ago(3), 900), (months_ago(2), 900), (THIS_MONTH, 900)))
    shipped = usage_status(records, policy, TODAY)
    assert shipped.overage_months == () and not shipped.locked
    status = usage_status(records, changed, TODAY)
    assert status.window_start == months_ago(2)
    assert status.overage_months == (months_ago(2), THIS_MONTH)
    assert status.locked and status.data_flowing  # two overages no longer stop data
    assert status.headroom_mtus == 0
