"""Text analysis shared by the index and the queries: words -> stemmed, canonical terms.

Order matters: typos are fixed on the surface words first, then every word is stemmed, then
vocabulary phrases (longest first) are replaced by their canonical term on the stems, so that
"shutting down" and "shut down" both become "delete". Stop words go last, after phrases had a
chance to use them.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

import snowballstemmer

from knowledge.matching.typos import TypoCorrector
from knowledge.matching.vocabulary import Vocabulary

MAX_WORDS = 400  # a normalised message is at most 2,000 characters; this bounds the loops
_STEM_CACHE_LIMIT = 100_000

# "delete my login, not the workspace": the word after "not" is what the message is NOT about.
_NEGATION = "not"
_NEGATION_SKIPS = frozenset({"the", "a", "an", "my", "our", "your", "this", "that", "whole", "entire", "just", "all"})

_APOSTROPHE = re.compile(r"(?<=\w)['\u2019](?=\w)")
# A bare host name ("acme.io") in a message is a web domain, whatever its letters; not an
# e-mail address ("tax@segment.com"), whose domain is not the subject.
_HOSTNAME = re.compile(r"(?<![@\w.])(?:[a-z0-9-]+\.)+(?:com|io|net|org|co|ai|app|dev|us|uk|de|eu|fr|ca)\b")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3})")
_WORD = re.compile(r"[^\W_]+")

_Kind = Literal["term", "off_topic", "small_talk"]


@dataclass(frozen=True)
class _Rule:
    kind: _Kind
    terms: tuple[str, ...] = ()
    label: str = ""


@dataclass(frozen=True)
class Analysis:
    """What a text says, in matching terms."""

    terms: tuple[str, ...]                 # stemmed canonical content terms, in order
    off_topic: tuple[str, ...] = ()        # off-topic phrases found
    small_talk: int = 0                    # greetings, thanks, fillers
    words: int = 0                         # words in the text
    corrections: dict[str, str] = field(default_factory=dict)  # misspelt word -> known word


class Analyzer:
    def __init__(self, vocabulary: Vocabulary, known_words: Iterable[str] = ()):
        self._stemmer = snowballstemmer.stemmer("english")
        self._stems: dict[str, str] = {}
        self._stop = frozenset(vocabulary.stop_words)
        self._rules: dict[tuple[str, ...], _Rule] = {}
        for phrase in vocabulary.small_talk:
            self._add_rule(phrase, _Rule("small_talk"))
        for phrase in vocabulary.off_topic:
            self._add_rule(phrase, _Rule("off_topic", label=phrase))
        for canonical, phrases in vocabulary.synonyms.items():
            rule = _Rule("term", terms=tuple(self._stem(word) for word in words_of(canonical)))
            for phrase in phrases:
                self._add_rule(phrase, rule)
        self._longest = max((len(key) for key in self._rules), default=1)
        known = set(known_words) | self._stop | _vocabulary_words(vocabulary)
        self._known_stems = frozenset(self._stem(word) for word in known)
        self._typos = TypoCorrector(known)

    def _add_rule(self, phrase: str, rule: _Rule) -> None:
        key = tuple(self._stem(word) for word in words_of(phrase))
        if key:
            self._rules.setdefault(key, rule)

    def _stem(self, word: str) -> str:
        stem = self._stems.get(word)
        if stem is None:
            if len(self._stems) >= _STEM_CACHE_LIMIT:  # messages bring endless new words
                self._stems.clear()
            stem = self._stems[word] = self._stemmer.stemWord(word)
        return stem

    def analyze(self, text: str, *, correct_typos: bool = True) -> Analysis:
        words = words_of(text)[:MAX_WORDS]
        corrections: dict[str, str] = {}
        stems: list[str] = []
        for word in words:
            stem = self._stem(word)
            if correct_typos and stem not in self._known_stems and word not in self._stop:
                fixed = self._typos.correct(word)
                if fixed is not None:
                    corrections[word] = fixed
                    stem = self._stem(fixed)
            stems.append(stem)
        return self._apply_rules(words, stems, corrections)

    def _apply_rules(self, words: list[str], stems: list[str], corrections: dict[str, str]) -> Analysis:
        terms: list[str] = []
        off_topic: list[str] = []
        small_talk = 0
        position, count = 0, len(stems)
        while position < count:
            if words[position] == _NEGATION:
                position = _after_negated(words, position + 1)
                continue
            for length in range(min(self._longest, count - position), 0, -1):
                rule = self._rules.get(tuple(stems[position : position + length]))
                if rule is not None:
                    break
            else:
                length, rule = 1, None
            if rule is None:
                word = corrections.get(words[position], words[position])
                if word not in self._stop:
                    terms.append(stems[position])
            elif rule.kind == "term":
                terms.extend(rule.terms)
            elif rule.kind == "off_topic":
                off_topic.append(rule.label)
            else:
                small_talk += length
            position += length
        return Analysis(tuple(terms), tuple(off_topic), small_talk, count, corrections)


def _after_negated(words: list[str], position: int) -> int:
    """Position after the negated word (determiners before it are skipped too)."""
    while position < len(words) and words[position] in _NEGATION_SKIPS:
        position += 1
    return position + 1


def words_of(text: str) -> list[str]:
    """Lower-case words: apostrophes inside a word and thousands separators are dropped."""
    text = _THOUSANDS.sub("", _APOSTROPHE.sub("", text.lower()))
    text = _HOSTNAME.sub(" website domain ", text)
    return _WORD.findall(text)


def _vocabulary_words(vocabulary: Vocabulary) -> set[str]:
    phrases = [*vocabulary.off_topic, *vocabulary.small_talk, *vocabulary.synonyms]
    phrases += [phrase for group in vocabulary.synonyms.values() for phrase in group]
    return {word for phrase in phrases for word in words_of(phrase)}
