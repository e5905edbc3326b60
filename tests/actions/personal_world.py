"""A small billing world on a real SQLite file, for the identity, personal-answer and privacy tests.

Three customer workspaces, each with facts that appear nowhere else (names, slugs, coupon codes,
MTU counts, amounts), so a test can prove that one workspace's facts never reach another's reply:

- acme (US, Free plan, over the limit this month, a pending deletion): alice owns it (Slack id
  on record), bob is a member, carol is read-only.
- globex (US, monthly Team plan, a taxed invoice, a coupon, sources): bob owns it.
- initech (EU, Startup Program member): dave owns it.
- eve has an account and no workspace.
"""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from actions.clock import fixed_clock
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
from actions.sqlite_adapter import SQLiteBillingAdapter

NOW = datetime(2025, 3, 15, 12, 0, tzinfo=UTC)
CLOCK = fixed_clock(NOW)
THIS_MONTH = date(2025, 3, 1)

ALICE = User(id="u-alice", email="alice@acme.test", name="Alice", slack_user_id="U0ALICE")
BOB = User(id="u-bob", email="bob@globex.test", name="Bob")
CAROL = User(id="u-carol", email="carol@acme.test", name="Carol", slack_user_id="U0CAROL")
DAVE = User(id="u-dave", email="dave@initech.test", name="Dave", slack_user_id="U0DAVE")
EVE = User(id="u-eve", email="eve@nowhere.test", name="Eve")

US_CA = Address(country="US", state="CA")
ACME = Workspace(id="ws-acme", slug="acme", name="Acme Rockets", region=Region.US, business_address=US_CA,
                 billing_address=US_CA, created_on=date(2024, 5, 1))
GLOBEX = Workspace(id="ws-globex", slug="globex", name="Globex Corp", region=Region.US,
                   business_address=Address(country="US", state="NY"),
                   billing_address=Address(country="US", state="NY"), created_on=date(2022, 1, 3))
INITECH = Workspace(id="ws-initech", slug="initech", name="Initech Labs", region=Region.EU,
                    business_address=Address(country="DE"), billing_address=Address(country="DE"),
                    created_on=date(2024, 9, 9), incorporated_on=date(2024, 6, 1),
                    funding_raised_usd=Decimal("750000"))

# Markers that must never appear in a reply about another workspace.
ACME_MARKERS = ("Acme", "acme", "1,777", "U0ALICE")
GLOBEX_MARKERS = ("Globex", "globex", "GLOBEX-SPRING", "13,337", "$9.99", "Warehouse", "inv-globex")
INITECH_MARKERS = ("Initech", "initech", "$4,321", "20,679")

DELETION_REQUESTED = NOW - timedelta(days=2)


def records() -> list:
    return [
        ALICE, BOB, CAROL, DAVE, EVE, ACME, GLOBEX, INITECH,
        Membership(user_id=ALICE.id, workspace_id=ACME.id, role=Role.OWNER),
        Membership(user_id=BOB.id, workspace_id=ACME.id, role=Role.MEMBER),
        Membership(user_id=CAROL.id, workspace_id=ACME.id, role=Role.READ_ONLY),
        Membership(user_id=BOB.id, workspace_id=GLOBEX.id, role=Role.OWNER),
        Membership(user_id=DAVE.id, workspace_id=INITECH.id, role=Role.OWNER),
        # acme: Free plan, over the limit this month, deletion pending
        Subscription(workspace_id=ACME.id, plan=Plan.FREE, status=SubscriptionStatus.LOCKED,
                     billing_cycle_anchor=THIS_MONTH),
        MonthlyUsage(workspace_id=ACME.id, month=THIS_MONTH, mtus=1_777),
        DeletionRequest(id="del-acme", workspace_id=ACME.id, requested_at=DELETION_REQUESTED,
                        requested_by=ALICE.id),
        # globex: monthly Team plan with overage, a taxed invoice, a coupon, a source
        Subscription(workspace_id=GLOBEX.id, plan=Plan.TEAM_MONTHLY, status=SubscriptionStatus.ACTIVE,
                     payment_method_on_file=True, billing_cycle_anchor=THIS_MONTH, ever_had_team_plan=True),
        MonthlyUsage(workspace_id=GLOBEX.id, month=THIS_MONTH, mtus=13_337),
        Coupon(id="c-globex", workspace_id=GLOBEX.id, kind=CouponKind.PROMO, code="GLOBEX-SPRING",
               percent_off=Decimal("15"), starts_on=date(2025, 1, 1), ends_on=date(2025, 6, 30),
               status=CouponStatus.ACTIVE),
        TaxCertificate(id="cert-globex", workspace_id=GLOBEX.id, state="NY", status=CertificateStatus.APPROVED,
                       submitted_on=date(2025, 2, 20), decided_on=date(2025, 3, 2)),
        Invoice(id="inv-globex", workspace_id=GLOBEX.id, issued_on=THIS_MONTH, subtotal_usd=Decimal("120"),
                tax_usd=Decimal("9.99"), total_usd=Decimal("129.99")),
        Source(id="src-globex", workspace_id=GLOBEX.id, name="Globex Web", tracking_plan="Globex Plan",
               destinations=(Destination(name="Amplitude"), Destination(name="Warehouse", storage=True))),
        # initech: Startup Program member, EU
        Subscription(workspace_id=INITECH.id, plan=Plan.TEAM_MONTHLY, status=SubscriptionStatus.ACTIVE,
                     payment_method_on_file=True, billing_cycle_anchor=THIS_MONTH, ever_had_team_plan=True),
        StartupMembership(workspace_id=INITECH.id, credit_granted_usd=Decimal("25000"),
                          credit_used_usd=Decimal("4321"), period_start=date(2025, 1, 1),
                          period_end=date(2025, 12, 31), program_year=1),
        Coupon(id="c-initech", workspace_id=INITECH.id, kind=CouponKind.STARTUP, code="INITECH-START",
               amount_off_usd=Decimal("25000"), starts_on=date(2025, 1, 1), ends_on=date(2025, 12, 31),
               status=CouponStatus.ACTIVE),
    ]


def billing_world(path: Path) -> SQLiteBillingAdapter:
    adapter = SQLiteBillingAdapter(path, clock=CLOCK)
    adapter.upsert(records())
    return adapter
