"""Calendar arithmetic the policy needs: months (usage, billing periods) and years (company age)."""

import calendar
from datetime import UTC, date, datetime


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months; the 31st becomes the last day of a shorter month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: date, years: int) -> date:
    """``day`` moved by ``years``; 29 February becomes 28 February in a common year."""
    return add_months(day, 12 * years)


def months_between(earlier: date, later: date) -> int:
    """Whole calendar months from the month of ``earlier`` to the month of ``later`` (negative when reversed)."""
    return (later.year - earlier.year) * 12 + (later.month - earlier.month)


def period_containing(anchor: date, day: date) -> tuple[date, date]:
    """The monthly period ``[start, end)`` anchored on ``anchor``'s day of month that contains ``day``.

    Every boundary is computed from the anchor itself, so an anchor on the 31st stays on the
    last day of each month instead of drifting to the 28th.
    """
    offset = months_between(anchor, day)
    if add_months(anchor, offset) > day:
        offset -= 1
    return add_months(anchor, offset), add_months(anchor, offset + 1)


def as_utc(moment: datetime) -> datetime:
    """Stored timestamps without a zone are UTC; comparing them with an aware clock needs a zone."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
