"""Turn a raw Slack message into plain text for matching.

Markup becomes the text a reader sees, except what only addresses someone or somewhere
(mentions, channel links, bare URLs), which carries no question. The work is bounded: the raw
input is cut before any pattern runs, the cleaned text is cut again at ``max_chars``.
"""

import html
import re
import unicodedata

MAX_CHARS = 2_000
_RAW_FACTOR = 3  # raw text kept before cleaning: markup and entities shrink, so keep some slack

_SLACK_TOKEN = re.compile(r"<([^<>\n]{1,1000})>")
_EMOJI_CODE = re.compile(r":(?=[^:\s]*[a-z+])[a-z0-9_+\-']{1,60}:")
_SPACES = re.compile(r"\s+")
_ASCII_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")
_LINE_BREAK = re.compile(r"\r\n?|[\n\x0b\x0c\x85\u2028\u2029]")

# Quotes and dashes that NFKC leaves alone.
_PUNCTUATION = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    }
)

# Cyrillic and Greek letters that look like Latin ones: "rеfund" typed with a Cyrillic "е" is
# still "refund". Applied only to words that also contain Latin letters.
_LOOKALIKES = str.maketrans(
    {
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j",
        "ѕ": "s", "к": "k", "м": "m", "т": "t", "н": "h", "в": "b",
        "α": "a", "ε": "e", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "ι": "i", "κ": "k", "ν": "v",
    }
)
_WORD = re.compile(r"\w+")
_LATIN = re.compile(r"[a-z]")


def normalize_message(text: str, max_chars: int = MAX_CHARS) -> str:
    """Plain, single-spaced text of a Slack message, at most ``max_chars`` long."""
    if not isinstance(text, str):
        return ""
    text = text[: max_chars * _RAW_FACTOR]
    text = _SLACK_TOKEN.sub(_render_slack_token, text)
    text = html.unescape(text)
    text = unicodedata.normalize("NFKC", text).lower()
    text = _EMOJI_CODE.sub(" ", text)
    text = _strip_marks_and_controls(text.translate(_PUNCTUATION))
    if not text.isascii():
        text = _WORD.sub(_unmix_scripts, text)
    text = _SPACES.sub(" ", text).strip()
    return _cut(text, max_chars)


def normalize_lines(text: str, max_chars: int = MAX_CHARS) -> list[str]:
    """The message's non-empty lines, each normalised, together at most ``max_chars`` long.

    A line break ends a thought as a full stop does: Slack messages often have no other mark
    between a greeting, some context and the question. Markup never spans lines, so cleaning
    line by line reads it as the whole message would.
    """
    if not isinstance(text, str):
        return []
    lines: list[str] = []
    budget = max_chars
    for raw in _LINE_BREAK.split(text[: max_chars * _RAW_FACTOR]):
        if not raw or raw.isspace():
            continue
        line = normalize_message(raw, max_chars=max_chars)
        full = len(line) > budget
        if full:  # the last line, of which what fits: cut at a word, never inside one
            line = _cut(line, budget) if not lines else line[: line.rfind(" ", 0, budget + 1) + 1].rstrip()
        if line:
            lines.append(line)
            budget -= len(line) + 1
        if full or budget <= 0:
            break
    return lines


def _render_slack_token(match: re.Match[str]) -> str:
    body = match.group(1)
    if body[:1] in "@#!":  # <@U123>, <#C1|name>, <!here>, <!subteam^S1|@team>
        return " "
    target, _, label = body.partition("|")
    if label:
        return f" {label} "
    if "://" in target or target.startswith("mailto:"):
        return " "  # a bare link shows only the address: nothing to match on
    return f" {body} "  # not markup after all: someone typed "<something>"


def _strip_marks_and_controls(text: str) -> str:
    """Drop accents (combining marks), control and format characters and symbols such as emoji."""
    if text.isascii():
        return _ASCII_CONTROLS.sub(" ", text)
    decomposed = unicodedata.normalize("NFKD", text)
    kept = []
    for char in decomposed:
        category = unicodedata.category(char)
        if category == "Mn":
            continue
        if category[0] == "C" or category in ("So", "Sk", "Zl", "Zp"):
            kept.append(" ")
        else:
            kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


def _unmix_scripts(match: re.Match[str]) -> str:
    word = match.group(0)
    if word.isascii() or not _LATIN.search(word):
        return word
    return word.translate(_LOOKALIKES)


def _cut(text: str, max_chars: int) -> str:
    if len(text) <= max_chars:
        return text
    cut = text[:max_chars]
    space = cut.rfind(" ")
    return cut[:space] if space > max_chars // 2 else cut
