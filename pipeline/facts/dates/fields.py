"""Date fields: what an expression states, where it stands, and the calendar days it covers."""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

MONTHS_IN = {"year": 12, "half": 6, "quarter": 3, "month": 1}  # calendar units counted in months
DAYS_IN = {"week": 7, "day": 1}


@dataclass(frozen=True)
class Fields:
    """What an expression states: its first day's parts and, for a range, its last day's parts."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    year_end: int | None = None
    month_end: int | None = None
    day_end: int | None = None
    part: int | None = None  # 1, 2, 3: the first, middle or last third of the period
    relative: bool = False
    year_only: bool = False  # a year and nothing else ("2015", "last year"): it can date what precedes it
    duration: str | None = None  # a span of time ("two years" → "P2Y"), not a date
    anaphor: tuple[str, int] | None = None  # dated from the date before it: «на следующий день» → ("day", 1)

    @property
    def has_value(self) -> bool:
        """Whether the expression states a year, month or day, or a duration."""
        return (self.year, self.month, self.day, self.duration) != (None, None, None, None)

    @property
    def is_range(self) -> bool:
        return (self.year_end, self.month_end, self.day_end) != (None, None, None)


@dataclass(frozen=True)
class Hit:
    """A date expression found in a text: its offsets and the fields it states."""

    start: int
    end: int
    fields: Fields


@dataclass(frozen=True)
class Context:
    """What a text tells every expression in it: its publication date and numeric date order."""

    published: date | None
    day_first: bool  # numeric dates with "/" or "-" read day-first (Russian text)


Handler = Callable[[re.Match[str], Context], Fields | None]


def unit_range(unit: str, shift: int, published: date) -> tuple[date, date]:
    """The calendar unit holding `published`, moved `shift` units → its first and last day."""
    if unit in DAYS_IN:
        start = published - timedelta(days=published.weekday() if unit == "week" else 0)
        first = start + timedelta(days=shift * DAYS_IN[unit])
        return first, first + timedelta(days=DAYS_IN[unit] - 1)
    size = MONTHS_IN[unit]
    index = (published.year * 12 + published.month - 1) // size * size + shift * size
    return _month_start(index), _month_end(index + size - 1)


def _month_start(index: int) -> date:
    """Months since year 0 → the month's first day."""
    return date(index // 12, index % 12 + 1, 1)


def _month_end(index: int) -> date:
    """Months since year 0 → the month's last day."""
    year, month = index // 12, index % 12 + 1
    return date(year, month, monthrange(year, month)[1])


def unit_fields(unit: str, first: date, last: date) -> Fields:
    """First and last day of whole units → fields at the unit's grain (a range when they differ)."""
    if unit == "year":
        end = last.year if last.year != first.year else None
        return Fields(first.year, year_end=end, relative=True, year_only=end is None)
    if unit in DAYS_IN:
        end_day = last.day if last != first else None
        return _span(point(first), last, end_day)
    return _span(Fields(first.year, first.month, relative=True), last, None)


def _span(fields: Fields, last: date, end_day: int | None) -> Fields:
    """Fields of a unit's first day + its last day → a range unless both fall in one unit."""
    if end_day is None and (fields.year, fields.month) == (last.year, last.month):
        return fields
    return replace(fields, year_end=last.year, month_end=last.month, day_end=end_day)


def point(day: date) -> Fields:
    """A day → relative fields stating exactly that day."""
    return Fields(day.year, day.month, day.day, relative=True)


def interval(f: Fields) -> tuple[date | None, date | None]:
    """Fields → the first and last day the expression covers; (None, None) without a year."""
    if f.year is None:
        return None, None
    year, month, day = (f.year_end or f.year, f.month_end, f.day_end) if f.is_range else (f.year, f.month, f.day)
    try:
        first = date(f.year, f.month or 1, f.day or 1)
        last = date(year, month or 12, day or monthrange(year, month or 12)[1])
    except ValueError:
        return None, None
    if last < first:
        return None, None
    return _third(first, last, f.part) if f.part else (first, last)


def _third(first: date, last: date, part: int) -> tuple[date, date]:
    """A period → its first, middle or last third (whole months when it is months, tens of days in a month)."""
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    whole = first.day == 1 and last.day == monthrange(last.year, last.month)[1]
    if whole and months % 3 == 0:
        start = first.year * 12 + first.month - 1 + (part - 1) * months // 3
        return _month_start(start), _month_end(start + months // 3 - 1)
    if whole and months == 1:
        low, high = {1: (1, 10), 2: (11, 20), 3: (21, last.day)}[part]
        return first.replace(day=low), first.replace(day=high)
    size = ((last - first).days + 1) // 3
    return first + timedelta(days=(part - 1) * size), last if part == 3 else first + timedelta(days=part * size - 1)
