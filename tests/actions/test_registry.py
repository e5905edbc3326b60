import pytest

from actions import wording
from actions.action_errors import ActionDefinitionError, InvalidArguments, UnknownAction
from actions.action_models import ActionInput, ActionKind, ActorRole, Finding, NoInput
from actions.catalog import CATALOG, default_registry
from actions.catalog.escalate import EscalateInput
from actions.registry import CHECK_ROLES, FIX_ROLES, ActionSpec, Registry, action

EXPECTED = ["revoke-deletion", "coupon-status", "trial-status", "usage-status", "tax-status",
            "startup-eligibility", "transfer-precheck", "escalate"]


class _Nothing:
    def check(self, ctx, args):
        return Finding.fine("nothing")

    def run(self, ctx, args):
        return Finding.fine("nothing")


def _declare(name="try-me", kind=ActionKind.CHECK, roles=CHECK_ROLES, input=NoInput, base=_Nothing):
    return action(name, kind=kind, roles=roles, input=input)(type("Declared", (base,), {}))


def test_the_default_registry_holds_every_action_of_the_catalog_in_order():
    registry = default_registry()
    assert list(registry) == EXPECTED
    assert len(registry) == len(CATALOG)
    assert [spec.name for spec in registry.specs()] == EXPECTED


def test_each_call_builds_a_fresh_registry():
    assert default_registry()["trial-status"] is not default_registry()["trial-status"]


def test_the_decorator_only_marks_the_class():
    declared = _declare()
    assert isinstance(declared.spec, ActionSpec)
    assert declared.spec.name == "try-me"
    assert "try-me" not in default_registry()  # declaring registered nothing anywhere
    assert list(Registry([declared])) == ["try-me"]


@pytest.mark.parametrize(("kwargs", "problem"), [
    ({"kind": ActionKind.FIX, "roles": {ActorRole.OWNER, ActorRole.READ_ONLY}}, "read-only members may not run it"),
    ({"kind": ActionKind.CHECK, "roles": {ActorRole.ASKER}}, "only hand-overs may run without a workspace"),
    ({"name": "Revoke_Deletion"}, "lower-case words"),
    ({"name": "trailing-"}, "lower-case words"),
    ({"roles": set()}, "allows nobody"),
    ({"input": dict}, "input must be an ActionInput model"),
])
def test_declarations_that_break_the_rules_are_rejected(kwargs, problem):
    with pytest.raises(ActionDefinitionError, match=problem):
        _declare(**kwargs)


def test_an_action_without_run_is_rejected():
    class OnlyCheck:
        def check(self, ctx, args):
            return Finding.fine("x")

    with pytest.raises(ActionDefinitionError, match="no run"):
        action("only-check", kind=ActionKind.CHECK, roles=CHECK_ROLES)(OnlyCheck)


def test_a_registry_refuses_two_actions_of_one_name_and_unmarked_classes():
    with pytest.raises(ActionDefinitionError, match="two actions are named 'try-me'"):
        Registry([_declare(), _declare()])
    with pytest.raises(ActionDefinitionError, match="not marked"):
        Registry([_Nothing])


def test_an_unknown_action_names_the_known_ones():
    with pytest.raises(UnknownAction) as caught:
        default_registry()["revoke-everything"]
    assert caught.value.name == "revoke-everything"
    assert "revoke-deletion" in str(caught.value) and "escalate" in str(caught.value)


def test_arguments_are_validated_with_a_message_naming_the_field():
    registry = default_registry()
    with pytest.raises(InvalidArguments, match="transfer-precheck: target: Field required"):
        registry.parse("transfer-precheck", {"source": "Web app"})
    with pytest.raises(InvalidArguments, match="colour: unknown argument"):
        registry.parse("trial-status", {"colour": "blue"})
    with pytest.raises(InvalidArguments, match="question: String should have at least 1 character"):
        registry.parse("escalate", {"question": "   "})


def test_escalate_takes_entry_ids_as_a_list_or_a_comma_separated_string():
    registry = default_registry()
    _, from_text = registry.parse("escalate", {"question": "q", "entry_ids": "refunds, sales-tax,"})
    _, from_list = registry.parse("escalate", {"question": "q", "entry_ids": ["refunds", "sales-tax"]})
    assert isinstance(from_text, EscalateInput)
    assert from_text.entry_ids == from_list.entry_ids == ("refunds", "sales-tax")
    with pytest.raises(InvalidArguments, match="entry_ids.0"):
        registry.parse("escalate", {"question": "q", "entry_ids": "Not An Id"})


def test_roles_kinds_and_what_follows_from_them():
    specs = {spec.name: spec for spec in default_registry().specs()}
    assert specs["revoke-deletion"].roles == FIX_ROLES == {ActorRole.OWNER, ActorRole.AGENT}
    assert specs["revoke-deletion"].needs_confirmation and not specs["revoke-deletion"].read_only
    for name in ("coupon-status", "trial-status", "usage-status", "tax-status", "startup-eligibility",
                 "transfer-precheck"):
        assert specs[name].kind is ActionKind.CHECK and specs[name].read_only
        assert specs[name].roles == CHECK_ROLES and ActorRole.READ_ONLY in specs[name].roles
        assert specs[name].needs_workspace and not specs[name].needs_confirmation
    escalate = specs["escalate"]
    assert escalate.kind is ActionKind.HANDOVER and escalate.needs_confirmation
    assert not escalate.needs_workspace and ActorRole.ASKER in escalate.roles


def test_every_action_has_its_sentences():
    for spec in default_registry().specs():
        assert spec.name in wording.ACTION_PURPOSES
        if spec.read_only and spec.name != "transfer-precheck":
            assert spec.name in wording.ACTION_CHECK_TITLES


def test_input_models_forbid_unknown_fields_and_are_frozen():
    for spec in default_registry().specs():
        assert issubclass(spec.input, ActionInput)
        assert spec.input.model_config.get("extra") == "forbid"
        assert spec.input.model_config.get("frozen") is True
