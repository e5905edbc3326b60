from datetime import UTC, datetime, timedelta

from actions.clock import fixed_clock
from bot.turn_log import Outcome, TurnLog

NOW = datetime(2024, 6, 10, 12, tzinfo=UTC)


def log_at(path, moment):
    return TurnLog(path, clock=fixed_clock(moment))


def record(log, outcome, thread="1.1", entry=None):
    return log.record(channel="C1", thread_ts=thread, user_id="U1", question="q?", outcome=outcome, entry_id=entry)


def test_stats_count_the_window_only(tmp_path):
    path = tmp_path / "bot.db"
    old = log_at(path, NOW - timedelta(days=10))
    record(old, Outcome.ANSWERED, entry="refunds")
    now = log_at(path, NOW)
    answered = record(now, Outcome.ANSWERED, entry="refunds")
    record(now, Outcome.CLARIFIED, thread="2.2")
    record(now, Outcome.ESCALATED, thread="3.3")
    now.feedback(answered.id, "U1", helpful=True)
    now.feedback(answered.id, "U2", helpful=False)
    now.feedback(answered.id, "U2", helpful=True)  # changed their mind: one vote each
    now.hand_over(answered.id)

    week = now.stats(7)
    assert (week.turns, week.answered, week.clarified, week.escalated) == (3, 1, 1, 1)
    assert (week.helpful, week.not_helpful, week.handed_over) == (2, 0, 1)
    assert now.stats(30).turns == 4


def test_a_thread_is_the_bots_until_it_is_handed_over(tmp_path):
    log = log_at(tmp_path / "bot.db", NOW)
    assert not log.thread_is_bots("C1", "1.1")
    turn = record(log, Outcome.ANSWERED, entry="refunds")
    assert log.thread_is_bots("C1", "1.1")
    assert not log.thread_is_bots("C2", "1.1")
    log.hand_over(turn.id)
    assert not log.thread_is_bots("C1", "1.1")
    record(log, Outcome.ESCALATED, thread="2.2")
    assert not log.thread_is_bots("C1", "2.2")


def test_get_and_choose(tmp_path):
    log = log_at(tmp_path / "bot.db", NOW)
    turn = record(log, Outcome.CLARIFIED)
    assert log.get(turn.id) == turn
    log.choose(turn.id, "team-trial-what")
    assert log.get(turn.id).entry_id == "team-trial-what"
    assert log.get("missing") is None


def test_long_questions_are_clipped(tmp_path):
    log = log_at(tmp_path / "bot.db", NOW)
    turn = log.record(channel="C1", thread_ts="1.1", user_id="U1", question="x" * 50_000, outcome=Outcome.ESCALATED)
    assert len(log.get(turn.id).question) == 2000


def test_latest_is_the_newest_turn_of_that_thread_even_within_one_instant(tmp_path):
    log = log_at(tmp_path / "bot.db", NOW)  # a fixed clock: the order of recording decides
    assert log.latest("C1", "1.1") is None
    record(log, Outcome.CLARIFIED)
    answered = record(log, Outcome.ANSWERED, entry="refunds")
    record(log, Outcome.ESCALATED, thread="2.2")
    latest = log.latest("C1", "1.1")
    assert latest == answered and log.get(answered.id) == answered
    assert log.latest("C2", "1.1") is None
