"""The actions the bot offers, one module each. ``default_registry()`` is the one registry."""

from actions.catalog.coupon_status import CouponStatusCheck
from actions.catalog.escalate import Escalate
from actions.catalog.revoke_deletion import RevokeDeletion
from actions.catalog.startup_eligibility import StartupEligibilityCheck
from actions.catalog.tax_status import TaxStatusCheck
from actions.catalog.transfer_precheck import TransferPrecheck
from actions.catalog.trial_status import TrialStatusCheck
from actions.catalog.usage_status import UsageStatusCheck
from actions.registry import Registry

CATALOG: tuple[type, ...] = (
    RevokeDeletion,
    CouponStatusCheck,
    TrialStatusCheck,
    UsageStatusCheck,
    TaxStatusCheck,
    StartupEligibilityCheck,
    TransferPrecheck,
    Escalate,
)


def default_registry() -> Registry:
    return Registry(CATALOG)
