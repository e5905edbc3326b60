"""Retrain knowledge/matching/classifier.npz, the matcher's learned second reader.

Run it after any edit to the content, the vocabulary, the analyzer or the tuning sets: a test
(tests/knowledge/test_classifier_model.py) fails while the committed model was trained on other
examples than the matcher reads today. Needs scikit-learn (a dev dependency only: the matcher
reads the committed file with numpy).

    .venv/bin/python scripts/train_classifier.py [--out PATH]
"""

import argparse
from collections import Counter
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

from knowledge.loader import load_knowledge_base
from knowledge.matching.classifier import MODEL_PATH, Classifier, smoothed_idf, tf_idf
from knowledge.matching.training import Example, example_files, fingerprint, training_examples

# Chosen on the held-out sets holdout8-33 (docs/matching-quality.md, eleventh round): C 30 over
# 10 and 100; weights this small change no decision there and make most of the file.
REGULARISATION = 30.0
MIN_WEIGHT = 0.1


def train(examples: list[Example], regularisation: float = REGULARISATION) -> Classifier:
    counts = Counter(feature for example in examples for feature in set(example.features))
    features = sorted(counts)
    index = {feature: position for position, feature in enumerate(features)}
    idf = np.array([smoothed_idf(len(examples), counts[feature]) for feature in features])
    rows, columns, values = [], [], []
    for row, example in enumerate(examples):
        filled, weights = tf_idf(example.features, index, idf)
        rows += [row] * len(filled)
        columns += filled
        values += weights.tolist()
    matrix = csr_matrix((values, (rows, columns)), shape=(len(examples), len(features)))
    model = LogisticRegression(C=regularisation, max_iter=5000)
    model.fit(matrix, [example.label for example in examples])
    weights = np.where(np.abs(model.coef_) >= MIN_WEIGHT, model.coef_, 0.0).T
    return Classifier(
        classes=tuple(str(label) for label in model.classes_),
        feature_index=index,
        idf=idf,
        weights=weights,
        intercepts=model.intercept_.copy(),
        fingerprint=fingerprint(examples),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args()
    files = example_files()
    examples = training_examples(load_knowledge_base(), files)
    classifier = train(examples)
    classifier.save(args.out)
    print(f"{len(examples):,} examples ({len(files)} tuning sets, the entries' phrasings, out-of-scope examples), "
          f"{len(classifier.feature_index):,} features, {len(classifier.classes)} classes -> {args.out}")


if __name__ == "__main__":
    main()
