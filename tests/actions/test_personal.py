import logging
from datetime import UTC, datetime
import re
import sqlite3
import time
from pathlib import Path

import pytest

from actions.asker import Asker
from actions.guarded import GuardedAdapter
from actions.models import DeletionRequest, Plan, Role
from actions.personal import ENTRY_TOPICS, Topic, _RENDERERS, action_roles, personalise
from actions.personal_part import PersonalPart, PersonalStatus
from actions.sqlite_adapter import SQLiteBillingAdapter
from knowledge.loader import load_knowledge_base
from tests.actions.facts.records import changed_policy, shipped_policy
from tests.actions.personal_world import ACME, ALICE, BOB, CAROL, CLOCK, DAVE, GLOBEX, INITECH, billing_world

ENTRY_IDS_DOC = Path(__file__).resolve().parents[2] / "docs" / "entry-ids.md"
POLICY = shipped_policy()


@pytest.fixture
def adapter(tmp_path):
    with billing_world(tmp_path / "billing.db") as adapter:
        yield adapter


def ask(adapter, entry_id: str, user, workspace=None, policy=POLICY, **asker) -> PersonalPart:
    who = Asker(email=user.email, workspace_slug=workspace.slug if workspace else None, **asker)
    return personalise(entry_id, who, adapter, policy, CLOCK, {})


def text(part: PersonalPart) -> str:
    return " ".join(part.lines)


def documented_entry_ids() -> set[str]:
    return set(re.findall(r"^\| ([a-z0-9-]+) \|", ENTRY_IDS_DOC.read_text(encoding="utf-8"), flags=re.M)) - {"id"}


def test_every_mapped_entry_exists_and_every_topic_and_action_is_handled():
    assert len(documented_entry_ids()) == 41
    assert set(ENTRY_TOPICS) <= documented_entry_ids()
    assert set(ENTRY_TOPICS) <= {entry.id for entry in load_knowledge_base()}
    assert set(_RENDERERS) == set(Topic)
    assert all(topics for topics in ENTRY_TOPICS.values())


def test_free_plan_overage_for_the_owner(adapter):
    part = ask(adapter, "free-plan-limit-exceeded", ALICE)
    assert part.status is PersonalStatus.FACTS
    assert (part.workspace_slug, part.workspace_name) == (ACME.slug, ACME.name)
    assert "1,777" in text(part) and "over the 1,000" in text(part)
    assert "locked, but data still flows" in text(part)
    assert "wait one full billing cycle" in text(part) and "14-day free trial" in text(part)
    assert part.suggested_actions == ("usage-status",)


def test_a_pending_deletion_offers_revocation_to_the_owner_only(adapter):
    owner = ask(adapter, "delete-workspace", ALICE)
    assert "becomes irrevocable on 18 Mar 2025 12:00 UTC (in 3 days)" in text(owner)
    assert owner.suggested_actions == ("revoke-deletion",)
    member = ask(adapter, "delete-workspace", BOB, ACME)
    assert member.lines == owner.lines and member.suggested_actions == ()


def test_read_only_members_see_their_facts_and_only_the_checks_they_may_run(adapter):
    part = ask(adapter, "free-plan-limit-exceeded", CAROL)
    assert part.status is PersonalStatus.FACTS and part.workspace_slug == ACME.slug
    assert part.suggested_actions == ("usage-status",)
    deletion = ask(adapter, "delete-workspace", CAROL)
    assert "can be revoked" in text(deletion) and deletion.suggested_actions == ()


def test_cancelling_a_monthly_team_plan_estimates_the_final_bill(adapter):
    part = ask(adapter, "cancel-before-end-of-month", BOB, GLOBEX)
    # 120 * 15/31 = 58.06 base; 13,337 - 10,000 = 3,337 MTUs at 0.01 = 33.37
    assert "about $91.43" in text(part) and "$58.06 for 15 of the 31 days" in text(part)
    assert "$33.37 for 3,337 MTUs over the 10,000 included" in text(part)


def test_tax_charged_while_the_certificate_was_in_review(adapter):
    part = ask(adapter, "tax-exemption-still-charged", BOB, GLOBEX)
    assert "An exemption certificate for NY was approved on 2 Mar 2025." in part.lines
    assert "Invoice inv-globex of 1 Mar 2025 carries $9.99 tax because the exemption certificate for NY " \
           "was still in review when it was issued." in part.lines
    assert part.suggested_actions == ("tax-status",)


def test_coupons_in_force_and_what_may_still_be_received(adapter):
    part = ask(adapter, "coupons-view-applied", BOB, GLOBEX)
    assert "Coupon GLOBEX-SPRING (special promotion): 15% off, until 30 Jun 2025." in part.lines
    assert "The Startup Program is not open to it, because it already received another coupon." in part.lines
    assert part.suggested_actions == ("coupon-status",)


def test_a_startup_member_sees_the_credit_left(adapter):
    part = ask(adapter, "startup-over-credit", DAVE)
    assert part.workspace_slug == INITECH.slug
    assert "$20,679 left of $25,000 ($4,321 used) until 31 Dec 2025" in text(part)
    assert "program year 1 of at most 2" in text(part)
    assert part.suggested_actions == ("startup-eligibility",)


def test_startup_eligibility_for_a_workspace_outside_the_program(adapter):
    part = ask(adapter, "startup-program", BOB, GLOBEX)
    assert "does not meet the Startup Program criteria" in text(part)
    assert "it already received a coupon" in text(part)
    assert "incorporation date or funding raised" in text(part)  # the record lacks both
    assert part.suggested_actions == ("startup-eligibility",)


def test_source_transfer_summary(adapter):
    part = ask(adapter, "move-source-between-workspaces", BOB, GLOBEX)
    assert "You can transfer its sources to a workspace you also own (not an EU workspace)." in part.lines
    assert ("Source Globex Web: Amplitude would move with it; Warehouse (storage) would not; "
            "its tracking plan Globex Plan would have to be reconnected.") in part.lines
    member = ask(adapter, "move-source-between-workspaces", BOB, ACME)
    assert "here you are a member" in text(member)


def test_plan_and_trial_eligibility(adapter):
    part = ask(adapter, "change-plan", ALICE)
    assert part.lines == ("It is on the Free plan (locked).",
                          "It has never had a Team plan, so it can start a 14-day Team trial.")
    assert ask(adapter, "legacy-api-plan-integrations", BOB, GLOBEX).lines == ("It is on the monthly Team plan.",)


def test_entries_that_no_fact_bears_on_get_nothing(adapter):
    for entry_id in ("account-vs-workspace", "change-account-email", "no-such-entry"):
        assert ask(adapter, entry_id, ALICE) == PersonalPart.none()


def test_a_member_of_several_workspaces_chooses(adapter):
    part = ask(adapter, "refunds", BOB)
    assert part.status is PersonalStatus.CHOOSE_WORKSPACE
    assert [(c.slug, c.name) for c in part.choices] == [(ACME.slug, ACME.name), (GLOBEX.slug, GLOBEX.name)]
    assert part.lines == () and part.workspace_slug is None


def test_the_numbers_come_from_the_policy_data(adapter):
    longer = changed_policy(POLICY, workspace_deletion={"grace_days": 7}, trial={"days": 30})
    deletion = text(ask(adapter, "delete-workspace", ALICE, policy=longer))
    assert "irrevocable on 20 Mar 2025 12:00 UTC (in 5 days)" in deletion
    assert "30-day Team trial" in text(ask(adapter, "change-plan", ALICE, policy=longer))


def test_every_entry_for_every_asker_gives_a_well_formed_part(adapter):
    askers = ((ALICE, None, Role.OWNER), (BOB, ACME, Role.MEMBER), (BOB, GLOBEX, Role.OWNER),
              (CAROL, None, Role.READ_ONLY), (DAVE, None, Role.OWNER))
    for entry_id in sorted(documented_entry_ids()):
        for user, workspace, role in askers:
            part = ask(adapter, entry_id, user, workspace)
            if entry_id not in ENTRY_TOPICS:
                assert part == PersonalPart.none()
                continue
            assert part.status is PersonalStatus.FACTS and part.lines, (entry_id, user.id)
            assert all(line.endswith(".") and "None" not in line for line in part.lines), part.lines
            assert all(role.value in action_roles()[action] for action in part.suggested_actions), (entry_id, role)


# --- the billing backend failing ----------------------------------------------------------------


def test_a_closed_backend_is_reported_as_unavailable_and_logged(adapter, caplog):
    adapter.close()
    with caplog.at_level(logging.WARNING, logger="actions.personal"):
        part = ask(adapter, "free-plan-limit-exceeded", ALICE)
    assert part == PersonalPart(status=PersonalStatus.UNAVAILABLE)
    assert "AdapterUnavailable" in caplog.text


def test_a_file_that_is_not_a_database_is_unavailable(tmp_path):
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"this is not a SQLite database at all" * 100)
    adapter = SQLiteBillingAdapter(broken, clock=CLOCK, migrate=False)
    assert ask(adapter, "free-plan-limit-exceeded", ALICE).status is PersonalStatus.UNAVAILABLE
    assert ask(adapter, "account-vs-workspace", ALICE).status is PersonalStatus.NONE  # nothing was needed
    adapter.close()


def test_a_corrupt_record_is_unavailable_and_logged(adapter, tmp_path, caplog):
    with sqlite3.connect(tmp_path / "billing.db") as db:
        db.execute("UPDATE monthly_usage SET mtus = -5 WHERE workspace_id = ?", [ACME.id])
    with caplog.at_level(logging.WARNING, logger="actions.personal"):
        part = ask(adapter, "free-plan-limit-exceeded", ALICE)
    assert part.status is PersonalStatus.UNAVAILABLE and part.lines == ()
    assert "CorruptRecord" in caplog.text
    # the other workspaces are unaffected
    assert ask(adapter, "coupons-view-applied", BOB, GLOBEX).status is PersonalStatus.FACTS


def test_a_slow_backend_is_unavailable(tmp_path):
    path = tmp_path / "billing.db"
    guarded = GuardedAdapter(billing_world(path), timeout_s=0.2)
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another writer holds the lock: linking a Slack id has to wait
    try:
        part = ask(guarded, "free-plan-limit-exceeded", BOB, GLOBEX, slack_user_id="U0BOBNEW")
        assert part == PersonalPart(status=PersonalStatus.UNAVAILABLE)
        # reads do not wait for a writer, so the same question without a link to store is answered
        assert ask(guarded, "free-plan-limit-exceeded", BOB, GLOBEX).status is PersonalStatus.FACTS
    finally:
        blocker.rollback()
        blocker.close()
        # The abandoned call finishes once the lock is free; closing under it would pull its
        # connection away mid-statement.
        for _ in range(200):
            if guarded.inner.user_by_slack_id("U0BOBNEW") is not None:
                break
            time.sleep(0.05)
        guarded.close()


def test_a_record_the_policy_cannot_compute_with_is_unavailable_not_a_crash(adapter, caplog):
    # Valid by the model, but five days after it lies beyond the calendar.
    adapter.upsert([DeletionRequest(id="del-acme", workspace_id=ACME.id, requested_by=ALICE.id,
                                    requested_at=datetime(9999, 12, 30, tzinfo=UTC))])
    with caplog.at_level(logging.WARNING, logger="actions.personal"):
        part = ask(adapter, "delete-workspace", ALICE)
    assert part == PersonalPart(status=PersonalStatus.UNAVAILABLE)
    assert "OverflowError" in caplog.text
    assert ask(adapter, "free-plan-limit-exceeded", ALICE).status is PersonalStatus.FACTS


def test_a_plan_the_facts_cannot_word_is_still_not_a_crash(adapter):
    # a Business subscription has no stated MTU allowance: the sentences adapt instead of failing
    from actions.models import Subscription, SubscriptionStatus

    adapter.upsert([Subscription(workspace_id=GLOBEX.id, plan=Plan.BUSINESS, status=SubscriptionStatus.ACTIVE,
                                 billing_cycle_anchor=GLOBEX.created_on)])
    part = ask(adapter, "free-plan-limit-exceeded", BOB, GLOBEX)
    assert part.lines == ("This month it has tracked 13,337 MTUs.",)
    assert "agreement" in text(ask(adapter, "cancel-before-end-of-month", BOB, GLOBEX))


# --- every demo workspace -----------------------------------------------------------------------

DEMO_EXPECTATIONS = {
    "acme-free": ("free-plan-limit-exceeded", "It has not gone over the 1,000 MTU limit in the last 6 months."),
    "bolt-over-once": ("free-plan-limit-exceeded", "The workspace is locked, but data still flows."),
    "cobalt-over-twice": ("free-plan-limit-exceeded", "The workspace is locked and data has stopped flowing."),
    "dune-trial-card": ("team-trial-ends", "the plan continues at the regular rate after the trial"),
    "ember-trial-ends-today": ("team-trial-ends", "(ends today)"),
    "fable-team-monthly": ("cancel-before-end-of-month", "plus $24.00 for 2,400 MTUs over the 10,000 included"),
    "grove-team-annual": ("refunds", "the prepaid part is not refunded"),
    "helix-legacy-api": ("legacy-api-plan-integrations", "It is on a legacy API plan."),
    "iris-tax-in-review": ("tax-exemption-still-charged", "for CA was still in review when it was issued"),
    "jade-tax-other-state": ("tax-exemption-still-charged", "covers NJ, not NY, the state of the billing address"),
    "koi-tax-exempt": ("sales-tax", "None of its invoices carries tax."),
    "lyra-eu": ("sales-tax", "VAT or GST for a business located outside the US (DE)"),
    "mosaic-nonprofit": ("coupons-non-profits", "Coupon NONPROFIT-MOSAIC (non-profit): $120 off"),
    "nimbus-accelerator": ("coupons-accelerator-partners", "Coupon ACCEL-NIMBUS (accelerator): 50% off"),
    "orca-startup": ("startup-view-credits", "$18,759.50 left of $25,000"),
    "pike-startup-over-credit": ("startup-over-credit", "$480 above the credit, and that part is charged"),
    "quill-startup-eligible": ("startup-program", "it meets the Startup Program criteria"),
    "rook-startup-ineligible": ("startup-program", "it raised $8,000,000, more than $5,000,000"),
    "sage-deletion-pending": ("delete-workspace", "Until then the request can be revoked."),
    "tide-deletion-final": ("recover-deleted-source-or-workspace", "it can no longer be revoked"),
    "vega-us-main": ("move-source-between-workspaces", "Amazon S3 (storage) would not"),
    "vega-us-second": ("move-source-between-workspaces", "It has no sources."),
    "vega-eu": ("change-plan", "It is on the monthly Team plan."),
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from actions.demo import seed_demo

    adapter = SQLiteBillingAdapter(tmp_path_factory.mktemp("demo") / "demo.db", clock=CLOCK)
    workspaces = seed_demo(adapter)
    yield adapter, workspaces
    adapter.close()


def demo_owner(adapter, slug: str):
    from actions.demo import workspace_id

    owners = [m.user_id for m in adapter.facts(workspace_id(slug)).members if m.role.value == "owner"]
    return adapter.user(owners[0])


def test_every_demo_workspace_is_covered(demo):
    _, workspaces = demo
    assert {w.slug for w in workspaces} == set(DEMO_EXPECTATIONS)


@pytest.mark.parametrize("slug", sorted(DEMO_EXPECTATIONS))
def test_the_answer_for_each_demo_workspace(demo, slug):
    adapter, _ = demo
    owner = demo_owner(adapter, slug)
    entry_id, expected = DEMO_EXPECTATIONS[slug]
    part = personalise(entry_id, Asker(slack_user_id=owner.slack_user_id, workspace_slug=slug), adapter, POLICY,
                       CLOCK, {})
    assert part.status is PersonalStatus.FACTS and part.workspace_slug == slug
    assert expected in text(part), part.lines
    for other_entry in ENTRY_TOPICS:  # and every other entry works for it too
        assert personalise(other_entry, Asker(email=owner.email, workspace_slug=slug), adapter, POLICY, CLOCK,
                           {}).status is PersonalStatus.FACTS


def test_the_demo_pending_deletion_offers_revocation_to_its_owner(demo):
    adapter, _ = demo
    owner = demo_owner(adapter, "sage-deletion-pending")
    part = personalise("delete-workspace", Asker(email=owner.email, workspace_slug="sage-deletion-pending"),
                       adapter, POLICY, CLOCK, {})
    assert part.suggested_actions == ("revoke-deletion",)


def test_demo_people_across_workspaces(demo):
    adapter, _ = demo
    consultant = adapter.user_by_slack_id("U0DEMO901")
    part = personalise("refunds", Asker(slack_user_id="U0DEMO901"), adapter, POLICY, CLOCK, {})
    assert part.status is PersonalStatus.CHOOSE_WORKSPACE and len(part.choices) == 3
    assert consultant is not None
    newcomer = personalise("refunds", Asker(slack_user_id="U0DEMO902"), adapter, POLICY, CLOCK, {})
    assert newcomer == PersonalPart.none()


def test_every_suggested_action_is_a_registered_one_and_each_is_offered_somewhere(demo):
    adapter, workspaces = demo
    offered: set[str] = set()
    for workspace in workspaces:
        owner = demo_owner(adapter, workspace.slug)
        for entry_id in ENTRY_TOPICS:
            asker = Asker(email=owner.email, workspace_slug=workspace.slug)
            offered.update(personalise(entry_id, asker, adapter, POLICY, CLOCK, {}).suggested_actions)
    assert offered <= set(action_roles())
    assert offered == {"usage-status", "trial-status", "tax-status", "coupon-status", "startup-eligibility",
                       "transfer-precheck", "revoke-deletion"}
