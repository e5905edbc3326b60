import pytest

from knowledge.policy import Policy
from tests.actions.facts.records import shipped_policy


@pytest.fixture(scope="session")
def policy() -> Policy:
    return shipped_policy()
