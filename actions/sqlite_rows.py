"""Domain records to table rows and back, following the storage conventions in ``migrations``.

Reading validates every row through its model; a row that does not validate raises
``CorruptRecord`` naming the table, the record and the fields at fault (never the stored values,
which may be personal data).
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from actions.errors import CorruptRecord
from actions.models import (
    Coupon,
    DeletionRequest,
    Destination,
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

Record = (
    User | Workspace | Membership | Subscription | MonthlyUsage | Coupon | StartupMembership
    | TaxCertificate | Invoice | DeletionRequest | Source
)
M = TypeVar("M", bound=BaseModel)

# A workspace's two addresses are stored flat: business_country, business_state, billing_...
_ADDRESS_COLUMNS = (("business", "business_address"), ("billing", "billing_address"))


def timestamp_text(moment: datetime) -> str:
    """Fixed-width ISO-8601 UTC, so that text order is time order; a naive moment is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def sql_value(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):  # before date: a datetime is a date
        return timestamp_text(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    return value


@dataclass(frozen=True)
class TableSpec(Generic[M]):
    table: str
    model: type[M]
    key: tuple[str, ...]
    row_only: tuple[str, ...] = ()  # columns the model does not carry (the parent's key, a position)

    def record_id(self, row: dict[str, Any]) -> str:
        return "/".join(str(row.get(column)) for column in self.key)

    def to_row(self, record: M) -> dict[str, Any]:
        fields = {name: getattr(record, name) for name in type(record).model_fields}
        if isinstance(record, Workspace):
            for prefix, name in _ADDRESS_COLUMNS:
                address = fields.pop(name)
                fields[f"{prefix}_country"], fields[f"{prefix}_state"] = address.country, address.state
        if isinstance(record, Source):
            del fields["destinations"]  # rows of their own: see destination_rows()
        return {name: sql_value(value) for name, value in fields.items()}

    def from_row(self, row: dict[str, Any], **extra: Any) -> M:
        data = {column: value for column, value in row.items() if column not in self.row_only} | extra
        if self.model is Workspace:
            for prefix, name in _ADDRESS_COLUMNS:
                data[name] = {"country": data.pop(f"{prefix}_country"), "state": data.pop(f"{prefix}_state")}
        try:
            return self.model.model_validate(data)
        except ValidationError as exc:
            fields = sorted({".".join(str(part) for part in error["loc"]) or "(row)" for error in exc.errors()})
            record_id = self.record_id(row)
            raise CorruptRecord(
                f"{self.table} record '{record_id}' does not validate: field(s) {', '.join(fields)}",
                table=self.table,
                record_id=record_id,
            ) from None


USERS = TableSpec("users", User, ("id",))
WORKSPACES = TableSpec("workspaces", Workspace, ("id",))
MEMBERSHIPS = TableSpec("memberships", Membership, ("user_id", "workspace_id"))
SUBSCRIPTIONS = TableSpec("subscriptions", Subscription, ("workspace_id",))
MONTHLY_USAGE = TableSpec("monthly_usage", MonthlyUsage, ("workspace_id", "month"))
COUPONS = TableSpec("coupons", Coupon, ("id",))
STARTUP_MEMBERSHIPS = TableSpec("startup_memberships", StartupMembership, ("workspace_id",))
TAX_CERTIFICATES = TableSpec("tax_certificates", TaxCertificate, ("id",))
INVOICES = TableSpec("invoices", Invoice, ("id",))
DELETION_REQUESTS = TableSpec("deletion_requests", DeletionRequest, ("id",))
SOURCES = TableSpec("sources", Source, ("id",))
DESTINATIONS = TableSpec("destinations", Destination, ("source_id", "position"), row_only=("source_id", "position"))

# In the order a batch is written, parents before children (foreign keys are on).
SPECS: tuple[TableSpec[Any], ...] = (
    USERS, WORKSPACES, MEMBERSHIPS, SUBSCRIPTIONS, MONTHLY_USAGE, COUPONS, STARTUP_MEMBERSHIPS,
    TAX_CERTIFICATES, INVOICES, DELETION_REQUESTS, SOURCES,
)
SPEC_BY_MODEL: dict[type[BaseModel], TableSpec[Any]] = {spec.model: spec for spec in SPECS}
SPEC_BY_TABLE: dict[str, TableSpec[Any]] = {spec.table: spec for spec in SPECS}


def destination_rows(source: Source) -> list[dict[str, Any]]:
    return [
        {"source_id": source.id, "position": position, "name": destination.name, "storage": int(destination.storage)}
        for position, destination in enumerate(source.destinations)
    ]


def destination_from_row(row: dict[str, Any]) -> Destination:
    return DESTINATIONS.from_row(row)
