"""Fixtures shared by the knowledge tests."""

import pytest

from knowledge.loader import load_knowledge_base
from knowledge.matching import Matcher


@pytest.fixture(scope="session")
def matcher() -> Matcher:
    """The matcher on the shipped knowledge base, built once for the whole run. A test module
    matching against another knowledge base defines its own ``matcher``, which takes precedence."""
    return Matcher(load_knowledge_base())
