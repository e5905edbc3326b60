"""From ranked confidences to a decision: answer, offer one to three choices, or hand over."""

from collections.abc import Sequence
from dataclasses import dataclass

from knowledge.matching.config import MatcherConfig
from knowledge.matching.result import Decision

MAX_CHOICES = 3


@dataclass(frozen=True)
class Verdict:
    decision: Decision
    choices: int = 0  # how many of the first candidates to offer when clarifying


def decide(confidences: Sequence[float], config: MatcherConfig, *, sibling_runner_up: bool = False) -> Verdict:
    """``confidences`` are best first; ``sibling_runner_up``: the first two entries are related."""
    if not confidences:
        return Verdict(Decision.ESCALATE)
    top = confidences[0]
    runner_up = confidences[1] if len(confidences) > 1 else 0.0
    # A runner-up nearly as likely as the top makes a sure answer a coin toss: offer both. Sibling
    # entries differ in one detail of the asker's aim, which wording new to the knowledge base
    # often misreads: a sibling runner-up needs less to be offered too.
    ratio = min(config.runner_up_ratio, config.sibling_runner_up_ratio) if sibling_runner_up else config.runner_up_ratio
    if top >= config.answer_threshold and runner_up < ratio * top:
        return Verdict(Decision.ANSWER)
    offered = [c for c in confidences[:MAX_CHOICES] if c >= config.clarify_share * top]
    if sum(offered) >= config.clarify_threshold:
        return Verdict(Decision.CLARIFY, choices=len(offered))
    return Verdict(Decision.ESCALATE)
