"""What a text asks to do, beside what it is about: get something, see something, be eligible.

Sibling entries share a subject and differ in the asker's aim: "how do I get the Team trial" and
"what is the Team trial", "can we be tax exempt" and "why are we still charged tax", "where do I
enter a coupon" and "where do I see my coupon". The subject words match both; the words of the
aim ("how do I get", "what steps", "where can I see", "can we be") tell them apart. The
vocabulary's ``intents`` name each aim with the phrases that express it; they are read on the
surface words, anywhere in the text, and leave the words to the rest of the analysis.
"""

from collections.abc import Mapping, Sequence


class IntentReader:
    def __init__(self, intents: Mapping[str, Sequence[Sequence[str]]]):
        """``intents``: intent -> its phrases, each as its words."""
        self._phrases: dict[tuple[str, ...], set[str]] = {}
        for intent, phrases in intents.items():
            for phrase in phrases:
                key = tuple(phrase)
                if key:
                    self._phrases.setdefault(key, set()).add(intent)
        self._lengths = sorted({len(key) for key in self._phrases}, reverse=True)

    def read(self, words: Sequence[str]) -> frozenset[str]:
        """The intents whose phrases occur in ``words`` (lower-case surface words)."""
        if not self._phrases:
            return frozenset()
        found: set[str] = set()
        for position in range(len(words)):
            for length in self._lengths:
                intents = self._phrases.get(tuple(words[position : position + length]))
                if intents:
                    found |= intents
        return frozenset(found)
