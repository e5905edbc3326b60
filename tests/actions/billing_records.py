"""A small, complete set of billing records for adapter tests: one workspace with one of every
kind of record, a second bare workspace, and a user in both."""

from datetime import UTC, date, datetime
from decimal import Decimal

from actions.models import (
    Address,
    CertificateStatus,
    Coupon,
    CouponKind,
    CouponStatus,
    DeletionRequest,
    Destination,
    Invoice,
    Membership,
    MonthlyUsage,
    Plan,
    Region,
    Role,
    Source,
    StartupMembership,
    Subscription,
    SubscriptionStatus,
    TaxCertificate,
    User,
    Workspace,
)
from actions.sqlite_rows import Record

NOW = datetime(2025, 6, 15, 12, 0, tzinfo=UTC)

ANN = User(id="u-ann", email="Ann@Initech.example", name="Ann", slack_user_id="U0ANN")
BEN = User(id="u-ben", email="ben@initech.example", name="Ben")
INITECH = Workspace(
    id="w-initech", slug="initech", name="Initech", region=Region.US,
    business_address=Address(country="US", state="TX"), billing_address=Address(country="US", state="CA"),
    created_on=date(2023, 2, 1), incorporated_on=date(2023, 1, 10), funding_raised_usd=Decimal("1250000.50"),
)
HOOLI = Workspace(
    id="w-hooli", slug="hooli", name="Hooli", region=Region.EU,
    business_address=Address(country="DE"), billing_address=Address(country="DE"), created_on=date(2024, 3, 1),
)
SUBSCRIPTION = Subscription(
    workspace_id=INITECH.id, plan=Plan.TEAM_MONTHLY, status=SubscriptionStatus.ACTIVE, trial_start=date(2025, 1, 1),
    trial_end=date(2025, 1, 14), payment_method_on_file=True, billing_cycle_anchor=date(2025, 6, 1),
    ever_had_team_plan=True,
)
USAGE = (
    MonthlyUsage(workspace_id=INITECH.id, month=date(2025, 5, 1), mtus=10_400),
    MonthlyUsage(workspace_id=INITECH.id, month=date(2025, 4, 1), mtus=9_100),
)
COUPON = Coupon(
    id="c-1", workspace_id=INITECH.id, kind=CouponKind.ACCELERATOR, code="ACCEL", percent_off=Decimal("12.5"),
    starts_on=date(2025, 1, 1), ends_on=date(2025, 12, 31), status=CouponStatus.ACTIVE,
)
STARTUP = StartupMembership(
    workspace_id=INITECH.id, credit_granted_usd=Decimal("25000.00"), credit_used_usd=Decimal("1234.56"),
    period_start=date(2025, 1, 1), period_end=date(2025, 12, 31), program_year=1,
)
CERTIFICATE = TaxCertificate(
    id="t-1", workspace_id=INITECH.id, state="CA", status=CertificateStatus.IN_REVIEW, submitted_on=date(2025, 5, 20),
)
INVOICE = Invoice(
    id="i-1", workspace_id=INITECH.id, issued_on=date(2025, 6, 1), subtotal_usd=Decimal("120.00"),
    tax_usd=Decimal("8.70"), total_usd=Decimal("128.70"),
)
OLD_DELETION = DeletionRequest(
    id="d-old", workspace_id=INITECH.id, requested_at=datetime(2025, 3, 1, 9, tzinfo=UTC), requested_by=ANN.id,
    revoked_at=datetime(2025, 3, 2, 9, tzinfo=UTC), revoked_by=ANN.id,
)
DELETION = DeletionRequest(
    id="d-new", workspace_id=INITECH.id, requested_at=datetime(2025, 6, 13, 12, tzinfo=UTC), requested_by=ANN.id,
)
SOURCE = Source(
    id="s-1", workspace_id=INITECH.id, name="Website", tracking_plan="Web plan",
    destinations=(Destination(name="Amplitude"), Destination(name="Amazon S3", storage=True)),
)
MEMBERSHIPS = (
    Membership(user_id=ANN.id, workspace_id=INITECH.id, role=Role.OWNER),
    Membership(user_id=BEN.id, workspace_id=INITECH.id, role=Role.READ_ONLY),
    Membership(user_id=ANN.id, workspace_id=HOOLI.id, role=Role.MEMBER),
)


def all_records() -> list[Record]:
    return [
        ANN, BEN, INITECH, HOOLI, *MEMBERSHIPS, SUBSCRIPTION, *USAGE, COUPON, STARTUP, CERTIFICATE, INVOICE,
        OLD_DELETION, DELETION, SOURCE,
    ]

