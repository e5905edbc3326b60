import sqlite3
from contextlib import closing
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


def test_the_team_has_a_turn_since_its_hand_over_or_its_escalation(tmp_path):
    path = tmp_path / "bot.db"
    earlier = log_at(path, NOW - timedelta(hours=2))
    answered = record(earlier, Outcome.ANSWERED, entry="refunds")
    escalated = record(earlier, Outcome.ESCALATED, thread="2.2")
    assert answered.with_the_team_since is None and not answered.with_the_team
    assert escalated.with_the_team_since == NOW - timedelta(hours=2)

    log_at(path, NOW).hand_over(answered.id)
    later = log_at(path, NOW).get(answered.id)
    assert later.with_the_team and later.with_the_team_since == NOW
    assert later.at == NOW - timedelta(hours=2)


def test_a_file_from_before_hand_over_times_is_upgraded_and_keeps_its_rows(tmp_path):
    path = tmp_path / "bot.db"
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute(
            "CREATE TABLE slack_turns (id TEXT PRIMARY KEY, at TEXT NOT NULL, channel TEXT NOT NULL,"
            " thread_ts TEXT NOT NULL, user_id TEXT NOT NULL, question TEXT NOT NULL, outcome TEXT NOT NULL,"
            " entry_id TEXT, handed_over INTEGER NOT NULL DEFAULT 0)"
        )
        connection.execute(
            "INSERT INTO slack_turns VALUES ('t1', '2024-06-10T10:00:00+00:00', 'C1', '1.1', 'U1', 'q?',"
            " 'answered', 'refunds', 1)"
        )
    log = log_at(path, NOW)
    old = log.get("t1")
    assert old.handed_over and old.handed_over_at is None
    assert old.with_the_team_since == datetime(2024, 6, 10, 10, tzinfo=UTC)  # no better time is known
    log.hand_over("t1")
    assert log.get("t1").with_the_team_since == NOW
    log_at(path, NOW)  # opening an upgraded file again changes nothing


def test_timestamps_are_written_at_a_fixed_width(tmp_path):
    path = tmp_path / "bot.db"
    record(log_at(path, NOW), Outcome.ANSWERED, entry="refunds")  # NOW has no microseconds
    with closing(sqlite3.connect(path)) as connection:
        [(at,)] = connection.execute("SELECT at FROM slack_turns").fetchall()
    assert at == "2024-06-10T12:00:00.000000+00:00"
