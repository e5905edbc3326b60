"""What a match answered, for assertions."""

from knowledge.matching import MatchResult


def answered(result: MatchResult) -> str | None:
    """The id of the entry the result answers with; None when it clarifies or hands over."""
    return result.entry.id if result.entry else None
