"""Date handlers: one grammar match and its context → the fields it states."""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import replace
from datetime import date, timedelta

from .fields import DAYS_IN, MONTHS_IN, Context, Fields, point, unit_fields, unit_range
from .lexicon import lexicon, word_key


def _group(m: re.Match[str], name: str) -> str | None:
    return m.groupdict().get(name)


def _int(m: re.Match[str], name: str) -> int | None:
    value = _group(m, name)
    return int(value) if value else None


def _valid(year: int | None, month: int, day: int | None) -> Fields | None:
    """Parts → fields, or None when they name no real day (month 13, 30 February)."""
    if not 1 <= month <= 12 or (day and not 1 <= day <= monthrange(year or 2000, month)[1]):
        return None
    return Fields(year, month, day)


def _full_year(digits: str) -> int:
    """ "2023" → 2023; two digits → 20xx below the pivot, else 19xx ("23" → 2023, "74" → 1974)."""
    year = int(digits)
    if len(digits) > 2:
        return year
    return year + (2000 if year < lexicon().grammar["two_digit_year_pivot"] else 1900)


def iso(m: re.Match[str], ctx: Context) -> Fields | None:
    """ "2023-11-09" → fields."""
    return _valid(int(m["y"]), int(m["m"]), int(m["d"]))


def numeric(m: re.Match[str], ctx: Context) -> Fields | None:
    """ "09.11.2023", "11/9/2023", "15.02" → fields: dots and Russian text read day-first."""
    a, b = int(m["a"]), int(m["b"])
    day, month = (a, b) if m["sep"] == "." or ctx.day_first else (b, a)
    if month > 12:  # the other reading is the only possible one
        day, month = month, day
    year = _group(m, "y")
    return _valid(_full_year(year) if year else None, month, day)


def month_year(m: re.Match[str], ctx: Context) -> Fields | None:
    """ "2/2013", "2014-10" → fields."""
    return _valid(_int(m, "y") or _int(m, "y2"), _int(m, "m") or _int(m, "m2") or 0, None)


def day_month(m: re.Match[str], ctx: Context) -> Fields | None:
    """ "9 ноября", "February 9, 2016", "May 2020", «в январе» → fields."""
    return _valid(_int(m, "y"), lexicon().value("months", m["m"]), _int(m, "d"))


def day_range(m: re.Match[str], ctx: Context) -> Fields | None:
    """ "16-17 May", "May 16-17, 2023", «с 1 по 5 марта» → a range within one month."""
    month, year = lexicon().value("months", m["m"]), _int(m, "y")
    first, last = _valid(year, month, _int(m, "d1")), _valid(year, month, _int(m, "d2"))
    if first is None or last is None or (first.day or 0) >= (last.day or 0):
        return None
    return replace(first, month_end=month, day_end=last.day)


def season(m: re.Match[str], ctx: Context) -> Fields | None:
    """ "summer of 2023", «летом», "last winter" → three months (winter runs into the next year)."""
    lex, word, year, shift_word = lexicon(), word_key(m["s"]), _int(m, "y"), m["r"]
    if year is None and shift_word is None and word in lex.tables["seasons_need_more"]["words"]:
        return None
    first = lex.value("seasons", word)
    fields = Fields(year, first, month_end=(first + 1) % 12 + 1)
    if year is not None or (shift_word is None and ctx.published is None):
        return fields
    if ctx.published is None:
        return replace(fields, relative=True)
    shift = lex.value("relative_shift", shift_word) if shift_word else 0
    return replace(fields, year=_season_year(first, ctx.published) + shift, relative=True)


def _season_year(first_month: int, published: date) -> int:
    """The year the season holding (or following) `published` starts in (December for January's winter)."""
    wraps = first_month + 2 > 12
    return published.year - 1 if wraps and published.month <= (first_month + 2) % 12 else published.year


def period(m: re.Match[str], ctx: Context) -> Fields | None:
    """ "Q1 2024", "first half of 2024", «в первом квартале», «I квартал 2024 года» → months."""
    lex, word, ordinal = lexicon(), m["p"].lower(), m["o"]
    unit = {"q": "quarter", "h": "half"}.get(word) or lex.value("periods", word)
    n = int(ordinal[0]) if ordinal[0].isdigit() else lex.value("ordinals", ordinal)
    size = MONTHS_IN[unit]
    if n * size > 12:
        return None
    return Fields(_int(m, "y"), (n - 1) * size + 1, month_end=n * size)


def relative_unit(m: re.Match[str], ctx: Context) -> Fields | None:
    """ "last year", «в прошлом месяце», "next week" → the unit that far from the publication date."""
    lex = lexicon()
    unit, shift = lex.value("calendar_units", m["u"]), lex.value("relative_shift", m["r"])
    if ctx.published is None:
        return Fields(relative=True, year_only=unit == "year")
    return unit_fields(unit, *unit_range(unit, shift, ctx.published))


def part_of_current(m: re.Match[str], ctx: Context) -> Fields | None:
    """ "the end of the year", «в конце месяца» → a third of the unit holding the publication date."""
    lex = lexicon()
    unit, part = lex.value("calendar_units", m["u"]), lex.value("parts", m["p"])
    if ctx.published is None:
        return Fields(relative=True)
    return replace(unit_fields(unit, *unit_range(unit, 0, ctx.published)), part=part)


def relative_day(m: re.Match[str], ctx: Context) -> Fields | None:
    """ "yesterday", «позавчера» → that day."""
    if ctx.published is None:
        return Fields(relative=True)
    return point(ctx.published + timedelta(days=lexicon().value("relative_days", m["w"])))


def _counted_unit(m: re.Match[str]) -> tuple[str, int] | None:
    """The number and unit of "3 years", «полгода», "a week" → (unit, count), None without a count."""
    lex = lexicon()
    unit, _, factor = lex.value("counted_units", m["u"]).partition("*")
    number = _group(m, "n")
    if number is None and word_key(m["u"]) not in lex.tables["counted_units_alone"]["words"]:
        return None
    count = 1 if number is None else int(number) if number.isdigit() else lex.value("numbers", number)
    return unit, count * int(factor or 1)


def counted_shift(m: re.Match[str], ctx: Context) -> Fields | None:
    """ "3 years ago", «через два года», «2 месяца назад» → the unit that far from the publication date."""
    counted = _counted_unit(m)
    if counted is None:
        return None
    if ctx.published is None:
        return Fields(relative=True, year_only=counted[0] == "year")
    unit, count = counted[0], counted[1] * lexicon().value("direction", m["w"])
    if unit in DAYS_IN:
        return point(ctx.published + timedelta(days=count * DAYS_IN[unit]))
    return unit_fields(unit, *unit_range(unit, count, ctx.published))


def last_n(m: re.Match[str], ctx: Context) -> Fields | None:
    """ "last 2 years", «следующие три месяца» → that many whole units before or after the current one."""
    counted = _counted_unit(m)
    if counted is None or ctx.published is None:
        return None if counted is None else Fields(relative=True)
    (unit, count), direction = counted, lexicon().value("last_n", m["w"])
    near, far = (-1, -count) if direction < 0 else (1, count)
    first, last = (
        unit_range(unit, min(near, far), ctx.published)[0],
        unit_range(unit, max(near, far), ctx.published)[1],
    )
    return unit_fields(unit, first, last)


def decade(m: re.Match[str], ctx: Context) -> Fields | None:
    """ "the 1990s", «в 1990-х годах» → ten years."""
    year = int(m["y"])
    return Fields(year, year_end=year + 9) if year % 10 == 0 else None


def year_range(m: re.Match[str], ctx: Context) -> Fields | None:
    """ "2020-2022", «в 2020–2022 годах», «с 2020 по 2022 год» → years."""
    first, last = int(m["y"]), int(m["y2"])
    return Fields(first, year_end=last) if first < last <= first + 100 else None


def single_year(m: re.Match[str], ctx: Context) -> Fields | None:
    """ "2015", «2015 год» → the year."""
    return Fields(int(m["y"]), year_only=True)
