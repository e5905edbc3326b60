from datetime import date, timedelta
from decimal import Decimal

from actions.facts.coupons import coupon_eligibility
from actions.facts.periods import add_years
from actions.facts.startup import StartupCriterion, startup_credit, startup_eligibility
from actions.models import Coupon, CouponKind, CouponStatus, StartupMembership
from tests.actions.facts.records import TODAY, changed_policy, facts, workspace

TWO_YEARS_AGO = date(2023, 3, 15)


def company(incorporated_on: date | None = date(2024, 6, 1), funding: str | None = "1000000", **fields):
    raised = None if funding is None else Decimal(funding)
    return facts(workspace=workspace(incorporated_on=incorporated_on, funding_raised_usd=raised), **fields)


def member(used: str, granted: str = "25000", program_year: int = 1, period_end: date = date(2025, 12, 31)):
    return facts(startup=StartupMembership(workspace_id="ws-1", credit_granted_usd=Decimal(granted),
                                           credit_used_usd=Decimal(used), period_start=date(2025, 1, 1),
                                           period_end=period_end, program_year=program_year))


def test_a_young_modestly_funded_company_without_discounts_is_eligible(policy):
    result = startup_eligibility(company(), policy, TODAY)
    assert result.eligible is True and result.failed == () and not result.member


def test_incorporated_exactly_the_maximum_age_ago_is_too_old_and_a_day_later_is_not(policy):
    limit = add_years(TODAY, -policy.startup_program.max_company_age_years)  # 2 years with the shipped policy
    too_old = startup_eligibility(company(incorporated_on=limit), policy, TODAY)
    assert too_old.eligible is False and too_old.failed == (StartupCriterion.COMPANY_AGE,)
    assert too_old.incorporated_after == limit
    young_enough = startup_eligibility(company(incorporated_on=limit + timedelta(days=1)), policy, TODAY)
    assert young_enough.eligible is True


def test_funding_of_exactly_the_maximum_qualifies_and_one_dollar_more_does_not(policy):
    limit = policy.startup_program.max_funding_usd
    assert startup_eligibility(company(funding=str(limit)), policy, TODAY).eligible is True
    over = startup_eligibility(company(funding=str(limit + 1)), policy, TODAY)
    assert over.failed == (StartupCriterion.FUNDING,)


def test_an_earlier_coupon_or_membership_fails_the_discount_criterion(policy):
    promo = Coupon(id="c", workspace_id="ws-1", kind=CouponKind.PROMO, code="P", percent_off=Decimal("10"),
                   starts_on=date(2024, 1, 1), ends_on=date(2024, 2, 1), status=CouponStatus.EXPIRED)
    with_coupon = startup_eligibility(company(coupons=(promo,)), policy, TODAY)
    assert with_coupon.failed == (StartupCriterion.NO_EARLIER_DISCOUNT,)
    already = startup_eligibility(member("0"), policy, TODAY)
    assert already.member and StartupCriterion.NO_EARLIER_DISCOUNT in already.failed


def test_every_failed_reason_is_listed(policy):
    result = startup_eligibility(company(incorporated_on=date(2010, 1, 1), funding="9000000"), policy, TODAY)
    assert result.failed == (StartupCriterion.COMPANY_AGE, StartupCriterion.FUNDING)


def test_unknown_facts_leave_eligibility_open_unless_something_failed(policy):
    unknown = startup_eligibility(company(incorporated_on=None), policy, TODAY)
    assert unknown.eligible is None and unknown.unknown == (StartupCriterion.COMPANY_AGE,)
    failed = startup_eligibility(company(incorporated_on=None, funding="9000000"), policy, TODAY)
    assert failed.eligible is False


def test_credit_exactly_used_up(policy):
    credit = startup_credit(member("25000"), policy, TODAY)
    assert credit.left_usd == 0 and credit.used_up and credit.over_by_usd == 0


def test_credit_left_and_usage_above_it(policy):
    partly = startup_credit(member("10000.50"), policy, TODAY)
    assert partly.left_usd == Decimal("14999.50") and not partly.used_up
    over = startup_credit(member("25300"), policy, TODAY)
    assert over.left_usd == 0 and over.over_by_usd == Decimal("300")


def test_years_left_and_the_end_of_the_period(policy):
    first_year = startup_credit(member("0"), policy, TODAY)
    assert first_year.years_left == policy.startup_program.max_years - 1
    assert startup_credit(member("0", program_year=policy.startup_program.max_years), policy, TODAY).years_left == 0
    assert not startup_credit(member("0", period_end=TODAY), policy, TODAY).period_ended
    assert startup_credit(member("0", period_end=TODAY - timedelta(days=1)), policy, TODAY).period_ended


def test_no_credit_outside_the_program(policy):
    assert startup_credit(facts(), policy, TODAY) is None


def test_the_criteria_come_from_the_policy_data(policy):
    changed = changed_policy(policy, startup_program={"max_company_age_years": 3,
                                                      "max_funding_usd": Decimal("10000000"), "max_years": 4})
    result = startup_eligibility(company(incorporated_on=TWO_YEARS_AGO, funding="9000000"), changed, TODAY)
    assert result.eligible is True and result.max_funding_usd == Decimal("10000000")
    assert startup_credit(member("0"), changed, TODAY).years_left == 3


def test_the_discount_criterion_follows_the_coupon_rule_when_the_policy_allows_repeats(policy):
    twice = changed_policy(policy, coupons={"times_a_workspace_may_receive_each": 2})
    startup = Coupon(id="s", workspace_id="ws-1", kind=CouponKind.STARTUP, code="S", percent_off=Decimal("100"),
                     starts_on=date(2024, 1, 1), ends_on=date(2024, 2, 1), status=CouponStatus.EXPIRED)
    for rules in (policy, twice):
        record = company(coupons=(startup,))
        coupon_rule = coupon_eligibility(record, CouponKind.STARTUP, rules).allowed
        assert startup_eligibility(record, rules, TODAY).eligible is coupon_rule
    assert startup_eligibility(company(coupons=(startup,)), twice, TODAY).eligible is True
