"""Account-specific policy, computed: pure functions from domain records, the Policy and a date.

Each topic is one module with one entry function and a small frozen result:

- ``usage_status``          MTUs this month; Free plan overage months, lock, data flow, unlock options
- ``trial_status``          trial end, days left, continuation into a paid plan, Team trial eligibility
- ``cancellation_estimate`` the final bill when cancelling today
- ``tax_status``            why each invoice carries tax; exemption in force
- ``coupon_status``         coupons in force; which kinds the workspace may still receive
- ``startup_eligibility``   Startup Program criteria; ``startup_credit`` for members
- ``deletion_status``       pending deletion, the irrevocable moment, whether it can be revoked
- ``transfer_precheck``     can a source move to a workspace; ``transfer_summary`` for the source side
- ``plan_status``           the plan on record

Every number comes from the ``Policy``; none of these functions reads a clock or a database.
"""

from actions.facts.cancellation import CancellationEstimate, CancellationKind, MonthlyFinalBill, cancellation_estimate
from actions.facts.coupons import (
    ActiveCoupon,
    CouponEligibility,
    CouponOverview,
    CouponRefusal,
    coupon_eligibility,
    coupon_status,
)
from actions.facts.deletion import DeletionState, DeletionStatus, deletion_status
from actions.facts.plan import PlanStatus, plan_status
from actions.facts.startup import (
    StartupCheck,
    StartupCredit,
    StartupCriterion,
    StartupEligibility,
    startup_credit,
    startup_eligibility,
)
from actions.facts.tax import InvoiceTax, TaxReason, TaxStatus, tax_status
from actions.facts.transfer import (
    SourceOutlook,
    TransferBlocker,
    TransferPrecheck,
    TransferSummary,
    transfer_precheck,
    transfer_summary,
)
from actions.facts.trial import TrialState, TrialStatus, team_trial_eligible, trial_status
from actions.facts.usage import UnlockOption, UsageStatus, usage_status

__all__ = [
    "ActiveCoupon", "CancellationEstimate", "CancellationKind", "CouponEligibility", "CouponOverview",
    "CouponRefusal", "DeletionState", "DeletionStatus", "InvoiceTax", "MonthlyFinalBill", "PlanStatus",
    "SourceOutlook", "StartupCheck", "StartupCredit", "StartupCriterion", "StartupEligibility", "TaxReason",
    "TaxStatus", "TransferBlocker", "TransferPrecheck", "TransferSummary", "TrialState", "TrialStatus",
    "UnlockOption", "UsageStatus", "cancellation_estimate", "coupon_eligibility", "coupon_status",
    "deletion_status", "plan_status", "startup_credit", "startup_eligibility", "tax_status",
    "team_trial_eligible", "transfer_precheck", "transfer_summary", "trial_status", "usage_status",
]
