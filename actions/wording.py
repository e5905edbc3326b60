"""Every sentence the actions package shows to people, in one place.

Sentences are plain text (the edge escapes and styles them). Numbers are formatted here, from
the fact results and the ``Policy``; no sentence carries an exception's text.
"""

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal

from actions.facts import (
    CancellationEstimate,
    CancellationKind,
    CouponOverview,
    CouponRefusal,
    DeletionState,
    DeletionStatus,
    PlanStatus,
    StartupCredit,
    StartupCriterion,
    StartupEligibility,
    TaxReason,
    TaxStatus,
    TransferSummary,
    TrialState,
    TrialStatus,
    UnlockOption,
    UsageStatus,
)
from actions.facts.coupons import ActiveCoupon
from actions.facts.periods import as_utc
from actions.facts.tax import InvoiceTax
from actions.models import CouponKind, Plan, Role, SubscriptionStatus
from knowledge.policy import Policy, format_value

# --- the personal part as a whole -------------------------------------------------------------


# --- formatting ------------------------------------------------------------------------------

PLAN_NAMES = {
    Plan.FREE: "the Free plan",
    Plan.TEAM_MONTHLY: "the monthly Team plan",
    Plan.TEAM_ANNUAL: "the annual Team plan",
    Plan.LEGACY_API: "a legacy API plan",
    Plan.BUSINESS: "the Business plan",
}
STATUS_NOTES = {
    SubscriptionStatus.TRIALING: " (on trial)",
    SubscriptionStatus.ACTIVE: "",
    SubscriptionStatus.LOCKED: " (locked)",
    SubscriptionStatus.CANCELED: " (canceled)",
}
COUPON_KINDS = {
    CouponKind.STARTUP: "Startup Program",
    CouponKind.ACCELERATOR: "accelerator",
    CouponKind.NON_PROFIT: "non-profit",
    CouponKind.PROMO: "special promotion",
}
ROLE_NAMES = {Role.OWNER: "owner", Role.MEMBER: "member", Role.READ_ONLY: "read-only member"}


def money(amount: Decimal) -> str:
    """$120 for whole dollars, $58.06 otherwise; thousands separated."""
    if amount == amount.to_integral_value():
        return f"${int(amount):,}"
    return cents(amount)


def cents(amount: Decimal) -> str:
    """Always with cents, for the lines of a bill: $24.00."""
    return f"${amount.quantize(Decimal('0.01')):,}"


def count(value: int) -> str:
    return format_value(value)


def day(value: date) -> str:
    return f"{value.day} {value:%b %Y}"


def moment(value: datetime) -> str:
    return f"{day(as_utc(value).date())} {as_utc(value):%H:%M} UTC"


def month(value: date) -> str:
    return f"{value:%B %Y}"


def duration(value: timedelta) -> str:
    """The two largest units: "2 days 3 hours", "4 hours 10 minutes", "less than a minute"."""
    minutes = int(value.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [plural(n, unit) for n, unit in ((days, "day"), (hours, "hour"), (minutes, "minute")) if n]
    return " ".join(parts[:2]) if parts else "less than a minute"


def plural(n: int, unit: str) -> str:
    return f"{n} {unit}{'' if n == 1 else 's'}"


def either(items: Sequence[str], conjunction: str = "or") -> str:
    """"a", "a or b", "a, b or c"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def _a(word: str) -> str:
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


# --- plan ------------------------------------------------------------------------------------


def plan_lines(status: PlanStatus) -> list[str]:
    note = STATUS_NOTES[status.status] if status.status else ""
    return [f"It is on {PLAN_NAMES[status.plan]}{note}."]


# --- usage -----------------------------------------------------------------------------------


def usage_lines(status: UsageStatus, policy: Policy) -> list[str]:
    lines = [_this_month(status)]
    if status.plan is not Plan.FREE:
        return lines
    window = policy.free_plan_overage.window_months
    limit = count(policy.free_plan.mtu_limit)
    if status.overage_months:
        months = either([month(m) for m in status.overage_months], "and")
        times = {1: "once", 2: "twice"}.get(len(status.overage_months), f"{len(status.overage_months)} times")
        lines.append(f"It went over the {limit} MTU limit {times} in the last {window} months ({months}).")
    else:
        lines.append(f"It has not gone over the {limit} MTU limit in the last {window} months.")
    if status.locked:
        lines.append("The workspace is locked, but data still flows." if status.data_flowing
                     else "The workspace is locked and data has stopped flowing.")
    if status.unlock_options:
        # The options are long phrases with commas of their own: ", or" keeps them apart.
        lines.append(f"To unlock it, {', or '.join(_unlock(o, policy) for o in status.unlock_options)}.")
    return lines


def _this_month(status: UsageStatus) -> str:
    plan = PLAN_NAMES[status.plan]
    if status.allowance_mtus is None:
        if status.mtus_this_month is None:
            return "No MTUs are recorded for it this month yet."
        return f"This month it has tracked {count(status.mtus_this_month)} MTUs."
    allowance = count(status.allowance_mtus)
    if status.mtus_this_month is None:
        return f"No MTUs are recorded for it this month yet; {plan} includes {allowance}."
    used = count(status.mtus_this_month)
    if status.mtus_this_month > status.allowance_mtus:
        return f"This month it has tracked {used} MTUs, over the {allowance} that {plan} includes."
    left = count(status.headroom_mtus or 0)
    return f"This month it has tracked {used} of the {allowance} MTUs that {plan} includes ({left} left)."


def _unlock(option: UnlockOption, policy: Policy) -> str:
    if option is UnlockOption.WAIT_BILLING_CYCLE:
        cycles = policy.free_plan_overage.unlock_wait_billing_cycles
        span = "one full billing cycle" if cycles == 1 else f"{cycles} full billing cycles"
        return f"wait {span} without going over the limit"
    if option is UnlockOption.UPGRADE_TO_TEAM_TRIAL:
        return f"upgrade to the Team plan, which starts a {policy.trial.days}-day free trial"
    return "upgrade to the Team plan (it had a Team plan before, so without a free trial)"


# --- trial -----------------------------------------------------------------------------------


def trial_lines(status: TrialStatus, *, eligibility: bool = True) -> list[str]:
    lines: list[str] = []
    if status.state is TrialState.ACTIVE:
        if status.ends_on is None:
            lines.append("It is on a Team trial.")
        else:
            left = "ends today" if status.days_left == 0 else f"{plural(status.days_left or 0, 'day')} left"
            lines.append(f"Its Team trial runs until {day(status.ends_on)} ({left}).")
        lines.append("A payment method is on file, so the plan continues at the regular rate after the trial."
                     if status.continues_to_paid
                     else "No payment method is on file: add one before the trial ends to keep the Team plan.")
        return lines
    if status.state is TrialState.ENDED and status.ends_on is not None:
        lines.append(f"Its trial ended on {day(status.ends_on)}.")
    if eligibility:
        lines.append(f"It has never had a Team plan, so it can start a {status.trial_days}-day Team trial."
                     if status.team_trial_eligible
                     else "It has had a Team plan before, so it cannot start another Team trial.")
    return lines


# --- cancellation ----------------------------------------------------------------------------


def cancellation_lines(estimate: CancellationEstimate, policy: Policy) -> list[str]:
    kind = estimate.kind
    if kind is CancellationKind.NOTHING_TO_CANCEL:
        if estimate.plan in (None, Plan.FREE):
            return ["It is on the Free plan, so there is no paid plan to cancel."]
        return ["Its subscription is already canceled."]
    if kind is CancellationKind.TRIAL_NO_CHARGE:
        until = f" until {day(estimate.trial_ends_on)}" if estimate.trial_ends_on else ""
        return [f"It is on its Team trial{until}: cancelling or downgrading during the trial costs nothing."]
    if kind is CancellationKind.ANNUAL_NO_REFUND:
        return ["It is on the annual Team plan: the prepaid part is not refunded if you cancel.",
                "If data keeps flowing after you cancel, overage charges may still apply."]
    if kind is CancellationKind.NOT_COVERED:
        return [f"It is on {PLAN_NAMES[estimate.plan or Plan.BUSINESS]}, whose cancellation terms depend on "
                "your agreement; support can tell you what applies."]
    bill = estimate.final_bill
    if bill is None:
        return []
    team = policy.team_plan
    base = (f"{cents(bill.base_usd)} for {bill.days_used} of the {bill.days_in_period} days of the billing period "
            f"that started {day(bill.period_start)} (of the {money(team.base_price_usd)} base)")
    if bill.overage_mtus:
        extra = (f", plus {cents(bill.overage_usd)} for {count(bill.overage_mtus)} MTUs over the "
                 f"{count(team.included_mtus)} included")
    else:
        extra = f", with no MTUs over the {count(team.included_mtus)} included"
    return [f"Cancelling today, the final bill would be about {cents(bill.total_usd)}: {base}{extra}."]


# --- tax -------------------------------------------------------------------------------------


def tax_lines(status: TaxStatus, *, invoices: int = 3) -> list[str]:
    """The exemption on file, certificates in review, and the reasons for the latest taxed invoices."""
    lines: list[str] = []
    if status.exempt_since is not None:
        state = f" for {status.billing_state}" if status.billing_state else ""
        lines.append(f"An exemption certificate{state} was approved on {day(status.exempt_since)}.")
    if status.states_in_review:
        lines.append(f"An exemption certificate for {either(list(status.states_in_review), 'and')} is in review.")
    taxed = [i for i in status.invoices if i.reason is not TaxReason.NO_TAX]
    if not status.invoices:
        lines.append("It has no invoices yet.")
    elif not taxed:
        lines.append("None of its invoices carries tax.")
    for invoice in taxed[:invoices]:
        lines.append(f"Invoice {invoice.invoice_id} of {day(invoice.issued_on)} carries {money(invoice.tax_usd)} "
                     f"tax because {_tax_reason(invoice, status)}.")
    return lines


def _tax_reason(invoice: InvoiceTax, status: TaxStatus) -> str:
    state = invoice.certificate_state or status.billing_state or ""
    match invoice.reason:
        case TaxReason.VAT_GST:
            return f"it is VAT or GST for a business located outside the US ({status.business_country})"
        case TaxReason.CERTIFICATE_IN_REVIEW:
            return f"the exemption certificate for {state} was still in review when it was issued"
        case TaxReason.CERTIFICATE_OTHER_STATE:
            return (f"the exemption certificate covers {state}, not {status.billing_state}, "
                    "the state of the billing address")
        case TaxReason.CERTIFICATE_REJECTED:
            return f"the exemption certificate for {state} was rejected"
        case TaxReason.UNEXPLAINED:
            return (f"of something the records do not explain (a certificate for {state} was already approved); "
                    "please ask support to check it")
        case _:
            return "no exemption certificate was on file when it was issued"


# --- coupons ---------------------------------------------------------------------------------


def coupon_lines(overview: CouponOverview) -> list[str]:
    lines = [_coupon(c) for c in overview.active] or ["No coupon is in force on it."]
    allowed = [COUPON_KINDS[e.kind] for e in overview.eligibility if e.allowed]
    repeated = [COUPON_KINDS[e.kind] for e in overview.eligibility if e.refusal is CouponRefusal.ALREADY_RECEIVED]
    if allowed:
        lines.append(f"It may still receive {_a(either(allowed))} coupon.")
    if repeated:
        lines.append(f"It already received {_a(either(repeated, 'and'))} coupon; a workspace receives each kind once.")
    if any(e.refusal is CouponRefusal.EARLIER_COUPON for e in overview.eligibility):
        lines.append("The Startup Program is not open to it, because it already received another coupon.")
    return lines


def _coupon(coupon: ActiveCoupon) -> str:
    value = f"{format_value(coupon.percent_off)}% off" if coupon.percent_off else (
        f"{money(coupon.amount_off_usd)} off" if coupon.amount_off_usd else "a discount")
    until = f"until {day(coupon.ends_on)}" if coupon.ends_on else "with no end date"
    return f"Coupon {coupon.code} ({COUPON_KINDS[coupon.kind]}): {value}, {until}."


# --- startup program -------------------------------------------------------------------------


def startup_credit_lines(credit: StartupCredit, policy: Policy) -> list[str]:
    if credit.period_ended:
        lines = [f"Its Startup Program credit period ended on {day(credit.period_end)}."]
    elif credit.used_up:
        lines = [f"The {money(credit.granted_usd)} Startup Program credit of this period is used up; "
                 "further usage is charged at the regular rate."]
        if credit.over_by_usd:
            lines.append(f"Usage so far is {money(credit.over_by_usd)} above the credit, and that part is charged.")
    else:
        lines = [f"Startup Program credit: {money(credit.left_usd)} left of {money(credit.granted_usd)} "
                 f"({money(credit.used_usd)} used) until {day(credit.period_end)}; usage above it is charged."]
    max_years = policy.startup_program.max_years
    lines.append(f"This is program year {credit.program_year} of at most {max_years}." if credit.years_left
                 else f"This is the last of the {max_years} program years.")
    return lines


def startup_eligibility_lines(result: StartupEligibility, policy: Policy) -> list[str]:
    program = policy.startup_program
    age = program.max_company_age_years
    if result.eligible:
        return [f"By its records it meets the Startup Program criteria: incorporated less than {age} years ago, "
                f"at most {money(program.max_funding_usd)} raised, and no earlier coupon."]
    reasons: dict[StartupCriterion, str] = {StartupCriterion.NO_EARLIER_DISCOUNT: "it already received a coupon"}
    if result.incorporated_on is not None:
        reasons[StartupCriterion.COMPANY_AGE] = (f"it was incorporated on {day(result.incorporated_on)}, "
                                                 f"not less than {age} years ago")
    if result.funding_raised_usd is not None:
        reasons[StartupCriterion.FUNDING] = (f"it raised {money(result.funding_raised_usd)}, "
                                             f"more than {money(program.max_funding_usd)}")
    lines: list[str] = []
    if result.failed:  # a criterion can only fail on a fact the record holds
        failed = either([reasons[c] for c in result.failed], "and")
        lines.append(f"It does not meet the Startup Program criteria: {failed}.")
    unknown = {StartupCriterion.COMPANY_AGE: "incorporation date", StartupCriterion.FUNDING: "funding raised"}
    missing = [unknown[c] for c in result.unknown if c in unknown]
    if missing:
        lines.append(f"Its records do not show the {either(missing, 'or')}, so eligibility cannot be confirmed here.")
    return lines


# --- deletion --------------------------------------------------------------------------------


def deletion_lines(status: DeletionStatus) -> list[str]:
    if status.state is DeletionState.NONE or status.requested_at is None or status.irrevocable_at is None:
        return ["No deletion has been requested for it."]
    requested = moment(status.requested_at)
    if status.state is DeletionState.PENDING:
        return [f"Its deletion was requested on {requested} and becomes irrevocable on "
                f"{moment(status.irrevocable_at)} (in {duration(status.time_left)}).",
                "Until then the request can be revoked."]
    if status.state is DeletionState.REVOKED and status.revoked_at is not None:
        return [f"The deletion requested on {requested} was revoked on {moment(status.revoked_at)}."]
    return [f"The deletion requested on {requested} became irrevocable on {moment(status.irrevocable_at)}; "
            "it can no longer be revoked."]


# --- source transfer -------------------------------------------------------------------------


def transfer_lines(summary: TransferSummary, role: Role | None, policy: Policy, *, sources: int = 5) -> list[str]:
    rules = policy.source_transfer
    if summary.can_start:
        target = "a workspace you also own" if rules.requires_owner_of_both else "another workspace"
        region = "" if rules.eu_target_supported else " (not an EU workspace)"
        lines = [f"You can transfer its sources to {target}{region}."]
    else:
        held = f"you are {_a(ROLE_NAMES[role])}" if role else "you are not a member"
        lines = [f"Only an owner of both workspaces can transfer a source; here {held}."]
    if not summary.sources:
        return [*lines, "It has no sources."]
    for outlook in summary.sources[:sources]:
        parts: list[str] = []
        if outlook.moving_destinations:
            parts.append(f"{either(list(outlook.moving_destinations), 'and')} would move with it")
        if outlook.staying_destinations:
            parts.append(f"{either(list(outlook.staying_destinations), 'and')} (storage) would not")
        if outlook.tracking_plan_left_behind:
            parts.append(f"its tracking plan {outlook.tracking_plan_left_behind} would have to be reconnected")
        detail = "; ".join(parts) if parts else "it has no destinations or tracking plan"
        lines.append(f"Source {outlook.source_name}: {detail}.")
    if len(summary.sources) > sources:
        lines.append(f"And {len(summary.sources) - sources} more sources.")
    return lines



# ==============================================================================================
# --- actions: refusals, failures, previews and outcomes ----------------------------------------
# (the action framework's sentences; the fact lines above are reused, not repeated)
# ==============================================================================================

from actions.facts import SourceOutlook, TransferBlocker, TransferPrecheck  # noqa: E402

# What each action does, as a verb phrase: "Only ... can <purpose>." and ``supportbot action --list``.
ACTION_PURPOSES = {
    "revoke-deletion": "revoke a pending workspace deletion",
    "coupon-status": "see the workspace's coupons and which ones it may still receive",
    "trial-status": "see the workspace's trial",
    "usage-status": "see the workspace's MTUs and whether it is locked",
    "tax-status": "see why sales tax was charged and the exemption certificates",
    "startup-eligibility": "see the workspace's Startup Program eligibility and credit",
    "transfer-precheck": "check whether a source can move to another workspace",
    "escalate": "hand the conversation to a support agent",
}
ACTION_ROLE_NAMES = {
    "owner": "a workspace owner",
    "member": "a member",
    "read-only": "a read-only member",
    "agent": "a support agent",
    "asker": "anyone",
}
ACTION_CHECK_TITLES = {
    "coupon-status": "Coupons",
    "trial-status": "Trial",
    "usage-status": "Usage",
    "tax-status": "Sales tax",
    "startup-eligibility": "Startup Program",
}

# Unknown user, unknown workspace, not a member: one sentence, so nobody learns which it was.
ACTION_NOT_YOUR_WORKSPACE = "I can't do that for “{workspace}”: I can only act on a workspace you belong to."
ACTION_NO_SUCH_WORKSPACE = "There is no workspace “{workspace}”."  # agents only

ACTION_BACKEND_UNAVAILABLE = "The account system could not be reached, so nothing was done. Please try again in a few minutes."
ACTION_BACKEND_CORRUPT = ("The account records needed for this could not be read, so nothing was done. "
                          "A support agent can look into it.")
ACTION_INTERNAL_ERROR = "Something went wrong on our side, so nothing was done. Please try again, or ask a support agent."


def action_purpose(name: str) -> str:
    return ACTION_PURPOSES.get(name, f"run {name}")


def action_roles(roles: Sequence[str]) -> str:
    """"a workspace owner or a support agent", in the framework's role order."""
    order = list(ACTION_ROLE_NAMES)
    return either([ACTION_ROLE_NAMES[r] for r in sorted(roles, key=order.index)])


def action_role_not_allowed(name: str, roles: Sequence[str] | frozenset[str], workspace: str | None) -> str:
    where = f" in “{workspace}”" if workspace else ""
    return f"Only {action_roles(list(roles))} can {action_purpose(name)}{where}."


def action_check_summary(name: str, workspace_name: str) -> str:
    return f"{ACTION_CHECK_TITLES.get(name, name)} for workspace {workspace_name}:"


# --- revoke-deletion ---------------------------------------------------------------------------


def action_no_deletion(name: str) -> str:
    return f"No deletion has been requested for {name}, so there is nothing to revoke."


def action_deletion_already_revoked(name: str, status: DeletionStatus) -> str:
    when = f" on {moment(status.revoked_at)}" if status.revoked_at else ""
    return f"The deletion of {name} was already revoked{when}; the workspace stays."


def action_deletion_irrevocable(name: str, status: DeletionStatus) -> str:
    when = f" on {moment(status.irrevocable_at)}" if status.irrevocable_at else ""
    return f"The deletion of {name} became irrevocable{when}; it can no longer be revoked."


def action_revoke_preview(name: str, status: DeletionStatus) -> str:
    requested = f" requested on {moment(status.requested_at)}" if status.requested_at else ""
    return f"This will revoke the deletion of {name}{requested}; the workspace and its data will stay."


def action_deletion_revoked(name: str) -> str:
    return f"Done: the deletion of {name} is revoked, and the workspace stays."


# --- transfer-precheck -------------------------------------------------------------------------

ACTION_TRANSFER_OWNER_OF_BOTH = "The transfer itself must be made by someone who owns both workspaces."


def action_unknown_source(source: str, workspace_name: str) -> str:
    return f"{workspace_name} has no source “{source}”."


def action_ambiguous_source(source: str, ids: Sequence[str]) -> str:
    ids = either(list(ids))
    return f"Several sources are called “{source}”; name one by its id: {ids}."


def action_transfer_target_not_yours(target: str) -> str:
    return f"“{target}” is not a workspace you belong to; a source can only move to a workspace you own."


def action_transfer_possible(result: TransferPrecheck) -> str:
    return f"Source {result.source.source_name} can move to {result.target_name}."


def action_transfer_blocked(result: TransferPrecheck) -> str:
    return f"Source {result.source.source_name} cannot move to {result.target_name}."


def action_transfer_blocker(blocker: TransferBlocker, result: TransferPrecheck) -> str:
    target = result.target_name
    match blocker:
        case TransferBlocker.SAME_WORKSPACE:
            return f"It is already in {target}."
        case TransferBlocker.NOT_SOURCE_OWNER:
            return "Only an owner of the workspace it is in can move it."
        case TransferBlocker.NOT_TARGET_OWNER:
            return f"Only an owner of {target} can move a source into it."
        case TransferBlocker.TARGET_IN_EU:
            return f"{target} is an EU workspace, and sources cannot move to EU workspaces."


def action_transfer_outlook_lines(outlook: SourceOutlook) -> tuple[str, ...]:
    moving = list(outlook.moving_destinations)
    staying = list(outlook.staying_destinations)
    plan = outlook.tracking_plan_left_behind
    lines = [f"Destinations that move with it: {either(moving, 'and')}." if moving
             else "No destinations would move with it."]
    if staying:
        lines.append(f"Storage destinations that stay behind: {either(staying, 'and')}.")
    if plan:
        lines.append(f"Its tracking plan {plan} stays behind and has to be reconnected in the new workspace.")
    return tuple(lines)


# --- escalate ----------------------------------------------------------------------------------

ACTION_HANDED_OVER = "I've handed this to a support agent, with your question and what I found; they will reply here."


def action_escalate_preview(workspace_name: str | None) -> str:
    about = f" and your workspace {workspace_name}" if workspace_name else ""
    return f"This will hand the conversation to a support agent, with your question, the answers I found{about}."
