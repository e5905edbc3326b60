"""What a text asks to do, beside what it is about: get something, see something, be eligible.

Sibling entries share a subject and differ in the asker's aim: "how do I get the Team trial" and
"what is the Team trial", "can we be tax exempt" and "why are we still charged tax", "where do I
enter a coupon" and "where do I see my coupon". The subject words match both; the words of the
aim ("how do I get", "what steps", "where can I see", "can we be") tell them apart. The
vocabulary's ``intents`` name each aim with the phrases that express it; they are read on the
surface words, anywhere in the text, and leave the words to the rest of the analysis. Hedges
inside a phrase do not hide it ("how do we actually claim" says "how do we claim"), nor does the
asker naming themselves ("how can our agency get" says "how can we get").
"""

from collections.abc import Mapping, Sequence

_HEDGES = frozenset({"actually", "just", "really", "even", "exactly", "possibly", "basically", "simply", "ever",
                    "please", "pls", "kindly"})


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
        found = self._read(words)
        plain = _as_we([word for word in words if word not in _HEDGES])
        if plain != list(words):
            found |= self._read(plain)
        return frozenset(found)

    def _read(self, words: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for position in range(len(words)):
            for length in self._lengths:
                intents = self._phrases.get(tuple(words[position : position + length]))
                if intents:
                    found |= intents
        return found


_ASKING = frozenset({"do", "does", "can", "could", "would", "should", "did"})
_OWNERS = {"our": "we", "my": "i"}


def _as_we(words: list[str]) -> list[str]:
    """"how can our agency get" reads as "how can we get": an owner and the word it owns, after an
    asking verb and before more words, become the pronoun."""
    out: list[str] = []
    position = 0
    while position < len(words):
        word = words[position]
        if word in _OWNERS and 0 < position < len(words) - 2 and words[position - 1] in _ASKING:
            out.append(_OWNERS[word])
            position += 2
        else:
            out.append(word)
            position += 1
    return out
