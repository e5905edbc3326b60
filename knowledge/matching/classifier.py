"""A second reader: a linear model of which entry a question is about, learned from labelled questions.

The rules of the matcher read a message through the knowledge base's own words (phrasings,
vocabulary); wording new to them lowers its confidence, and most of its misses on new authors'
sets are hand-overs with the right entry ranked first. This model reads the same analysed terms
but has learned, from thousands of customers' questions labelled with their entry (or with
"no entry"), which terms point where. Where the two agree the matcher can answer with less
confidence of its own; where they disagree it should not answer (see ``second_opinion``).

The model is trained offline (``scripts/train_classifier.py``, scikit-learn, a dev dependency)
and committed as ``classifier.npz``; this module only reads it: TF-IDF weights of the message's
features, a dot product per class, a softmax.
"""

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from knowledge.matching.clauses import Clause

MODEL_PATH = Path(__file__).resolve().parent / "classifier.npz"
OUT_OF_SCOPE = ""  # the class of questions no entry answers
_NOTHING = "<empty>"  # the one feature of a message with no content terms

FloatArray = npt.NDArray[np.float64]


def features_of(clauses: Sequence[Clause], salient: Iterable[str]) -> list[str]:
    """What the model reads of a message: its content terms and pairs of neighbouring terms, the
    terms of the clauses that ask once more, the off-topic subjects named, one mark per salient
    unknown (a rare word no entry uses)."""
    terms = [term for clause in clauses for term in clause.analysis.terms]
    features = [*terms, *(f"{first} {second}" for first, second in zip(terms, terms[1:]))]
    features += [f"asks:{term}" for clause in clauses if clause.asks for term in clause.analysis.terms]
    features += [f"off-topic:{subject}" for clause in clauses for subject in clause.analysis.off_topic]
    features += ["salient-unknown" for _ in salient]
    return features or [_NOTHING]


def tf_idf(
    features: Sequence[str], feature_index: Mapping[str, int], idf: FloatArray
) -> tuple[list[int], FloatArray]:
    """The message as a unit-length vector: sublinear term frequency times IDF, as the feature
    rows it fills and their values; features the model never saw are dropped. Training and
    reading both build their vectors here."""
    counts = Counter(feature for feature in features if feature in feature_index)
    rows = [feature_index[feature] for feature in counts]
    values = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))) * idf[rows]
    norm = float(np.linalg.norm(values))
    return rows, values / norm if norm else values


def smoothed_idf(documents: int, containing: int) -> float:
    return math.log((1 + documents) / (1 + containing)) + 1.0


@dataclass(frozen=True)
class Classifier:
    classes: tuple[str, ...]            # entry ids, and OUT_OF_SCOPE
    feature_index: Mapping[str, int]
    idf: FloatArray                     # per feature
    weights: npt.NDArray[np.floating]   # features x classes, mostly zeros
    intercepts: FloatArray              # per class
    fingerprint: str                    # of the training examples (see ``training``)

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> "Classifier":
        # Stored sparse (most weights are pruned to zero) and the feature names as one text, so
        # that reading the model adds little to the knowledge base's load time.
        with np.load(path, allow_pickle=False) as data:
            features = data["features"].tobytes().decode("utf-8").split("\n")
            classes = tuple(data["classes"].tobytes().decode("utf-8").split("\n"))
            weights = np.zeros((len(features), len(classes)), dtype=np.float32)
            weights[data["rows"], data["columns"]] = data["values"]
            return cls(
                classes=classes,
                feature_index={feature: position for position, feature in enumerate(features)},
                idf=data["idf"].astype(np.float64),
                weights=weights,
                intercepts=data["intercepts"].astype(np.float64),
                fingerprint=data["fingerprint"].tobytes().decode("ascii"),
            )

    def save(self, path: Path) -> None:
        features = sorted(self.feature_index, key=self.feature_index.__getitem__)
        rows, columns = np.nonzero(self.weights)
        np.savez_compressed(
            path,
            classes=_text("\n".join(self.classes)),
            features=_text("\n".join(features)),
            idf=self.idf.astype(np.float32),
            rows=rows.astype(np.int32),
            columns=columns.astype(np.int16),
            values=self.weights[rows, columns].astype(np.float32),
            intercepts=self.intercepts.astype(np.float32),
            fingerprint=_text(self.fingerprint),
        )

    @property
    def entry_ids(self) -> frozenset[str]:
        return frozenset(self.classes) - {OUT_OF_SCOPE}

    def probabilities(self, features: Sequence[str]) -> dict[str, float]:
        """P(class | message) for every class: entry ids, and OUT_OF_SCOPE."""
        rows, values = tf_idf(features, self.feature_index, self.idf)
        logits = self.intercepts + values @ self.weights[rows] if rows else self.intercepts
        exp = np.exp(logits - logits.max())
        return dict(zip(self.classes, (exp / exp.sum()).tolist(), strict=True))


def _text(value: str) -> npt.NDArray[np.uint8]:
    return np.frombuffer(value.encode("utf-8"), dtype=np.uint8)


@cache
def default_classifier() -> Classifier | None:
    """The shipped model, read once per process; None when it is missing (the rules read alone)."""
    return Classifier.load() if MODEL_PATH.is_file() else None
