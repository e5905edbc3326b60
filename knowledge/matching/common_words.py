"""Which words are common English (``common_words.txt``, made by scripts/make_common_words.py).

A word no entry uses may still be an everyday word ("yesterday", "finance", "anywhere") that says
nothing about the subject; one that is also rare in English ("W-9", a product or a trade term)
is probably what the message is about, and the knowledge base does not know it.
"""

from functools import cache
from importlib import resources
from pathlib import Path

from knowledge.errors import ContentError

COMMON_WORDS_FILE = "common_words.txt"


def default_common_words_path() -> Path:
    return Path(str(resources.files("knowledge.matching") / COMMON_WORDS_FILE))


@cache
def load_common_words(path: Path | None = None) -> frozenset[str]:
    """The words of a list file: one a line, ``#`` lines are comments. Cached: the list never
    changes while the process runs."""
    return frozenset(_read_list(path or default_common_words_path()))


def most_common_words(count: int, path: Path | None = None) -> tuple[str, ...]:
    """The first ``count`` words of the list, most common first."""
    return _read_list(path or default_common_words_path())[:count]


@cache
def _read_list(path: Path) -> tuple[str, ...]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(path, "file not found") from None
    except (OSError, UnicodeDecodeError):
        raise ContentError(path, "cannot be read as UTF-8 text") from None
    return tuple(line for line in text.split("\n") if line and not line.startswith("#"))
