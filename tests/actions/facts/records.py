"""Builders for domain records and policies used by the fact tests: defaults plus what a test changes."""

from datetime import date
from typing import Any

import yaml

from actions.models import (
    Address,
    Plan,
    Region,
    Subscription,
    SubscriptionStatus,
    Workspace,
    WorkspaceFacts,
)
from knowledge.loader import POLICY_FILE, default_content_dir
from knowledge.policy import Policy

TODAY = date(2025, 3, 15)


def shipped_policy() -> Policy:
    """The policy exactly as shipped in the knowledge content."""
    with (default_content_dir() / POLICY_FILE).open(encoding="utf-8") as handle:
        return Policy.model_validate(yaml.safe_load(handle))


def changed_policy(policy: Policy, **sections: dict[str, Any]) -> Policy:
    """``policy`` with some fields of some sections replaced, e.g. ``free_plan={"mtu_limit": 500}``."""
    update = {name: getattr(policy, name).model_copy(update=fields) for name, fields in sections.items()}
    return policy.model_copy(update=update)


def workspace(**fields: Any) -> Workspace:
    values: dict[str, Any] = {
        "id": "ws-1",
        "slug": "acme",
        "name": "Acme",
        "region": Region.US,
        "business_address": Address(country="US", state="CA"),
        "billing_address": Address(country="US", state="CA"),
        "created_on": date(2023, 1, 10),
    }
    return Workspace(**(values | fields))


def subscription(**fields: Any) -> Subscription:
    values: dict[str, Any] = {
        "workspace_id": "ws-1",
        "plan": Plan.FREE,
        "status": SubscriptionStatus.ACTIVE,
        "billing_cycle_anchor": date(2025, 3, 1),
    }
    return Subscription(**(values | fields))


def facts(**fields: Any) -> WorkspaceFacts:
    """Facts of a US Free-plan workspace, with ``fields`` replacing parts (workspace, subscription, ...)."""
    values: dict[str, Any] = {"workspace": workspace(), "subscription": subscription()}
    return WorkspaceFacts(**(values | fields))
