import pytest

from actions import wording
from actions.action_errors import InvalidArguments
from actions.action_models import OutcomeStatus
from actions.models import Destination, Membership, Role, Source
from tests.actions.action_world import AGENT, OUTSIDER, UNKNOWN_WORKSPACE, VEGA_OWNER, member, reader, request

MAIN = "vega-us-main"


def precheck(executor, who=VEGA_OWNER, target="vega-us-second", source="Web app", workspace=MAIN, agent=False):
    return executor.execute(request("transfer-precheck", who, workspace, agent=agent, source=source, target=target),
                            f"k-{who}-{workspace}-{source}-{target}")


def test_an_owner_of_both_us_workspaces_can_move_it_and_learns_what_moves(executor):
    outcome = precheck(executor)
    assert outcome.done and outcome.summary == "Source Web app can move to Vega Commerce (US staging)."
    result = outcome.data["precheck"]
    assert result["possible"] is True and result["blockers"] == []
    assert result["source"]["moving_destinations"] == ["Google Analytics 4", "Amplitude"]
    assert result["source"]["staying_destinations"] == ["Amazon S3"]
    assert result["source"]["tracking_plan_left_behind"] == "Vega web tracking plan"
    assert any("Amazon S3" in line for line in outcome.lines)
    assert any("tracking plan" in line for line in outcome.lines)


def test_an_eu_target_is_refused_by_the_policy(executor):
    outcome = precheck(executor, target="vega-eu")
    assert outcome.status is OutcomeStatus.NOT_POSSIBLE and outcome.code == "transfer-blocked"
    assert outcome.data["precheck"]["blockers"] == ["target-in-eu"]
    assert "Vega Commerce (EU) is an EU workspace, and sources cannot move to EU workspaces." in outcome.lines


def test_a_target_that_is_not_yours_reads_like_one_that_does_not_exist(executor):
    theirs = precheck(executor, target="acme-free")
    missing = precheck(executor, target=UNKNOWN_WORKSPACE)
    for outcome, slug in ((theirs, "acme-free"), (missing, UNKNOWN_WORKSPACE)):
        assert outcome.status is OutcomeStatus.NOT_POSSIBLE and outcome.code == "target-not-yours"
        assert outcome.summary == wording.action_transfer_target_not_yours(slug)
        assert "Acme" not in " ".join(outcome.lines) and "precheck" not in outcome.data
    assert (theirs.lines, theirs.data) == (missing.lines, missing.data)  # only what moves with the source


def test_the_same_workspace_is_no_target(executor):
    outcome = precheck(executor, target=MAIN)
    assert outcome.data["precheck"]["blockers"] == ["same-workspace"]


def test_only_an_owner_of_the_source_workspace_can_move_it(executor):
    member_id = "usr-member-vega-us-main"
    executor.adapter.upsert([Membership(user_id=member_id, workspace_id="ws-vega-us-second", role=Role.OWNER)])
    outcome = precheck(executor, who=member(MAIN))
    assert outcome.data["precheck"]["blockers"] == ["not-source-owner"]
    assert "Only an owner of the workspace it is in can move it." in outcome.lines


def test_only_an_owner_of_the_target_can_move_a_source_into_it(executor):
    # alex owns fable-team-monthly and is a member of acme-free.
    executor.adapter.upsert([Source(id="src-fable-web", workspace_id="ws-fable-team-monthly", name="Site",
                                    destinations=(Destination(name="Amplitude"),))])
    outcome = precheck(executor, who="alex@consultants.example", workspace="fable-team-monthly", source="site",
                       target="acme-free")
    assert outcome.data["precheck"]["blockers"] == ["not-target-owner"]


def test_read_only_members_may_check(executor):
    outcome = precheck(executor, who=reader(MAIN))
    assert outcome.status is OutcomeStatus.NOT_POSSIBLE and outcome.code == "target-not-yours"


def test_outsiders_are_refused(executor):
    outcome = precheck(executor, who=OUTSIDER)
    assert outcome.status is OutcomeStatus.REFUSED and outcome.code == "not-permitted"


def test_sources_are_found_by_id_or_by_name_in_any_case(executor):
    assert precheck(executor, source="src-vega-ios").summary.startswith("Source iOS app")
    assert precheck(executor, source="WEB APP").summary.startswith("Source Web app")
    unknown = precheck(executor, source="Android app")
    assert unknown.code == "unknown-source"
    assert unknown.summary == wording.action_unknown_source("Android app", "Vega Commerce (US)")


def test_two_sources_of_one_name_must_be_named_by_id(executor):
    executor.adapter.upsert([Source(id="src-vega-web-2", workspace_id="ws-vega-us-main", name="Web app")])
    outcome = precheck(executor)
    assert outcome.code == "ambiguous-source"
    assert "src-vega-web" in outcome.summary and "src-vega-web-2" in outcome.summary
    assert precheck(executor, source="src-vega-web-2").done


def test_agents_check_for_the_owner_and_are_told_when_a_target_does_not_exist(executor):
    outcome = precheck(executor, who=AGENT, agent=True)
    assert outcome.done and wording.ACTION_TRANSFER_OWNER_OF_BOTH in outcome.lines
    missing = precheck(executor, who=AGENT, agent=True, target=UNKNOWN_WORKSPACE)
    assert missing.code == "unknown-target"
    assert missing.summary == wording.ACTION_NO_SUCH_WORKSPACE.format(workspace=UNKNOWN_WORKSPACE)


def test_both_arguments_are_required(executor):
    with pytest.raises(InvalidArguments, match="target: Field required"):
        executor.execute(request("transfer-precheck", VEGA_OWNER, MAIN, source="Web app"), "k")
