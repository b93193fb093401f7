"""Date handlers: one grammar match and its context → the fields it states."""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import replace
from datetime import date, timedelta
from functools import cache

from ...knowledge.lexicon import load_toml
from .fields import DAYS_IN, MONTHS_IN, Context, Fields, point, unit_fields, unit_range
from .lexicon import counted_unit, lexicon, word_key


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
    return replace(fields, year=_season_year(first, ctx.published, shift), relative=True)


def _season_year(first_month: int, published: date, shift: int = 0) -> int:
    """The year a season starts in: this one (0) holds or follows `published` (December for January's
    winter); the last one (-1) is the latest that has ended by then ("last spring" in October 2020 is
    spring 2020); the next one (+1) is the first that starts after it."""
    wraps = first_month + 2 > 12
    if shift == 0:
        return published.year - 1 if wraps and published.month <= (first_month + 2) % 12 else published.year
    step = 1 if shift > 0 else -1
    year = published.year - step  # on the near side of the publication date: walk out to the first season past it
    while not _season_side(first_month, year, published, shift):
        year += step
    return year + step * (abs(shift) - 1)


def _season_side(first_month: int, year: int, published: date, shift: int) -> bool:
    """Whether the season starting in `year` has ended before (`shift` < 0) or starts after `published`."""
    start = date(year, first_month, 1)
    end_year, end_month = (year + 1, (first_month + 2) % 12) if first_month + 2 > 12 else (year, first_month + 2)
    end = date(end_year, end_month, monthrange(end_year, end_month)[1])
    return end < published if shift < 0 else start > published


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
    """The number and unit of "3 years", «полгода», "a week" → (unit, count), None without a count.

    A fraction of a year or quarter is counted in months («полтора года» → 18 months), of a week in days.
    """
    lex = lexicon()
    unit, factor = counted_unit(lex.value("counted_units", m["u"]))
    number = _group(m, "n")
    if number is None and word_key(m["u"]) not in lex.tables["counted_units_alone"]["words"]:
        return None
    count = (1 if number is None else int(number) if number.isdigit() else lex.value("numbers", number)) * factor
    if not float(count).is_integer() and unit in (*MONTHS_IN, "week"):
        count, unit = count * (MONTHS_IN.get(unit) or 7), "month" if unit in MONTHS_IN else "day"
    return (unit, int(count)) if float(count).is_integer() else None


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


def vague_shift(m: re.Match[str], ctx: Context) -> Fields | None:
    """«несколько дней назад», "a few weeks ago", «через несколько лет» → the units 2 to 9 away (models/dates.toml)."""
    if ctx.published is None:
        return Fields(relative=True)
    lex = lexicon()
    unit, factor = counted_unit(lex.value("counted_units", m["u"]))
    counts, direction = lex.tables["vague_counts"], lex.value("direction", m["w"]) * factor
    return _units_between(unit, counts["low"] * direction, counts["high"] * direction, ctx.published)


def last_n(m: re.Match[str], ctx: Context) -> Fields | None:
    """ "last 2 years", «следующие три месяца» → that many whole units before or after the current one."""
    counted = _counted_unit(m)
    if counted is None or ctx.published is None:
        return None if counted is None else Fields(relative=True)
    (unit, count), direction = counted, lexicon().value("last_n", m["w"])
    return _units_next_to(unit, count, direction, ctx.published)


def recent_units(m: re.Match[str], ctx: Context) -> Fields | None:
    """«в последние недели», «в ближайшие дни», "in recent years" → up to 9 whole units before or after
    the current one; «за последний месяц» → the one before it."""
    lex = lexicon()
    words, word = lex.tables["recent_units"], word_key(m["w"])
    if ctx.published is None:
        return Fields(relative=True)
    unit, factor = counted_unit(lex.value("counted_units", m["u"]))
    count = factor * (1 if word in words["singular"] else lex.tables["vague_counts"]["high"])
    direction = words["singular"].get(word) or words["plural"][word]
    return _units_next_to(unit, count, direction, ctx.published)


def _units_next_to(unit: str, count: int, direction: int, published: date) -> Fields:
    """`count` whole units right before (-1) or after (+1) the one holding `published`."""
    near = -1 if direction < 0 else 1
    return _units_between(unit, near, near * count, published)


def _units_between(unit: str, a: int, b: int, published: date) -> Fields:
    """The whole units from `a` to `b` units away (either order) from the one holding `published`."""
    return unit_fields(unit, unit_range(unit, min(a, b), published)[0], unit_range(unit, max(a, b), published)[1])


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


def weekday(m: re.Match[str], ctx: Context) -> Fields | None:
    """ "on Friday", «в пятницу», "next Tuesday", «в прошлую среду» → that day, from the publication date.

    A bare weekday (or "this …") is the latest such day on or before the publication date (news
    tells what happened; a Friday's "on Friday" is that day); "last …" is the latest strictly
    before it, "next …" the first strictly after it. Without a publication date it stays unresolved.
    """
    if ctx.published is None:
        return Fields(relative=True)
    lex, word, shift_word = lexicon(), m["wd"] or m["wd2"], m["r"] or m["r2"]
    target, shift = lex.value("weekday_numbers", word), lex.value("relative_shift", shift_word) if shift_word else 0
    today = ctx.published.weekday()
    if shift > 0:
        days = ((target - today) % 7 or 7) + 7 * (shift - 1)
    else:
        days = -((today - target) % 7 or (7 if shift else 0)) - 7 * max(0, -shift - 1)
    return point(ctx.published + timedelta(days=days))


def duration(m: re.Match[str], ctx: Context) -> Fields | None:
    """ "two years", «два года», "in 30 years", «10 суток» → a span of time (ISO 8601 "P2Y"), no date."""
    counted = _counted_unit(m)
    if counted is None or (counted[0] == "year" and _is_age(m)):
        return None
    return _span(*counted)


def duration_alone(m: re.Match[str], ctx: Context) -> Fields | None:
    """ "for a year", «за неделю», «в течение недели», «на год» → a span of one unit."""
    return _span(*counted_unit(lexicon().value("counted_units", m["u"])))


def _span(unit: str, count: int) -> Fields:
    """A count of units → a duration in ISO 8601 ("P2Y", "P18M", "P3W", "P10D")."""
    if unit in MONTHS_IN:
        months = count * MONTHS_IN[unit]
        return Fields(duration=f"P{months // 12}Y" if months % 12 == 0 else f"P{months}M")
    return Fields(duration=f"P{count}W" if unit == "week" else f"P{count * DAYS_IN[unit]}D")


def _is_age(m: re.Match[str]) -> bool:
    """ "aged 52", «в возрасте 85 лет», «Джеймсу Коми 52 года», "85 years old": an age, not a span."""
    before, after = age_patterns()
    line = m.string
    return bool(before.search(line, 0, m.start()) or after.match(line, m.end()))


@cache
def age_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(what stands before an age, what stands after it), from models/dates.toml [ages]."""
    ages = load_toml("dates")["ages"]
    cue = "|".join(re.escape(w) for w in ages["before"])
    between = "|".join(re.escape(w) for w in ages["between"])
    name = r"(?<=[\w,])\s+(?-i:[A-ZА-ЯЁ])[\w-]+"  # a capitalised word after a word: a name, not a sentence's start
    not_dative = "".join(rf"(?<!\b{re.escape(w)})" for w in ages["not_dative"])
    dative = rf"(?<!\w)[а-яё]{{3,}}(?:{'|'.join(ages['dative_endings'])}){not_dative}"
    before = re.compile(rf"(?:(?:(?<!\w)|(?<=\())(?:{cue})(?:\s+(?:{between}))?|{name}|{dative})\s*\Z", re.IGNORECASE)
    return before, re.compile(rf"\s+(?:{'|'.join(map(re.escape, ages['after']))})(?!\w)", re.IGNORECASE)
