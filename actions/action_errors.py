"""Errors of the action framework, under the package's ``ActionsError``.

ActionsError
 ├── InvalidRequest          bad input: the CLI exits 2, the Slack layer says what was wrong
 │    ├── UnknownAction      no action has that name
 │    ├── InvalidArguments   the arguments do not validate (carries pydantic's message)
 │    └── KeyReused          an idempotency key came back with a different request
 └── ActionDefinitionError   an action class is declared wrongly (found at registration)

Refusals and impossible requests are not errors: they are previews and outcomes.
"""

from actions.errors import ActionsError


class InvalidRequest(ActionsError):
    pass


class UnknownAction(InvalidRequest):
    def __init__(self, name: str, known: list[str]):
        self.name = name
        self.known = known
        super().__init__(f"unknown action '{name}'; known actions: {', '.join(known)}")


class InvalidArguments(InvalidRequest):
    def __init__(self, message: str, fields: tuple[str, ...] = ()):
        self.fields = fields  # the argument names at fault, for edges that word it themselves
        super().__init__(message)


class KeyReused(InvalidRequest):
    def __init__(self, key: str):
        self.key = key
        super().__init__(f"idempotency key '{key}' was already used for a different request")


class ActionDefinitionError(ActionsError):
    pass
