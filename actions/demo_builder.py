"""Building blocks of the demo data set: a collector with one method per kind of record, all
dates given as offsets from the demo's today."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from actions.models import (
    Address,
    CertificateStatus,
    Coupon,
    CouponKind,
    CouponStatus,
    DeletionRequest,
    Invoice,
    Membership,
    MonthlyUsage,
    Plan,
    Region,
    Role,
    StartupMembership,
    Subscription,
    SubscriptionStatus,
    TaxCertificate,
    User,
    Workspace,
)
from actions.sqlite_rows import Record

EMAIL_DOMAIN = "example"  # reserved for documentation: no demo address can reach anyone


@dataclass(frozen=True)
class DemoWorkspace:
    slug: str
    name: str
    situation: str


def workspace_id(slug: str) -> str:
    return f"ws-{slug}"


def _month(today: date, back: int) -> date:
    """The first day of the month ``back`` months before today's."""
    index = today.year * 12 + today.month - 1 - back
    return date(index // 12, index % 12 + 1, 1)


class DemoBuilder:
    """Collects the records of the demo set; one method per kind of fact."""

    def __init__(self, now: datetime):
        self.now = now
        self.today = now.date()
        self.records: list[Record] = []
        self.workspaces: list[DemoWorkspace] = []
        self._users: set[str] = set()

    def days(self, offset: int) -> date:
        return self.today + timedelta(days=offset)

    def person(self, user_id: str, email: str, name: str, slack: str | None) -> str:
        if user_id not in self._users:
            self._users.add(user_id)
            self.records.append(User(id=user_id, email=email, name=name, slack_user_id=slack))
        return user_id

    def workspace(
        self,
        number: int,
        slug: str,
        name: str,
        situation: str,
        *,
        state: str | None = "CA",
        country: str = "US",
        region: Region = Region.US,
        billing_state: str | None = None,
        incorporated_days_ago: int | None = None,
        funding_usd: str | None = None,
        owner: str | None = None,
    ) -> str:
        """A workspace with its three people; ``owner`` replaces the workspace's own owner."""
        ws = workspace_id(slug)
        self.workspaces.append(DemoWorkspace(slug, name, situation))
        self.records.append(Workspace(
            id=ws, slug=slug, name=name, region=region,
            business_address=Address(country=country, state=state),
            billing_address=Address(country=country, state=billing_state or state),
            created_on=self.days(-(incorporated_days_ago or 700) + 30),
            incorporated_on=self.days(-incorporated_days_ago) if incorporated_days_ago else None,
            funding_raised_usd=Decimal(funding_usd) if funding_usd else None,
        ))
        owner_id = owner or self.person(
            f"usr-owner-{slug}", f"owner@{slug}.{EMAIL_DOMAIN}", f"{name} Owner", f"U0DEMO{number:02d}1")
        member_id = self.person(
            f"usr-member-{slug}", f"member@{slug}.{EMAIL_DOMAIN}", f"{name} Member", f"U0DEMO{number:02d}2")
        reader_id = self.person(
            f"usr-readonly-{slug}", f"readonly@{slug}.{EMAIL_DOMAIN}", f"{name} Viewer", None)
        for user_id, role in ((owner_id, Role.OWNER), (member_id, Role.MEMBER), (reader_id, Role.READ_ONLY)):
            self.member(user_id, ws, role)
        return ws

    def member(self, user_id: str, ws: str, role: Role) -> None:
        self.records.append(Membership(user_id=user_id, workspace_id=ws, role=role))

    def subscription(
        self,
        ws: str,
        plan: Plan,
        status: SubscriptionStatus = SubscriptionStatus.ACTIVE,
        *,
        anchor: date | None = None,
        card: bool = True,
        trial: tuple[int, int] | None = None,
        had_team: bool | None = None,
    ) -> None:
        """``trial`` is (first day, last day) as offsets from today."""
        team = plan in (Plan.TEAM_MONTHLY, Plan.TEAM_ANNUAL) and status is not SubscriptionStatus.TRIALING
        self.records.append(Subscription(
            workspace_id=ws, plan=plan, status=status,
            trial_start=self.days(trial[0]) if trial else None,
            trial_end=self.days(trial[1]) if trial else None,
            payment_method_on_file=card,
            billing_cycle_anchor=anchor or _month(self.today, 0),
            ever_had_team_plan=team if had_team is None else had_team,
        ))

    def usage(self, ws: str, *mtus: int) -> None:
        """MTUs of the last months, oldest first; the last value is this month's."""
        for back, count in enumerate(reversed(mtus)):
            self.records.append(MonthlyUsage(workspace_id=ws, month=_month(self.today, back), mtus=count))

    def invoice(self, ws: str, number: int, days_ago: int, subtotal: str, tax: str = "0.00") -> None:
        self.records.append(Invoice(
            id=f"inv-{ws[3:]}-{number}", workspace_id=ws, issued_on=self.days(-days_ago),
            subtotal_usd=Decimal(subtotal), tax_usd=Decimal(tax), total_usd=Decimal(subtotal) + Decimal(tax),
        ))

    def certificate(
        self, ws: str, state: str, status: CertificateStatus, submitted_ago: int, decided_ago: int | None
    ) -> None:
        self.records.append(TaxCertificate(
            id=f"cert-{ws[3:]}-{state.lower()}", workspace_id=ws, state=state, status=status,
            submitted_on=self.days(-submitted_ago),
            decided_on=self.days(-decided_ago) if decided_ago is not None else None,
        ))

    def coupon(self, ws: str, kind: CouponKind, code: str, *, percent: str | None = None,
               amount: str | None = None, started_ago: int, ends_in: int | None) -> None:
        ends_on = self.days(ends_in) if ends_in is not None else None
        expired = ends_on is not None and ends_on < self.today
        self.records.append(Coupon(
            id=f"cpn-{ws[3:]}-{kind.value}", workspace_id=ws, kind=kind, code=code,
            percent_off=Decimal(percent) if percent else None,
            amount_off_usd=Decimal(amount) if amount else None,
            starts_on=self.days(-started_ago), ends_on=ends_on,
            status=CouponStatus.EXPIRED if expired else CouponStatus.ACTIVE,
        ))

    def startup(self, ws: str, used: str, started_ago: int, year: int) -> None:
        start = self.days(-started_ago)
        self.records.append(StartupMembership(
            workspace_id=ws, credit_granted_usd=Decimal("25000.00"), credit_used_usd=Decimal(used),
            period_start=start, period_end=start + timedelta(days=365), program_year=year,
        ))

    def deletion(self, ws: str, number: int, by: str, hours_ago: int, revoked_hours_ago: int | None = None) -> None:
        revoked_at = self.now - timedelta(hours=revoked_hours_ago) if revoked_hours_ago is not None else None
        self.records.append(DeletionRequest(
            id=f"del-{ws[3:]}-{number}", workspace_id=ws, requested_at=self.now - timedelta(hours=hours_ago),
            requested_by=by, revoked_at=revoked_at, revoked_by=by if revoked_at else None,
        ))
