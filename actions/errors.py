"""Errors of the actions package.

ActionsError
 ├── AdapterError            the billing backend failed
 │    ├── AdapterUnavailable down, or slower than its time limit
 │    └── CorruptRecord      a stored record does not validate
 ├── ImportRejected          an import file has a bad record (carries record number and field)
 └── Conflict                a conditional write lost a race (e.g. deletion already revoked)
"""


class ActionsError(Exception):
    """Base of every error this package raises."""


class AdapterError(ActionsError):
    pass


class AdapterUnavailable(AdapterError):
    pass


class CorruptRecord(AdapterError):
    pass


class ImportRejected(ActionsError):
    def __init__(self, message: str, record: int | None = None, field: str | None = None):
        self.record = record
        self.field = field
        where = []
        if record is not None:
            where.append(f"record {record}")
        if field:
            where.append(f"field '{field}'")
        super().__init__(f"{', '.join(where)}: {message}" if where else message)


class Conflict(ActionsError):
    pass
