from datetime import UTC, date, datetime, timedelta, timezone

from actions.facts.periods import add_months, add_years, as_utc, months_between, period_containing


def test_add_months_keeps_the_day_or_takes_the_last_day_of_a_shorter_month():
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2025, 3, 15), -3) == date(2024, 12, 15)
    assert add_months(date(2025, 12, 1), 1) == date(2026, 1, 1)


def test_add_years_from_a_leap_day():
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert add_years(date(2024, 2, 29), -4) == date(2020, 2, 29)


def test_months_between_counts_calendar_months():
    assert months_between(date(2024, 11, 30), date(2025, 1, 1)) == 2
    assert months_between(date(2025, 1, 1), date(2024, 11, 30)) == -2


def test_a_period_anchored_on_the_31st_does_not_drift():
    anchor = date(2025, 1, 31)
    assert period_containing(anchor, date(2025, 2, 27)) == (date(2025, 1, 31), date(2025, 2, 28))
    assert period_containing(anchor, date(2025, 2, 28)) == (date(2025, 2, 28), date(2025, 3, 31))
    assert period_containing(anchor, date(2025, 4, 30)) == (date(2025, 4, 30), date(2025, 5, 31))


def test_a_period_before_the_anchor():
    assert period_containing(date(2025, 3, 10), date(2025, 3, 9)) == (date(2025, 2, 10), date(2025, 3, 10))


def test_as_utc():
    naive = datetime(2025, 1, 1, 12)
    assert as_utc(naive) == datetime(2025, 1, 1, 12, tzinfo=UTC)
    plus_two = datetime(2025, 1, 1, 14, tzinfo=timezone(timedelta(hours=2)))
    assert as_utc(plus_two).hour == 12 and as_utc(plus_two).tzinfo is UTC
