import re
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

from actions.clock import fixed_clock
from actions.demo import demo_records, seed_demo, workspace_id
from actions.models import (
    CertificateStatus,
    CouponKind,
    CouponStatus,
    Plan,
    Region,
    Role,
    SubscriptionStatus,
    User,
)
from actions.sqlite_adapter import SQLiteBillingAdapter

NOW = datetime(2025, 6, 15, 14, 30, tzinfo=UTC)
TODAY = NOW.date()
DOC = Path(__file__).resolve().parents[2] / "docs" / "demo-data.md"


@pytest.fixture
def adapter(tmp_path):
    with SQLiteBillingAdapter(tmp_path / "demo.db", clock=fixed_clock(NOW)) as adapter:
        seed_demo(adapter)
        yield adapter


def facts(adapter, slug):
    return adapter.facts(workspace_id(slug))


def test_every_demo_workspace_validates_through_facts(adapter):
    _, workspaces = demo_records(NOW)
    assert len(workspaces) == len({w.slug for w in workspaces}) >= 23
    for workspace in workspaces:
        found = facts(adapter, workspace.slug)
        assert found.workspace.slug == workspace.slug
        assert found.subscription is not None
        roles = {m.role for m in found.members}
        assert roles == {Role.OWNER, Role.MEMBER, Role.READ_ONLY}, workspace.slug


def test_free_plan_situations(adapter):
    under = facts(adapter, "acme-free")
    assert under.subscription.plan is Plan.FREE and under.subscription.status is SubscriptionStatus.ACTIVE
    assert max(u.mtus for u in under.usage) <= 1000 and len(under.usage) == 7
    assert under.usage[-1].month == date(2025, 6, 1)

    once = facts(adapter, "bolt-over-once")
    assert once.subscription.status is SubscriptionStatus.LOCKED
    assert [u.month for u in once.usage if u.mtus > 1000] == [date(2025, 5, 1)]

    twice = facts(adapter, "cobalt-over-twice")
    assert twice.subscription.status is SubscriptionStatus.LOCKED
    assert [u.month for u in twice.usage if u.mtus > 1000] == [date(2025, 3, 1), date(2025, 5, 1)]


def test_trials(adapter):
    card = facts(adapter, "dune-trial-card").subscription
    assert card.status is SubscriptionStatus.TRIALING and card.payment_method_on_file
    assert card.trial_start < TODAY < card.trial_end and (card.trial_end - card.trial_start).days == 13

    ending = facts(adapter, "ember-trial-ends-today").subscription
    assert ending.status is SubscriptionStatus.TRIALING and not ending.payment_method_on_file
    assert ending.trial_end == TODAY and not ending.ever_had_team_plan


def test_paid_plans(adapter):
    monthly = facts(adapter, "fable-team-monthly")
    assert monthly.subscription.plan is Plan.TEAM_MONTHLY and monthly.subscription.status is SubscriptionStatus.ACTIVE
    assert monthly.subscription.billing_cycle_anchor < TODAY  # mid-cycle
    assert monthly.usage[-1].month == date(2025, 6, 1) and monthly.usage[-1].mtus > 10_000
    assert facts(adapter, "grove-team-annual").subscription.plan is Plan.TEAM_ANNUAL
    assert facts(adapter, "helix-legacy-api").subscription.plan is Plan.LEGACY_API


def test_tax_situations(adapter):
    review = facts(adapter, "iris-tax-in-review")
    (certificate,), (invoice,) = review.certificates, review.invoices
    assert certificate.state == review.workspace.billing_address.state
    assert certificate.submitted_on < invoice.issued_on < certificate.decided_on and invoice.tax_usd > 0

    other = facts(adapter, "jade-tax-other-state")
    (certificate,), (invoice,) = other.certificates, other.invoices
    assert certificate.status is CertificateStatus.APPROVED and certificate.decided_on < invoice.issued_on
    assert certificate.state != other.workspace.billing_address.state and invoice.tax_usd > 0

    exempt = facts(adapter, "koi-tax-exempt")
    (certificate,), (invoice,) = exempt.certificates, exempt.invoices
    assert certificate.state == exempt.workspace.billing_address.state and invoice.tax_usd == 0

    eu = facts(adapter, "lyra-eu")
    assert eu.workspace.region is Region.EU and eu.workspace.billing_address.state is None
    assert eu.invoices[0].tax_usd > 0


def test_discount_and_startup_situations(adapter):
    (non_profit,) = facts(adapter, "mosaic-nonprofit").coupons
    assert non_profit.kind is CouponKind.NON_PROFIT and non_profit.status is CouponStatus.ACTIVE
    assert non_profit.starts_on <= TODAY <= non_profit.ends_on
    (accelerator,) = facts(adapter, "nimbus-accelerator").coupons
    assert accelerator.kind is CouponKind.ACCELERATOR and accelerator.percent_off == 50

    credit_left = facts(adapter, "orca-startup").startup
    assert credit_left.credit_used_usd < credit_left.credit_granted_usd
    assert credit_left.period_start <= TODAY <= credit_left.period_end
    over = facts(adapter, "pike-startup-over-credit").startup
    assert over.credit_used_usd > over.credit_granted_usd

    eligible = facts(adapter, "quill-startup-eligible")
    assert eligible.coupons == () and eligible.startup is None
    assert (TODAY - eligible.workspace.incorporated_on).days < 365 * 2
    assert eligible.workspace.funding_raised_usd < 5_000_000
    assert facts(adapter, "rook-startup-ineligible").workspace.funding_raised_usd > 5_000_000


def test_deletion_situations(adapter):
    pending = facts(adapter, "sage-deletion-pending").deletion
    assert pending.requested_at == NOW - timedelta(days=2) and pending.revoked_at is None
    final = facts(adapter, "tide-deletion-final").deletion
    assert final.requested_at == NOW - timedelta(days=6) and final.revoked_at is None


def test_source_transfer_situation(adapter):
    owner = adapter.user_by_email("owner@vega.example")
    owned = {m.workspace_id for m in adapter.memberships(owner.id) if m.role is Role.OWNER}
    assert owned == {workspace_id("vega-us-main"), workspace_id("vega-us-second"), workspace_id("vega-eu")}
    assert facts(adapter, "vega-eu").workspace.region is Region.EU
    assert facts(adapter, "vega-us-second").workspace.region is Region.US
    web = next(s for s in facts(adapter, "vega-us-main").sources if s.name == "Web app")
    assert web.tracking_plan and any(d.storage for d in web.destinations) and not all(
        d.storage for d in web.destinations
    )


def test_people(adapter):
    consultant = adapter.user_by_email("alex@consultants.example")
    assert len(adapter.memberships(consultant.id)) == 3
    assert {m.role for m in adapter.memberships(consultant.id)} == {Role.OWNER, Role.MEMBER, Role.READ_ONLY}
    newcomer = adapter.user_by_email("newcomer@unattached.example")
    assert adapter.memberships(newcomer.id) == []
    owner = adapter.user_by_email("owner@acme-free.example")
    assert owner.slack_user_id.startswith("U0DEMO")
    assert adapter.user_by_email("readonly@acme-free.example").slack_user_id is None


def test_every_address_and_slack_id_is_a_demo_one():
    records, _ = demo_records(NOW)
    users = [r for r in records if isinstance(r, User)]
    assert all(u.email.endswith(".example") for u in users)
    slack_ids = [u.slack_user_id for u in users if u.slack_user_id]
    assert all(s.startswith("U0DEMO") for s in slack_ids) and len(slack_ids) == len(set(slack_ids))


def test_seeding_again_later_replaces_the_earlier_demo(tmp_path):
    path = tmp_path / "demo.db"
    seed_demo(path, fixed_clock(NOW))
    later = NOW + timedelta(days=65)
    with SQLiteBillingAdapter(path, clock=fixed_clock(later)) as adapter:
        adapter.revoke_deletion("del-sage-deletion-pending-2", "someone", NOW)
        seed_demo(adapter)
        once = facts(adapter, "bolt-over-once")
        assert len(once.usage) == 7 and once.usage[-1].month == date(2025, 8, 1)
        assert [u.month for u in once.usage if u.mtus > 1000] == [date(2025, 7, 1)]
        pending = facts(adapter, "sage-deletion-pending").deletion
        assert pending.requested_at == later - timedelta(days=2) and pending.revoked_at is None
    with sqlite3.connect(path) as conn:
        users = conn.execute("SELECT count(*) FROM users").fetchone()[0]
    assert users == len([r for r in demo_records(later)[0] if isinstance(r, User)])


def test_seeding_through_a_database_handed_in_leaves_it_open(tmp_path):
    db = Database(sqlite3.connect(tmp_path / "demo.db", check_same_thread=False))
    workspaces = seed_demo(db, fixed_clock(NOW))
    assert db.execute("SELECT count(*) FROM workspaces").fetchone()[0] == len(workspaces)
    db.close()


def test_the_demo_page_lists_every_workspace_with_its_situation_and_people(adapter):
    """docs/demo-data.md is written by hand; it has to tell the truth about the data."""
    rows = re.findall(r"^\| `([a-z0-9-]+)` \| (.+?) \| (.+) \|$", DOC.read_text(), re.MULTILINE)
    _, workspaces = demo_records(NOW)
    assert [slug for slug, _, _ in rows] == [w.slug for w in workspaces]
    for (slug, situation, people), workspace in zip(rows, workspaces, strict=True):
        assert situation == workspace.situation
        documented = set(re.findall(r"`([^`]+@[^`]+)` \(([a-z-]+)", people))
        stored = {(adapter.user(m.user_id).email, m.role.value) for m in facts(adapter, slug).members}
        assert documented == stored, slug
