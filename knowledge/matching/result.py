"""What the matcher says about a message: a ranked list and a decision."""

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from knowledge.schema import Entry


class Decision(StrEnum):
    ANSWER = "answer"        # sure: answer with the top entry
    CLARIFY = "clarify"      # two or three entries are close: offer them
    ESCALATE = "escalate"    # nothing fits: hand over to a human


class Candidate(BaseModel):
    model_config = ConfigDict(frozen=True)

    entry: Entry
    confidence: float = Field(ge=0.0, le=1.0)


class MatchResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str = Field(description="the message as normalised for matching")
    decision: Decision
    candidates: tuple[Candidate, ...] = Field(description="best first")
    choice_count: int = Field(default=3, ge=1, le=3, description="how many candidates a CLARIFY offers")
    small_talk: bool = Field(
        default=False,
        description="the message is purely social (thanks, ok, a greeting without a question): ESCALATE with no "
        "candidates, to be answered politely rather than handed over",
    )
    wants_person: bool = Field(
        default=False,
        description="the message only asks for a person or chases the thread: ESCALATE with no candidates, "
        "handed over at once",
    )

    @property
    def entry(self) -> Entry | None:
        """The entry to answer with, only when the decision is ANSWER."""
        return self.candidates[0].entry if self.decision is Decision.ANSWER and self.candidates else None

    @property
    def confidence(self) -> float:
        return self.candidates[0].confidence if self.candidates else 0.0

    @property
    def choices(self) -> tuple[Candidate, ...]:
        """The entries (one to three) to offer when the decision is CLARIFY."""
        return self.candidates[: self.choice_count] if self.decision is Decision.CLARIFY else ()
