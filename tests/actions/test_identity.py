import pytest

from actions.asker import Asker
from actions.identity import Access, Identity, find_user, resolve_asker
from actions.models import Role
from tests.actions.personal_world import ACME, ALICE, BOB, CAROL, DAVE, EVE, GLOBEX, billing_world

CHANNELS = {"C0ACME": ACME.slug, "C0GLOBEX": GLOBEX.slug}


@pytest.fixture
def adapter(tmp_path):
    with billing_world(tmp_path / "billing.db") as adapter:
        yield adapter


def test_an_asker_found_by_the_stored_slack_id(adapter):
    identity = resolve_asker(Asker(slack_user_id=ALICE.slack_user_id), adapter, CHANNELS)
    assert identity.access is Access.GRANTED
    assert identity.user == ALICE and identity.workspace == ACME and identity.role is Role.OWNER


def test_an_asker_found_by_profile_email_gets_the_slack_id_linked(adapter):
    assert adapter.user_by_slack_id("U0BOBNEW") is None
    identity = resolve_asker(Asker(slack_user_id="U0BOBNEW", email=BOB.email, workspace_slug=GLOBEX.slug),
                             adapter, CHANNELS)
    assert identity.access is Access.GRANTED and identity.user.id == BOB.id
    assert identity.user.slack_user_id == "U0BOBNEW"
    assert adapter.user_by_slack_id("U0BOBNEW").id == BOB.id
    # the next lookup goes by the stored id, without the email
    again = resolve_asker(Asker(slack_user_id="U0BOBNEW", workspace_slug=GLOBEX.slug), adapter, CHANNELS)
    assert again.user.id == BOB.id


def test_email_lookup_ignores_case_and_spaces(adapter):
    assert find_user(adapter, email="  Dave@Initech.TEST ", slack_user_id=None).id == DAVE.id


def test_an_email_whose_user_has_another_slack_id_is_not_this_asker(adapter):
    assert find_user(adapter, email=ALICE.email, slack_user_id="U0MALLORY") is None
    assert adapter.user_by_email(ALICE.email).slack_user_id == ALICE.slack_user_id


def test_the_command_line_asks_by_email_without_linking_anything(adapter):
    identity = resolve_asker(Asker(email=EVE.email), adapter, CHANNELS)
    assert identity == Identity.denied()  # eve has no workspace
    assert adapter.user_by_email(EVE.email).slack_user_id is None


def test_nobody_named_is_nobody(adapter):
    assert find_user(adapter, email=None, slack_user_id=None) is None
    assert find_user(adapter, email="  ", slack_user_id="") is None


def test_a_support_channel_decides_the_workspace(adapter):
    identity = resolve_asker(Asker(email=BOB.email, channel_id="C0GLOBEX"), adapter, CHANNELS)
    assert identity.workspace == GLOBEX and identity.role is Role.OWNER
    in_acme = resolve_asker(Asker(email=BOB.email, channel_id="C0ACME"), adapter, CHANNELS)
    assert in_acme.workspace == ACME and in_acme.role is Role.MEMBER


def test_an_unmapped_channel_falls_back_to_the_named_or_only_workspace(adapter):
    named = resolve_asker(Asker(email=BOB.email, channel_id="C0OTHER", workspace_slug=" Globex "), adapter, CHANNELS)
    assert named.workspace == GLOBEX
    only = resolve_asker(Asker(email=CAROL.email, channel_id="C0OTHER"), adapter, CHANNELS)
    assert only.workspace == ACME and only.role is Role.READ_ONLY


def test_several_workspaces_and_none_named_gives_a_choice(adapter):
    identity = resolve_asker(Asker(email=BOB.email), adapter, CHANNELS)
    assert identity.access is Access.CHOOSE
    assert [w.slug for w in identity.choices] == [ACME.slug, GLOBEX.slug]  # by name: Acme Rockets, Globex Corp
    assert identity.workspace is None and identity.role is None
