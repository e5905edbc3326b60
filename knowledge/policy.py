"""The policy numbers the source pages state, as typed data.

Answers reference them as ``{{ policy.team_plan.base_price_usd }}`` and account-specific
computations read them from here, so a price change is one edit in ``content/policy.yaml``.
"""

import re
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PositiveInt, field_validator


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FreePlan(_Frozen):
    mtu_limit: PositiveInt


class TeamPlan(_Frozen):
    base_price_usd: Decimal = Field(gt=0, description="per month")
    included_mtus: PositiveInt
    seats: PositiveInt
    warehouse_syncs_per_day: PositiveInt
    overage_usd_per_mtu: Decimal = Field(
        ge=0,
        description="Estimate used for final-bill previews; the FAQ defers the real rate to the pricing page.",
    )


class Trial(_Frozen):
    days: PositiveInt
    plan: str

    @field_validator("days")
    @classmethod
    def _whole_weeks(cls, days: int) -> int:
        # The pages speak of the same trial as "2-week" and "14-day": both must stay true.
        if days % 7:
            raise ValueError("must be whole weeks: answers say both '{{ policy.trial.weeks }}-week' and 'N-day'")
        return days

    @property
    def weeks(self) -> int:
        """Derived, so it is never stored or exported; answers may still reference it."""
        return self.days // 7


class FreePlanOverage(_Frozen):
    window_months: PositiveInt
    overages_to_lock: PositiveInt
    overages_to_stop_data: PositiveInt
    unlock_wait_billing_cycles: PositiveInt


class WorkspaceDeletion(_Frozen):
    grace_days: PositiveInt


class StartupProgram(_Frozen):
    max_company_age_years: PositiveInt
    max_funding_usd: Decimal = Field(gt=0)
    credit_usd_per_year: Decimal = Field(gt=0)
    max_years: PositiveInt
    requires_no_earlier_discount: bool


class NonProfit(_Frozen):
    discount_usd_per_month: Decimal = Field(gt=0)
    plan: str


class Coupons(_Frozen):
    times_a_workspace_may_receive_each: PositiveInt


class SourceTransfer(_Frozen):
    requires_owner_of_both: bool
    tracking_plans_transfer: bool
    eu_target_supported: bool
    storage_destinations_transfer: bool


class Policy(_Frozen):
    free_plan: FreePlan
    team_plan: TeamPlan
    trial: Trial
    free_plan_overage: FreePlanOverage
    workspace_deletion: WorkspaceDeletion
    startup_program: StartupProgram
    non_profit: NonProfit
    coupons: Coupons
    source_transfer: SourceTransfer

    def lookup(self, path: str) -> Any:
        """Value at a dotted path such as ``team_plan.base_price_usd``; KeyError when absent."""
        value: Any = self
        for part in path.split("."):
            model = type(value)
            if not isinstance(value, BaseModel) or (
                part not in model.model_fields and not isinstance(getattr(model, part, None), property)
            ):
                raise KeyError(path)
            value = getattr(value, part)
        return value


REFERENCE = re.compile(r"\{\{\s*policy\.([a-z_][a-z0-9_.]*)\s*\}\}")


def format_value(value: Any) -> str:
    """How a policy number reads in an answer: 1,000 and 120 and 0.5, never 120.00."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        value = int(value) if value == value.to_integral_value() else value.normalize()
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def render_references(text: str, policy: Policy) -> str:
    """Replace every ``{{ policy.x.y }}`` with its formatted value; KeyError names an unknown path."""
    return REFERENCE.sub(lambda m: format_value(policy.lookup(m.group(1))), text)
