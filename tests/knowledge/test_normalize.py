"""Slack markup, entities, unicode and length: what the matcher reads of a raw message."""

import pytest

from knowledge.matching.normalize import MAX_CHARS, normalize_lines, normalize_message


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("hey <@U123ABC> refund?", "hey refund?"),
        ("<@U123|alice> hi", "hi"),
        ("see <#C1|billing-help> please", "see please"),
        ("<!here> <!channel> <!subteam^S1|@support> refund", "refund"),
        ("read <https://example.com/pricing|the pricing page> first", "read the pricing page first"),
        ("look at <https://example.com/x> now", "look at now"),
        ("mail <mailto:tax@segment.com|tax@segment.com>", "mail tax@segment.com"),
        ("a <not markup> b", "a not markup b"),
    ],
)
def test_slack_markup_becomes_what_a_reader_sees(raw: str, expected: str) -> None:
    assert normalize_message(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("thanks :pray: :+1::skin-tone-2:", "thanks"),
        (":money_with_wings: refund", "refund"),
        ("meet at 10:30:00", "meet at 10:30:00"),
        ("refund 💸😀", "refund"),
    ],
)
def test_emoji_codes_and_symbols_are_dropped(raw: str, expected: str) -> None:
    assert normalize_message(raw) == expected


def test_html_entities_are_decoded() -> None:
    assert normalize_message("tax &amp; VAT &lt;invoice&gt;") == "tax & vat <invoice>"


def test_unicode_is_folded_quotes_straightened_accents_dropped() -> None:
    assert normalize_message("ＦＵＬＬ width “quoted” it’s café — ok") == "full width \"quoted\" it's cafe - ok"


def test_control_and_zero_width_characters_become_spaces() -> None:
    assert normalize_message("re\u200bfund\x00now\x07\r\nplease\ttoo") == "re fund now please too"


def test_latin_lookalike_letters_inside_latin_words_are_unmixed() -> None:
    assert normalize_message("rеfund") == "refund"  # the "е" is Cyrillic


def test_words_of_other_scripts_are_kept_as_they_are() -> None:
    assert normalize_message("привет 你好 refund") == "привет 你好 refund"


def test_length_is_capped_at_a_word_boundary() -> None:
    text = normalize_message("refund please " * 3_000)
    assert len(text) <= MAX_CHARS
    assert text.endswith(("refund", "please"))


def test_cap_is_configurable() -> None:
    assert normalize_message("one two three four", max_chars=9) == "one two"


@pytest.mark.parametrize("raw", ["", "   \n\t", ":smile: :tada:", "<@U1> <#C2|x> <https://a.example>", "\x00\x01"])
def test_nothing_left_is_an_empty_string(raw: str) -> None:
    assert normalize_message(raw) == ""


def test_non_text_input_is_empty() -> None:
    assert normalize_message(None) == ""  # type: ignore[arg-type]


def test_lines_are_normalised_one_by_one_and_empty_ones_dropped() -> None:
    raw = "hey <@U1> :wave:\r\n\n  we're on the *Team* plan  \n<https://x.example|see here>\u2028refund?"
    assert normalize_lines(raw) == ["hey", "we're on the *team* plan", "see here", "refund?"]


def test_lines_share_the_length_cap() -> None:
    lines = normalize_lines("refund please\n" * 3_000)
    assert sum(len(line) + 1 for line in lines) <= MAX_CHARS + 1
    assert len(lines) > 100
    assert all(line == "refund please" for line in lines[:-1])
    assert lines[-1] in ("refund", "refund please")  # the last one is cut at a word


@pytest.mark.parametrize("raw", ["", "\n\n\r\n", ":smile:\n<@U1>", None])
def test_no_lines_when_nothing_is_left(raw: str) -> None:
    assert normalize_lines(raw) == []
