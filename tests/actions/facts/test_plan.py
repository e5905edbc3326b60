from datetime import date

from actions.facts.plan import plan_status
from actions.models import Plan, SubscriptionStatus
from tests.actions.facts.records import facts, subscription


def test_the_plan_on_record():
    status = plan_status(facts(subscription=subscription(plan=Plan.LEGACY_API)))
    assert status.plan is Plan.LEGACY_API and status.legacy_api
    assert status.status is SubscriptionStatus.ACTIVE and status.billing_cycle_anchor == date(2025, 3, 1)


def test_no_subscription_means_the_free_plan():
    status = plan_status(facts(subscription=None))
    assert status.plan is Plan.FREE and not status.legacy_api and status.status is None
