"""Typo tolerance: map a word nobody in the knowledge base uses to the known word it misspells.

Only words of five letters or more are corrected, only to a known word with the same first
letter, and only within one edit (two from eight letters on). Most words near a known word are
real words of their own ("chance" is not "change", "reply" is not "repay", "think" is not
"thank"), so an edit counts only if it is one that fingers or spelling by ear make:
- a letter left out ("refnd", "subscripton");
- two neighbouring letters swapped ("cancle", "worksapces");
- a letter typed twice ("refundd");
- a key next to the right one ("coupin": o and i are neighbours);
and, for a word that is not everyday English, spelling by ear:
- a vowel too many ("useage");
- a vowel for another ("segmant", "cheeper", "custumer"), c for s or k, s for z ("cansel",
  "univercity").
"""

from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein, Levenshtein

MIN_LENGTH = 5
LONG_WORD = 8
_CACHE_LIMIT = 50_000

_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_ROW_SHIFT = (0.0, 0.25, 0.75)  # how far each row sits to the right of the one above


def _key_positions() -> dict[str, tuple[float, float]]:
    return {
        key: (column + _ROW_SHIFT[row], float(row))
        for row, keys in enumerate(_KEYBOARD_ROWS)
        for column, key in enumerate(keys)
    }


_KEYS = _key_positions()


def _neighbours(a: str, b: str) -> bool:
    if a not in _KEYS or b not in _KEYS:
        return False
    (xa, ya), (xb, yb) = _KEYS[a], _KEYS[b]
    return abs(ya - yb) <= 1 and abs(xa - xb) <= 1.0


_VOWELS = frozenset("aeiou")
_VOWEL_SOUNDS = _VOWELS | {"y"}  # "aply" for "apply"; but "county" is no "count" with a y too many
_SOUND_ALIKE = frozenset({frozenset("cs"), frozenset("ck"), frozenset("sz")})


def _spelt_alike(a: str, b: str) -> bool:
    """Letters people write for one another when they spell by ear: any two vowels, c and s."""
    return (a in _VOWEL_SOUNDS and b in _VOWEL_SOUNDS) or frozenset((a, b)) in _SOUND_ALIKE


def plausible_typo(typed: str, known: str, *, by_ear: bool = False) -> bool:
    """Could a hand typing ``known`` have produced ``typed``? ``by_ear``: or someone spelling it as
    it sounds (never for a word of everyday English: "think" is not "thank")."""
    if typed == known:
        return True
    levenshtein = Levenshtein.distance(typed, known)
    if DamerauLevenshtein.distance(typed, known) == 1 and levenshtein == 2:
        return True  # one swap of neighbouring letters
    for op in Levenshtein.editops(typed, known):
        if op.tag == "insert":        # a letter of the known word left out
            continue
        if op.tag == "delete":        # a letter too many: a doubled one or a vowel
            position = op.src_pos
            doubled = (position > 0 and typed[position - 1] == typed[position]) or (
                position + 1 < len(typed) and typed[position + 1] == typed[position]
            )
            if not doubled and not (by_ear and typed[position] in _VOWELS):
                return False
        else:                         # replace
            written, meant = typed[op.src_pos], known[op.dest_pos]
            if not (_neighbours(written, meant) or (by_ear and _spelt_alike(written, meant))):
                return False
    return True


class TypoCorrector:
    def __init__(self, known_words: Iterable[str], *, min_length: int = MIN_LENGTH):
        self._min_length = min_length
        groups: dict[tuple[str, int], set[str]] = defaultdict(set)
        for word in known_words:
            if word.isalpha() and len(word) >= min_length - 1:
                groups[word[0], len(word)].add(word)
        self._groups = {key: sorted(words) for key, words in groups.items()}
        self._closest_known = lru_cache(maxsize=_CACHE_LIMIT)(self._closest)  # messages bring endless new words

    def correct(self, word: str, *, by_ear: bool = False) -> str | None:
        """The known word ``word`` misspells, or None when there is no close one; ``by_ear`` as
        for ``plausible_typo``."""
        if len(word) < self._min_length or not word.isalpha():
            return None
        return self._closest_known(word, by_ear)

    def _closest(self, word: str, by_ear: bool) -> str | None:
        max_edits = 2 if len(word) >= LONG_WORD else 1
        choices = [
            known
            for length in range(len(word) - max_edits, len(word) + max_edits + 1)
            for known in self._groups.get((word[0], length), ())
        ]
        if not choices:
            return None
        near = process.extract(
            word, choices, scorer=DamerauLevenshtein.distance, score_cutoff=max_edits, limit=None
        )
        # Closest first; among equals, the order of ``choices`` (by length, then alphabetical).
        for known, _, _ in sorted(near, key=lambda found: found[1]):
            if plausible_typo(word, known, by_ear=by_ear):
                return known
        return None
