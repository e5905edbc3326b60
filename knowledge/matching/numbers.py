"""Numbers said in words: "a thousand MTUs", "twenty five thousand dollars", "one hundred and twenty".

Dictated messages spell numbers out; the knowledge base writes them in digits ("1000 MTUs", the
$25,000 credit), so a run of number words is read as the digits it says. A lone small number
("this one", "two sources") stays a word: it is more often a pronoun or a count the phrasings
also spell out ("two weeks").
"""

from collections.abc import Sequence

_UNITS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen".split()
    )
}
_TENS = {word: 10 * value for value, word in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}
_NUMBER_WORDS = _UNITS.keys() | _TENS.keys() | _SCALES.keys()
_SMALLEST_ALONE = 10  # a single word below this stays a word


def spell_numbers(words: Sequence[str]) -> list[str]:
    """``words`` with each run of number words replaced by its value in digits."""
    read: list[str] = []
    position = 0
    while position < len(words):
        end, value = _number_at(words, position)
        if end > position:
            read.append(str(value))
            position = end
        else:
            read.append(words[position])
            position += 1
    return read


def _number_at(words: Sequence[str], start: int) -> tuple[int, int]:
    """End and value of the number said from ``start``; ``start`` itself when none is."""
    position = start
    # "a thousand", "a hundred and twenty": "a" counts only before a scale word.
    if words[position] == "a" and position + 1 < len(words) and words[position + 1] in _SCALES:
        position += 1
    total = current = 0
    used: list[str] = []
    while position < len(words):
        word = words[position]
        # "and" only continues after a scale ("one hundred and twenty"): "one and two" are two numbers.
        if word == "and" and used and used[-1] in _SCALES and position + 1 < len(words) and (
            words[position + 1] in _UNITS or words[position + 1] in _TENS
        ):
            position += 1
            continue
        if word not in _NUMBER_WORDS:
            break
        if word in _SCALES:
            scale = _SCALES[word]
            if scale == 100:
                current = max(current, 1) * 100
            else:
                total += max(current, 1) * scale
                current = 0
        else:
            current += _UNITS.get(word, 0) + _TENS.get(word, 0)
        used.append(word)
        position += 1
    value = total + current
    if not used or (len(used) == 1 and words[start] != "a" and value < _SMALLEST_ALONE):
        return start, 0
    return position, value
