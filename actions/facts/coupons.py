"""Coupons: which are in force, and whether the workspace may receive one of a given kind.

Each kind may be received ``coupons.times_a_workspace_may_receive_each`` times; the Startup
Program also requires that no coupon of another kind was received before
(``startup_program.requires_no_earlier_discount``). A Startup Program membership counts as a
startup coupon received.
"""

from datetime import date
from decimal import Decimal
from enum import StrEnum

from actions.facts._base import Fact
from actions.models import Coupon, CouponKind, CouponStatus, WorkspaceFacts
from knowledge.policy import Policy


class CouponRefusal(StrEnum):
    ALREADY_RECEIVED = "already-received"  # this kind was received as often as the policy allows
    EARLIER_COUPON = "earlier-coupon"      # the Startup Program requires no coupon of another kind


class ActiveCoupon(Fact):
    code: str
    kind: CouponKind
    percent_off: Decimal | None
    amount_off_usd: Decimal | None
    starts_on: date
    ends_on: date | None  # None: no end date


class CouponEligibility(Fact):
    kind: CouponKind
    times_received: int
    allowed: bool
    refusal: CouponRefusal | None = None


class CouponOverview(Fact):
    active: tuple[ActiveCoupon, ...]  # ending soonest first; open-ended last
    received: tuple[CouponKind, ...]  # kinds received at any time, in the order of CouponKind
    eligibility: tuple[CouponEligibility, ...]  # one per kind, in the order of CouponKind

    def may_receive(self, kind: CouponKind) -> bool:
        return next(e.allowed for e in self.eligibility if e.kind is kind)


def is_active(coupon: Coupon, today: date) -> bool:
    """In force on ``today``: marked active, started, and not past its end date (the end day included)."""
    return (coupon.status is CouponStatus.ACTIVE and coupon.starts_on <= today
            and (coupon.ends_on is None or today <= coupon.ends_on))


def times_received(facts: WorkspaceFacts, kind: CouponKind) -> int:
    count = sum(1 for coupon in facts.coupons if coupon.kind is kind)
    if kind is CouponKind.STARTUP and count == 0 and facts.startup is not None:
        return 1
    return count


def coupon_eligibility(facts: WorkspaceFacts, kind: CouponKind, policy: Policy) -> CouponEligibility:
    """Whether the workspace may receive a coupon of ``kind``, and if not, why."""
    received = times_received(facts, kind)
    refusal: CouponRefusal | None = None
    if received >= policy.coupons.times_a_workspace_may_receive_each:
        refusal = CouponRefusal.ALREADY_RECEIVED
    elif (kind is CouponKind.STARTUP and policy.startup_program.requires_no_earlier_discount
          and any(coupon.kind is not CouponKind.STARTUP for coupon in facts.coupons)):
        refusal = CouponRefusal.EARLIER_COUPON
    return CouponEligibility(kind=kind, times_received=received, allowed=refusal is None, refusal=refusal)


def coupon_status(facts: WorkspaceFacts, policy: Policy, today: date) -> CouponOverview:
    """The coupons in force on ``today`` with their value and end, and what the workspace may still receive."""
    active = sorted((c for c in facts.coupons if is_active(c, today)),
                    key=lambda c: (c.ends_on is None, c.ends_on or date.max, c.code))
    return CouponOverview(
        active=tuple(ActiveCoupon(code=c.code, kind=c.kind, percent_off=c.percent_off,
                                  amount_off_usd=c.amount_off_usd, starts_on=c.starts_on, ends_on=c.ends_on)
                     for c in active),
        received=tuple(kind for kind in CouponKind if times_received(facts, kind) > 0),
        eligibility=tuple(coupon_eligibility(facts, kind, policy) for kind in CouponKind),
    )
