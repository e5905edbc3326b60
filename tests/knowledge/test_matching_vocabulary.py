"""The domain vocabulary file: the shipped one loads; broken ones fail naming file and field."""

from pathlib import Path

import pytest

from knowledge.errors import ContentError
from knowledge.matching import Matcher, Vocabulary, load_vocabulary, normalize_message
from knowledge.matching.analyzer import Analyzer, words_of
from tests.knowledge.answers import answered


def test_shipped_vocabulary_loads_with_every_section() -> None:
    vocabulary = load_vocabulary()
    assert vocabulary.synonyms["refund"]
    assert vocabulary.off_topic and vocabulary.out_of_scope_examples
    assert vocabulary.small_talk and vocabulary.stop_words
    assert vocabulary.greetings and vocabulary.acknowledgements


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="file not found") as caught:
        load_vocabulary(tmp_path / "nope.yaml")
    assert caught.value.file.endswith("nope.yaml")


def test_unparsable_yaml_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "vocabulary.yaml"
    path.write_text("synonyms: [unclosed\n", encoding="utf-8")
    with pytest.raises(ContentError, match="not valid YAML"):
        load_vocabulary(path)


def test_a_wrong_type_names_the_field(tmp_path: Path) -> None:
    path = tmp_path / "vocabulary.yaml"
    path.write_text("stop_words: [the, no]\n", encoding="utf-8")  # YAML reads an unquoted no as false
    with pytest.raises(ContentError) as caught:
        load_vocabulary(path)
    assert caught.value.field == "stop_words.1"


def test_unknown_sections_and_blank_phrases_are_rejected(tmp_path: Path) -> None:
    path = tmp_path / "vocabulary.yaml"
    path.write_text("synonyms:\n  refund: ['  ']\n", encoding="utf-8")
    with pytest.raises(ContentError, match="blank phrase"):
        load_vocabulary(path)
    path.write_text("synonym: {}\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_vocabulary(path)
    assert caught.value.field == "synonym"


def test_longer_phrases_win_over_their_words() -> None:
    vocabulary = Vocabulary(synonyms={"payment information": ("card", "credit card"), "credit": ("credits",)})
    analyzer = Analyzer(vocabulary)
    assert analyzer.analyze("my credit card").terms == ("my", "payment", "inform")
    assert analyzer.analyze("our credits").terms == ("our", "credit")


def test_phrases_match_inflected_forms_and_stop_words_go_after() -> None:
    vocabulary = Vocabulary(synonyms={"delete": ("shut down",)}, stop_words=("we", "are", "the", "down"))
    analysis = Analyzer(vocabulary).analyze("we are shutting down the workspaces")
    assert analysis.terms == ("delet", "workspac")


def test_off_topic_and_small_talk_are_counted_not_matched() -> None:
    vocabulary = Vocabulary(off_topic=("analytics.js",), small_talk=("thanks", "good morning"))
    analysis = Analyzer(vocabulary).analyze("good morning, thanks! analytics.js install")
    assert analysis.off_topic == ("analytics.js",)
    assert analysis.small_talk == 3
    assert analysis.terms == ("instal",)


def test_greetings_small_talk_and_acknowledgements_are_told_apart() -> None:
    vocabulary = Vocabulary(
        greetings=("hi team",), small_talk=("thanks",), acknowledgements=("that worked",), stop_words=("that",)
    )
    analysis = Analyzer(vocabulary).analyze("hi team thanks that worked")
    assert (analysis.greetings, analysis.small_talk, analysis.acknowledgements) == (2, 1, 2)
    assert analysis.terms == ("work",)          # an acknowledgement's words still match
    assert analysis.acknowledgement_terms == 1
    assert analysis.said == ()
    assert analysis.opening == "small_talk"     # greetings are skipped to find what a message opens with


def test_negation_covers_words_joined_by_or() -> None:
    vocabulary = Vocabulary(stop_words=("we", "are", "a", "just", "company"))
    analysis = Analyzer(vocabulary).analyze("we are not a startup or a nonprofit, just a company")
    assert analysis.terms == ()


@pytest.fixture(scope="module")
def shipped() -> Analyzer:
    return Analyzer(load_vocabulary())


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("account = workspace?", "differ"),            # an equals sign compares
        ("account vs workspace", "differ"),
        ("is my login the same thing as a workspace", "differ"),
        ("is the trial only for people who just signed up", "custom"),  # -> new customer
        ("any discount for young startups", "earli"),    # -> early stage startup
        ("do i have to email someone about it", "contact"),  # a way to ask, not an address
        ("can't tell if the promo is applied", "view"),
        ("the 2wk trial", "two"),                          # chat shorthand
        ("is my acct locked", "account"),
        ("can we get a copy of the invoice", "download"),  # an invoice copy is a download, not a refund
        ("what do we get out of it", "definit"),            # not "get out of" a contract
        ("if we quit before the period is over", "cancel"),
        ("we will overshoot the startup credit", "exceed"),
        ("how do 'account' and 'workspace' map onto that", "differ"),
        ("we claimed the old domain for SSO", "domain"),   # the page's own case: SSO is no other subject
        ("move it to the new company space", "workspac"),   # the words of someone who did not set it up
        ("our website's data connection", "sourc"),
        ("put us on a cheaper tier", "downgrad"),
        ("do graduates get anything off", "discount"),
    ],
)
def test_shipped_vocabulary_maps_general_customer_wording(shipped: Analyzer, text: str, term: str) -> None:
    assert term in shipped.analyze(text).terms


@pytest.mark.parametrize(
    "text",
    ["change the timezone of our workspace", "update the billing email", "cancel my mixpanel subscription"],
)
def test_subjects_no_entry_covers_are_off_topic(shipped: Analyzer, text: str) -> None:
    assert shipped.analyze(text).off_topic


def test_an_email_address_to_change_is_still_an_email(shipped: Analyzer) -> None:
    terms = shipped.analyze("how do I change the email on my login").terms
    assert "email" in terms and "contact" not in terms


def test_whats_means_a_definition_only_before_its_subject(shipped: Analyzer) -> None:
    assert "definit" in shipped.analyze("what's the team trial").terms
    assert "definit" not in shipped.analyze("team trial, what steps").terms  # "what" alone asks no definition


def test_a_tax_id_is_not_sales_tax(shipped: Analyzer) -> None:
    terms = shipped.analyze("can the invoice show our VAT ID").terms
    assert "vat" in terms and "sale" not in terms
    assert "sale" in shipped.analyze("do you charge VAT").terms


def test_no_off_topic_phrase_occurs_in_the_shipped_entries() -> None:
    """An off-topic phrase the knowledge base itself says ("deletion request" in the answer on
    deleting a workspace) would mark in-scope questions off-topic and sink their confidence."""
    from knowledge.loader import load_knowledge_base

    analyzer = Analyzer(load_vocabulary())
    found = {
        (entry.id, phrase)
        for entry in load_knowledge_base().entries
        for text in (entry.question, entry.answer, *entry.phrasings, *entry.keywords)
        for phrase in analyzer.analyze(text, correct_typos=False).off_topic
    }
    # The domain answer names single sign-on only to say a domain claim serves it: SSO questions
    # stay out of scope.
    assert found == {("change-domain-name", "single sign on")}


def test_an_email_address_reads_as_an_email_address_not_as_its_words(shipped: Analyzer) -> None:
    terms = shipped.analyze("move my login to ap-team@acme.com").terms
    assert "email" in terms
    assert "team" not in terms and "acm" not in terms  # "team" would count for the Team plan


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("quiero borrar mi cuenta", "delet"),
        ("wie kann ich einen Gutschein einlösen", "coupon"),
        ("will you charge MwSt on the invoice", "sale"),
        ("we would like a Rückerstattung", "refund"),   # accents dropped as in the message
        ("キャンセル please", "cancel"),                  # marks dropped from kana too
        ("espace de travail", "workspac"),
    ],
)
def test_words_kept_from_another_language_map_to_the_key_terms(shipped: Analyzer, text: str, term: str) -> None:
    assert term in shipped.analyze(normalize_message(text)).terms


def test_a_foreign_word_never_maps_through_an_entry_word() -> None:
    """"taxe" stems to "tax": as a translation of sales tax it would turn the entries' own "tax"
    (and every "tax form") into sales tax. A one-word translation may share its stem with a word
    of the entries only when that word already stands for the same term."""
    from knowledge.loader import load_knowledge_base

    vocabulary = load_vocabulary()
    stem = Analyzer(Vocabulary())._stem
    entry_stems = {stem(word) for entry in load_knowledge_base().entries for text in (entry.question, entry.answer, *entry.phrasings)
                   for word in words_of(normalize_message(text))}
    clashes = []
    for canonical, phrases in vocabulary.translations.items():
        # Harmless only when that word already stands alone for the same term ("domaine" -> domain).
        same_term = {stem(words[0]) for phrase in (canonical, *vocabulary.synonyms.get(canonical, ()))
                     if len(words := words_of(phrase)) == 1}
        for phrase in phrases:
            words = words_of(normalize_message(phrase))
            if len(words) == 1 and stem(words[0]) in entry_stems - same_term:
                clashes.append(phrase)
    assert not clashes


@pytest.mark.parametrize("text", ["gracias!", "Hola equipo", "happy friday :tada:", "merci beaucoup", "danke schön"])
def test_greetings_and_thanks_in_other_languages_are_social(shipped: Analyzer, text: str) -> None:
    analysis = shipped.analyze(normalize_message(text))
    assert not analysis.terms and analysis.small_talk + analysis.greetings > 0


def test_who_a_question_is_asked_for_is_set_aside_word_for_word(shipped: Analyzer) -> None:
    relayed = shipped.analyze("our accountant and the CFO want to know if the finance team gets a refund")
    assert relayed.terms == ("refund",)  # not "account" (a stem of "accountant") nor "team" (the Team plan)
    assert "cfo" not in relayed.said and "refund" in relayed.said
    assert "account" in shipped.analyze("can our accountant delete the account").terms  # the subject stays
    assert "manag" in shipped.analyze("ask your program manager").terms  # a subject, not an asker


def test_askers_are_set_aside_without_touching_what_a_message_opens_with() -> None:
    analyzer = Analyzer(Vocabulary(askers=("my boss",), small_talk=("thanks",)))
    assert analyzer.analyze("my boss says thanks").opening is None
    assert analyzer.analyze("thanks from my boss").opening == "small_talk"
    assert analyzer.analyze("my boss").terms == () and analyzer.analyze("my boss").said == ()


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("are there any promos going on rn", ("promot",)),   # chat shorthand carries no subject
        ("ngl we wanna bail early tbh", ("cancel",)),
        ("if that'll work, we'd kill the plan", ("work", "cancel")),  # kill a plan: cancel, not delete
    ],
)
def test_chat_shorthand_and_contractions_leave_only_the_subject(shipped: Analyzer, text: str, terms: tuple) -> None:
    assert shipped.analyze(text).terms == terms


def test_what_are_the_steps_asks_how_not_what(shipped: Analyzer) -> None:
    assert "definit" not in shipped.analyze("what are the steps to delete a workspace").terms
    assert "definit" in shipped.analyze("what are startup credits").terms


@pytest.mark.parametrize(
    "text",
    ["can stripe refund a duplicate charge", "cancel our google workspace subscription", "does segment accept crypto",
     "are you hiring in dublin", "can invoices be emailed to finance"],
)
def test_other_vendors_and_billing_subjects_the_pages_skip_are_off_topic(shipped: Analyzer, text: str) -> None:
    assert shipped.analyze(text).off_topic


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        # the framing of a formal request carries no subject
        ("I would be grateful if you could kindly advise regarding a refund", ("refund",)),
        ("pertaining to the refund, we would be obliged for clarification", ("refund",)),
        # a greeting that names the team is a greeting, not the Team plan
        ("Dear team, kindly do the needful on the refund", ("refund",)),
        ("respected sir, refund pls. Warm regards", ("refund",)),
    ],
)
def test_formal_framing_and_greetings_leave_only_the_subject(shipped: Analyzer, text: str, terms: tuple) -> None:
    assert shipped.analyze(normalize_message(text)).terms == terms


def test_a_domain_claimed_for_sso_is_not_off_topic(shipped: Analyzer) -> None:
    assert not shipped.analyze("we claimed the old domain for SSO").off_topic
    assert shipped.analyze("how do we set up SSO").off_topic


@pytest.mark.parametrize(
    "text",
    ["bumping this", "any update??", "Hi team, any update on ticket #48213?", "are you a bot?",
     "are u a bot or a real person lol", "hey are you a bot or a human person?"],
)
def test_chasing_a_thread_or_asking_about_the_bot_is_not_matched(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).decision.value == "escalate"


@pytest.mark.parametrize(
    "text",
    ["someone flagged our login as suspicious and blocked it, please unblock",
     "could you explain each line item on this month's invoice",
     "our tracking plan should block events with bad names, how", "is the SLA on uptime guaranteed"],
)
def test_questions_in_billing_words_that_no_page_answers_are_handed_over(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).decision.value == "escalate"


@pytest.mark.parametrize("text", ["can you recommend a cheaper CDP than segment", "what are the alternatives to Segment"])
def test_looking_for_another_product_is_off_topic(shipped: Analyzer, text: str) -> None:
    assert shipped.analyze(text).off_topic


@pytest.mark.parametrize(
    ("text", "aim"),
    [("what do we actually get during the team trial", "contents"), ("what's included in the trial", "contents"),
     ("how do we get the team trial", "obtain")],
)
def test_asking_what_comes_with_something_is_its_own_aim(shipped: Analyzer, text: str, aim: str) -> None:
    assert shipped.analyze(text).intents == {aim}


@pytest.mark.parametrize("text", ["thanks, appreciate you trying :pray:", "thanks for trying!", "appreciate you looking"])
def test_thanking_someone_for_trying_is_small_talk(matcher: Matcher, text: str) -> None:
    # "trying" alone is the trial's word; after thanks, it is part of the thanks
    assert matcher.match(text).small_talk


@pytest.mark.parametrize(
    "text",
    ["could we pause our subscription for two months over the holidays?",
     "our card bounced, how long is the grace period before you switch us off"],
)
def test_billing_arrangements_the_pages_do_not_cover_are_handed_over(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).decision.value == "escalate"


@pytest.mark.parametrize("text", ["where do I look for our startup credits", "I want to double check our coupon"])
def test_where_to_look_is_asking_to_view(shipped: Analyzer, text: str) -> None:
    assert "view" in shipped.analyze(normalize_message(text)).intents


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [("hi, we wanna cansel the team plan midle of the month, do we still pay the hole month?", "cancel-before-end-of-month"),
     ("is there a cheeper plan, we want to downgrayd from team", "change-plan"),
     ("where do i enter a promocode for our workspace", "coupons-redeem"),
     ("whats the diffrence betwen an acount and a workspace", "account-vs-workspace")],
)
def test_misspelt_questions_are_answered(matcher: Matcher, text: str, entry_id: str) -> None:
    assert answered(matcher.match(text)) == entry_id


@pytest.mark.parametrize(
    ("text", "aim"),
    [("how do we actually claim the startup credits", "obtain"),
     ("how can our agency get the team trial", "obtain"),
     ("where can my team see the coupon", "view"),
     ("where can I just see the coupon", "view")],
)
def test_hedges_and_the_askers_own_name_do_not_hide_an_aim(shipped: Analyzer, text: str, aim: str) -> None:
    assert aim in shipped.analyze(text).intents


def test_an_aim_still_needs_its_words(shipped: Analyzer) -> None:
    assert not shipped.analyze("how our agency got the team trial").intents
