"""The billing domain: users, workspaces, subscriptions and everything a support answer may cite."""

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Role(StrEnum):
    OWNER = "owner"
    MEMBER = "member"
    READ_ONLY = "read-only"


class Region(StrEnum):
    US = "US"
    EU = "EU"


class Plan(StrEnum):
    FREE = "free"
    TEAM_MONTHLY = "team-monthly"
    TEAM_ANNUAL = "team-annual"
    LEGACY_API = "legacy-api"
    BUSINESS = "business"


class SubscriptionStatus(StrEnum):
    TRIALING = "trialing"
    ACTIVE = "active"
    LOCKED = "locked"
    CANCELED = "canceled"


class CouponKind(StrEnum):
    STARTUP = "startup"
    ACCELERATOR = "accelerator"
    NON_PROFIT = "non-profit"
    PROMO = "promo"


class CouponStatus(StrEnum):
    ACTIVE = "active"
    EXPIRED = "expired"
    SCHEDULED = "scheduled"


class CertificateStatus(StrEnum):
    IN_REVIEW = "in-review"
    APPROVED = "approved"
    REJECTED = "rejected"


class Address(_Model):
    country: str = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2")
    state: str | None = Field(default=None, description="US state code, e.g. CA")


class User(_Model):
    id: str
    email: str = Field(pattern=EMAIL)
    name: str
    slack_user_id: str | None = None


class Membership(_Model):
    user_id: str
    workspace_id: str
    role: Role


class Workspace(_Model):
    id: str
    slug: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str
    region: Region
    business_address: Address
    billing_address: Address
    created_on: date
    incorporated_on: date | None = None
    funding_raised_usd: Decimal | None = Field(default=None, ge=0)


class Subscription(_Model):
    workspace_id: str
    plan: Plan
    status: SubscriptionStatus
    trial_start: date | None = None
    trial_end: date | None = None
    payment_method_on_file: bool = False
    billing_cycle_anchor: date = Field(description="first day of the current billing period")
    ever_had_team_plan: bool = False


class MonthlyUsage(_Model):
    workspace_id: str
    month: date = Field(description="first day of the month")
    mtus: int = Field(ge=0)


class Coupon(_Model):
    id: str
    workspace_id: str
    kind: CouponKind
    code: str
    percent_off: Decimal | None = Field(default=None, gt=0, le=100)
    amount_off_usd: Decimal | None = Field(default=None, gt=0)
    starts_on: date
    ends_on: date | None = None
    status: CouponStatus


class StartupMembership(_Model):
    workspace_id: str
    credit_granted_usd: Decimal = Field(ge=0)
    credit_used_usd: Decimal = Field(ge=0)
    period_start: date
    period_end: date
    program_year: int = Field(ge=1)


class TaxCertificate(_Model):
    id: str
    workspace_id: str
    state: str
    status: CertificateStatus
    submitted_on: date
    decided_on: date | None = None


class Invoice(_Model):
    id: str
    workspace_id: str
    issued_on: date
    subtotal_usd: Decimal = Field(ge=0)
    tax_usd: Decimal = Field(ge=0)
    total_usd: Decimal = Field(ge=0)


class DeletionRequest(_Model):
    id: str
    workspace_id: str
    requested_at: datetime
    requested_by: str
    revoked_at: datetime | None = None
    revoked_by: str | None = None


class Destination(_Model):
    name: str
    storage: bool = False


class Source(_Model):
    id: str
    workspace_id: str
    name: str
    tracking_plan: str | None = None
    destinations: tuple[Destination, ...] = ()


class WorkspaceFacts(_Model):
    """Everything about one workspace that an answer or an action may use, read at one moment."""

    workspace: Workspace
    subscription: Subscription | None = None
    usage: tuple[MonthlyUsage, ...] = ()
    coupons: tuple[Coupon, ...] = ()
    startup: StartupMembership | None = None
    certificates: tuple[TaxCertificate, ...] = ()
    invoices: tuple[Invoice, ...] = ()
    deletion: DeletionRequest | None = Field(default=None, description="latest deletion request, if any")
    sources: tuple[Source, ...] = ()
    members: tuple[Membership, ...] = ()
