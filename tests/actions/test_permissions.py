import pytest

from actions import wording
from actions.action_models import Actor, ActorRole
from actions.catalog import default_registry
from actions.errors import AdapterUnavailable
from actions.models import Role
from actions.permissions import NOT_PERMITTED, ROLE_NOT_ALLOWED, Denial, Grant, authorize
from actions.sqlite_adapter import SQLiteBillingAdapter
from tests.actions.action_world import (  # noqa: F401 - fixtures
    AGENT,
    OUTSIDER,
    PENDING,
    UNKNOWN_USER,
    UNKNOWN_WORKSPACE,
    db_path,
    demo_template,
    member,
    owner,
    reader,
)

SPECS = {spec.name: spec for spec in default_registry().specs()}
FIX, CHECK, HANDOVER = SPECS["revoke-deletion"], SPECS["usage-status"], SPECS["escalate"]


@pytest.fixture
def adapter(db_path):
    with SQLiteBillingAdapter(db_path) as adapter:
        yield adapter


def decide(adapter, spec, who, workspace=PENDING, agent=False):
    actor = Actor(email=who, agent=agent) if "@" in who else Actor(slack_user_id=who, agent=agent)
    return authorize(adapter, spec, actor, workspace)


@pytest.mark.parametrize(("who", "agent", "fix", "check"), [
    (owner(PENDING), False, ActorRole.OWNER, ActorRole.OWNER),
    (member(PENDING), False, None, ActorRole.MEMBER),
    (reader(PENDING), False, None, ActorRole.READ_ONLY),
    (AGENT, True, ActorRole.AGENT, ActorRole.AGENT),
    (OUTSIDER, False, None, None),
    (UNKNOWN_USER, False, None, None),
    (owner("acme-free"), False, None, None),  # owner of another workspace
])
def test_every_role_against_a_fix_and_a_check(adapter, who, agent, fix, check):
    for spec, expected in ((FIX, fix), (CHECK, check)):
        decision = decide(adapter, spec, who, agent=agent)
        if expected is None:
            assert isinstance(decision, Denial), (spec.name, who)
        else:
            assert isinstance(decision, Grant) and decision.role is expected, (spec.name, who)
            assert decision.workspace is not None and decision.workspace.slug == PENDING


def test_a_grant_carries_the_user_and_all_their_memberships(adapter):
    grant = decide(adapter, CHECK, "alex@consultants.example", workspace="orca-startup")
    assert isinstance(grant, Grant) and grant.role is ActorRole.READ_ONLY
    assert grant.user is not None and grant.user.id == "usr-consultant"
    assert {m.role for m in grant.memberships} == {Role.MEMBER, Role.OWNER, Role.READ_ONLY}


def test_not_yours_unknown_workspace_and_unknown_user_cannot_be_told_apart(adapter):
    denials = [
        decide(adapter, CHECK, owner("acme-free"), workspace=PENDING),       # exists, not a member
        decide(adapter, CHECK, owner("acme-free"), workspace=UNKNOWN_WORKSPACE),  # does not exist
        decide(adapter, CHECK, UNKNOWN_USER, workspace=PENDING),
        decide(adapter, CHECK, OUTSIDER, workspace=PENDING),
    ]
    assert all(isinstance(d, Denial) for d in denials)
    assert {d.code for d in denials} == {NOT_PERMITTED}
    # The sentence differs only by the slug the asker typed; with one slug it is identical.
    assert denials[0].summary == denials[2].summary == denials[3].summary
    assert denials[1].summary == denials[0].summary.replace(PENDING, UNKNOWN_WORKSPACE)
    assert denials[0].workspace is None and denials[1].workspace is None  # nothing to leak later
    assert [d.reason for d in denials] == ["not-member", "unknown-workspace", "unknown-user", "not-member"]


def test_a_member_asking_for_a_fix_is_told_who_may(adapter):
    denial = decide(adapter, FIX, member(PENDING))
    assert isinstance(denial, Denial)
    assert denial.code == ROLE_NOT_ALLOWED and denial.role is ActorRole.MEMBER
    assert denial.summary == wording.action_role_not_allowed("revoke-deletion", FIX.roles, PENDING)
    assert "a workspace owner or a support agent" in denial.summary


def test_agents_act_on_any_existing_workspace_and_hear_plainly_when_it_does_not_exist(adapter):
    assert isinstance(decide(adapter, FIX, AGENT, workspace="tide-deletion-final", agent=True), Grant)
    denial = decide(adapter, FIX, AGENT, workspace=UNKNOWN_WORKSPACE, agent=True)
    assert isinstance(denial, Denial) and denial.code == NOT_PERMITTED
    assert denial.summary == wording.ACTION_NO_SUCH_WORKSPACE.format(workspace=UNKNOWN_WORKSPACE)


def test_the_agent_flag_comes_from_the_edge_not_from_the_workspace(adapter):
    # The same person without the flag is an outsider.
    assert isinstance(decide(adapter, FIX, AGENT, agent=False), Denial)


def test_an_agent_who_is_also_the_owner_is_audited_as_the_owner(adapter):
    grant = decide(adapter, FIX, owner(PENDING), agent=True)
    assert isinstance(grant, Grant) and grant.role is ActorRole.OWNER


def test_users_are_found_by_slack_id_too(adapter):
    assert decide(adapter, FIX, "U0DEMO191").role is ActorRole.OWNER  # owner of workspace 19
    assert decide(adapter, CHECK, "U0DEMO192").role is ActorRole.MEMBER
    assert isinstance(decide(adapter, CHECK, "U0NOBODY"), Denial)


def test_without_a_workspace_only_hand_overs_are_open_to_anyone(adapter):
    grant = authorize(adapter, HANDOVER, Actor(email=UNKNOWN_USER), None)
    assert isinstance(grant, Grant) and grant.role is ActorRole.ASKER and grant.workspace is None
    agent = authorize(adapter, HANDOVER, Actor(email=AGENT, agent=True), None)
    assert isinstance(agent, Grant) and agent.role is ActorRole.AGENT
    denial = authorize(adapter, CHECK, Actor(email=owner(PENDING)), None)
    assert isinstance(denial, Denial) and denial.code == ROLE_NOT_ALLOWED


def test_a_hand_over_naming_a_workspace_follows_the_privacy_rule(adapter):
    denial = authorize(adapter, HANDOVER, Actor(email=OUTSIDER), PENDING)
    assert isinstance(denial, Denial) and denial.code == NOT_PERMITTED
    assert isinstance(authorize(adapter, HANDOVER, Actor(email=reader(PENDING)), PENDING), Grant)


class _Down(SQLiteBillingAdapter):
    def memberships(self, user_id):
        raise AdapterUnavailable("memberships: database is locked")


def test_a_backend_failure_is_an_error_not_a_refusal(db_path):
    with _Down(db_path) as down, pytest.raises(AdapterUnavailable):
        decide(down, CHECK, owner(PENDING))
