"""The search index the exported site searches in the browser, written at export time.

One document per entry, at the page and anchor where it is first published. Its words come from
the question, the customers' phrasings and keywords, and the answer text; each word is kept once,
under the strongest field it occurs in. The browser tokenises a query the same way (see
``static/search.js``) and matches each query word as a prefix of an indexed word.

The index is written twice with the same data: ``search-index.json`` for other tools, and
``search-index.js``, which a page loads with a plain ``<script>``: browsers refuse ``fetch`` of a
local file, so that is what makes search work from ``file://``.
"""

import re
import unicodedata

from pydantic import BaseModel, ConfigDict

from knowledge.base import KnowledgeBase
from knowledge.export.answer_html import AnswerRenderer
from knowledge.export.html_safety import json_for_html
from knowledge.export.public_pages import Site

FORMAT_VERSION = 1
JSON_FILE = "search-index.json"
SCRIPT_FILE = "search-index.js"
SCRIPT_GLOBAL = "faqSearchIndex"

# Strongest first: a word is indexed under the first field it occurs in.
FIELD_WEIGHTS = {"question": 4, "phrasing": 3, "answer": 1}

# Dropped from a query (unless it has nothing else), never from the index.
STOP_WORDS = sorted(
    {
        "a", "about", "after", "an", "and", "any", "are", "as", "at", "be", "by", "can", "could", "d", "do",
        "does", "for", "from", "get", "have", "how", "i", "if", "im", "in", "is", "it", "its", "ll", "m",
        "me", "my", "of", "on", "or", "our", "re", "s", "should", "so", "t", "that", "the", "there", "this",
        "to", "us", "ve", "was", "we", "what", "whats", "when", "where", "which", "who", "why", "will",
        "with", "would", "you", "your",
    }
)  # fmt: skip

_APOSTROPHES = re.compile("['\u2018\u2019]")
_COMBINING = re.compile("[\u0300-\u036f]")
_WORD = re.compile(r"[a-z0-9]+")


class SearchDocument(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    question: str
    page: str  # title of the page it links to
    url: str  # relative to the site root: "<slug>/index.html#<anchor>"
    terms: dict[str, list[str]]  # field -> sorted words


class SearchIndex(BaseModel):
    model_config = ConfigDict(frozen=True)

    version: int = FORMAT_VERSION
    weights: dict[str, int]
    stop_words: list[str]
    documents: list[SearchDocument]


def tokens(text: str) -> list[str]:
    """Lower-case ASCII words; accents and apostrophes dropped ("Can’t" -> "cant"). Mirrors search.js."""
    text = _COMBINING.sub("", unicodedata.normalize("NFKD", _APOSTROPHES.sub("", text))).lower()
    return _WORD.findall(text)


def build_search_index(kb: KnowledgeBase, site: Site, renderer: AnswerRenderer) -> SearchIndex:
    titles = {page.slug: page.title for page in site.pages}
    documents = []
    for group in site.categories:
        for link in group.links:
            entry = kb.get(link.entry_id)
            fields = {
                "question": [entry.question, link.text],
                "phrasing": [*entry.phrasings, *entry.keywords],
                "answer": [renderer.text(entry.answer)],
            }
            documents.append(
                SearchDocument(
                    id=entry.id,
                    question=link.text,
                    page=titles[link.page_slug],
                    url=f"{link.page_slug}/index.html#{link.anchor}",
                    terms=_terms(fields),
                )
            )
    return SearchIndex(weights=dict(FIELD_WEIGHTS), stop_words=STOP_WORDS, documents=documents)


def _terms(fields: dict[str, list[str]]) -> dict[str, list[str]]:
    seen: set[str] = set()
    terms: dict[str, list[str]] = {}
    for field in FIELD_WEIGHTS:
        words = {word for text in fields[field] for word in tokens(text)} - seen
        seen |= words
        terms[field] = sorted(words)
    return terms


def index_json(index: SearchIndex) -> str:
    return json_for_html(index.model_dump(), indent=1) + "\n"


def index_script(index: SearchIndex) -> str:
    """The index as a classic script that sets ``window.faqSearchIndex``."""
    return f"window.{SCRIPT_GLOBAL} = {json_for_html(index.model_dump(), ascii_only=True)};\n"
