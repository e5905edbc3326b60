from actions.facts.transfer import TransferBlocker, transfer_precheck, transfer_summary
from actions.models import Destination, Region, Role, Source
from tests.actions.facts.records import changed_policy, facts, workspace

SOURCE = Source(id="src-1", workspace_id="ws-1", name="Website", tracking_plan="Web plan",
                destinations=(Destination(name="Amplitude"), Destination(name="BigQuery", storage=True),
                              Destination(name="Mixpanel")))
TARGET = workspace(id="ws-2", slug="acme-eu-free", name="Acme Two")
EU_TARGET = workspace(id="ws-3", slug="acme-eu", name="Acme EU", region=Region.EU)


def test_an_owner_of_both_can_move_a_source_to_a_us_workspace(policy):
    check = transfer_precheck(SOURCE, Role.OWNER, TARGET, Role.OWNER, policy)
    assert check.possible and check.blockers == ()
    assert check.source.moving_destinations == ("Amplitude", "Mixpanel")
    assert check.source.staying_destinations == ("BigQuery",)
    assert check.source.tracking_plan_left_behind == "Web plan"
    assert (check.target_slug, check.target_name) == ("acme-eu-free", "Acme Two")


def test_every_blocker_is_listed(policy):
    check = transfer_precheck(SOURCE, Role.MEMBER, EU_TARGET, None, policy)
    assert not check.possible
    assert check.blockers == (TransferBlocker.NOT_SOURCE_OWNER, TransferBlocker.NOT_TARGET_OWNER,
                              TransferBlocker.TARGET_IN_EU)
    read_only = transfer_precheck(SOURCE, Role.OWNER, TARGET, Role.READ_ONLY, policy)
    assert read_only.blockers == (TransferBlocker.NOT_TARGET_OWNER,)


def test_a_source_cannot_move_into_its_own_workspace(policy):
    check = transfer_precheck(SOURCE, Role.OWNER, workspace(), Role.OWNER, policy)
    assert check.blockers == (TransferBlocker.SAME_WORKSPACE,)


def test_a_source_without_tracking_plan_leaves_nothing_behind(policy):
    bare = SOURCE.model_copy(update={"tracking_plan": None, "destinations": ()})
    outlook = transfer_precheck(bare, Role.OWNER, TARGET, Role.OWNER, policy).source
    assert outlook.tracking_plan_left_behind is None and outlook.moving_destinations == ()


def test_the_summary_lists_sources_and_whether_the_asker_may_start(policy):
    other = Source(id="src-0", workspace_id="ws-1", name="App")
    summary = transfer_summary(facts(sources=(SOURCE, other)), Role.OWNER, policy)
    assert summary.can_start and [s.source_name for s in summary.sources] == ["App", "Website"]
    assert not transfer_summary(facts(sources=(SOURCE,)), Role.MEMBER, policy).can_start


def test_the_rules_come_from_the_policy_data(policy):
    changed = changed_policy(policy, source_transfer={
        "requires_owner_of_both": False, "tracking_plans_transfer": True,
        "eu_target_supported": True, "storage_destinations_transfer": True})
    check = transfer_precheck(SOURCE, Role.MEMBER, EU_TARGET, None, changed)
    assert check.possible
    assert check.source.staying_destinations == () and check.source.tracking_plan_left_behind is None
    assert transfer_summary(facts(), Role.READ_ONLY, changed).can_start
