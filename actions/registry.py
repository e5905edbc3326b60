"""One registry of actions. The ``@action`` decorator only marks a class; a ``Registry`` built
from an explicit list collects and validates them, so importing a module never registers anything.

An action class::

    @action("trial-status", kind=ActionKind.CHECK, roles=CHECK_ROLES)
    class TrialStatusAction:
        def check(self, ctx: ActionContext, args: NoInput) -> Finding: ...
        run = check

``check`` says what ``run`` would do (or why it cannot) and changes nothing; ``run`` does it. The
executor always calls ``check`` again right before ``run``, inside the run's transaction.
"""

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol, TypeVar

from pydantic import ValidationError

from actions.action_errors import ActionDefinitionError, InvalidArguments, UnknownAction
from actions.action_models import ACTION_NAME, ActionInput, ActionKind, ActorRole, Finding, NoInput
from actions.context import ActionContext

CHECK_ROLES = frozenset({ActorRole.OWNER, ActorRole.MEMBER, ActorRole.READ_ONLY, ActorRole.AGENT})
FIX_ROLES = frozenset({ActorRole.OWNER, ActorRole.AGENT})


@dataclass(frozen=True)
class ActionSpec:
    name: str
    kind: ActionKind
    roles: frozenset[ActorRole]
    input: type[ActionInput]

    @property
    def read_only(self) -> bool:
        return self.kind is ActionKind.CHECK

    @property
    def needs_workspace(self) -> bool:
        return ActorRole.ASKER not in self.roles

    @property
    def needs_confirmation(self) -> bool:
        return not self.read_only


class Action(Protocol):
    spec: ClassVar[ActionSpec]

    def check(self, ctx: ActionContext, args: Any) -> Finding: ...

    def run(self, ctx: ActionContext, args: Any) -> Finding: ...


A = TypeVar("A", bound=type)


def action(name: str, *, kind: ActionKind, roles: Iterable[ActorRole],
           input: type[ActionInput] = NoInput) -> Callable[[A], A]:
    """Mark a class as an action; the rules every action must follow are checked here."""
    spec = ActionSpec(name=name, kind=kind, roles=frozenset(roles), input=input)
    _validate(spec)

    def mark(cls: A) -> A:
        for method in ("check", "run"):
            if not callable(getattr(cls, method, None)):
                raise ActionDefinitionError(f"action '{name}' has no {method}() method")
        cls.spec = spec  # type: ignore[attr-defined]
        return cls

    return mark


def _validate(spec: ActionSpec) -> None:
    if not re.fullmatch(ACTION_NAME, spec.name):
        raise ActionDefinitionError(f"action name '{spec.name}' must be lower-case words joined by '-'")
    if not spec.roles:
        raise ActionDefinitionError(f"action '{spec.name}' allows nobody")
    if spec.kind is ActionKind.FIX and ActorRole.READ_ONLY in spec.roles:
        raise ActionDefinitionError(f"action '{spec.name}' changes the account; read-only members may not run it")
    if ActorRole.ASKER in spec.roles and spec.kind is not ActionKind.HANDOVER:
        raise ActionDefinitionError(f"action '{spec.name}': only hand-overs may run without a workspace")
    if not (isinstance(spec.input, type) and issubclass(spec.input, ActionInput)):
        raise ActionDefinitionError(f"action '{spec.name}': input must be an ActionInput model")


class Registry(Mapping[str, Action]):
    """Action instances by name, in the order given."""

    def __init__(self, classes: Iterable[type]):
        self._actions: dict[str, Action] = {}
        for cls in classes:
            spec = getattr(cls, "spec", None)
            if not isinstance(spec, ActionSpec):
                raise ActionDefinitionError(f"{cls.__name__} is not marked with @action")
            if spec.name in self._actions:
                raise ActionDefinitionError(f"two actions are named '{spec.name}'")
            self._actions[spec.name] = cls()

    def __getitem__(self, name: str) -> Action:
        try:
            return self._actions[name]
        except KeyError:
            raise UnknownAction(name, list(self._actions)) from None

    def __contains__(self, name: object) -> bool:
        return name in self._actions

    def __iter__(self) -> Iterator[str]:
        return iter(self._actions)

    def __len__(self) -> int:
        return len(self._actions)

    def specs(self) -> list[ActionSpec]:
        return [a.spec for a in self._actions.values()]

    def parse(self, name: str, args: Mapping[str, Any]) -> tuple[Action, ActionInput]:
        """The action and its validated input; ``InvalidArguments`` says which argument is wrong."""
        found = self[name]
        try:
            return found, found.spec.input.model_validate(dict(args))
        except ValidationError as error:
            fields = tuple(dict.fromkeys(str(issue["loc"][0]) for issue in error.errors() if issue["loc"]))
            raise InvalidArguments(f"{name}: {describe(error)}", fields=fields) from None


def describe(error: ValidationError) -> str:
    """Pydantic's errors as one line: ``source: Field required; target: ...``."""
    parts = []
    for item in error.errors(include_url=False):
        where = ".".join(str(p) for p in item["loc"]) or "arguments"
        message = item["msg"]
        if item["type"] == "extra_forbidden":
            message = "unknown argument"
        parts.append(f"{where}: {message}")
    return "; ".join(parts)
