"""The personal part of an answer: what is true for the asker's own workspace, as short sentences.

Each knowledge-base entry maps to the fact topics that bear on it; each topic computes its facts
(``actions.facts``) and words them (``actions.wording``). The generic answer is never touched:
this module only returns the ``PersonalPart`` that goes with it.
"""

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from functools import cache

from actions import facts as compute
from actions import wording
from actions.adapter import BillingAdapter
from actions.asker import Asker
from actions.catalog import default_registry
from actions.clock import Clock
from actions.errors import AdapterError, NotFound
from actions.facts.deletion import DeletionState
from actions.facts.periods import as_utc
from actions.identity import Access, resolve_asker
from actions.models import Role, WorkspaceFacts
from actions.personal_part import PersonalPart, PersonalStatus, WorkspaceChoice
from knowledge.policy import Policy

logger = logging.getLogger(__name__)


class Topic(StrEnum):
    PLAN = "plan"
    USAGE = "usage"
    TRIAL = "trial"
    CANCELLATION = "cancellation"
    TAX = "tax"
    COUPONS = "coupons"
    STARTUP = "startup"
    DELETION = "deletion"
    TRANSFER = "transfer"


# Entries that no account fact bears on (account-vs-workspace, change-domain-name, ...) are absent.
ENTRY_TOPICS: dict[str, tuple[Topic, ...]] = {
    "change-plan": (Topic.PLAN, Topic.TRIAL),
    "cancel-before-end-of-month": (Topic.CANCELLATION,),
    "refunds": (Topic.CANCELLATION,),
    "sales-tax": (Topic.TAX,),
    "tax-exemption-qualify": (Topic.TAX,),
    "tax-exemption-still-charged": (Topic.TAX,),
    "free-trial-paid-plans": (Topic.TRIAL,),
    "free-plan-limit-exceeded": (Topic.USAGE,),
    "team-trial-what": (Topic.TRIAL,),
    "team-trial-how-to-get": (Topic.TRIAL,),
    "team-trial-new-customer": (Topic.TRIAL,),
    "team-trial-payment-info": (Topic.TRIAL,),
    "team-trial-ends": (Topic.TRIAL,),
    "coupons-early-stage-startups": (Topic.STARTUP,),
    "coupons-accelerator-partners": (Topic.COUPONS,),
    "coupons-non-profits": (Topic.COUPONS,),
    "coupons-special-promotions": (Topic.COUPONS,),
    "coupons-how-they-work": (Topic.COUPONS,),
    "coupons-redeem": (Topic.COUPONS,),
    "coupons-view-applied": (Topic.COUPONS,),
    "coupons-new-customer": (Topic.COUPONS,),
    "coupons-expire": (Topic.COUPONS,),
    "legacy-api-plan-integrations": (Topic.PLAN,),
    "delete-account-cancels-subscription": (Topic.PLAN,),
    "delete-workspace": (Topic.DELETION,),
    "recover-deleted-source-or-workspace": (Topic.DELETION,),
    "move-source-between-workspaces": (Topic.TRANSFER,),
    "startup-program": (Topic.STARTUP,),
    "startup-credits-applied": (Topic.STARTUP,),
    "startup-redeem-credits": (Topic.STARTUP,),
    "startup-acceptance": (Topic.STARTUP,),
    "startup-view-credits": (Topic.STARTUP,),
    "startup-over-credit": (Topic.STARTUP,),
    "startup-credits-expire": (Topic.STARTUP,),
    "startup-partner-deals": (Topic.STARTUP,),
}


@cache
def action_roles() -> dict[str, frozenset[str]]:
    """The roles each registered action is open to, as the action registry declares them.

    Suggestions only avoid offering a button the asker's role would be refused; the permission
    layer still decides every call.
    """
    return {spec.name: frozenset(role.value for role in spec.roles) for spec in default_registry().specs()}


def may_suggest(action: str, role: Role) -> bool:
    return role.value in action_roles().get(action, frozenset())


@dataclass(frozen=True)
class _Section:
    lines: list[str]
    actions: tuple[str, ...] = ()


_Renderer = Callable[[WorkspaceFacts, Role, Policy, datetime], _Section]


def personalise(
    entry_id: str,
    asker: Asker,
    adapter: BillingAdapter,
    policy: Policy,
    clock: Clock,
    channel_workspaces: Mapping[str, str],
) -> PersonalPart:
    """The asker's own facts for ``entry_id``: FACTS, a choice of workspaces, UNAVAILABLE when the
    billing backend fails (logged, never raised), or NONE (nothing bears on the entry, or no
    facts may be given to this asker here; the two are not told apart)."""
    topics = ENTRY_TOPICS.get(entry_id)
    if not topics:
        return PersonalPart.none()
    found = _read_facts(entry_id, asker, adapter, channel_workspaces)
    if isinstance(found, PersonalPart):
        return found
    role, workspace_facts = found
    return _compose(entry_id, topics, workspace_facts, role, policy, as_utc(clock()))


def _read_facts(entry_id: str, asker: Asker, adapter: BillingAdapter,
                channel_workspaces: Mapping[str, str]) -> tuple[Role, WorkspaceFacts] | PersonalPart:
    """The asker's role and workspace facts, or the part to answer with instead."""
    try:
        identity = resolve_asker(asker, adapter, channel_workspaces)
        if identity.access is Access.CHOOSE:
            return PersonalPart(
                status=PersonalStatus.CHOOSE_WORKSPACE,
                choices=tuple(WorkspaceChoice(slug=w.slug, name=w.name) for w in identity.choices),
            )
        if identity.access is not Access.GRANTED or identity.workspace is None or identity.role is None:
            return PersonalPart.none()
        workspace_facts = adapter.facts(identity.workspace.id)
    except AdapterError as error:
        # The error's type only: its message may quote stored values, which can be personal data.
        logger.warning("account facts unavailable for entry %s (%s)", entry_id, type(error).__name__)
        return PersonalPart(status=PersonalStatus.UNAVAILABLE)
    except NotFound:
        return PersonalPart.none()  # the workspace was removed between the lookup and the read
    if workspace_facts.workspace.id != identity.workspace.id:
        # Never word one workspace's facts under another's name.
        logger.error("billing backend returned facts of another workspace for %s", identity.workspace.id)
        return PersonalPart(status=PersonalStatus.UNAVAILABLE)
    return identity.role, workspace_facts


def _compose(entry_id: str, topics: tuple[Topic, ...], workspace_facts: WorkspaceFacts, role: Role,
             policy: Policy, now: datetime) -> PersonalPart:
    lines: list[str] = []
    actions: list[str] = []
    try:
        for topic in topics:
            section = _RENDERERS[topic](workspace_facts, role, policy, now)
            lines.extend(section.lines)
            actions.extend(a for a in section.actions if may_suggest(a, role) and a not in actions)
    except (ValueError, ArithmeticError) as error:
        # Records the facts cannot make sense of although they passed the adapter's validation:
        # the generic answer still stands. Type only, as above: pydantic messages quote values.
        logger.error("account facts for entry %s could not be computed (%s)", entry_id, type(error).__name__)
        return PersonalPart(status=PersonalStatus.UNAVAILABLE)
    if not lines:
        return PersonalPart.none()
    workspace = workspace_facts.workspace
    return PersonalPart(
        status=PersonalStatus.FACTS,
        workspace_slug=workspace.slug,
        workspace_name=workspace.name,
        lines=tuple(lines),
        suggested_actions=tuple(actions),
    )


def _plan(facts: WorkspaceFacts, role: Role, policy: Policy, now: datetime) -> _Section:
    return _Section(wording.plan_lines(compute.plan_status(facts)))


def _usage(facts: WorkspaceFacts, role: Role, policy: Policy, now: datetime) -> _Section:
    return _Section(wording.usage_lines(compute.usage_status(facts, policy, now.date()), policy), ("usage-status",))


def _trial(facts: WorkspaceFacts, role: Role, policy: Policy, now: datetime) -> _Section:
    return _Section(wording.trial_lines(compute.trial_status(facts, policy, now.date())), ("trial-status",))


def _cancellation(facts: WorkspaceFacts, role: Role, policy: Policy, now: datetime) -> _Section:
    return _Section(wording.cancellation_lines(compute.cancellation_estimate(facts, policy, now.date()), policy))


def _tax(facts: WorkspaceFacts, role: Role, policy: Policy, now: datetime) -> _Section:
    return _Section(wording.tax_lines(compute.tax_status(facts, now.date())), ("tax-status",))


def _coupons(facts: WorkspaceFacts, role: Role, policy: Policy, now: datetime) -> _Section:
    return _Section(wording.coupon_lines(compute.coupon_status(facts, policy, now.date())), ("coupon-status",))


def _startup(facts: WorkspaceFacts, role: Role, policy: Policy, now: datetime) -> _Section:
    credit = compute.startup_credit(facts, policy, now.date())
    if credit is not None:
        return _Section(wording.startup_credit_lines(credit, policy), ("startup-eligibility",))
    eligibility = compute.startup_eligibility(facts, policy, now.date())
    return _Section(wording.startup_eligibility_lines(eligibility, policy), ("startup-eligibility",))


def _deletion(facts: WorkspaceFacts, role: Role, policy: Policy, now: datetime) -> _Section:
    status = compute.deletion_status(facts, policy, now)
    return _Section(wording.deletion_lines(status),
                    ("revoke-deletion",) if status.state is DeletionState.PENDING else ())


def _transfer(facts: WorkspaceFacts, role: Role, policy: Policy, now: datetime) -> _Section:
    summary = compute.transfer_summary(facts, role, policy)
    return _Section(wording.transfer_lines(summary, role, policy), ("transfer-precheck",))


_RENDERERS: dict[Topic, _Renderer] = {
    Topic.PLAN: _plan,
    Topic.USAGE: _usage,
    Topic.TRIAL: _trial,
    Topic.CANCELLATION: _cancellation,
    Topic.TAX: _tax,
    Topic.COUPONS: _coupons,
    Topic.STARTUP: _startup,
    Topic.DELETION: _deletion,
    Topic.TRANSFER: _transfer,
}
