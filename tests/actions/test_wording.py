from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from actions import wording


def test_money_shows_cents_only_when_there_are_some():
    assert wording.money(Decimal("25000")) == "$25,000"
    assert wording.money(Decimal("18759.5")) == "$18,759.50"
    assert wording.cents(Decimal("24")) == "$24.00"


def test_dates_and_moments_read_the_same_everywhere():
    assert wording.day(date(2025, 3, 5)) == "5 Mar 2025"
    assert wording.moment(datetime(2025, 3, 5, 23, 30, tzinfo=timezone(timedelta(hours=-2)))) == "6 Mar 2025 01:30 UTC"
    assert wording.moment(datetime(2025, 3, 5, 9, 5)) == "5 Mar 2025 09:05 UTC"
    assert wording.month(date(2024, 12, 1)) == "December 2024"


def test_durations_keep_the_two_largest_units():
    assert wording.duration(timedelta(days=3)) == "3 days"
    assert wording.duration(timedelta(days=1, hours=2, minutes=7)) == "1 day 2 hours"
    assert wording.duration(timedelta(hours=1, minutes=1)) == "1 hour 1 minute"
    assert wording.duration(timedelta(seconds=59)) == "less than a minute"


def test_lists_in_prose():
    assert wording.either([]) == ""
    assert wording.either(["a"]) == "a"
    assert wording.either(["a", "b"]) == "a or b"
    assert wording.either(["a", "b", "c"], "and") == "a, b and c"
