"""Source transfer between workspaces: who may move a source where, and what moves with it.

The policy (``source_transfer``): the person transferring must own both workspaces, EU
workspaces cannot receive sources, tracking plans stay behind, and only non-storage
destinations move.
"""

from enum import StrEnum

from actions.facts._base import Fact
from actions.models import Region, Role, Source, Workspace, WorkspaceFacts
from knowledge.policy import Policy


class TransferBlocker(StrEnum):
    SAME_WORKSPACE = "same-workspace"
    NOT_SOURCE_OWNER = "not-source-owner"
    NOT_TARGET_OWNER = "not-target-owner"
    TARGET_IN_EU = "target-in-eu"


class SourceOutlook(Fact):
    """What happens to one source's attachments when it moves."""

    source_id: str
    source_name: str
    tracking_plan_left_behind: str | None  # the tracking plan to reconnect in the new workspace
    moving_destinations: tuple[str, ...]
    staying_destinations: tuple[str, ...]


class TransferPrecheck(Fact):
    source: SourceOutlook
    target_slug: str
    target_name: str
    possible: bool
    blockers: tuple[TransferBlocker, ...]


class TransferSummary(Fact):
    """The source side of a transfer, before a target is chosen."""

    can_start: bool  # the asker's role here allows starting a transfer (owners only, per the policy)
    sources: tuple[SourceOutlook, ...]


def source_outlook(source: Source, policy: Policy) -> SourceOutlook:
    rules = policy.source_transfer
    moving = tuple(d.name for d in source.destinations if rules.storage_destinations_transfer or not d.storage)
    staying = tuple(d.name for d in source.destinations if d.name not in moving)
    return SourceOutlook(
        source_id=source.id,
        source_name=source.name,
        tracking_plan_left_behind=None if rules.tracking_plans_transfer else source.tracking_plan,
        moving_destinations=moving,
        staying_destinations=staying,
    )


def transfer_precheck(source: Source, source_role: Role | None, target: Workspace, target_role: Role | None,
                      policy: Policy) -> TransferPrecheck:
    """Can the asker, with ``source_role`` in the source's workspace and ``target_role`` in ``target``
    (None: not a member), move ``source`` there, and what would move with it."""
    rules = policy.source_transfer
    blockers: list[TransferBlocker] = []
    if source.workspace_id == target.id:
        blockers.append(TransferBlocker.SAME_WORKSPACE)
    if rules.requires_owner_of_both and source_role is not Role.OWNER:
        blockers.append(TransferBlocker.NOT_SOURCE_OWNER)
    if rules.requires_owner_of_both and target_role is not Role.OWNER:
        blockers.append(TransferBlocker.NOT_TARGET_OWNER)
    if not rules.eu_target_supported and target.region is Region.EU:
        blockers.append(TransferBlocker.TARGET_IN_EU)
    return TransferPrecheck(
        source=source_outlook(source, policy),
        target_slug=target.slug,
        target_name=target.name,
        possible=not blockers,
        blockers=tuple(blockers),
    )


def transfer_summary(facts: WorkspaceFacts, role: Role | None, policy: Policy) -> TransferSummary:
    """For each source of the workspace, what a transfer would leave behind; and whether the asker may start one."""
    return TransferSummary(
        can_start=role is Role.OWNER or not policy.source_transfer.requires_owner_of_both,
        sources=tuple(source_outlook(s, policy) for s in sorted(facts.sources, key=lambda s: (s.name, s.id))),
    )
