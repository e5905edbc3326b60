"""Typo tolerance: map a word nobody in the knowledge base uses to the known word it misspells.

Only words of five letters or more are corrected, only to a known word with the same first
letter, and only within one edit (two from eight letters on), counting a swap of neighbours as
one edit ("cancle" -> "cancel"): short words and looser matches turn real words of other
subjects into ours ("center" -> "enter"), which is worse than not matching.
"""

from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

MIN_LENGTH = 5
LONG_WORD = 8
_CACHE_LIMIT = 50_000


class TypoCorrector:
    def __init__(self, known_words: Iterable[str]):
        groups: dict[tuple[str, int], set[str]] = defaultdict(set)
        for word in known_words:
            if word.isalpha() and len(word) >= MIN_LENGTH - 1:
                groups[word[0], len(word)].add(word)
        self._groups = {key: sorted(words) for key, words in groups.items()}
        self._cache: dict[str, str | None] = {}

    def correct(self, word: str) -> str | None:
        """The known word ``word`` misspells, or None when there is no close one."""
        if len(word) < MIN_LENGTH or not word.isalpha():
            return None
        if word in self._cache:
            return self._cache[word]
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[word] = found = self._closest(word)
        return found

    def _closest(self, word: str) -> str | None:
        max_edits = 2 if len(word) >= LONG_WORD else 1
        choices = [
            known
            for length in range(len(word) - max_edits, len(word) + max_edits + 1)
            for known in self._groups.get((word[0], length), ())
        ]
        if not choices:
            return None
        best = process.extractOne(word, choices, scorer=DamerauLevenshtein.distance, score_cutoff=max_edits)
        return best[0] if best else None
