from datetime import date, timedelta
from decimal import Decimal

from actions.facts.coupons import CouponRefusal, coupon_eligibility, coupon_status
from actions.models import Coupon, CouponKind, CouponStatus, StartupMembership
from tests.actions.facts.records import TODAY, changed_policy, facts


def coupon(kind: CouponKind = CouponKind.PROMO, status: CouponStatus = CouponStatus.ACTIVE,
           ends_on: date | None = TODAY + timedelta(days=30), id: str = "c-1", **fields) -> Coupon:
    values = {"percent_off": Decimal("20")} | fields
    return Coupon(id=id, workspace_id="ws-1", kind=kind, code=f"CODE-{id}", starts_on=date(2025, 1, 1),
                  ends_on=ends_on, status=status, **values)


def membership() -> StartupMembership:
    return StartupMembership(workspace_id="ws-1", credit_granted_usd=Decimal("25000"),
                             credit_used_usd=Decimal("0"), period_start=date(2025, 1, 1),
                             period_end=date(2025, 12, 31), program_year=1)


def test_active_coupons_with_value_and_end(policy):
    percent = coupon(id="a")
    amount = coupon(kind=CouponKind.NON_PROFIT, id="b", ends_on=None, percent_off=None,
                    amount_off_usd=Decimal("120"))
    status = coupon_status(facts(coupons=(amount, percent)), policy, TODAY)
    assert [c.code for c in status.active] == ["CODE-a", "CODE-b"]  # open-ended last
    assert status.active[0].percent_off == Decimal("20") and status.active[0].ends_on == TODAY + timedelta(days=30)
    assert status.active[1].amount_off_usd == Decimal("120") and status.active[1].ends_on is None


def test_a_coupon_is_active_through_its_last_day_only(policy):
    ends_today = coupon(ends_on=TODAY)
    assert len(coupon_status(facts(coupons=(ends_today,)), policy, TODAY).active) == 1
    ended_yesterday = coupon(ends_on=TODAY - timedelta(days=1))
    assert coupon_status(facts(coupons=(ended_yesterday,)), policy, TODAY).active == ()
    expired = coupon(status=CouponStatus.EXPIRED)
    scheduled = coupon(status=CouponStatus.SCHEDULED, id="s")
    assert coupon_status(facts(coupons=(expired, scheduled)), policy, TODAY).active == ()


def test_each_kind_can_be_received_once_even_after_it_expired(policy):
    records = facts(coupons=(coupon(status=CouponStatus.EXPIRED),))
    promo = coupon_eligibility(records, CouponKind.PROMO, policy)
    assert not promo.allowed and promo.refusal is CouponRefusal.ALREADY_RECEIVED and promo.times_received == 1
    assert coupon_eligibility(records, CouponKind.NON_PROFIT, policy).allowed


def test_the_startup_program_needs_no_earlier_coupon_of_any_kind(policy):
    assert coupon_eligibility(facts(), CouponKind.STARTUP, policy).allowed
    after_promo = coupon_eligibility(facts(coupons=(coupon(),)), CouponKind.STARTUP, policy)
    assert after_promo.refusal is CouponRefusal.EARLIER_COUPON
    again = coupon_eligibility(facts(coupons=(coupon(kind=CouponKind.STARTUP),)), CouponKind.STARTUP, policy)
    assert again.refusal is CouponRefusal.ALREADY_RECEIVED
    member = coupon_eligibility(facts(startup=membership()), CouponKind.STARTUP, policy)
    assert member.refusal is CouponRefusal.ALREADY_RECEIVED


def test_the_overview_lists_received_kinds_and_what_remains(policy):
    status = coupon_status(facts(coupons=(coupon(kind=CouponKind.ACCELERATOR),)), policy, TODAY)
    assert status.received == (CouponKind.ACCELERATOR,)
    assert not status.may_receive(CouponKind.ACCELERATOR)
    assert not status.may_receive(CouponKind.STARTUP)
    assert status.may_receive(CouponKind.NON_PROFIT) and status.may_receive(CouponKind.PROMO)


def test_the_limits_come_from_the_policy_data(policy):
    changed = changed_policy(policy, coupons={"times_a_workspace_may_receive_each": 2},
                             startup_program={"requires_no_earlier_discount": False})
    records = facts(coupons=(coupon(),))
    assert coupon_eligibility(records, CouponKind.PROMO, changed).allowed
    assert coupon_eligibility(records, CouponKind.STARTUP, changed).allowed
    two = facts(coupons=(coupon(id="x"), coupon(id="y")))
    assert not coupon_eligibility(two, CouponKind.PROMO, changed).allowed
