"""Errors of the actions package.

ActionsError
 ├── AdapterError            the billing backend failed
 │    ├── AdapterUnavailable down, or slower than its time limit
 │    └── CorruptRecord      a stored record does not validate (carries table and record id)
 ├── ImportRejected          an import file has a bad record (carries collection, record number
 │                           and field)
 ├── NotFound                a call names a record that does not exist (facts of an unknown
 │                           workspace, revoking an unknown deletion request)
 └── Conflict                a conditional write lost a race (e.g. deletion already revoked)
"""


class ActionsError(Exception):
    """Base of every error this package raises."""


class AdapterError(ActionsError):
    pass


class AdapterUnavailable(AdapterError):
    pass


class CorruptRecord(AdapterError):
    def __init__(self, message: str, table: str | None = None, record_id: str | None = None):
        self.table = table
        self.record_id = record_id
        super().__init__(message)


class ImportRejected(ActionsError):
    def __init__(
        self,
        message: str,
        record: int | None = None,
        field: str | None = None,
        collection: str | None = None,
    ):
        self.record = record
        self.field = field
        self.collection = collection
        where = [collection] if collection else []
        if record is not None:
            where.append(f"record {record}")
        if field:
            where.append(f"field '{field}'")
        super().__init__(f"{', '.join(where)}: {message}" if where else message)


class NotFound(ActionsError):
    pass


class Conflict(ActionsError):
    pass
