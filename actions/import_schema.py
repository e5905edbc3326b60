"""The accounts import document and its JSON Schema, generated from the domain models.

``docs/accounts-import.schema.json`` is this module's output (``supportbot accounts schema``);
a test keeps the committed file in step with the models.
"""

import json
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from actions.models import (
    Coupon,
    DeletionRequest,
    Invoice,
    Membership,
    MonthlyUsage,
    Source,
    StartupMembership,
    Subscription,
    TaxCertificate,
    User,
    Workspace,
)

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


class AccountsImport(BaseModel):
    """Accounts to import: one list per kind of record, each optional. Records are upserted by
    their key, so importing the same file twice changes nothing."""

    model_config = ConfigDict(extra="forbid", title="Supportbot accounts import")

    users: list[User] = Field(default_factory=list, description="Key: id. Emails are unique, case-insensitively.")
    workspaces: list[Workspace] = Field(default_factory=list, description="Key: id. Slugs are unique.")
    memberships: list[Membership] = Field(default_factory=list, description="Key: user_id + workspace_id.")
    subscriptions: list[Subscription] = Field(default_factory=list, description="Key: workspace_id (one each).")
    monthly_usage: list[MonthlyUsage] = Field(default_factory=list, description="Key: workspace_id + month.")
    coupons: list[Coupon] = Field(default_factory=list, description="Key: id.")
    startup_memberships: list[StartupMembership] = Field(
        default_factory=list, description="Key: workspace_id (the current program period)."
    )
    tax_certificates: list[TaxCertificate] = Field(default_factory=list, description="Key: id.")
    invoices: list[Invoice] = Field(default_factory=list, description="Key: id.")
    deletion_requests: list[DeletionRequest] = Field(
        default_factory=list, description="Key: id. Timestamps without a zone are taken as UTC."
    )
    sources: list[Source] = Field(
        default_factory=list, description="Key: id. An imported source's destinations replace the stored ones."
    )


COLLECTIONS: tuple[str, ...] = tuple(AccountsImport.model_fields)


def accounts_import_schema() -> dict[str, Any]:
    return {"$schema": SCHEMA_DIALECT} | AccountsImport.model_json_schema()


def schema_text() -> str:
    """The schema as the committed file holds it."""
    return json.dumps(accounts_import_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(schema_text(), end="")
