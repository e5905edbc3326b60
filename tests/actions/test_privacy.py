"""Facts only about workspaces the asker belongs to, and no hint about any other workspace."""

import pytest

from actions.asker import Asker
from actions.identity import Identity, resolve_asker
from actions.personal import ENTRY_TOPICS, personalise
from actions.personal_part import PersonalPart, PersonalStatus
from tests.actions.facts.records import shipped_policy
from tests.actions.personal_world import (
    ACME,
    ACME_MARKERS,
    ALICE,
    BOB,
    CAROL,
    CLOCK,
    DAVE,
    EVE,
    GLOBEX,
    GLOBEX_MARKERS,
    INITECH,
    INITECH_MARKERS,
    billing_world,
)

POLICY = shipped_policy()
CHANNELS = {"C0ACME": ACME.slug, "C0GLOBEX": GLOBEX.slug, "C0INITECH": INITECH.slug, "C0GONE": "liquidated"}
MARKERS = {ACME.slug: ACME_MARKERS, GLOBEX.slug: GLOBEX_MARKERS, INITECH.slug: INITECH_MARKERS}

# Every way of asking that must yield nothing, and look the same whichever way it is.
DENIED_ASKERS = {
    "unknown Slack id": Asker(slack_user_id="U0NOBODY"),
    "unknown email": Asker(email="nobody@nowhere.test"),
    "unknown Slack id with unknown email": Asker(slack_user_id="U0NOBODY", email="nobody@nowhere.test"),
    "nobody at all": Asker(),
    "user without a workspace": Asker(email=EVE.email),
    "another user's email from a different Slack id": Asker(slack_user_id="U0MALLORY", email=ALICE.email),
    "existing workspace the asker is not in": Asker(email=ALICE.email, workspace_slug=GLOBEX.slug),
    "workspace that does not exist": Asker(email=ALICE.email, workspace_slug="no-such-workspace"),
    "stored Slack id naming another workspace": Asker(slack_user_id=ALICE.slack_user_id, workspace_slug=INITECH.slug),
    "email of another customer's user naming acme": Asker(email=DAVE.email, workspace_slug=ACME.slug),
    "channel of another customer": Asker(email=ALICE.email, channel_id="C0GLOBEX"),
    "channel of another customer naming one's own workspace": Asker(email=ALICE.email, channel_id="C0GLOBEX",
                                                                    workspace_slug=ACME.slug),
    "own channel naming another workspace one belongs to": Asker(email=BOB.email, channel_id="C0ACME",
                                                                 workspace_slug=GLOBEX.slug),
    "channel mapped to a workspace that does not exist": Asker(email=ALICE.email, channel_id="C0GONE"),
    "read-only member in another customer's channel": Asker(email=CAROL.email, channel_id="C0INITECH"),
}


@pytest.fixture
def adapter(tmp_path):
    with billing_world(tmp_path / "billing.db") as adapter:
        yield adapter


def personal(adapter, entry_id: str, asker: Asker) -> PersonalPart:
    return personalise(entry_id, asker, adapter, POLICY, CLOCK, CHANNELS)


@pytest.mark.parametrize("case", sorted(DENIED_ASKERS))
def test_every_denial_is_the_same_empty_result(adapter, case):
    asker = DENIED_ASKERS[case]
    assert resolve_asker(asker, adapter, CHANNELS) == Identity.denied()
    for entry_id in ENTRY_TOPICS:
        assert personal(adapter, entry_id, asker) == PersonalPart.none()


def test_an_existing_and_a_missing_workspace_cannot_be_told_apart(adapter):
    exists = Asker(email=ALICE.email, workspace_slug=GLOBEX.slug)
    missing = Asker(email=ALICE.email, workspace_slug="globex-but-not-really")
    assert resolve_asker(exists, adapter, CHANNELS) == resolve_asker(missing, adapter, CHANNELS)
    for entry_id in ENTRY_TOPICS:
        seen, unseen = personal(adapter, entry_id, exists), personal(adapter, entry_id, missing)
        assert seen == unseen and seen.model_dump_json() == unseen.model_dump_json()


def test_a_denial_leaves_nothing_behind_in_the_records(adapter):
    personal(adapter, "free-plan-limit-exceeded", DENIED_ASKERS["another user's email from a different Slack id"])
    assert adapter.user_by_email(ALICE.email).slack_user_id == ALICE.slack_user_id
    assert adapter.user_by_slack_id("U0MALLORY") is None


def test_read_only_members_get_their_own_workspace_only(adapter):
    own = personal(adapter, "free-plan-limit-exceeded", Asker(email=CAROL.email, channel_id="C0ACME"))
    assert own.status is PersonalStatus.FACTS and own.workspace_slug == ACME.slug
    assert personal(adapter, "free-plan-limit-exceeded", Asker(email=CAROL.email, workspace_slug=GLOBEX.slug)) \
        == PersonalPart.none()


def test_the_choice_offers_only_the_askers_own_workspaces(adapter):
    part = personal(adapter, "sales-tax", Asker(email=BOB.email))
    assert part.status is PersonalStatus.CHOOSE_WORKSPACE
    assert {c.slug for c in part.choices} == {ACME.slug, GLOBEX.slug}
    assert part.lines == ()


@pytest.mark.parametrize(("asker", "slug"), [
    (Asker(email=BOB.email, workspace_slug=ACME.slug), ACME.slug),
    (Asker(email=BOB.email, workspace_slug=GLOBEX.slug), GLOBEX.slug),
    (Asker(email=BOB.email, channel_id="C0ACME"), ACME.slug),
    (Asker(email=BOB.email, channel_id="C0GLOBEX"), GLOBEX.slug),
    (Asker(slack_user_id=ALICE.slack_user_id), ACME.slug),
    (Asker(email=CAROL.email), ACME.slug),
    (Asker(slack_user_id=DAVE.slack_user_id), INITECH.slug),
])
def test_no_reply_carries_anything_of_another_workspace(adapter, asker, slug):
    others = [marker for other, markers in MARKERS.items() if other != slug for marker in markers]
    answered = 0
    for entry_id in ENTRY_TOPICS:
        part = personal(adapter, entry_id, asker)
        assert part.status is PersonalStatus.FACTS and part.workspace_slug == slug
        rendered = part.model_dump_json()
        leaked = [marker for marker in others if marker in rendered]
        assert not leaked, (entry_id, leaked)
        answered += 1
    assert answered == len(ENTRY_TOPICS)


def test_the_markers_do_show_up_for_their_own_workspace(adapter):
    # Without this, the leak test above could pass with markers no reply would ever contain.
    rendered = {
        slug: " ".join(personal(adapter, entry_id, Asker(email=user.email, workspace_slug=slug)).model_dump_json()
                       for entry_id in ENTRY_TOPICS)
        for user, slug in ((ALICE, ACME.slug), (BOB, GLOBEX.slug), (DAVE, INITECH.slug))
    }
    for slug, markers in MARKERS.items():
        missing = [marker for marker in markers if marker not in rendered[slug] and marker != "U0ALICE"]
        assert not missing, (slug, missing)
