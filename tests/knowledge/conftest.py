"""Fixtures shared by the knowledge tests."""

import pytest

from knowledge.loader import load_knowledge_base
from knowledge.matching import Matcher


@pytest.fixture(scope="session")
def shipped_matcher() -> Matcher:
    """The matcher on the shipped knowledge base, built once for the whole run."""
    return Matcher(load_knowledge_base())


@pytest.fixture
def matcher(shipped_matcher: Matcher) -> Matcher:
    """The shipped matcher. A test module matching against another knowledge base defines its own
    ``matcher``, which takes precedence (it can still ask for ``shipped_matcher``)."""
    return shipped_matcher
