"""The matcher's decision, reviewed by the learned model (see ``classifier``).

Two readers that err differently: the rules know the knowledge base's words and when a message
strays from them; the model knows how thousands of customers worded each question. So:
- the model answers on its own when it is sure of an entry (``learned_answer``);
- the matcher's answer stands when the model's first choice is the same entry, even unsure
  (``learned_confirms``); its first choice of a clarify is answered when the model agrees a bit
  more surely (``learned_settles``);
- an answer the model disagrees with is not given: both readings are offered, or the message
  is handed over when the model reads it as out of scope;
- anything else keeps the matcher's decision.
On the held-out sets this answered more questions right with fewer wrong and out-of-scope
answers than either reader alone at any single threshold (docs/matching-quality.md).
"""

from collections.abc import Mapping

from knowledge.matching.classifier import OUT_OF_SCOPE
from knowledge.matching.config import MatcherConfig
from knowledge.matching.result import Candidate, Decision, MatchResult
from knowledge.schema import Entry


def second_opinion(
    result: MatchResult,
    beliefs: Mapping[str, float],
    entries: Mapping[str, Entry],
    config: MatcherConfig,
    *,
    names_off_topic: bool = False,
) -> MatchResult:
    """``beliefs``: the model's probability of every entry id, and of OUT_OF_SCOPE.
    ``names_off_topic``: the message names a subject or a tool we do not cover; the model, which
    has seen few of them, may then confirm an answer but not give one on its own."""
    choice, belief = max(beliefs.items(), key=lambda item: item[1])
    first = result.candidates[0].entry.id if result.candidates else None
    if choice != OUT_OF_SCOPE and belief >= config.learned_answer and not names_off_topic:
        return _answer(result, entries[choice], belief)
    agreed = choice == first and (
        (result.decision is Decision.ANSWER and belief >= config.learned_confirms)
        or (result.decision is Decision.CLARIFY and belief >= config.learned_settles)
    )
    if agreed:
        return _answer(result, entries[choice], belief)
    if result.decision is not Decision.ANSWER:
        return result
    if choice == OUT_OF_SCOPE or choice == first:
        return result.model_copy(update={"decision": Decision.ESCALATE})
    offered = (result.candidates[0], Candidate(entry=entries[choice], confidence=round(belief, 4)))
    rest = tuple(candidate for candidate in result.candidates[1:] if candidate.entry.id != choice)
    return result.model_copy(
        update={"decision": Decision.CLARIFY, "candidates": (*offered, *rest), "choice_count": 2}
    )


def _answer(result: MatchResult, entry: Entry, belief: float) -> MatchResult:
    """The entry first, as sure as the surer reader; the other candidates after it, as they were."""
    own = next((c.confidence for c in result.candidates if c.entry.id == entry.id), 0.0)
    first = Candidate(entry=entry, confidence=round(max(own, belief), 4))
    rest = tuple(candidate for candidate in result.candidates if candidate.entry.id != entry.id)
    return result.model_copy(update={"decision": Decision.ANSWER, "candidates": (first, *rest), "choice_count": 3})
