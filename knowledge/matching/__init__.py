"""Match a customer message to knowledge-base entries, and know when nothing fits."""

from knowledge.matching.config import FieldWeights, MatcherConfig
from knowledge.matching.matcher import Matcher, Trace
from knowledge.matching.normalize import normalize_message
from knowledge.matching.result import Candidate, Decision, MatchResult
from knowledge.matching.vocabulary import Vocabulary, load_vocabulary

__all__ = [
    "Candidate",
    "Decision",
    "FieldWeights",
    "MatchResult",
    "Matcher",
    "MatcherConfig",
    "Trace",
    "Vocabulary",
    "load_vocabulary",
    "normalize_message",
]
