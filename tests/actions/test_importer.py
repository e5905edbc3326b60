import json
import re
import sqlite3
from pathlib import Path

import jsonschema
import pytest

from actions.errors import ImportRejected
from actions.import_schema import COLLECTIONS, accounts_import_schema, schema_text
from actions.importer import import_accounts
from actions.models import Role
from actions.sqlite_adapter import SQLiteBillingAdapter
from actions.sqlite_rows import SPECS

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "accounts"
DOC = ROOT / "docs" / "accounts-import.md"
SCHEMA_FILE = ROOT / "docs" / "accounts-import.schema.json"


def doc_example() -> dict:
    """The example of docs/accounts-import.md, which must import as it stands."""
    return json.loads(re.search(r"```json\n(.*?)```", DOC.read_text(), re.DOTALL).group(1))


@pytest.fixture
def adapter(tmp_path):
    with SQLiteBillingAdapter(tmp_path / "accounts.db") as adapter:
        yield adapter


@pytest.fixture
def write(tmp_path):
    def write(document: object, name: str = "accounts.json") -> Path:
        path = tmp_path / name
        path.write_text(json.dumps(document) if not isinstance(document, str) else document)
        return path

    return write


def counts(adapter: SQLiteBillingAdapter) -> dict[str, int]:
    assert adapter.path is not None
    with sqlite3.connect(adapter.path) as conn:
        return {spec.table: conn.execute(f"SELECT count(*) FROM {spec.table}").fetchone()[0] for spec in SPECS} | {
            "destinations": conn.execute("SELECT count(*) FROM destinations").fetchone()[0]
        }


def rejection(adapter, path) -> ImportRejected:
    before = counts(adapter)
    with pytest.raises(ImportRejected) as caught:
        import_accounts(adapter, path)
    assert counts(adapter) == before  # nothing written
    return caught.value


# -- good files -------------------------------------------------------------------------------


def test_the_documented_example_imports(adapter, write):
    summary = import_accounts(adapter, write(doc_example()))
    assert summary.counts["users"] == 2 and summary.counts["sources"] == 1 and summary.total == 10
    dana = adapter.user_by_email("dana@northwind.example")
    assert dana.slack_user_id == "U04NW0001"
    workspace = adapter.workspace_by_slug("northwind")
    facts = adapter.facts(workspace.id)
    assert {(m.user_id, m.role) for m in facts.members} == {("u-100", Role.OWNER), ("u-101", Role.READ_ONLY)}
    assert facts.subscription.trial_end.isoformat() == "2025-03-14"
    assert [u.mtus for u in facts.usage] == [870, 2150]
    assert facts.certificates[0].status.value == "in-review"
    assert [d.storage for d in facts.sources[0].destinations] == [False, True]
    assert str(workspace.funding_raised_usd) == "750000"


def test_importing_the_same_file_again_changes_nothing(adapter, write):
    path = write(doc_example())
    import_accounts(adapter, path)
    first = counts(adapter)
    facts = adapter.facts("w-100")
    import_accounts(adapter, path)
    assert counts(adapter) == first
    assert adapter.facts("w-100") == facts


def test_a_corrected_file_updates_by_key(adapter, write):
    import_accounts(adapter, write(doc_example()))
    document = doc_example()
    document["workspaces"][0]["name"] = "Northwind Traders Ltd"
    document["users"][1]["email"] = "LEE.PARK@northwind.example"
    import_accounts(adapter, write(document))
    assert adapter.workspace("w-100").name == "Northwind Traders Ltd"
    assert adapter.user_by_email("lee.park@northwind.example").id == "u-101"
    assert adapter.user_by_email("lee@northwind.example") is None


def test_references_may_point_at_stored_records(adapter, write):
    import_accounts(adapter, write(doc_example()))
    later = {
        "users": [{"id": "u-102", "email": "max@northwind.example", "name": "Max"}],
        "memberships": [{"user_id": "u-102", "workspace_id": "w-100", "role": "member"},
                        {"user_id": "u-100", "workspace_id": "w-100", "role": "owner"}],
        "invoices": [{"id": "inv-1", "workspace_id": "w-100", "issued_on": "2025-03-15", "subtotal_usd": "120.00",
                      "tax_usd": 0, "total_usd": 120}],
    }
    summary = import_accounts(adapter, write(later, "later.json"))
    assert summary.total == 4
    assert len(adapter.facts("w-100").members) == 3


def test_an_empty_document_imports_nothing(adapter, write):
    assert import_accounts(adapter, write({})).total == 0


# -- bad records ------------------------------------------------------------------------------


def test_a_bad_record_is_named_by_collection_number_and_field(adapter):
    problem = rejection(adapter, DATA / "bad-email.json")
    assert (problem.collection, problem.record, problem.field) == ("users", 3, "email")
    assert str(problem) == "users, record 3, field 'email': is not an email address"


@pytest.mark.parametrize(
    ("change", "collection", "record", "field", "words"),
    [
        (lambda d: d["users"][1].pop("name"), "users", 2, "name", "is required"),
        (lambda d: d["users"][0].update(nickname="D"), "users", 1, "nickname", "not a field"),
        (lambda d: d["workspaces"][0].update(region="APAC"), "workspaces", 1, "region", "'US' or 'EU'"),
        (lambda d: d["workspaces"][0]["billing_address"].update(country="usa"), "workspaces", 1,
         "billing_address.country", "two-letter country code"),
        (lambda d: d["workspaces"][0].update(slug="North Wind"), "workspaces", 1, "slug", "lowercase"),
        (lambda d: d["memberships"][1].update(role="admin"), "memberships", 2, "role", "owner"),
        (lambda d: d["subscriptions"][0].update(trial_end="14 March"), "subscriptions", 1, "trial_end", "date"),
        (lambda d: d["monthly_usage"][1].update(mtus=-4), "monthly_usage", 2, "mtus", "greater than or equal"),
        (lambda d: d["sources"][0]["destinations"][1].update(storage="maybe"), "sources", 1,
         "destinations[2].storage", "boolean"),
        (lambda d: d.update(users={"id": "u-1"}), "users", None, None, "list"),
        (lambda d: d["users"].append("u-103"), "users", 3, None, "dictionary"),
    ],
)
def test_bad_fields_are_rejected_precisely(adapter, write, change, collection, record, field, words):
    document = doc_example()
    change(document)
    problem = rejection(adapter, write(document))
    assert (problem.collection, problem.record, problem.field) == (collection, record, field)
    assert words in str(problem)


def test_several_problems_are_counted(adapter, write):
    document = doc_example()
    document["users"][0]["email"] = "nope"
    document["users"][1]["email"] = "nope either"
    document["workspaces"][0]["region"] = "APAC"
    problem = rejection(adapter, write(document))
    assert problem.record == 1 and str(problem).endswith("(and 2 more problems)")


def test_an_unknown_collection_is_rejected(adapter, write):
    problem = rejection(adapter, write({"users": [], "customers": []}))
    assert "unknown collection 'customers'" in str(problem)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (None, "not valid JSON: Expecting value at line 3, column 1"),  # not-json.json: a trailing comma
        ("[1, 2]", "must be a JSON object"),
        ("", "not valid JSON"),
    ],
)
def test_a_document_that_is_not_an_object_of_lists(adapter, write, content, words):
    path = DATA / "not-json.json" if content is None else write(content)
    assert words in str(rejection(adapter, path))


def test_a_missing_file(adapter, tmp_path):
    assert "cannot read" in str(rejection(adapter, tmp_path / "absent.json"))


# -- references and uniqueness ----------------------------------------------------------------


def test_a_reference_to_an_unknown_workspace_is_rejected(adapter):
    problem = rejection(adapter, DATA / "unknown-workspace.json")
    assert (problem.collection, problem.record, problem.field) == ("memberships", 2, "workspace_id")
    assert "w-2" in str(problem)


@pytest.mark.parametrize(
    ("change", "collection", "record", "field"),
    [
        (lambda d: d["memberships"][0].update(user_id="u-999"), "memberships", 1, "user_id"),
        (lambda d: d["subscriptions"][0].update(workspace_id="w-999"), "subscriptions", 1, "workspace_id"),
        (lambda d: d["sources"][0].update(workspace_id="w-999"), "sources", 1, "workspace_id"),
        (lambda d: d["monthly_usage"][1].update(workspace_id="w-999"), "monthly_usage", 2, "workspace_id"),
    ],
)
def test_every_reference_is_checked(adapter, write, change, collection, record, field):
    document = doc_example()
    change(document)
    problem = rejection(adapter, write(document))
    assert (problem.collection, problem.record, problem.field) == (collection, record, field)


@pytest.mark.parametrize(
    ("change", "collection", "record", "field"),
    [
        (lambda d: d["users"].append(dict(d["users"][0], name="Dana again")), "users", 3, "id"),
        (lambda d: d["users"][1].update(email="DANA@northwind.example"), "users", 2, "email"),
        (lambda d: d["users"][1].update(slack_user_id="U04NW0001"), "users", 2, "slack_user_id"),
        (lambda d: d["workspaces"].append(dict(d["workspaces"][0], id="w-101")), "workspaces", 2, "slug"),
        (lambda d: d["memberships"].append(dict(d["memberships"][0], role="member")), "memberships", 3,
         "workspace_id"),
        (lambda d: d["monthly_usage"].append(dict(d["monthly_usage"][0], mtus=1)), "monthly_usage", 3, "month"),
    ],
)
def test_repeated_keys_and_unique_values_in_one_file(adapter, write, change, collection, record, field):
    document = doc_example()
    change(document)
    problem = rejection(adapter, write(document))
    assert (problem.collection, problem.record, problem.field) == (collection, record, field)
    assert "repeats record" in str(problem)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d["users"][0].update(id="u-other"), "email"),
        (lambda d: d["users"][0].update(id="u-other", email="other@northwind.example"), "slack_user_id"),
        (lambda d: d["workspaces"][0].update(id="w-other"), "slug"),
    ],
)
def test_values_already_stored_under_another_id_are_rejected(adapter, write, change, field):
    import_accounts(adapter, write(doc_example()))
    document = doc_example()
    change(document)
    problem = rejection(adapter, write(document, "second.json"))
    assert problem.record == 1 and problem.field == field and "already belongs" in str(problem)


def test_a_failure_while_writing_leaves_nothing(adapter, write):
    """The checks pass; the database itself refuses the last record: everything is rolled back."""
    with adapter.connections.use() as db:
        db.execute("CREATE TRIGGER no_sources BEFORE INSERT ON sources BEGIN SELECT RAISE(ABORT, 'refused'); END")
    problem = rejection(adapter, write(doc_example()))
    assert "refused" in str(problem)
    assert adapter.user("u-100") is None and adapter.workspace("w-100") is None


# -- the format -------------------------------------------------------------------------------


def test_collections_are_the_tables():
    assert COLLECTIONS == tuple(spec.table for spec in SPECS)


def test_the_committed_schema_is_up_to_date():
    assert SCHEMA_FILE.read_text() == schema_text(), "regenerate: supportbot accounts schema > " + str(SCHEMA_FILE)


def test_the_schema_accepts_the_example_and_catches_a_bad_record():
    schema = accounts_import_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(doc_example(), schema)
    bad = json.loads((DATA / "bad-email.json").read_text())
    with pytest.raises(jsonschema.ValidationError) as caught:
        jsonschema.validate(bad, schema)
    assert list(caught.value.absolute_path) == ["users", 2, "email"]
