"""The shipped content against the seed pages: every question present, anchors by the rule,
policy numbers rendered from policy.yaml."""

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from knowledge import load_knowledge_base
from knowledge.policy import format_value
from tests.knowledge import seed_pages
from tests.knowledge.kb_fixtures import shipped_copy

ENTRY_IDS_DOC = Path(__file__).parents[2] / "docs" / "entry-ids.md"


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base()


def _documented_entries() -> dict[str, tuple[str, str]]:
    """id -> (page column, category) from the table of docs/entry-ids.md."""
    table = ENTRY_IDS_DOC.read_text(encoding="utf-8")
    rows = re.findall(r"^\| ([a-z0-9-]+) \| ([a-z +]+) \| .+ \| ([a-z-]+) \|$", table, re.MULTILINE)
    return {entry_id: (page, category) for entry_id, page, category in rows if entry_id != "id"}


def _rule_anchor(heading: str) -> str:
    """The anchor rule as the seeds' description states it, written independently of knowledge.anchors."""
    kept = "".join(c for c in heading.lower() if c in "abcdefghijklmnopqrstuvwxyz0123456789 -")
    return kept.replace(" ", "-")


def test_every_documented_id_with_its_pages_and_category(kb):
    documented = _documented_entries()
    assert len(kb) == len(documented) == 41
    assert [e.id for e in kb if e.id not in documented] == []
    for entry in kb:
        pages, category = documented[entry.id]
        assert {s.page for s in entry.sources} == set(pages.split(" + ")), entry.id
        assert entry.category.value == category, entry.id


def test_42_sources_each_anchor_made_by_the_rule(kb):
    sources = [source for entry in kb for source in entry.sources]
    assert len(sources) == 42
    for source in sources:
        assert source.anchor == _rule_anchor(source.heading)
        assert source.link == f"{source.url}#{source.anchor}"


@pytest.mark.parametrize(("heading", "anchor"), seed_pages.example_anchors())
def test_the_rule_examples_of_the_seed_description_are_cited(kb, heading, anchor):
    cited = {(s.heading, s.anchor) for entry in kb for s in entry.sources}
    assert (heading, anchor) in cited


def test_the_new_customer_question_cites_both_pages_under_their_own_wording(kb):
    entry = kb.get("coupons-new-customer")
    assert [s.page for s in entry.sources] == ["coupons", "startup"]
    assert entry.sources[0].heading in seed_pages.questions("coupons")
    assert entry.sources[1].heading in seed_pages.questions("startup")
    assert len({s.anchor for s in entry.sources}) == 1
    assert len(set(entry.links)) == 2


def test_pages_carry_canonical_urls_and_dates(kb):
    assert {key: str(page.url) for key, page in kb.pages.items()} == seed_pages.canonical_urls()
    for key, page in kb.pages.items():
        text = (seed_pages.SEEDS / seed_pages.FILES[key]).read_text(encoding="utf-8")
        stated = re.search(r"This page was last modified: (\d{1,2} \w{3} \d{4})", text)
        if stated:
            assert page.last_modified and page.last_modified.strftime("%d %b %Y") == stated.group(1).zfill(11)
        else:
            assert page.last_modified is None


@pytest.mark.parametrize("page", list(seed_pages.FILES))
def test_every_seed_question_of_the_page_is_cited_in_its_own_wording(kb, page):
    cited = {s.heading for entry in kb for s in entry.sources if s.page == page and entry.kind == "question"}
    assert cited == seed_pages.questions(page)


def test_every_coupon_section_is_a_section_entry(kb):
    sections = {e.question for e in kb.on_page("coupons") if e.kind == "section"}
    assert sections == seed_pages.sections("coupons")
    assert len(sections) == 4


def test_entries_follow_page_order(kb):
    for page in seed_pages.FILES:
        text = (seed_pages.SEEDS / seed_pages.FILES[page]).read_text(encoding="utf-8")
        # The last occurrence skips the "On this page" list at the top.
        positions = [text.rindex(e.sources[0].heading) for e in kb.on_page(page) if e.sources[0].page == page]
        assert positions == sorted(positions), page


def test_every_entry_has_phrasings_keywords_and_related(kb):
    for entry in kb:
        assert len(entry.phrasings) >= 8, entry.id
        assert entry.keywords, entry.id
        assert 1 <= len(entry.related) <= 4, entry.id
        assert not [p for p, n in Counter(p.lower() for p in entry.phrasings).items() if n > 1], entry.id


def test_answers_hold_no_placeholder_and_no_dead_link(kb):
    for entry in kb:
        assert "{{" not in entry.answer and "}}" not in entry.answer, entry.id
        assert "(#)" not in entry.answer, entry.id
        assert "\\$" not in entry.answer, entry.id


# (entry, policy path, how the page states the number)
RENDERED = [
    ("cancel-before-end-of-month", "team_plan.base_price_usd", "prorated amount for the ${} base"),
    ("cancel-before-end-of-month", "team_plan.included_mtus", "over the allotted {} at the rates"),
    ("free-trial-paid-plans", "free_plan.mtu_limit", "includes up to {} MTUs"),
    ("free-plan-limit-exceeded", "free_plan_overage.window_months", "once in a {}-month period"),
    ("team-trial-what", "trial.days", "is a {}-day free trial"),
    ("team-trial-what", "team_plan.seats", "{} seats"),
    ("team-trial-payment-info", "trial.days", "after the {}-day trial"),
    ("delete-workspace", "workspace_deletion.grace_days", "workspace {} days after you initiate"),
    ("coupons-non-profits", "non_profit.discount_usd_per_month", "a ${} per month discount"),
    ("coupons-early-stage-startups", "startup_program.credit_usd_per_year", "receive ${} in annual credit"),
    ("startup-program", "startup_program.max_funding_usd", "no more than ${} in total funding"),
    ("startup-program", "startup_program.max_years", "(up to {} years)"),
    ("startup-credits-applied", "startup_program.credit_usd_per_year", "covering up to ${}*"),
]


@pytest.mark.parametrize(("entry_id", "path", "phrase"), RENDERED)
def test_policy_numbers_are_rendered_into_answers(kb, entry_id, path, phrase):
    assert phrase.format(format_value(kb.policy.lookup(path))) in kb.get(entry_id).answer


def test_one_edit_of_policy_yaml_changes_every_answer_that_states_the_number(tmp_path, kb):
    directory = shipped_copy(tmp_path)
    policy_file = directory / "policy.yaml"
    policy = yaml.safe_load(policy_file.read_text(encoding="utf-8"))
    old_days, new_days = policy["workspace_deletion"]["grace_days"], policy["workspace_deletion"]["grace_days"] + 2
    old_price, new_price = policy["team_plan"]["base_price_usd"], policy["team_plan"]["base_price_usd"] + 30
    policy["workspace_deletion"]["grace_days"] = new_days
    policy["team_plan"]["base_price_usd"] = new_price
    policy_file.write_text(yaml.safe_dump(policy), encoding="utf-8")

    changed = load_knowledge_base(directory)
    deletion = changed.get("delete-workspace").answer
    assert f"workspace {new_days} days after" in deletion and f"during the {new_days} days" in deletion
    assert f"{old_days} days" not in deletion
    cancel = changed.get("cancel-before-end-of-month").answer
    assert f"${new_price} base" in cancel and f"${old_price} base" not in cancel
    assert kb.get("delete-workspace").answer != deletion
