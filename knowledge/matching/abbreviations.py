"""Shortened words: map "prgm", "addr", "acct", "mgmt" to the known word they shorten.

Terse writers cut words two ways, and only those two count:
- they keep the start, with at most one vowel after the first letter ("addr", "subscr");
- they drop every vowel after the first letter but keep the last ("prgm", "acct", "pymt"):
  "cfos" is not a cut of "cofounders".
Only words that are not common English are read this way ("pros" is a word of its own). A
shortening that several known words fit with different stems ("prog": program or progress?)
is left alone: a wrong expansion is worse than none.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import lru_cache

MIN_LENGTH = 4
MIN_DROPPED = 2        # a shortening leaves out at least this many letters
MAX_PREFIX_VOWELS = 1  # after the first letter
_VOWELS = frozenset("aeiou")
_CACHE_LIMIT = 50_000


def shortens(short: str, word: str) -> bool:
    """Is ``short`` a cut of ``word``: its start, or its letters in order with the same ends?"""
    if len(word) - len(short) < MIN_DROPPED or short[0] != word[0]:
        return False
    vowels = sum(letter in _VOWELS for letter in short[1:])
    if word.startswith(short):
        return vowels <= MAX_PREFIX_VOWELS
    if vowels or short[-1] != word[-1]:
        return False
    letters = iter(word)
    return all(letter in letters for letter in short)  # a subsequence: each found after the last


class Abbreviations:
    def __init__(self, known_words: Iterable[str], stem: Callable[[str], str]):
        by_initial: dict[str, set[str]] = defaultdict(set)
        for word in known_words:
            if word.isalpha() and len(word) >= MIN_LENGTH + MIN_DROPPED:
                by_initial[word[0]].add(word)
        self._by_initial = {initial: sorted(words, key=lambda w: (len(w), w)) for initial, words in by_initial.items()}
        self._stem = stem
        self._expanded = lru_cache(maxsize=_CACHE_LIMIT)(self._expand)  # messages bring endless new words

    def expand(self, word: str) -> str | None:
        """The known word ``word`` shortens, or None when none does or several would."""
        if len(word) < MIN_LENGTH or not word.isalpha():
            return None
        return self._expanded(word)

    def _expand(self, word: str) -> str | None:
        fits = [known for known in self._by_initial.get(word[0], ()) if shortens(word, known)]
        return fits[0] if fits and len({self._stem(known) for known in fits}) == 1 else None
