"""Salient unknowns: words of the question that no entry uses and that are not common English
("W-9") make an answer less sure; everyday words no entry uses ("yesterday", "finance") do not."""

from pathlib import Path

import pytest

from knowledge.errors import ContentError
from knowledge.loader import load_knowledge_base
from knowledge.matching import Matcher, MatcherConfig
from knowledge.matching.analyzer import words_of
from knowledge.matching.common_words import default_common_words_path, load_common_words
from tests.knowledge.answers import answered


def test_the_shipped_list_holds_everyday_words_and_not_codes() -> None:
    common = load_common_words()
    assert len(common) >= 30_000
    assert {"yesterday", "anywhere", "finance", "team", "vendor"} <= common
    assert not {"w9", "okta", "zendesk"} & common


def test_the_shipped_list_names_its_source_and_license() -> None:
    head = default_common_words_path().read_text(encoding="utf-8")[:1_000]
    assert "wordfreq" in head and "CC-BY-SA 4.0" in head


def test_a_list_file_is_read_without_its_comments(tmp_path: Path) -> None:
    path = tmp_path / "words.txt"
    path.write_text("# a comment\nalpha\n\nbeta\n", encoding="utf-8")
    assert load_common_words(path) == frozenset({"alpha", "beta"})


def test_a_missing_list_file_is_a_content_error(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="file not found"):
        load_common_words(tmp_path / "nowhere.txt")


@pytest.mark.parametrize(("text", "words"), [("a W-9 form", ["a", "w9", "form"]), ("the i-9", ["the", "i9"]),
                                            ("a 2-week trial", ["a", "2", "week", "trial"])])
def test_a_letter_and_number_joined_by_a_hyphen_are_one_code(text: str, words: list[str]) -> None:
    assert words_of(text) == words


@pytest.mark.parametrize(
    ("text", "salient"),
    [
        ("we need a W-9 before we can get the team trial", ("w9",)),
        ("can the refund show up in zuora?", ("zuora",)),
        ("we got chargd, is there a way to get our mony back", ()),        # a misspelt everyday word
        ("can the refund show up in netsuite?", ()),                         # a vendor: off-topic, not unknown
        ("yesterday our finance team asked about the refund policy", ()),   # everyday words
        ("we went over 10k MTUs in 2024, what now?", ()),                   # numbers are no words
        ("before Q2 we want the team trial, then FY25 budget", ()),          # periods are no subject
        ("apply this promo: SEGMENT25", ()),                                 # a code is no subject
        ("does the team trial include S3 syncs", ("s3",)),                  # a product is one
        ("we spent all the startup credit in October. what about November's bill?", ()),  # "novembers"
        ("can the refund show up in zuora's portal?", ("zuora",)),          # a rare word's possessive stays rare
    ],
)
def test_salient_unknowns_are_rare_words_no_entry_uses(matcher: Matcher, text: str, salient: tuple[str, ...]) -> None:
    trace = matcher.trace(text)
    assert trace.chosen is not None
    assert trace.chosen.salient == salient


def test_a_salient_unknown_lowers_confidence_and_an_everyday_word_does_not(matcher: Matcher) -> None:
    plain = matcher.match("how do we get the team trial for our vendor?").confidence
    rare = matcher.match("how do we get the team trial for our W-9?").confidence
    assert rare < plain
    off = Matcher(load_knowledge_base(), config=MatcherConfig(salient_share=0.0))
    assert off.match("how do we get the team trial for our W-9?").confidence > rare


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [
        ("Quiero borrar mi cuenta. steps please", "delete-account"),         # Spanish words are no subject
        ("Supprimer l'espace de travail, where is this setting?", "delete-workspace"),  # elision split
        ("hola! do you give back the payment? we want a reembolso", "refunds"),
    ],
)
def test_words_of_another_language_are_read_not_taken_for_an_unknown_subject(
    matcher: Matcher, text: str, entry_id: str
) -> None:
    trace = matcher.trace(text)
    assert trace.chosen is not None and trace.chosen.salient == ()
    assert answered(trace.result) == entry_id
