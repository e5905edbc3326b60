"""The labelled questions the learned model (``classifier``) is trained on, as features.

Three sources, all content the matcher is tuned on: every entry's question and phrasings (their
entry), the vocabulary's out-of-scope examples (no entry), and the tuning sets of customer
questions (``tests/data/eval``: every set but the held-out ``holdout*.jsonl``, which measure the
matcher and are never learned from).

The features come from the matcher's own reading of each question (clauses, terms, salient
unknowns), so an edit to the content, the vocabulary or the analyzer changes them; the
fingerprint of the examples tells whether the committed model was trained on what the matcher
reads today.
"""

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from knowledge.base import KnowledgeBase
from knowledge.evaluation import load_cases
from knowledge.matching.classifier import OUT_OF_SCOPE, features_of
from knowledge.matching.matcher import Matcher
from knowledge.matching.vocabulary import Vocabulary, load_vocabulary

EXAMPLES = Path(__file__).resolve().parents[2] / "tests" / "data" / "eval"
HELD_OUT_PREFIX = "holdout"


@dataclass(frozen=True)
class Example:
    features: tuple[str, ...]
    label: str  # an entry id, or OUT_OF_SCOPE


def example_files(folder: Path = EXAMPLES) -> list[Path]:
    """The tuning sets in ``folder``, by name; never a held-out set."""
    return sorted(path for path in folder.glob("*.jsonl") if not path.name.startswith(HELD_OUT_PREFIX))


def training_examples(
    kb: KnowledgeBase, files: Iterable[Path], vocabulary: Vocabulary | None = None
) -> list[Example]:
    vocabulary = vocabulary or load_vocabulary()
    reader = Matcher(kb, vocabulary=vocabulary, classifier=None)
    labelled = [(text, entry.id) for entry in kb for text in (entry.question, *entry.phrasings)]
    labelled += [(text, OUT_OF_SCOPE) for text in vocabulary.out_of_scope_examples]
    for path in files:
        labelled += [(case.text, case.expected or OUT_OF_SCOPE) for case in load_cases(path)]
    return [Example(_read(reader, text), label) for text, label in labelled]


def fingerprint(examples: Sequence[Example]) -> str:
    digest = hashlib.sha256()
    for example in examples:
        digest.update(json.dumps([example.label, example.features]).encode())
    return digest.hexdigest()


def _read(reader: Matcher, text: str) -> tuple[str, ...]:
    trace = reader.trace(text)
    return tuple(features_of(trace.clauses, trace.chosen.salient if trace.chosen else ()))
