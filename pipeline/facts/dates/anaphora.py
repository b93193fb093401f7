"""Anaphoric dates: «в том же году», «на следующий день», «годом позже» → dated from the date before them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from .fields import Fields, point, unit_fields, unit_range


def resolve(fields: Fields, before: Fields | None) -> Fields:
    """An anaphoric expression + the date before it in the text → its date; unresolved (relative,
    no parts) when there is none or it lacks the unit ("the next day" after a bare year)."""
    if fields.anaphor is None:
        return fields
    unit, shift = fields.anaphor
    unresolved = replace(fields, anaphor=None)
    if before is None:
        return unresolved
    if unit == "year":
        return unresolved if before.year is None else replace(unresolved, year=before.year + shift, relative=True)
    if before.month is None or (unit != "month" and before.day is None):
        return unresolved
    year = _LEAP if before.year is None else before.year  # "5 April" without a year: the day, still no year
    if unit == "month":
        index = year * 12 + before.month - 1 + shift
        shifted = Fields(index // 12, index % 12 + 1, relative=True)
    elif unit == "week":
        shifted = unit_fields("week", *unit_range("week", shift, date(year, before.month, before.day or 1)))
    else:
        shifted = point(date(year, before.month, before.day or 1) + timedelta(days=shift))
    return shifted if before.year is not None else replace(shifted, year=None, year_end=None)


_LEAP = 2000  # a leap year, so that 29 February without a year still has a next day


def antecedent(fields: Fields, before: Fields | None) -> Fields | None:
    """The date the next anaphoric expression is dated from: this one when it states a year or a month."""
    return fields if (fields.year, fields.month) != (None, None) and fields.duration is None else before
