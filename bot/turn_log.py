"""What the bot did with each customer question, and what customers thought of the answers.

One row per question (answered, clarified or escalated), feedback per person per turn (the last
click counts), and hand-overs asked for after an answer. ``/support stats`` reads it; it also tells
routing which threads are the bot's own conversations.
"""

import uuid
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict
from sqlite_utils import Database

from actions.clock import Clock, system_clock
from actions.store import write_transaction
from bot.store import SQLiteFile

_SCHEMA = """
CREATE TABLE IF NOT EXISTS slack_turns (
    id TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    channel TEXT NOT NULL,
    thread_ts TEXT NOT NULL,
    user_id TEXT NOT NULL,
    question TEXT NOT NULL,
    outcome TEXT NOT NULL,
    entry_id TEXT,
    handed_over INTEGER NOT NULL DEFAULT 0,
    handed_over_at TEXT
);
CREATE INDEX IF NOT EXISTS slack_turns_at ON slack_turns (at);
CREATE INDEX IF NOT EXISTS slack_turns_thread ON slack_turns (channel, thread_ts);
CREATE TABLE IF NOT EXISTS slack_feedback (
    turn_id TEXT NOT NULL REFERENCES slack_turns (id),
    user_id TEXT NOT NULL,
    helpful INTEGER NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (turn_id, user_id)
);
"""

QUESTION_CHARS = 2000  # enough for a hand-over; the stats never need the text


class Outcome(StrEnum):
    ANSWERED = "answered"
    CLARIFIED = "clarified"
    ESCALATED = "escalated"


class Turn(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    at: datetime
    channel: str
    thread_ts: str
    user_id: str
    question: str
    outcome: Outcome
    entry_id: str | None = None
    handed_over: bool = False
    handed_over_at: datetime | None = None

    @property
    def with_the_team(self) -> bool:
        """Escalated, or handed over after an answer: the agents have this thread."""
        return self.with_the_team_since is not None

    @property
    def with_the_team_since(self) -> datetime | None:
        """When the agents last got this turn: its hand-over, else its escalation."""
        if self.handed_over:
            return self.handed_over_at or self.at  # rows from before the hand-over time was kept
        return self.at if self.outcome is Outcome.ESCALATED else None


_TURN_COLUMNS = ", ".join(Turn.model_fields)  # the table's columns are named as Turn's fields


class Stats(BaseModel):
    model_config = ConfigDict(frozen=True)

    days: int
    turns: int
    answered: int
    clarified: int
    escalated: int
    handed_over: int  # answers after which someone asked for a person
    helpful: int
    not_helpful: int

    @staticmethod
    def rate(part: int, whole: int) -> float | None:
        return part / whole if whole else None


class TurnLog:
    def __init__(self, path: Path | str, *, clock: Clock = system_clock):
        self.path = Path(path)
        self.clock = clock
        self.db = SQLiteFile(self.path, _SCHEMA)
        _add_hand_over_time(self.db)

    def record(
        self, *, channel: str, thread_ts: str, user_id: str, question: str, outcome: Outcome,
        entry_id: str | None = None,
    ) -> Turn:
        turn = Turn(
            id=uuid.uuid4().hex, at=self.now(), channel=channel, thread_ts=thread_ts, user_id=user_id,
            question=question[:QUESTION_CHARS], outcome=outcome, entry_id=entry_id,
        )
        self.db.connection().execute(
            "INSERT INTO slack_turns (id, at, channel, thread_ts, user_id, question, outcome, entry_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (turn.id, _stamp(turn.at), channel, thread_ts, user_id, turn.question, outcome.value, entry_id),
        )
        return turn

    def get(self, turn_id: str) -> Turn | None:
        return self._one("WHERE id = ?", (turn_id,))

    def latest(self, channel: str, thread_ts: str) -> Turn | None:
        """The newest turn of a thread."""
        return self._one(
            "WHERE channel = ? AND thread_ts = ? ORDER BY at DESC, rowid DESC LIMIT 1", (channel, thread_ts)
        )

    def _one(self, where: str, parameters: tuple[str, ...]) -> Turn | None:
        row = self.db.connection().execute(f"SELECT {_TURN_COLUMNS} FROM slack_turns {where}", parameters).fetchone()
        return None if row is None else Turn.model_validate(dict(zip(Turn.model_fields, row, strict=True)))

    def feedback(self, turn_id: str, user_id: str, helpful: bool) -> None:
        """Record (or change) one person's verdict on one answer."""
        self.db.connection().execute(
            "INSERT INTO slack_feedback (turn_id, user_id, helpful, at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (turn_id, user_id) DO UPDATE SET helpful = excluded.helpful, at = excluded.at",
            (turn_id, user_id, int(helpful), _stamp(self.now())),
        )

    def choose(self, turn_id: str, entry_id: str) -> None:
        """The asker picked ``entry_id`` from the choices of a clarified turn."""
        self.db.connection().execute("UPDATE slack_turns SET entry_id = ? WHERE id = ?", (entry_id, turn_id))

    def hand_over(self, turn_id: str) -> None:
        self.db.connection().execute(
            "UPDATE slack_turns SET handed_over = 1, handed_over_at = ? WHERE id = ?", (_stamp(self.now()), turn_id)
        )

    def thread_is_bots(self, channel: str, thread_ts: str) -> bool:
        """The bot answered in this thread and nobody handed it over to a person since."""
        row = self.db.connection().execute(
            "SELECT outcome, handed_over FROM slack_turns WHERE channel = ? AND thread_ts = ?"
            " ORDER BY at DESC LIMIT 1",
            (channel, thread_ts),
        ).fetchone()
        return row is not None and row[0] != Outcome.ESCALATED and not row[1]

    def stats(self, days: int) -> Stats:
        since = _stamp(self.now() - timedelta(days=days))
        connection = self.db.connection()
        counts = dict(
            connection.execute(
                "SELECT outcome, COUNT(*) FROM slack_turns WHERE at >= ? GROUP BY outcome", (since,)
            ).fetchall()
        )
        (handed_over,) = connection.execute(
            "SELECT COUNT(*) FROM slack_turns WHERE at >= ? AND handed_over = 1", (since,)
        ).fetchone()
        votes = dict(
            connection.execute(
                "SELECT f.helpful, COUNT(*) FROM slack_feedback f JOIN slack_turns t ON t.id = f.turn_id"
                " WHERE t.at >= ? GROUP BY f.helpful",
                (since,),
            ).fetchall()
        )
        return Stats(
            days=days,
            turns=sum(counts.values()),
            answered=counts.get(Outcome.ANSWERED.value, 0),
            clarified=counts.get(Outcome.CLARIFIED.value, 0),
            escalated=counts.get(Outcome.ESCALATED.value, 0),
            handed_over=handed_over,
            helpful=votes.get(1, 0),
            not_helpful=votes.get(0, 0),
        )

    def now(self) -> datetime:
        return self.clock().astimezone(UTC)

    def close(self) -> None:
        self.db.close()


def _stamp(moment: datetime) -> str:
    """Fixed-width ISO-8601 (microseconds always written), so text order is time order."""
    return moment.isoformat(timespec="microseconds")


def _add_hand_over_time(db: SQLiteFile) -> None:
    """Files from before ``handed_over_at`` get the column; two processes may open one at once."""
    with write_transaction(Database(db.connection(), recursive_triggers=False)) as database:
        turns = database.table("slack_turns")
        if "handed_over_at" not in turns.columns_dict:
            turns.add_column("handed_over_at", str)
