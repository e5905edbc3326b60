from datetime import date, timedelta
from decimal import Decimal

from actions.facts.cancellation import CancellationKind, cancellation_estimate
from actions.models import MonthlyUsage, Plan, SubscriptionStatus
from tests.actions.facts.records import TODAY, changed_policy, facts, subscription

ANCHOR = date(2025, 3, 1)  # the March period has 31 days


def monthly(mtus: int | None = None, **fields):
    values = {"plan": Plan.TEAM_MONTHLY, "ever_had_team_plan": True, "billing_cycle_anchor": ANCHOR}
    usage = () if mtus is None else (MonthlyUsage(workspace_id="ws-1", month=ANCHOR, mtus=mtus),)
    return facts(subscription=subscription(**(values | fields)), usage=usage)


def test_monthly_final_bill_is_the_used_part_of_the_base_plus_overage(policy):
    included = policy.team_plan.included_mtus
    estimate = cancellation_estimate(monthly(included + 2_500), policy, TODAY)
    assert estimate.kind is CancellationKind.MONTHLY_PRORATED
    bill = estimate.final_bill
    assert (bill.period_start, bill.period_end) == (ANCHOR, date(2025, 4, 1))
    assert (bill.days_used, bill.days_in_period) == (15, 31)  # 1 to 15 March, both included
    assert bill.base_usd == Decimal("58.06")  # 120 * 15 / 31 = 58.0645...
    assert bill.overage_mtus == 2_500 and bill.overage_usd == Decimal("25.00")
    assert bill.total_usd == Decimal("83.06")


def test_cancelling_on_the_first_and_last_day_of_the_period(policy):
    first = cancellation_estimate(monthly(), policy, ANCHOR).final_bill
    assert first.days_used == 1 and first.base_usd == Decimal("3.87")  # 120 / 31
    last = cancellation_estimate(monthly(), policy, date(2025, 3, 31)).final_bill
    assert last.days_used == 31 and last.base_usd == policy.team_plan.base_price_usd


def test_exactly_the_included_mtus_owe_no_overage_and_one_more_does(policy):
    included = policy.team_plan.included_mtus
    at_limit = cancellation_estimate(monthly(included), policy, TODAY).final_bill
    assert at_limit.overage_mtus == 0 and at_limit.overage_usd == 0
    one_over = cancellation_estimate(monthly(included + 1), policy, TODAY).final_bill
    assert one_over.overage_mtus == 1 and one_over.overage_usd == policy.team_plan.overage_usd_per_mtu


def test_a_stale_anchor_rolls_to_the_period_containing_today(policy):
    bill = cancellation_estimate(monthly(billing_cycle_anchor=date(2025, 1, 31)), policy, TODAY).final_bill
    assert (bill.period_start, bill.period_end) == (date(2025, 2, 28), date(2025, 3, 31))
    assert bill.days_used == 16 and bill.days_in_period == 31


def test_annual_plans_get_no_refund(policy):
    estimate = cancellation_estimate(facts(subscription=subscription(plan=Plan.TEAM_ANNUAL)), policy, TODAY)
    assert estimate.kind is CancellationKind.ANNUAL_NO_REFUND and estimate.final_bill is None


def test_cancelling_during_the_trial_costs_nothing_until_its_last_day(policy):
    trial = monthly(status=SubscriptionStatus.TRIALING, trial_start=TODAY - timedelta(days=13), trial_end=TODAY)
    estimate = cancellation_estimate(trial, policy, TODAY)
    assert estimate.kind is CancellationKind.TRIAL_NO_CHARGE and estimate.trial_ends_on == TODAY
    after = cancellation_estimate(trial, policy, TODAY + timedelta(days=1))
    assert after.kind is CancellationKind.MONTHLY_PRORATED


def test_nothing_to_cancel_or_not_covered(policy):
    assert cancellation_estimate(facts(), policy, TODAY).kind is CancellationKind.NOTHING_TO_CANCEL
    assert cancellation_estimate(facts(subscription=None), policy, TODAY).kind is CancellationKind.NOTHING_TO_CANCEL
    canceled = monthly(status=SubscriptionStatus.CANCELED)
    assert cancellation_estimate(canceled, policy, TODAY).kind is CancellationKind.NOTHING_TO_CANCEL
    legacy = facts(subscription=subscription(plan=Plan.LEGACY_API))
    assert cancellation_estimate(legacy, policy, TODAY).kind is CancellationKind.NOT_COVERED


def test_prices_come_from_the_policy_data_and_round_half_up(policy):
    changed = changed_policy(policy, team_plan={"base_price_usd": Decimal("310"), "included_mtus": 100,
                                                "overage_usd_per_mtu": Decimal("0.005")})
    bill = cancellation_estimate(monthly(101), changed, TODAY).final_bill
    assert bill.base_usd == Decimal("150.00")  # 310 * 15 / 31
    assert bill.overage_usd == Decimal("0.01")  # 0.005 rounds half up, not to even
    assert bill.total_usd == Decimal("150.01")
