"""Startup Program: eligibility from the workspace's company facts, and a member's credit.

Eligible: incorporated less than ``max_company_age_years`` ago (exactly that many years ago is
too old), at most ``max_funding_usd`` raised (exactly that much is fine), and a startup coupon
still open to the workspace. That last check is the coupon rule itself (see coupons), so the two
answers never disagree: with the shipped policy it fails on any earlier coupon or membership.
"""

from datetime import date
from decimal import Decimal
from enum import StrEnum

from actions.facts._base import Fact
from actions.facts.coupons import coupon_eligibility
from actions.facts.periods import add_years
from actions.models import CouponKind, WorkspaceFacts
from knowledge.policy import Policy


class StartupCriterion(StrEnum):
    COMPANY_AGE = "company-age"
    FUNDING = "funding"
    NO_EARLIER_DISCOUNT = "no-earlier-discount"


class StartupCheck(Fact):
    criterion: StartupCriterion
    met: bool | None  # None: the record does not hold the fact


class StartupEligibility(Fact):
    eligible: bool | None  # None: nothing failed, but a fact is unknown
    checks: tuple[StartupCheck, ...]
    member: bool  # already in the program
    incorporated_on: date | None
    incorporated_after: date  # the company qualifies if incorporated strictly after this day
    funding_raised_usd: Decimal | None
    max_funding_usd: Decimal

    @property
    def failed(self) -> tuple[StartupCriterion, ...]:
        return tuple(check.criterion for check in self.checks if check.met is False)

    @property
    def unknown(self) -> tuple[StartupCriterion, ...]:
        return tuple(check.criterion for check in self.checks if check.met is None)


class StartupCredit(Fact):
    granted_usd: Decimal
    used_usd: Decimal
    left_usd: Decimal  # never below 0
    over_by_usd: Decimal  # usage above the credit, charged to the workspace
    used_up: bool
    period_start: date
    period_end: date  # the last day of the credit period
    period_ended: bool
    program_year: int
    years_left: int  # further program years after this one


def startup_eligibility(facts: WorkspaceFacts, policy: Policy, today: date) -> StartupEligibility:
    """Each eligibility criterion checked against the facts the workspace record holds, on ``today``."""
    program = policy.startup_program
    workspace = facts.workspace
    cutoff = add_years(today, -program.max_company_age_years)
    age = None if workspace.incorporated_on is None else workspace.incorporated_on > cutoff
    funding = None if workspace.funding_raised_usd is None else workspace.funding_raised_usd <= program.max_funding_usd
    checks = [StartupCheck(criterion=StartupCriterion.COMPANY_AGE, met=age),
              StartupCheck(criterion=StartupCriterion.FUNDING, met=funding),
              StartupCheck(criterion=StartupCriterion.NO_EARLIER_DISCOUNT,
                           met=coupon_eligibility(facts, CouponKind.STARTUP, policy).allowed)]
    results = [check.met for check in checks]
    eligible = False if False in results else (None if None in results else True)
    return StartupEligibility(
        eligible=eligible,
        checks=tuple(checks),
        member=facts.startup is not None,
        incorporated_on=workspace.incorporated_on,
        incorporated_after=cutoff,
        funding_raised_usd=workspace.funding_raised_usd,
        max_funding_usd=program.max_funding_usd,
    )


def startup_credit(facts: WorkspaceFacts, policy: Policy, today: date) -> StartupCredit | None:
    """A member's credit this period and what lies beyond it; None for a workspace outside the program."""
    membership = facts.startup
    if membership is None:
        return None
    granted, used = membership.credit_granted_usd, membership.credit_used_usd
    return StartupCredit(
        granted_usd=granted,
        used_usd=used,
        left_usd=max(granted - used, Decimal(0)),
        over_by_usd=max(used - granted, Decimal(0)),
        used_up=used >= granted,
        period_start=membership.period_start,
        period_end=membership.period_end,
        period_ended=today > membership.period_end,
        program_year=membership.program_year,
        years_left=max(policy.startup_program.max_years - membership.program_year, 0),
    )
