"""The demo data set: one workspace for each account situation the answers know about.

Every date is relative to the clock's today, so the demo tells the same story whenever it is
seeded (a trial always ends today, a deletion was always requested two days ago). Each workspace
has an owner, a member and a read-only user (``owner@<slug>.example`` and so on); owners and
members have Slack ids ``U0DEMO...``, read-only users none, so that lookups by email are shown
too. ``docs/demo-data.md`` lists them.
"""

from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from actions.clock import Clock
from actions.demo_builder import EMAIL_DOMAIN, DemoBuilder, DemoWorkspace, workspace_id
from actions.models import CertificateStatus, CouponKind, Destination, Plan, Region, Role, Source, SubscriptionStatus
from actions.sqlite_adapter import SQLiteBillingAdapter
from actions.sqlite_rows import Record

__all__ = ["DemoWorkspace", "demo_records", "seed_demo", "workspace_id"]


def _free_plans(d: DemoBuilder) -> None:
    ws = d.workspace(1, "acme-free", "Acme Analytics", "Free plan, every month under the 1,000 MTU limit")
    d.subscription(ws, Plan.FREE, card=False)
    d.usage(ws, 610, 700, 540, 820, 905, 760, 330)

    ws = d.workspace(2, "bolt-over-once", "Bolt Labs",
                     "Free plan, over 1,000 MTUs once in the last 6 months (last month): locked, data still flows")
    d.subscription(ws, Plan.FREE, SubscriptionStatus.LOCKED, card=False)
    d.usage(ws, 640, 720, 810, 930, 880, 1240, 420)

    ws = d.workspace(3, "cobalt-over-twice", "Cobalt Games",
                     "Free plan, over 1,000 MTUs twice in the last 6 months: locked, data stopped")
    d.subscription(ws, Plan.FREE, SubscriptionStatus.LOCKED, card=False)
    d.usage(ws, 700, 760, 990, 1180, 940, 1310, 510)


def _trials_and_paid_plans(d: DemoBuilder) -> None:
    ws = d.workspace(4, "dune-trial-card", "Dune Retail",
                     "Team trial, day 5 of 14, payment method on file: continues into Team", state="OR")
    d.subscription(ws, Plan.TEAM_MONTHLY, SubscriptionStatus.TRIALING, anchor=d.days(-4), trial=(-4, 9))
    d.usage(ws, 880, 2300)

    ws = d.workspace(5, "ember-trial-ends-today", "Ember Health",
                     "Team trial ending today, no payment method on file", state="MT")
    d.subscription(ws, Plan.TEAM_MONTHLY, SubscriptionStatus.TRIALING, anchor=d.days(-13), card=False,
                   trial=(-13, 0))
    d.usage(ws, 950, 3100)

    ws = d.workspace(6, "fable-team-monthly", "Fable Media",
                     "Team monthly, mid-cycle, 12,400 MTUs this month (cancellation estimate with overage)",
                     state="OR")
    d.subscription(ws, Plan.TEAM_MONTHLY, anchor=d.days(-15))
    d.usage(ws, 9400, 9800, 11200, 12400)
    d.invoice(ws, 1, 45, "120.00")
    d.invoice(ws, 2, 15, "132.00")  # 1,200 MTUs over 10,000 last cycle

    ws = d.workspace(7, "grove-team-annual", "Grove Logistics",
                     "Team annual, paid up front 100 days ago (no refund of the prepaid part)", state="NH")
    d.subscription(ws, Plan.TEAM_ANNUAL, anchor=d.days(-100))
    d.usage(ws, 7200, 7600, 8100)
    d.invoice(ws, 1, 100, "1440.00")

    ws = d.workspace(8, "helix-legacy-api", "Helix API Co", "Legacy API plan", state="DE")
    d.subscription(ws, Plan.LEGACY_API)
    d.usage(ws, 4100, 4300)


def _taxes(d: DemoBuilder) -> None:
    ws = d.workspace(9, "iris-tax-in-review", "Iris Education",
                     "Sales tax charged: the CA exemption certificate was in review when the invoice was"
                     " issued (approved since)")
    d.subscription(ws, Plan.TEAM_MONTHLY, anchor=d.days(-12))
    d.certificate(ws, "CA", CertificateStatus.APPROVED, submitted_ago=25, decided_ago=5)
    d.invoice(ws, 1, 12, "120.00", "8.70")
    d.usage(ws, 4800, 5200)

    ws = d.workspace(10, "jade-tax-other-state", "Jade Logistics",
                     "Sales tax charged: the approved certificate covers NJ, the billing address is in NY",
                     state="NY")
    d.subscription(ws, Plan.TEAM_MONTHLY, anchor=d.days(-10))
    d.certificate(ws, "NJ", CertificateStatus.APPROVED, submitted_ago=100, decided_ago=90)
    d.invoice(ws, 1, 10, "120.00", "10.65")
    d.usage(ws, 5900, 6100)

    ws = d.workspace(11, "koi-tax-exempt", "Koi Foundation Services",
                     "Exemption certificate for the billing state (TX) approved: invoices without tax",
                     state="TX")
    d.subscription(ws, Plan.TEAM_MONTHLY, anchor=d.days(-10))
    d.certificate(ws, "TX", CertificateStatus.APPROVED, submitted_ago=130, decided_ago=120)
    d.invoice(ws, 1, 10, "120.00")
    d.usage(ws, 3700, 3900)

    ws = d.workspace(12, "lyra-eu", "Lyra GmbH", "EU workspace (region EU, billing in Germany): VAT on invoices",
                     state=None, country="DE", region=Region.EU)
    d.subscription(ws, Plan.TEAM_MONTHLY, anchor=d.days(-8))
    d.invoice(ws, 1, 8, "120.00", "22.80")
    d.usage(ws, 4500, 4800)


def _discounts(d: DemoBuilder) -> None:
    ws = d.workspace(13, "mosaic-nonprofit", "Mosaic Relief",
                     "Active non-profit coupon: $120 off each month of Team monthly", state="WA")
    d.subscription(ws, Plan.TEAM_MONTHLY, anchor=d.days(-20))
    d.coupon(ws, CouponKind.NON_PROFIT, "NONPROFIT-MOSAIC", amount="120.00", started_ago=60, ends_in=305)
    d.usage(ws, 2300, 2500)

    ws = d.workspace(14, "nimbus-accelerator", "Nimbus Robotics",
                     "Active accelerator partner coupon: 50% off for a year", state="MA")
    d.subscription(ws, Plan.TEAM_MONTHLY, anchor=d.days(-3))
    d.coupon(ws, CouponKind.ACCELERATOR, "ACCEL-NIMBUS", percent="50", started_ago=30, ends_in=335)
    d.usage(ws, 6400, 6900)

    ws = d.workspace(15, "orca-startup", "Orca AI",
                     "Startup Program, year 1, $18,759.50 of $25,000 credit left",
                     incorporated_days_ago=300, funding_usd="1200000")
    d.subscription(ws, Plan.TEAM_MONTHLY, anchor=d.days(-10))
    d.startup(ws, used="6240.50", started_ago=120, year=1)
    d.usage(ws, 7900, 8200)

    ws = d.workspace(16, "pike-startup-over-credit", "Pike Security",
                     "Startup Program, year 2, credit used up: $480 over the $25,000",
                     incorporated_days_ago=650, funding_usd="3500000")
    d.subscription(ws, Plan.TEAM_MONTHLY, anchor=d.days(-10))
    d.startup(ws, used="25480.00", started_ago=300, year=2)
    d.usage(ws, 11300, 11800)

    ws = d.workspace(17, "quill-startup-eligible", "Quill Docs",
                     "Looks eligible for the Startup Program: incorporated 10 months ago, raised $1.5MM, no coupons",
                     incorporated_days_ago=300, funding_usd="1500000")
    d.subscription(ws, Plan.FREE, card=False)
    d.usage(ws, 420, 510)

    ws = d.workspace(18, "rook-startup-ineligible", "Rook Finance",
                     "Not eligible for the Startup Program: raised $8MM (more than $5MM)",
                     incorporated_days_ago=500, funding_usd="8000000")
    d.subscription(ws, Plan.TEAM_MONTHLY, anchor=d.days(-10))
    d.usage(ws, 8800, 9100)


def _deletions_and_sources(d: DemoBuilder) -> None:
    ws = d.workspace(19, "sage-deletion-pending", "Sage Studio",
                     "Deletion requested 2 days ago by the owner: pending, can still be revoked"
                     " (an earlier request was revoked)")
    d.subscription(ws, Plan.TEAM_MONTHLY, anchor=d.days(-18))
    owner = "usr-owner-sage-deletion-pending"
    d.deletion(ws, 1, owner, hours_ago=40 * 24, revoked_hours_ago=39 * 24)
    d.deletion(ws, 2, owner, hours_ago=2 * 24)
    d.usage(ws, 3200, 3000)

    ws = d.workspace(20, "tide-deletion-final", "Tide Travel",
                     "Deletion requested 6 days ago: irrevocable since yesterday")
    d.subscription(ws, Plan.TEAM_MONTHLY, anchor=d.days(-18))
    d.deletion(ws, 1, "usr-owner-tide-deletion-final", hours_ago=6 * 24)
    d.usage(ws, 2100, 2000)

    owner = d.person("usr-owner-vega", f"owner@vega.{EMAIL_DOMAIN}", "Vega Owner", "U0DEMO903")
    main = d.workspace(21, "vega-us-main", "Vega Commerce (US)",
                       "Has the source 'Web app' (tracking plan, 3 destinations, 1 of them storage); its owner"
                       " also owns vega-us-second and vega-eu", owner=owner)
    d.subscription(main, Plan.TEAM_MONTHLY, anchor=d.days(-5))
    d.usage(main, 7100, 7400)
    d.records.append(Source(
        id="src-vega-web", workspace_id=main, name="Web app", tracking_plan="Vega web tracking plan",
        destinations=(Destination(name="Google Analytics 4"), Destination(name="Amplitude"),
                      Destination(name="Amazon S3", storage=True)),
    ))
    d.records.append(Source(id="src-vega-ios", workspace_id=main, name="iOS app",
                            destinations=(Destination(name="Mixpanel"),)))
    second = d.workspace(22, "vega-us-second", "Vega Commerce (US staging)",
                         "Second US workspace of the same owner: a possible transfer target", owner=owner)
    d.subscription(second, Plan.FREE, card=False)
    d.usage(second, 310, 350)
    eu = d.workspace(23, "vega-eu", "Vega Commerce (EU)",
                     "EU workspace of the same owner: not a possible transfer target",
                     state=None, country="FR", region=Region.EU, owner=owner)
    d.subscription(eu, Plan.TEAM_MONTHLY, anchor=d.days(-5))
    d.usage(eu, 2400, 2600)


def _people_across_workspaces(d: DemoBuilder) -> None:
    consultant = d.person("usr-consultant", f"alex@consultants.{EMAIL_DOMAIN}", "Alex Consultant", "U0DEMO901")
    d.member(consultant, workspace_id("acme-free"), Role.MEMBER)
    d.member(consultant, workspace_id("fable-team-monthly"), Role.OWNER)
    d.member(consultant, workspace_id("orca-startup"), Role.READ_ONLY)
    d.person("usr-newcomer", f"newcomer@unattached.{EMAIL_DOMAIN}", "Newcomer Without Workspace", "U0DEMO902")


def demo_records(now: datetime) -> tuple[list[Record], list[DemoWorkspace]]:
    """The demo set as of ``now``: its records, and one description per workspace."""
    demo = DemoBuilder(now)
    for part in (_free_plans, _trials_and_paid_plans, _taxes, _discounts, _deletions_and_sources,
                 _people_across_workspaces):
        part(demo)
    return demo.records, demo.workspaces


def seed_demo(target: SQLiteBillingAdapter | Database | str | Path, clock: Clock | None = None) -> list[DemoWorkspace]:
    """Write the demo set, replacing an earlier one (demo workspaces are removed first, so records
    of an earlier day do not linger). ``clock`` defaults to the adapter's."""
    adapter = target if isinstance(target, SQLiteBillingAdapter) else SQLiteBillingAdapter(target)
    try:
        records, workspaces = demo_records((clock or adapter.clock)())
        with adapter.transaction():
            adapter.remove_workspaces(workspace_id(ws.slug) for ws in workspaces)
            adapter.upsert(records)
        return workspaces
    finally:
        if adapter is not target:
            adapter.close()
