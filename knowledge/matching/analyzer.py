"""Text analysis shared by the index and the queries: words -> stemmed, canonical terms.

Order matters: numbers said in words become digits and words split in two are joined back first
("a thousand", "up grade"), then typos are fixed on the surface words, then every word is
stemmed, then vocabulary phrases (longest first) are replaced by their canonical term on the
stems, so that "shutting down" and "shut down" both become "delete". Stop words go last, after
phrases had a chance to use them.
"""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

import snowballstemmer

from knowledge.matching.abbreviations import Abbreviations
from knowledge.matching.common_words import load_common_words, most_common_words
from knowledge.matching.intents import IntentReader
from knowledge.matching.normalize import normalize_message
from knowledge.matching.numbers import spell_numbers
from knowledge.matching.splits import SplitWords
from knowledge.matching.typos import TypoCorrector
from knowledge.matching.vocabulary import TOOL, Vocabulary

MAX_WORDS = 400  # a normalised message is at most 2,000 characters; this bounds the loops
_STEM_CACHE_LIMIT = 100_000
MIN_NEAR_COMMON = 4  # "mony" is money; a three-letter word is near too many
NEAR_COMMON_COUNT = 20_000  # the words people mistype most; the rarer half of the list is no gain

# "delete my login, not the workspace": the word after "not" is what the message is NOT about, and
# so are the words joined to it by "or" ("we're not a startup or a nonprofit").
_NEGATION = "not"
_NEGATION_SKIPS = frozenset({"the", "a", "an", "my", "our", "your", "this", "that", "whole", "entire", "just", "all"})
_NEGATION_JOINS = frozenset({"or", "nor"})

_LIST_JOINS = frozenset({"and", "or", "etc"})
# A quarter, a half or a fiscal year ("Q2", "H1", "FY24"), or a code of a word and a number
# ("SEGMENT25", "WELCOME10"): no subject of their own, unlike a product ("S3", "GA4") or a form ("W-9").
_PERIOD_OR_CODE = re.compile(r"q[1-4]|h[12]|fy\d{2,4}|[a-z]{4,}\d{1,4}")

_APOSTROPHE = re.compile(r"(?<=\w)['\u2019](?=\w)")
# French and Italian elisions ("l'espace", "d'essai", "qu'il") join two words: split them, where
# English contractions ("don't", "I'm") lose their apostrophe.
_ELISION = re.compile(r"\b(l|d|j|n|s|c|m|t|qu|dell|nell|sull)['\u2019](?=[aeiouyhàâéèêîôû])")
# A bare host name ("acme.io") in a message is a web domain, whatever its letters; not an
# e-mail address ("tax@segment.com"), whose domain is not the subject.
_HOSTNAME = re.compile(r"(?<![@\w.])(?:[a-z0-9-]+\.)+(?:com|io|net|org|co|ai|app|dev|us|uk|de|eu|fr|ca)\b")
# An e-mail address says "an e-mail address" and nothing else: its words ("ap-team@acme.com")
# would otherwise count as evidence ("team" for the Team plan).
_EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3})")
# "account = workspace?": an equals sign between words compares them.
_EQUALS = re.compile(r"\s*={1,3}\s*")
_WORD = re.compile(r"[^\W_]+")
# "W-9", "I-9": a letter and a number joined by a hyphen name one form or code, not two words.
_LETTER_CODE = re.compile(r"(?<![\w-])([a-z])-(\d{1,4})\b")

_Kind = Literal["term", "off_topic", "vendor_frame", "greeting", "small_talk", "acknowledgement", "asker", "person"]
_SOCIAL: frozenset[_Kind] = frozenset({"greeting", "small_talk", "acknowledgement"})
# Words that say nothing of the question: social ones, who it is asked for ("our CFO asks"), and
# a request for a person ("a human", "any update").
_SET_ASIDE: frozenset[_Kind] = _SOCIAL | {"asker", "person"}


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
    vendors: tuple[str, ...] = ()          # of ``off_topic``, the other companies' tools
    small_talk: int = 0                    # words of thanks, "ok", fillers
    person_requests: int = 0               # words asking for a person or chasing the thread
    acknowledgements: int = 0              # words of "that worked", "never mind"...
    acknowledgement_terms: int = 0         # of ``terms``, those that came from acknowledgements
    words: int = 0                         # words in the text
    corrections: dict[str, str] = field(default_factory=dict)  # misspelt word -> known word
    greetings: int = 0                     # words of "hi", "good morning team"...
    said: tuple[str, ...] = ()             # the words left once social words, askers, person requests are set aside
    opening: _Kind | None = None           # what the text opens with, after any greeting (None: other words)
    uncommon: tuple[str, ...] = ()         # of ``terms``, those whose word is not common English
    intents: frozenset[str] = frozenset()  # what the text asks to do: "obtain", "view" (see ``intents``)


class Analyzer:
    def __init__(
        self, vocabulary: Vocabulary, known_words: Iterable[str] = (), common_words: frozenset[str] | None = None
    ):
        self._common = load_common_words() if common_words is None else common_words
        self._common_typos = TypoCorrector(
            most_common_words(NEAR_COMMON_COUNT) if common_words is None else common_words, min_length=MIN_NEAR_COMMON
        )
        self._intents = IntentReader(
            {intent: [_phrase_words(phrase) for phrase in phrases] for intent, phrases in vocabulary.intents.items()}
        )
        self._stemmer = snowballstemmer.stemmer("english")
        self._stems: dict[str, str] = {}
        self._stop = frozenset(vocabulary.stop_words)
        self._rules: dict[tuple[str, ...], _Rule] = {}
        # Social phrases and askers match word for word, not on stems: "noted" is small talk, "note"
        # is not, "wondering" must not pass for "wonderful", and "accountant" stems to "account".
        self._verbatim: dict[tuple[str, ...], _Rule] = {}
        for kind, phrases in (("greeting", vocabulary.greetings), ("small_talk", vocabulary.small_talk),
                              ("asker", vocabulary.askers), ("person", vocabulary.person_requests)):
            for phrase in phrases:
                self._add_verbatim(phrase, _Rule(kind))
        for phrase in vocabulary.acknowledgements:
            content = tuple(self._stem(word) for word in _phrase_words(phrase) if word not in self._stop)
            self._add_verbatim(phrase, _Rule("acknowledgement", terms=content))
        for phrase in vocabulary.off_topic_phrases():
            self._add_rule(phrase, _Rule("off_topic", label=phrase))
        self._vendors = frozenset(vocabulary.vendors)
        # Word for word ("Stripe-billed" compares, "my Stripe billing" does not); longer than the
        # vendor's own name, a frame wins where both match.
        for key in _vendor_frame_keys(vocabulary):
            self._verbatim.setdefault(key, _Rule("vendor_frame"))
        for canonical, phrases in vocabulary.term_phrases():
            rule = _Rule("term", terms=tuple(self._stem(word) for word in _phrase_words(canonical)))
            for phrase in phrases:
                self._add_rule(phrase, rule)
        # Most words start no phrase, and a word that does starts phrases of few lengths: looking
        # up only those lengths spares a lookup per possible length.
        self._verbatim_lengths = _lengths_by_start(self._verbatim)
        self._rule_lengths = _lengths_by_start(self._rules)
        known = set(known_words) | self._stop | _vocabulary_words(vocabulary)
        self._known_stems = frozenset(self._stem(word) for word in known)
        # A typo never makes a message off-topic: "reply" is not a misspelt "replay".
        off_topic_only = {word for phrase in vocabulary.off_topic_phrases() for word in _phrase_words(phrase)} - (
            set(known_words) | _vocabulary_words(vocabulary, off_topic=False)
        )
        correctable = known - off_topic_only
        self._typos = TypoCorrector(correctable)
        self._shortenings = Abbreviations(correctable - self._stop, self._stem)
        known_surface = frozenset(known)
        phrase_starts = frozenset(key[:2] for key in self._rules if len(key) > 1)
        self._splits = SplitWords(
            is_known=known_surface.__contains__,
            is_stop=self._stop.__contains__,
            near_known=self._near_known,
            is_phrase=lambda first, second: (self._stem(first), self._stem(second)) in phrase_starts,
            is_common=self._common.__contains__,
        )

    def _near_known(self, word: str) -> str | None:
        """The known word ``word`` misspells, by hand or, unless it is everyday English, by ear."""
        return self._typos.correct(word, by_ear=word not in self._common)

    def _add_verbatim(self, phrase: str, rule: _Rule) -> None:
        key = tuple(_phrase_words(phrase))
        if key:
            self._verbatim.setdefault(key, rule)

    def _add_rule(self, phrase: str, rule: _Rule) -> None:
        key = tuple(self._stem(word) for word in _phrase_words(phrase))
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
        words = spell_numbers(words_of(text)[:MAX_WORDS])
        if correct_typos:
            words = self._splits.join(words)
        corrections: dict[str, str] = {}
        stems: list[str] = []
        for word in words:
            stem = self._stem(word)
            if correct_typos and stem not in self._known_stems and word not in self._stop:
                fixed = self._near_known(word)
                if fixed is None and word not in self._common:
                    fixed = self._shortenings.expand(word)
                if fixed is not None:
                    corrections[word] = fixed
                    stem = self._stem(fixed)
            stems.append(stem)
        return self._apply_rules(words, stems, corrections)

    def _apply_rules(self, words: list[str], stems: list[str], corrections: dict[str, str]) -> Analysis:
        terms: list[str] = []
        uncommon: list[str] = []
        off_topic: list[str] = []
        said: list[str] = []
        counts: dict[_Kind, int] = {"greeting": 0, "small_talk": 0, "acknowledgement": 0, "person": 0}
        acknowledgement_terms = 0
        opening: _Kind | None = None
        opened = listing = False
        surface = [corrections.get(word, word) for word in words]
        position, count = 0, len(stems)
        while position < count:
            if words[position] == _NEGATION:
                end = _after_negated(words, position + 1)
                said += words[position:end]
                position, opened = end, True
                continue
            length, rule = 1, None
            verbatim = self._verbatim_lengths.get(surface[position], ())
            stemmed = self._rule_lengths.get(stems[position], ())
            if verbatim or stemmed:
                for length in sorted({*verbatim, *stemmed}, reverse=True):
                    if length > count - position:
                        continue
                    if length in verbatim:
                        rule = self._verbatim.get(tuple(surface[position : position + length]))
                    if rule is None and length in stemmed:
                        rule = self._rules.get(tuple(stems[position : position + length]))
                    if rule is not None:
                        break
                else:
                    length = 1
            kind = rule.kind if rule else None
            if not opened and kind not in ("greeting", "asker"):
                opening, opened = kind, True
            if kind not in _SET_ASIDE:
                said += words[position : position + length]
            if rule is None:
                word = corrections.get(words[position], words[position])
                if word not in self._stop:
                    terms.append(stems[position])
                    if self._is_uncommon(word, stems[position]):
                        uncommon.append(stems[position])
            elif rule.kind == "term":
                terms.extend(rule.terms)
            elif rule.kind == "off_topic":
                if not (listing and rule.label in self._vendors):
                    off_topic.append(rule.label)
            elif rule.kind not in ("asker", "vendor_frame"):
                counts[rule.kind] += length
                if rule.kind == "acknowledgement":
                    terms.extend(rule.terms)
                    acknowledgement_terms += len(rule.terms)
            # A list goes on from a framed vendor: "like Mixpanel, Amplitude or Heap".
            if kind == "vendor_frame" or (listing and (kind == "off_topic" or words[position] in _LIST_JOINS)):
                listing = kind != "off_topic" or rule.label in self._vendors
            else:
                listing = False
            position += length
        return Analysis(
            terms=tuple(terms),
            off_topic=tuple(off_topic),
            vendors=tuple(label for label in off_topic if label in self._vendors),
            small_talk=counts["small_talk"],
            person_requests=counts["person"],
            acknowledgements=counts["acknowledgement"],
            acknowledgement_terms=acknowledgement_terms,
            words=count,
            corrections=corrections,
            greetings=counts["greeting"],
            said=tuple(said),
            opening=opening,
            uncommon=tuple(uncommon),
            intents=self._intents.read(surface),
        )

    def _is_uncommon(self, word: str, stem: str) -> bool:
        """A word rare in English, in any of its forms ("alums" is "alum"), as a possessive whose
        apostrophe was dropped ("novembers") and mistyped ("mony"); numbers, quantities ("2024",
        "10k", "3rd"), periods and codes ("Q2", "FY24", "SAVE20") are not words."""
        return (word[0].isalpha() and word not in self._common and stem not in self._common
                and not (word.endswith("s") and word[:-1] in self._common)
                and not _PERIOD_OR_CODE.fullmatch(word) and not self._mistyped_common(word, stem))

    def _mistyped_common(self, word: str, stem: str) -> bool:
        """"mony", "wondring": an everyday word mistyped. By hand only: spelt by ear, "zuora"
        would pass for one. A word the entries use is taken as written."""
        return stem not in self._known_stems and self._common_typos.correct(word) is not None


def _vendor_frame_keys(vocabulary: Vocabulary) -> Iterator[tuple[str, ...]]:
    """Every vendor frame filled with every vendor, and with its possessive ("like Zendesk's
    trial": a message's apostrophes are dropped, so "zendesks"), as the words a message has."""
    names = [_phrase_words(vendor) for vendor in vocabulary.vendors]
    forms = [form for name in names if name for form in (name, (*name[:-1], f"{name[-1]}s"))]
    for frame in vocabulary.vendor_frames:
        before, after = (_phrase_words(part) for part in frame.split(TOOL))
        for form in forms:
            yield (*before, *form, *after)


def _lengths_by_start(phrases: dict[tuple[str, ...], _Rule]) -> dict[str, frozenset[int]]:
    lengths: dict[str, set[int]] = {}
    for key in phrases:
        lengths.setdefault(key[0], set()).add(len(key))
    return {start: frozenset(found) for start, found in lengths.items()}


def _after_negated(words: list[str], position: int) -> int:
    """Position after the negated words (determiners before them are skipped too)."""
    while True:
        while position < len(words) and words[position] in _NEGATION_SKIPS:
            position += 1
        position += 1
        if position >= len(words) or words[position] not in _NEGATION_JOINS:
            return position
        position += 1


def words_of(text: str) -> list[str]:
    """Lower-case words: apostrophes inside a word and thousands separators are dropped, elisions
    split, e-mail addresses and host names read as what they are."""
    # Each pattern runs only when its one telling character is there: most texts have none.
    text = text.lower()
    if "@" in text:
        text = _EMAIL_ADDRESS.sub(" email address ", text)
    if "'" in text or "\u2019" in text:
        text = _APOSTROPHE.sub("", _ELISION.sub(r"\1 ", text))
    if "," in text:
        text = _THOUSANDS.sub("", text)
    if "=" in text:
        text = _EQUALS.sub(" equals ", text)
    if "-" in text:
        text = _LETTER_CODE.sub(r"\1\2", text)
    if "." in text:
        text = _HOSTNAME.sub(" website domain ", text)
    return _WORD.findall(text)


@lru_cache(maxsize=8192)  # every phrase is read twice or more while an analyzer is built
def _phrase_words(phrase: str) -> tuple[str, ...]:
    """The words of a vocabulary phrase as a message's would read: accents and marks dropped
    ("Rückerstattung" is "ruckerstattung" in a message)."""
    return tuple(words_of(normalize_message(phrase)))


def _vocabulary_words(vocabulary: Vocabulary, *, off_topic: bool = True) -> set[str]:
    frames = [frame.replace(TOOL, " ") for frame in vocabulary.vendor_frames]  # the vendors are off-topic words
    phrases = [*(vocabulary.off_topic_phrases() if off_topic else ()), *frames, *vocabulary.greetings,
               *vocabulary.small_talk, *vocabulary.acknowledgements, *vocabulary.askers,
               *vocabulary.person_requests, *vocabulary.request_words]
    for canonical, group in vocabulary.term_phrases():
        phrases += [canonical, *group]
    return {word for phrase in phrases for word in _phrase_words(phrase)}
