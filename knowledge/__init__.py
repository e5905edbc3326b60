"""Structured FAQ knowledge base: schema, content, policy numbers, matching and export."""

from knowledge.base import KnowledgeBase
from knowledge.errors import ContentError, KnowledgeError
from knowledge.loader import load_knowledge_base, load_policy
from knowledge.policy import Policy
from knowledge.schema import Category, Entry, Page, Source

__all__ = [
    "Category",
    "ContentError",
    "Entry",
    "KnowledgeBase",
    "KnowledgeError",
    "Page",
    "Policy",
    "Source",
    "load_knowledge_base",
    "load_policy",
]
