from datetime import timedelta

from actions import wording
from actions.action_models import OutcomeStatus, PreviewStatus
from actions.audit import AuditPhase
from actions.handovers import HandoverStore
from tests.actions.action_world import (
    NOW,
    OUTSIDER,
    PENDING,
    UNKNOWN_USER,
    audit_records,
    count_rows,
    reader,
    request,
)

QUESTION = "Why was I charged twice?"


def escalate(who, workspace=PENDING, origin="slack:C123", **args):
    args = {"question": QUESTION, "entry_ids": ["refunds", "sales-tax"], **args}
    return request("escalate", who, workspace, origin=origin, **args)


def stored(executor):
    with executor.connections.use() as db:
        return HandoverStore(db).recent(10)


def test_a_member_hands_over_with_question_entries_and_workspace(executor):
    preview = executor.preview(escalate(reader(PENDING)))
    assert preview.status is PreviewStatus.READY and preview.needs_confirmation
    assert preview.summary == wording.action_escalate_preview("Sage Studio")
    outcome = executor.execute(escalate(reader(PENDING), conversation="https://x.slack.com/archives/C123/p1"), "turn-1")
    assert outcome.done and outcome.summary == wording.ACTION_HANDED_OVER
    handover = outcome.data["handover"]
    assert handover["question"] == QUESTION and handover["entry_ids"] == ["refunds", "sales-tax"]
    assert (handover["workspace_slug"], handover["workspace_name"]) == (PENDING, "Sage Studio")
    assert handover["asker"] == reader(PENDING) and handover["asker_user_id"] == "usr-readonly-sage-deletion-pending"
    assert handover["origin"] == "slack:C123" and handover["conversation"].endswith("/p1")
    (row,) = stored(executor)
    assert row.model_dump(mode="json") == handover and row.created_at == NOW


def test_a_repeated_turn_is_handed_over_once(executor):
    first = executor.execute(escalate(reader(PENDING)), "turn-1")
    again = executor.execute(escalate(reader(PENDING)), "turn-1")
    assert again.replayed and again.data == first.data
    assert count_rows(executor, "handovers") == 1
    assert [r.phase for r in audit_records(executor)] == [AuditPhase.RUN, AuditPhase.REPLAY]


def test_anyone_may_ask_for_a_human_without_a_workspace(executor):
    outcome = executor.execute(escalate(UNKNOWN_USER, workspace=None), "turn-1")
    assert outcome.done
    handover = outcome.data["handover"]
    assert handover["workspace_slug"] is None and handover["asker_user_id"] is None
    assert audit_records(executor)[0].role == "asker"


def test_naming_a_workspace_that_is_not_yours_is_refused_like_everywhere(executor):
    outcome = executor.execute(escalate(OUTSIDER), "turn-1")
    assert outcome.status is OutcomeStatus.REFUSED and outcome.code == "not-permitted"
    assert count_rows(executor, "handovers") == 0


def test_agents_and_stats_read_hand_overs_newest_first(executor, clock):
    for n in range(3):
        clock.move_to(NOW + timedelta(minutes=n))
        executor.execute(escalate(reader(PENDING), question=f"question {n}"), f"turn-{n}")
    with executor.connections.use() as db:
        store = HandoverStore(db)
        assert [h.question for h in store.recent(2)] == ["question 2", "question 1"]
        assert store.count() == 3 and store.count(since=NOW + timedelta(minutes=1)) == 2
        newest = store.recent(1)[0]
        assert store.get(newest.id) == newest and store.get("nope") is None
