"""The content check: one temporary content directory per kind of finding."""

from pathlib import Path

import pytest

from knowledge.check import FindingKind, Severity, check_knowledge_base
from tests.knowledge.kb_fixtures import broken_copy, content_dir, entry, write_page


def _kinds(report) -> list[FindingKind]:
    return [finding.kind for finding in report.findings]


def test_the_shipped_content_has_no_errors():
    report = check_knowledge_base()
    assert report.entry_count == 41
    assert report.errors == []
    assert report.ok


def test_clean_content_has_no_findings(tmp_path):
    directory = content_dir(
        tmp_path,
        {
            "faq": [
                entry("refunds", "Do you offer refunds?", phrasings=["can I get my money back"], related=["cancel"]),
                entry("cancel", "How do I cancel?", phrasings=["end my subscription"], related=["refunds"]),
            ]
        },
    )
    report = check_knowledge_base(directory)
    assert report.findings == ()
    assert (report.entry_count, report.ok, report.directory) == (2, True, str(directory))


def test_a_load_error_is_one_error_naming_file_entry_and_field(tmp_path):
    directory, path = broken_copy(tmp_path, "bad_category.yaml")
    report = check_knowledge_base(directory)
    assert not report.ok
    [finding] = report.findings
    assert (finding.kind, finding.severity) == (FindingKind.CONTENT_ERROR, Severity.ERROR)
    assert (Path(finding.file), finding.entry, finding.field) == (path, "refund-policy", "category")


def test_entries_are_attributed_to_files_as_the_loader_parses_them(tmp_path):
    directory = content_dir(tmp_path, {})
    (directory / "flow.yaml").write_text(
        "page: {key: faq, title: FAQ, url: 'https://example.com/faq/'}\n"
        "entries: [{id: why, question: Why now?, category: refunds, answer: Because it is time., related: [why]}]\n",
        encoding="utf-8",
    )
    [finding] = check_knowledge_base(directory).findings
    assert (finding.kind, finding.entry) == (FindingKind.SELF_RELATED, "why")
    assert finding.file == str(directory / "flow.yaml")


def test_a_missing_directory_is_reported_not_raised(tmp_path):
    report = check_knowledge_base(tmp_path / "nowhere")
    assert _kinds(report) == [FindingKind.CONTENT_ERROR]


def test_duplicate_ids_name_both_files(tmp_path):
    directory = content_dir(tmp_path, {"billing": [entry("refunds", "Do you offer refunds?")]})
    second = write_page(directory, "terms", [entry("other", "Is there a contract?"), entry("refunds", "Refunds?")])
    report = check_knowledge_base(directory)
    [finding] = report.findings
    assert (finding.kind, finding.severity, finding.entry, finding.field) == (
        FindingKind.DUPLICATE_ID,
        Severity.ERROR,
        "refunds",
        "id",
    )
    assert finding.file == str(second)
    assert str(directory / "billing.yaml") in finding.message


def test_duplicate_ids_are_reported_even_when_loading_fails(tmp_path):
    directory, _ = broken_copy(tmp_path, "bad_kind.yaml")
    write_page(directory, "other", [entry("refund-policy", "Refund policy?")])
    assert sorted(_kinds(check_knowledge_base(directory))) == [FindingKind.CONTENT_ERROR, FindingKind.DUPLICATE_ID]


def test_broken_and_self_related_links(tmp_path):
    directory = content_dir(
        tmp_path,
        {
            "faq": [
                entry("refunds", "Do you offer refunds?", related=["refunds", "money-back", "cancel"]),
                entry("cancel", "How do I cancel?"),
            ]
        },
    )
    report = check_knowledge_base(directory)
    assert _kinds(report) == [FindingKind.SELF_RELATED, FindingKind.BROKEN_RELATED]
    assert all(f.severity is Severity.ERROR and f.entry == "refunds" and f.field == "related" for f in report.findings)
    assert "'money-back'" in report.findings[1].message


def test_missing_sources(tmp_path):
    directory = content_dir(tmp_path, {"other": [entry("elsewhere", "Somewhere else?")]})
    write_page(
        directory,
        "faq",
        [
            entry("empty-list", "Do you offer refunds?", sources=[]),
            entry("no-anchor", "Why?", sources=[{"page": "faq", "heading": "???"}]),
            entry("foreign", "Who may apply?", sources=[{"page": "other", "heading": "Who may apply?"}]),
        ],
    )
    report = check_knowledge_base(directory)
    assert _kinds(report) == [FindingKind.MISSING_SOURCE] * 3
    assert [f.entry for f in report.findings] == ["empty-list", "no-anchor", "foreign"]
    assert all(f.severity is Severity.ERROR and f.field == "sources" for f in report.findings)
    assert "'faq'" in report.findings[2].message


def test_two_entries_citing_the_same_anchor_of_a_page(tmp_path):
    directory = content_dir(
        tmp_path,
        {"faq": [entry("pay-later", "Can I pay later?"), entry("pay-later-again", "Can I pay “later”")]},
    )
    [finding] = check_knowledge_base(directory).errors
    assert (finding.kind, finding.entry) == (FindingKind.DUPLICATE_ANCHOR, "pay-later-again")
    assert "#can-i-pay-later" in finding.message and "'pay-later'" in finding.message


def test_the_same_anchor_on_two_different_pages_is_fine(tmp_path):
    directory = content_dir(
        tmp_path, {"one": [entry("first", "Can I pay later?")], "two": [entry("second", "Can I pay later?")]}
    )
    assert FindingKind.DUPLICATE_ANCHOR not in _kinds(check_knowledge_base(directory))


@pytest.mark.parametrize("answer", ["Costs {{ policy.Team.price }} a month.", "Costs {{price}}.", "Ends }} here."])
def test_unrendered_placeholders_in_answers(tmp_path, answer):
    directory = content_dir(tmp_path, {"faq": [entry("price", "What does it cost?", answer=answer)]})
    [finding] = check_knowledge_base(directory).findings
    assert (finding.kind, finding.severity) == (FindingKind.UNRENDERED_PLACEHOLDER, Severity.ERROR)
    assert finding.field == "answer"


def test_rendered_policy_references_are_not_placeholders(tmp_path):
    answer = "The Team plan costs ${{ policy.team_plan.base_price_usd }} a month."
    directory = content_dir(tmp_path, {"faq": [entry("price", "What does it cost?", answer=answer)]})
    assert check_knowledge_base(directory).findings == ()


def test_near_duplicate_phrasings_across_entries_are_warnings_naming_both(tmp_path):
    directory = content_dir(
        tmp_path,
        {
            "faq": [
                entry("refunds", "Do you offer refunds?", phrasings=["refund policy please"]),
                entry("refund-terms", "What are the terms?", phrasings=["please, refund policy?"]),
            ]
        },
    )
    report = check_knowledge_base(directory)
    [finding] = report.findings
    assert (finding.kind, finding.severity, finding.entry) == (FindingKind.NEAR_DUPLICATE, Severity.WARNING, "refunds")
    assert "'refund-terms'" in finding.message and "100" in finding.message
    assert report.ok


def test_the_similarity_threshold_decides(tmp_path):
    directory = content_dir(
        tmp_path,
        {"faq": [entry("money", "can I get my money back"), entry("money-please", "can I get my money back please")]},
    )
    assert _kinds(check_knowledge_base(directory, similarity_threshold=95)) == []
    assert _kinds(check_knowledge_base(directory, similarity_threshold=80)) == [FindingKind.NEAR_DUPLICATE]


def test_phrasings_repeated_within_an_entry_are_warnings(tmp_path):
    phrasings = ["money back", "Money back!", "do you offer refunds"]
    directory = content_dir(tmp_path, {"faq": [entry("refunds", "Do you offer refunds?", phrasings=phrasings)]})
    report = check_knowledge_base(directory)
    assert _kinds(report) == [FindingKind.DUPLICATE_PHRASING] * 2
    assert all(f.severity is Severity.WARNING and f.entry == "refunds" for f in report.findings)
    assert report.ok
