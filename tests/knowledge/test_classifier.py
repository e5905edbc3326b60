"""The learned reader: its features, its arithmetic, the shipped model, and its training."""

import importlib.util
import math
import sys
from pathlib import Path

import numpy as np
import pytest

from knowledge.loader import load_knowledge_base
from knowledge.matching import Decision, Matcher
from knowledge.matching.classifier import OUT_OF_SCOPE, Classifier, default_classifier, features_of, tf_idf
from knowledge.matching.training import Example, example_files, fingerprint, training_examples
from tests.knowledge.answers import answered

ROOT = Path(__file__).resolve().parents[2]


def load_trainer():
    spec = importlib.util.spec_from_file_location("train_classifier", ROOT / "scripts" / "train_classifier.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_tf_idf_is_sublinear_unit_length_and_drops_unseen_features() -> None:
    index, idf = {"refund": 0, "annual": 1}, np.array([2.0, 1.0])
    rows, values = tf_idf(["refund", "refund", "refund", "annual", "zebra"], index, idf)
    assert rows == [0, 1]
    assert math.isclose(float(values @ values), 1.0)
    assert math.isclose(values[0] / values[1], (1 + math.log(3)) * 2.0)
    rows, values = tf_idf(["zebra"], index, idf)
    assert rows == [] and len(values) == 0


def test_features_read_terms_pairs_asking_clauses_off_topic_subjects_and_salient_unknowns() -> None:
    matcher = Matcher(load_knowledge_base(), classifier=None)
    trace = matcher.trace("we use Amplitude too. how do refunds work?")
    features = features_of(trace.clauses, ("zuora",))
    assert "refund" in features and "asks:refund" in features
    assert any(feature.startswith("off-topic:") for feature in features)
    assert any(" " in feature and not feature.startswith(("asks:", "off-topic:")) for feature in features)
    assert features.count("salient-unknown") == 1
    assert features_of((), ()) == ["<empty>"]


def toy_classifier() -> Classifier:
    return Classifier(
        classes=("refunds", "sales-tax", OUT_OF_SCOPE),
        feature_index={"refund": 0, "tax": 1},
        idf=np.array([1.0, 1.0]),
        weights=np.array([[4.0, 0.0, 0.0], [0.0, 4.0, 0.0]]),
        intercepts=np.array([0.0, 0.0, 1.0]),
        fingerprint="toy",
    )


def test_probabilities_are_a_softmax_over_every_class() -> None:
    model = toy_classifier()
    refund = model.probabilities(["refund"])
    assert set(refund) == {"refunds", "sales-tax", OUT_OF_SCOPE}
    assert math.isclose(sum(refund.values()), 1.0)
    assert max(refund, key=refund.__getitem__) == "refunds"
    # Refund counted twice, tax once, both of IDF 1: weights 1 + ln 2 and 1 before unit length.
    vector = np.array([1 + math.log(2), 1.0]) / math.hypot(1 + math.log(2), 1.0)
    logits = model.intercepts + vector @ model.weights
    expected = np.exp(logits) / np.exp(logits).sum()
    assert list(model.probabilities(["refund", "refund", "tax"]).values()) == pytest.approx(expected.tolist())
    nothing = model.probabilities(["never seen"])  # the intercepts alone
    assert max(nothing, key=nothing.__getitem__) == OUT_OF_SCOPE
    assert model.entry_ids == {"refunds", "sales-tax"}


def test_a_model_survives_saving_and_loading(tmp_path: Path) -> None:
    model = toy_classifier()
    model.save(tmp_path / "model.npz")
    loaded = Classifier.load(tmp_path / "model.npz")
    assert loaded.classes == model.classes and loaded.fingerprint == "toy"
    assert loaded.probabilities(["tax", "refund", "tax"]) == pytest.approx(model.probabilities(["tax", "refund", "tax"]))


def test_the_shipped_model_reads_the_shipped_entries_and_the_matcher_uses_it() -> None:
    model = default_classifier()
    kb = load_knowledge_base()
    assert model is not None and model.entry_ids == {entry.id for entry in kb}
    assert Matcher(kb).classifier is model


def test_a_model_for_other_entries_is_not_used_by_default_and_refused_when_given() -> None:
    kb = load_knowledge_base()
    some = [entry for entry in kb if entry.category == "coupons"]
    assert Matcher(some).classifier is None
    with pytest.raises(ValueError, match="entries this knowledge base does not have"):
        Matcher(some, classifier=default_classifier())


def test_where_the_rules_offer_a_choice_the_learned_reader_settles_it() -> None:
    kb = load_knowledge_base()
    text = "we spun up a sandbox workspace by mistake, how do i get rid of it for good"
    assert Matcher(kb, classifier=None).match(text).decision is Decision.CLARIFY
    assert answered(Matcher(kb).match(text)) == "delete-workspace"


def test_the_shipped_model_was_trained_on_what_the_matcher_reads_today() -> None:
    """Fails after an edit to the content, the vocabulary, the analyzer or the tuning sets until
    the model is retrained: .venv/bin/python scripts/train_classifier.py"""
    model = default_classifier()
    assert model is not None
    examples = training_examples(load_knowledge_base(), example_files())
    assert fingerprint(examples) == model.fingerprint, "retrain: .venv/bin/python scripts/train_classifier.py"


def test_no_held_out_set_is_a_training_example() -> None:
    names = {path.name for path in example_files()}
    assert "dev.jsonl" in names and "test.jsonl" in names
    assert not any(name.startswith("holdout") for name in names)


def test_training_learns_the_labels_it_is_given() -> None:
    trainer = load_trainer()
    examples = [Example(("refund", "money", "back"), "refunds"), Example(("refund", "annual"), "refunds"),
                Example(("tax", "exempt"), "sales-tax"), Example(("sales", "tax"), "sales-tax"),
                Example(("weather",), OUT_OF_SCOPE), Example(("install", "sdk"), OUT_OF_SCOPE)]
    model = trainer.train(examples)
    assert model.fingerprint == fingerprint(examples)
    for example in examples:
        beliefs = model.probabilities(list(example.features))
        assert max(beliefs, key=beliefs.__getitem__) == example.label
