"""Words split in two: "up grade", "log in", "in cubator", "V A T".

Dictation and hurried typing cut a word the knowledge base knows into two, or spell an acronym
letter by letter. Two neighbouring words are read as one when, joined, they make a word the
entries or the vocabulary use as written (not merely a word of the same stem), and:
- neither is a single letter ("a way" is not "away", "are a" not "area");
- they do not start a vocabulary phrase ("shut down" is read as the phrase);
- a stop word among them is a particle ("log in", "up grade"; "person as" is two words);
- otherwise, not both are known words ("free plan" never becomes "freeplan").
A joined word that only comes near a known word ("work spce") is left for the typo reader to
correct, and tried only when neither half is a stop word and both have three letters or more.

The other way round, two words typed without the space ("promocode", "teamtriel") are read
apart when the whole is neither known, common English nor a typo of a known word (see ``_apart``).
"""

from collections.abc import Callable, Sequence

MIN_JOINED = 4  # "log in" is the shortest split worth joining
MIN_HALF = 2    # "a way" is not "away", "are a" not "area"
MIN_TYPO_HALF = 3  # "require cc" is no typo of one word
MIN_RUN_TOGETHER = 6  # "whatsthe"
MIN_APART_HALF = 4  # "pre pay", "use rid": short halves make words of their own
PARTICLES = frozenset({"up", "down", "in", "out", "on", "off", "over", "back"})


class SplitWords:
    def __init__(
        self,
        is_known: Callable[[str], bool],
        is_stop: Callable[[str], bool],
        near_known: Callable[[str], str | None],
        is_phrase: Callable[[str, str], bool],
        is_common: Callable[[str], bool],
    ):
        self._is_common = is_common    # everyday English: a real word, never two run together
        self._is_known = is_known      # a word an entry or the vocabulary uses, as written
        self._is_stop = is_stop
        self._near_known = near_known  # the known word a typo would be, or None
        self._is_phrase = is_phrase    # the two words start a vocabulary phrase ("shut down")

    def join(self, words: Sequence[str]) -> list[str]:
        """``words`` with split words joined back; the others as they were, in order."""
        joined: list[str] = []
        position = 0
        while position < len(words):
            end = self._spelt_out(words, position)
            if end > position + 1:
                joined.append("".join(words[position:end]))
                position = end
            elif position + 1 < len(words) and self._split(words[position], words[position + 1]):
                joined.append(words[position] + words[position + 1])
                position += 2
            else:
                joined.extend(self._apart(words[position]) or (words[position],))
                position += 1
        return joined

    def _apart(self, word: str) -> tuple[str, str] | None:
        """"promocode", "whatsthe", "teamtriel": two words typed without the space between. The
        halves must start a vocabulary phrase, be two stop words, or be two words of four letters
        or more (the second may be a typo): "userid" is not "use rid", nor "prepay" "pre pay"."""
        if (len(word) < MIN_RUN_TOGETHER or not word.isalpha() or self._is_known(word)
                or self._is_common(word) or self._near_known(word) is not None):
            return None
        for cut in range(MIN_TYPO_HALF, len(word) - MIN_TYPO_HALF + 1):
            first, second = word[:cut], word[cut:]
            if not self._is_known(first):
                continue
            if self._is_phrase(first, second) or (self._is_stop(first) and self._is_stop(second)):
                return first, second
            if min(len(first), len(second)) < MIN_APART_HALF or self._is_stop(first):
                continue
            if self._content(second) or self._content(self._near_known(second) or ""):
                return first, second
        return None

    def _spelt_out(self, words: Sequence[str], start: int) -> int:
        """End of a run of single letters from ``start`` that spells a known word ("v a t")."""
        end = start
        while end < len(words) and len(words[end]) == 1 and words[end].isalpha():
            end += 1
        if end - start >= 2 and self._content("".join(words[start:end])):
            return end
        return start

    def _split(self, first: str, second: str) -> bool:
        if not (first.isalpha() and second.isalpha()) or min(len(first), len(second)) < MIN_HALF:
            return False
        if len(first) + len(second) < MIN_JOINED or self._is_phrase(first, second):
            return False
        stops = [word for word in (first, second) if self._is_stop(word)]
        if stops:
            # Only a particle splits off a word: "log in", "up grade"; "person as" is two words.
            return len(stops) == 1 and stops[0] in PARTICLES and self._content(first + second)
        if self._is_known(first) and self._is_known(second):
            return False
        if self._content(first + second):
            return True
        fixed = self._near_known(first + second) if min(len(first), len(second)) >= MIN_TYPO_HALF else None
        return fixed is not None and self._content(fixed)

    def _content(self, word: str) -> bool:
        return self._is_known(word) and not self._is_stop(word)
