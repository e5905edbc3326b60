from datetime import UTC, datetime

import pytest

from actions.action_errors import KeyReused
from actions.action_models import Outcome, OutcomeStatus
from actions.idempotency import IdempotencyStore, create_table, fingerprint
from actions.store import connect, write_transaction

AT = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
DIGEST = fingerprint("revoke-deletion", "acme", {})


def outcome(summary: str = "Done.", status: OutcomeStatus = OutcomeStatus.DONE) -> Outcome:
    return Outcome(action="revoke-deletion", workspace="acme", status=status, summary=summary,
                   data={"n": 1}, idempotency_key="k1")


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "runs.db"
    db = connect(path)
    create_table(db)
    db.close()
    return path


@pytest.fixture
def store(path):
    db = connect(path)
    yield IdempotencyStore(db)
    db.close()


def test_the_fingerprint_is_the_request_without_the_actor():
    assert fingerprint("escalate", "acme", {"a": 1, "b": [1, 2]}) == fingerprint("escalate", "acme", {"b": [1, 2], "a": 1})
    variants = {
        fingerprint("escalate", "acme", {"a": 1}),
        fingerprint("escalate", "globex", {"a": 1}),
        fingerprint("escalate", None, {"a": 1}),
        fingerprint("escalate", "acme", {"a": 2}),
        fingerprint("trial-status", "acme", {"a": 1}),
    }
    assert len(variants) == 5


def test_a_key_is_claimed_once(store):
    assert store.claim("k1", DIGEST, "revoke-deletion", "acme", AT) is True
    assert store.claim("k1", DIGEST, "revoke-deletion", "acme", AT) is False
    assert store.claim("k2", DIGEST, "revoke-deletion", "acme", AT) is True


def test_the_settled_outcome_is_the_one_returned(store):
    assert store.first_outcome("k1", DIGEST) is None
    store.claim("k1", DIGEST, "revoke-deletion", "acme", AT)
    assert store.first_outcome("k1", DIGEST) is None  # claimed, not yet settled
    store.settle("k1", outcome(), AT)
    assert store.first_outcome("k1", DIGEST) == outcome()


def test_a_key_reused_for_another_request_is_an_error(store):
    store.store("k1", DIGEST, outcome(), AT)
    with pytest.raises(KeyReused, match="'k1'"):
        store.first_outcome("k1", fingerprint("revoke-deletion", "globex", {}))


def test_storing_a_failure_never_overwrites_a_first_outcome(store):
    assert store.store("k1", DIGEST, outcome("first"), AT) is True
    assert store.store("k1", DIGEST, outcome("second", OutcomeStatus.FAILED), AT) is False
    assert store.first_outcome("k1", DIGEST).summary == "first"


def test_a_claim_rolled_back_with_its_transaction_frees_the_key(store):
    with pytest.raises(RuntimeError), write_transaction(store.db):
        assert store.claim("k1", DIGEST, "revoke-deletion", "acme", AT)
        raise RuntimeError("the run failed")
    assert store.claim("k1", DIGEST, "revoke-deletion", "acme", AT) is True


def test_a_claim_committed_on_one_connection_holds_for_another(path, store):
    store.claim("k1", DIGEST, "revoke-deletion", "acme", AT)
    store.settle("k1", outcome(), AT)
    other = connect(path)
    try:
        assert IdempotencyStore(other).claim("k1", DIGEST, "revoke-deletion", "acme", AT) is False
        assert IdempotencyStore(other).first_outcome("k1", DIGEST) == outcome()
    finally:
        other.close()
