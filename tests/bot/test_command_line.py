import pytest

from bot.command_line import DEFAULT_DAYS, Sub, parse


@pytest.mark.parametrize("text", ["", "   ", "help", "HELP", "what", "lookupx acme"])
def test_help(text):
    assert parse(text).sub is Sub.HELP
    assert not parse(text).usage


def test_lookup():
    assert parse("lookup acme-free").workspace == "acme-free"
    assert parse("lookup").usage and parse("lookup a b").usage


def test_ask_and_kb_keep_the_rest_of_the_line():
    assert parse("ask  do you   offer refunds? ").text == "do you   offer refunds?"
    assert parse("kb refund").text == "refund"
    assert parse("ask").usage and parse("kb").usage


def test_stats_days():
    assert parse("stats").days == DEFAULT_DAYS
    assert parse("stats 30").days == 30
    for bad in ("stats 0", "stats 366", "stats -1", "stats week"):
        assert parse(bad).usage, bad


def test_action_with_arguments():
    parsed = parse('action transfer-precheck vega-us-main source="Web app" target=vega-us-second')
    assert (parsed.action, parsed.workspace) == ("transfer-precheck", "vega-us-main")
    assert parsed.args == {"source": "Web app", "target": "vega-us-second"}


@pytest.mark.parametrize("text", ["action", "action revoke-deletion", 'action x ws "open', "action x ws novalue",
                                  "action x ws =v"])
def test_action_usage(text):
    assert parse(text).usage
