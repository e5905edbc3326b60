"""The read-only checks: open to every role of the workspace and to agents, closed to everyone
else, and each wired to its fact function (the data is that function's result, the lines the
shared wording of those facts)."""

import pytest

from actions import wording
from actions.action_models import OutcomeStatus
from actions.audit import AuditPhase
from actions.facts import coupon_status, startup_credit, startup_eligibility, tax_status, trial_status, usage_status
from tests.actions.action_world import (
    AGENT,
    NOW,
    OUTSIDER,
    POLICY,
    UNKNOWN_USER,
    UNKNOWN_WORKSPACE,
    audit_records,
    member,
    owner,
    reader,
    request,
)

CHECKS = ["coupon-status", "trial-status", "usage-status", "tax-status", "startup-eligibility"]
TODAY = NOW.date()


def facts_of(executor, slug):
    adapter = executor.adapter
    return adapter.facts(adapter.workspace_by_slug(slug).id)


@pytest.mark.parametrize("action", CHECKS)
@pytest.mark.parametrize(("who", "agent", "role"), [
    (owner("orca-startup"), False, "owner"),
    (member("orca-startup"), False, "member"),
    (reader("orca-startup"), False, "read-only"),
    ("alex@consultants.example", False, "read-only"),
    (AGENT, True, "agent"),
])
def test_every_role_of_the_workspace_and_agents_may_look(executor, action, who, agent, role):
    outcome = executor.execute(request(action, who, "orca-startup", agent=agent), "k")
    assert outcome.done and outcome.lines
    assert outcome.summary == wording.action_check_summary(action, "Orca AI")
    (record,) = audit_records(executor)
    assert (record.phase, record.role, record.workspace, record.action) == (AuditPhase.RUN, role, "orca-startup", action)


@pytest.mark.parametrize("action", CHECKS)
@pytest.mark.parametrize(("who", "workspace", "reason"), [
    (OUTSIDER, "orca-startup", "not-member"),
    (UNKNOWN_USER, "orca-startup", "unknown-user"),
    (owner("acme-free"), "orca-startup", "not-member"),
    (owner("orca-startup"), UNKNOWN_WORKSPACE, "unknown-workspace"),
])
def test_nobody_else_learns_anything(executor, action, who, workspace, reason):
    outcome = executor.execute(request(action, who, workspace), "k")
    assert outcome.status is OutcomeStatus.REFUSED and outcome.code == "not-permitted"
    assert outcome.data == {} and outcome.lines == ()
    assert outcome.summary == wording.ACTION_NOT_YOUR_WORKSPACE.format(workspace=workspace)
    assert audit_records(executor)[0].reason == reason


@pytest.mark.parametrize("action", CHECKS)
def test_a_preview_of_a_check_is_its_answer(executor, action):
    preview = executor.preview(request(action, reader("bolt-over-once"), "bolt-over-once"))
    outcome = executor.execute(request(action, reader("bolt-over-once"), "bolt-over-once"), "k")
    assert preview.ready and not preview.needs_confirmation
    assert (preview.summary, preview.lines, preview.data) == (outcome.summary, outcome.lines, outcome.data)


def test_usage_status_is_the_usage_facts(executor):
    for slug in ("bolt-over-once", "cobalt-over-twice", "acme-free", "fable-team-monthly"):
        expected = usage_status(facts_of(executor, slug), POLICY, TODAY)
        outcome = executor.execute(request("usage-status", owner(slug), slug), f"k-{slug}")
        assert outcome.data == {"usage": expected.model_dump(mode="json")}
        assert list(outcome.lines) == wording.usage_lines(expected, POLICY)
    locked_flowing = executor.execute(request("usage-status", owner("bolt-over-once"), "bolt-over-once"), "k-bolt")
    stopped = executor.execute(request("usage-status", owner("cobalt-over-twice"), "cobalt-over-twice"), "k-cobalt")
    assert (locked_flowing.data["usage"]["locked"], locked_flowing.data["usage"]["data_flowing"]) == (True, True)
    assert (stopped.data["usage"]["locked"], stopped.data["usage"]["data_flowing"]) == (True, False)


def test_trial_status_is_the_trial_facts(executor):
    expected = trial_status(facts_of(executor, "ember-trial-ends-today"), POLICY, TODAY)
    outcome = executor.execute(request("trial-status", member("ember-trial-ends-today"), "ember-trial-ends-today"), "k")
    assert outcome.data == {"trial": expected.model_dump(mode="json")}
    assert outcome.data["trial"]["days_left"] == 0 and outcome.data["trial"]["continues_to_paid"] is False
    assert list(outcome.lines) == wording.trial_lines(expected)


def test_tax_status_is_the_tax_facts(executor):
    for slug, reason in (("iris-tax-in-review", "certificate-in-review"), ("jade-tax-other-state", "certificate-other-state")):
        expected = tax_status(facts_of(executor, slug), TODAY)
        outcome = executor.execute(request("tax-status", reader(slug), slug), f"k-{slug}")
        assert outcome.data == {"tax": expected.model_dump(mode="json")}
        assert outcome.data["tax"]["invoices"][0]["reason"] == reason
        assert list(outcome.lines) == wording.tax_lines(expected)


def test_coupon_status_is_the_coupon_facts(executor):
    expected = coupon_status(facts_of(executor, "mosaic-nonprofit"), POLICY, TODAY)
    outcome = executor.execute(request("coupon-status", owner("mosaic-nonprofit"), "mosaic-nonprofit"), "k")
    assert outcome.data == {"coupons": expected.model_dump(mode="json")}
    assert [c["code"] for c in outcome.data["coupons"]["active"]] == ["NONPROFIT-MOSAIC"]
    assert list(outcome.lines) == wording.coupon_lines(expected)


def test_startup_eligibility_shows_the_criteria_or_the_credit_of_members(executor):
    quill = facts_of(executor, "quill-startup-eligible")
    outcome = executor.execute(request("startup-eligibility", owner("quill-startup-eligible"), "quill-startup-eligible"), "k1")
    expected = startup_eligibility(quill, POLICY, TODAY)
    assert outcome.data == {"eligibility": expected.model_dump(mode="json"), "credit": None}
    assert outcome.data["eligibility"]["eligible"] is True
    assert list(outcome.lines) == wording.startup_eligibility_lines(expected, POLICY)

    orca = facts_of(executor, "orca-startup")
    member_outcome = executor.execute(request("startup-eligibility", owner("orca-startup"), "orca-startup"), "k2")
    credit = startup_credit(orca, POLICY, TODAY)
    assert member_outcome.data["credit"] == credit.model_dump(mode="json")
    assert list(member_outcome.lines) == wording.startup_credit_lines(credit, POLICY)

    rook = executor.execute(request("startup-eligibility", owner("rook-startup-ineligible"), "rook-startup-ineligible"), "k3")
    assert rook.data["eligibility"]["eligible"] is False
