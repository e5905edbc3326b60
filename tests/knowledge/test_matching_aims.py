"""Aims: sibling entries share a subject and differ in what the asker wants to do ("how do I
get the trial" / "what is the trial"); the words of the aim decide between them, and when they
cannot, both are offered."""

import pytest

from knowledge.loader import load_knowledge_base
from knowledge.matching import Decision, Matcher, MatcherConfig, load_vocabulary
from knowledge.matching.aims import message_aims, weigh_aims
from knowledge.matching.analyzer import Analyzer
from knowledge.matching.intents import IntentReader
from knowledge.matching.query import WeightedAnalysis, build_query
from knowledge.matching.scoring import score_entries
from tests.knowledge.answers import answered


def test_intent_phrases_are_read_anywhere_and_leave_the_words_alone() -> None:
    reader = IntentReader({"obtain": [["how", "do", "i", "get"], ["steps"]], "view": [["where", "can", "i", "see"]]})
    assert reader.read("ok so how do i get it".split()) == {"obtain"}
    assert reader.read("what are the steps and where can i see it".split()) == {"obtain", "view"}
    assert reader.read("what is it".split()) == frozenset()


@pytest.mark.parametrize(
    ("text", "intents"),
    [
        ("what steps do we follow to start the trial", {"obtain"}),
        ("where can I see our credits", {"view"}),
        ("can we be exempt", {"eligibility"}),
        ("we still pay tax", {"persisting"}),
        ("I changed my mind about it", {"revoke"}),
        ("what is the trial", set()),
    ],
)
def test_the_shipped_vocabulary_names_the_aims(text: str, intents: set[str]) -> None:
    assert Analyzer(load_vocabulary()).analyze(text).intents == intents


def test_entries_lacking_the_aim_lose_score_and_the_best_score_stays(matcher: Matcher) -> None:
    index = matcher._index
    analysis = index.analyzer.analyze("what steps get us the team trial")
    parts = (WeightedAnalysis(analysis),)
    before = score_entries(index, build_query(index, parts), matcher.config).entries
    after = weigh_aims(index, before, message_aims(parts), matcher.config)
    ids = [index.entries[entry.index].id for entry in after]
    assert ids.index("team-trial-how-to-get") < ids.index("team-trial-what")
    assert after[0].score <= before[0].score
    assert weigh_aims(index, before, {}, matcher.config) == list(before)


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [
        ("team trial: the steps please", "team-trial-how-to-get"),
        ("can our university be exempt from sales tax?", "tax-exemption-qualify"),
        ("what does the team trial include", "team-trial-what"),
        ("changed my mind on the workspace deletion, can we take it back?", "delete-workspace"),
        ("our workspace was deleted last month, any way to restore it?", "recover-deleted-source-or-workspace"),
    ],
)
def test_the_aim_picks_the_sibling(matcher: Matcher, text: str, entry_id: str) -> None:
    assert answered(matcher.match(text)) == entry_id


@pytest.mark.parametrize("text", ["team trial, how do we go about it?", "team trial, how do we get it?"])
def test_without_aims_the_subject_words_alone_cannot_decide(text: str) -> None:
    # The rules alone: the learned reader (classifier) has seen such questions and would settle them.
    blind = Matcher(load_knowledge_base(), config=MatcherConfig(intent_weight=0.0), classifier=None).match(text)
    assert blind.decision is Decision.CLARIFY
    offered = {candidate.entry.id for candidate in blind.candidates[: blind.choice_count]}
    assert {"team-trial-what", "team-trial-how-to-get"} <= offered
