"""Anaphoric dates: «в том же году», «на следующий день», «годом позже» → dated from the date before them."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from .fields import Context, Fields, point, unit_fields, unit_range
from .lexicon import counted_unit, lexicon, word_key


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


def anaphoric_phrase(m: re.Match[str], ctx: Context) -> Fields | None:
    """«в том же году», «на следующий день», "the following year" → dated from the date before it."""
    unit, _, shift = lexicon().value("anaphora", m["a"]).partition(":")
    return Fields(relative=True, year_only=unit == "year", anaphor=(unit, int(shift)))


def anaphoric_count(m: re.Match[str], ctx: Context) -> Fields | None:
    """«Годом позже», «двумя неделями ранее», «спустя два года», "three weeks later" → from the date before it.

    Without a number only a singular unit counts one («годом позже», «спустя неделю», not «годами позже»).
    """
    lex, word, number = lexicon(), word_key(m["u"]), m["n"]
    instrumental = lex.tables["anaphora_units"]
    if number is None and word not in lex.tables["counted_units_alone"]["words"] and word not in _SINGULAR:
        return None
    unit, factor = counted_unit(instrumental[word] if word in instrumental else lex.value("counted_units", word))
    count = 1 if number is None else _count(number)
    if count is None:
        return None
    shift = count * factor * lex.value("anaphora_direction", m["w"])
    unit, shift = ("day", shift * 7) if unit == "week" else ("month", shift * 3) if unit == "quarter" else (unit, shift)
    return Fields(relative=True, year_only=unit == "year", anaphor=(unit, shift))


_SINGULAR = frozenset({"днём", "днем", "неделей", "месяцем", "годом"})


def _count(number: str) -> int | None:
    """A number in digits or words (nominative or instrumental) → an int; None for a fraction."""
    lex = lexicon()
    key = word_key(number)
    value = int(key) if key.isdigit() else lex.tables["anaphora_numbers"].get(key) or lex.value("numbers", key)
    return int(value) if float(value).is_integer() else None
