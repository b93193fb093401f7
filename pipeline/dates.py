"""Dates: English and Russian date expressions → year, month, day, a range's end and the days covered.

A grammar built from models/dates.toml runs over the whole text; NER DATE spans add what it
misses. Parts an expression does not state come from the publication date (and mark the row
relative); without one they stay null, never guessed from today.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from typing import Any

from .lexicon import is_cyrillic, load_toml
from .records import DateValue, Label, Mention

_CLOCK = re.compile(r"\d{1,2}:\d{2}")
_MONTHS_IN = {"year": 12, "half": 6, "quarter": 3, "month": 1}  # calendar units counted in months
_DAYS_IN = {"week": 7, "day": 1}


@dataclass(frozen=True)
class _Fields:
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

    @property
    def is_range(self) -> bool:
        return (self.year_end, self.month_end, self.day_end) != (None, None, None)


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    fields: _Fields


@dataclass(frozen=True)
class _Context:
    published: date | None
    day_first: bool  # numeric dates with "/" or "-" read day-first (Russian text)


Handler = Callable[[re.Match[str], _Context], _Fields | None]


# ---- lexicon -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lexicon:
    """models/dates.toml: word tables (word or stem → value) and grammar settings."""

    tables: dict[str, dict[str, Any]]
    grammar: dict[str, Any]

    def value(self, table: str, word: str) -> Any:
        """A matched word → its value in `table`: the exact entry, else the longest stem it starts with."""
        key, entries = _key(word), self.tables[table]
        if key in entries:
            return entries[key]
        return entries[max((s for s in entries if key.startswith(s)), key=len)]


@cache
def lexicon() -> Lexicon:
    """models/dates.toml → Lexicon (keys lower-cased)."""
    raw = load_toml("dates")
    tables = {name: {_key(k): v for k, v in section.items()} for name, section in raw.items() if name != "grammar"}
    tables["months"] = {**raw["months_en"], **raw["months_en_short"], **raw["months_ru"]}
    tables["months"] |= {**raw["months_ru_words"], **raw["months_ru_short"]}
    tables["direction"] = {_key(k): v for part in raw["counted_direction"].values() for k, v in part.items()}
    return Lexicon(tables, raw["grammar"])


def _key(word: str) -> str:
    return " ".join(word.lower().rstrip(".").split())


def _words(words: Iterable[str], dot: bool = False) -> str:
    """Whole words or phrases → a regex alternation, longest first (a dot may follow with `dot`)."""
    parts = [re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)]
    return r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)" + (r"\.?" if dot else "")


def _stems(stems: Iterable[str], endings: str = r"\w*") -> str:
    """Word stems → a regex alternation of words starting with them."""
    parts = [re.escape(s) for s in sorted(stems, key=len, reverse=True)]
    return r"(?<!\w)(?:" + "|".join(parts) + r")" + endings + r"(?!\w)"


def _mixed(table: dict[str, Any]) -> str:
    """A table of Latin words and Cyrillic stems → one alternation."""
    latin = [w for w in table if not is_cyrillic(w)]
    return "(?:" + "|".join(filter(None, [_words(latin) if latin else "", _stems(filter(is_cyrillic, table))])) + ")"


def _capitalised(words: Iterable[str], strict: bool) -> str:
    """English words; a whole-text scan takes them only capitalised ("May", not "may")."""
    words = list(words)
    return _words(words) if not strict else "(?-i:" + _words(w.capitalize() for w in words) + ")"


def _month_fragment(lex: Lexicon, strict: bool, full: bool) -> str:
    """Month words → regex; `full` (a month alone) leaves out abbreviations and, in running text, "may"."""
    raw = load_toml("dates")
    endings = "(?:" + "|".join(lex.grammar["month_endings_ru"]) + ")"
    parts = [_capitalised(raw["months_en"], strict and full), _stems(raw["months_ru"], endings)]
    parts.append(_words(raw["months_ru_words"]))
    if not full:
        parts += [_words(raw["months_en_short"], dot=True), _words(raw["months_ru_short"], dot=True)]
    return "(?:" + "|".join(parts) + ")"


# ---- grammar -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Frag:
    """Regex fragments shared by the patterns (one set per scan mode)."""

    month: str
    month_full: str
    year_words: str
    sep: str
    opener: str
    weekday: str
    number: str
    strict: bool

    def day(self, g: str) -> str:
        return rf"(?<![\d:.,/])(?P<{g}>3[01]|[12]\d|0?[1-9])(?![\d:])(?:st|nd|rd|th|-?(?:ого|его|ое|го|е))?(?!\w)"

    def year(self, g: str) -> str:
        return rf"(?<![\d.,])(?P<{g}>1\d{{3}}|20\d\d)(?!\d)"

    def year_tail(self, g: str, required: bool = False) -> str:
        tail = rf"(?:\s*,\s*|\s+of\s+|\s+в\s+|\s+){self.year(g)}(?:\s*{self.year_words})?"
        return f"(?:{tail})" + ("" if required else "?")


@cache
def _fragments(strict: bool) -> _Frag:
    """Scan mode → regex fragments."""
    lex, raw = lexicon(), load_toml("dates")
    return _Frag(
        month=_month_fragment(lex, strict, full=False),
        month_full=_month_fragment(lex, strict, full=True),
        year_words=_year_words(lex),
        sep=rf"(?:\s*[-–—]\s*|\s+{_words(lex.grammar['range_words'])}\s+)",
        opener=rf"(?:{_words(lex.grammar['range_openers'])}\s+)?",
        weekday=rf"(?:{_words(raw['weekdays']['words'], dot=True)},?\s+)?",
        number=rf"(?:(?<![\d.,])\d{{1,3}}(?![\d.,])|{_words(lex.tables['numbers'])})",
        strict=strict,
    )


def _rules(f: _Frag, lex: Lexicon) -> list[tuple[str, Handler]]:
    """The grammar: (regex, handler) pairs; where matches overlap the longest wins."""
    rules = _numeric_rules(f) + _calendar_rules(f, lex) + _relative_rules(f, lex) + _year_rules(f, lex)
    return rules if f.strict else rules + _loose_rules(f)


def _numeric_rules(f: _Frag) -> list[tuple[str, Handler]]:
    """ "2023-11-09", "09.11.2023", "11/9/2023" (two-digit years only outside running text)."""
    year = r"\d{4}" if f.strict else r"\d{4}|\d\d"
    day_month = r"(?<![\d.:,/])(?P<a>\d\d?)\s*(?P<sep>[./-])\s*(?P<b>\d\d?)"
    return [
        (r"(?<![\d.])(?P<y>\d{4})-(?P<m>\d\d?)-(?P<d>\d\d?)(?![\d])", _iso),
        (rf"{day_month}\s*(?P=sep)\s*(?P<y>{year})(?!\d|[./-]\d)", _numeric),
    ]


def _loose_rules(f: _Frag) -> list[tuple[str, Handler]]:
    """Numbers that are dates only when a span holds nothing else: "15.02", "2/15", "2014-10"."""
    return [
        (r"(?<![\d.:,/])(?P<a>\d\d?)\s*(?P<sep>[./-])\s*(?P<b>\d\d?)(?![\d:]|\s*[./-]\s*\d)\.?", _numeric),
        (rf"(?<![\d.])(?P<m>\d\d?)/{f.year('y')}|{f.year('y2')}[/-](?P<m2>\d\d?)(?![\d/-])", _month_year),
    ]


def _calendar_rules(f: _Frag, lex: Lexicon) -> list[tuple[str, Handler]]:
    """Days, months, seasons, quarters and halves, with or without a year."""
    t, month, year, tail = lex.tables, rf"(?P<m>{f.month})", f.year_tail("y"), f.year_tail
    days = rf"(?:the\s+)?{f.day('d1')}\.?{f.sep}(?:the\s+)?{f.day('d2')}"
    ordinal = rf"(?:{_mixed(t['ordinals'])}|[1-4](?:-?(?:й|го|м|ом|ого))?(?!\w))"
    shift, period = _mixed(t["relative_shift"]), _words(t["periods"])
    return [
        (rf"{f.opener}{days}(?:\s+of)?\s+{month}{year}", _day_range),
        (rf"{month}\s+{days}{year}", _day_range),
        (rf"{f.weekday}(?:the\s+)?{f.day('d')}(?:\s+of)?\s+{month}{year}", _day_month),
        (rf"{f.weekday}{month}\s+(?:the\s+)?{f.day('d')}{year}", _day_month),
        (rf"{month}{tail('y', required=True)}", _day_month),
        (rf"(?P<m>{f.month_full})", _day_month),
        (rf"(?:(?P<r>{shift})\s+)?(?P<s>{_words(t['seasons'])}){year}", _season),
        (rf"(?:the\s+)?(?P<o>{ordinal})\s+(?P<p>{period})(?:\s+of)?(?:\s+the)?{year}", _period),
        (rf"(?<!\w)(?P<p>[QH])(?P<o>[1-4])(?!\w){year}", _period),
        (rf"{f.year('y')}\s*(?P<p>[QH])(?P<o>[1-4])(?!\w)", _period),
    ]


def _relative_rules(f: _Frag, lex: Lexicon) -> list[tuple[str, Handler]]:
    """Expressions resolved against the publication date: "last year", «2 месяца назад», "today"."""
    t = lex.tables
    unit, counted, number = _words(t["calendar_units"]), _words(t["counted_units"]), f.number
    after, before = (_words(t["counted_direction"][k]) for k in ("after_count", "before_count"))
    of_this = r"(?:\s*-\s*|\s+)(?:of\s+)?(?:the\s+)?(?:(?:this|current)\s+)?"
    return [
        (rf"(?P<r>{_mixed(t['relative_shift'])})\s+(?P<u>{unit})", _relative_unit),
        (rf"(?P<p>{_words(t['parts'])}){of_this}(?P<u>{unit})", _part_of_current),
        (rf"(?P<w>{_words(t['relative_days'])})", _relative_day),
        (rf"(?P<w>{_words(t['last_n'])})\s+(?P<n>{number})\s+(?P<u>{counted})", _last_n),
        (rf"(?:(?P<n>{number})\s+)?(?P<u>{counted})\s+(?P<w>{after})", _counted),
        (rf"(?P<w>{before})\s+(?:(?P<n>{number})\s+)?(?P<u>{counted})", _counted),
    ]


def _year_rules(f: _Frag, lex: Lexicon) -> list[tuple[str, Handler]]:
    """Years, year ranges and decades; in running text a bare year needs a cue ("in 2015")."""
    words = rf"(?:\s*{f.year_words})"
    bare = _year_cue(lex) + f.year("y") if f.strict else f.year("y")
    return [
        (rf"{f.year('y')}(?:'?s|-?(?:е|х|ые|ых))(?!\w){words}?", _decade),
        (rf"{f.opener}{f.year('y')}{words}?{f.sep}{f.year('y2')}{words}?", _year_range),
        (rf"{f.year('y')}{words}", _year),
        (bare, _year),
    ]


def _year_words(lex: Lexicon) -> str:
    """Russian words after a year: «году», «г.», «гг.»."""
    abbreviations = _words(lex.grammar["year_abbreviations_ru"], dot=True)
    return f"(?:{_words(lex.grammar['year_words_ru'])}|{abbreviations})"


def _year_cue(lex: Lexicon) -> str:
    """Words after which a bare four-digit number is a year ("in 2015", "mid-2024")."""
    cues = [
        rf"(?<=\b{re.escape(c)})" if c.endswith("-") else rf"(?<=\b{re.escape(c)}\s)"
        for c in lex.grammar["year_cues_en"]
    ]
    return "(?:" + "|".join(cues) + ")"


@cache
def _patterns(strict: bool) -> tuple[tuple[re.Pattern[str], Handler], ...]:
    """Scan mode → compiled grammar."""
    rules = _rules(_fragments(strict), lexicon())
    return tuple((re.compile(rx, re.IGNORECASE), handler) for rx, handler in rules)


# ---- handlers: one match → the fields it states -------------------------------------------


def _group(m: re.Match[str], name: str) -> str | None:
    return m.groupdict().get(name)


def _int(m: re.Match[str], name: str) -> int | None:
    value = _group(m, name)
    return int(value) if value else None


def _valid(year: int | None, month: int, day: int | None) -> _Fields | None:
    """Parts → fields, or None when they name no real day (month 13, 30 February)."""
    if not 1 <= month <= 12 or (day and not 1 <= day <= monthrange(year or 2000, month)[1]):
        return None
    return _Fields(year, month, day)


def _full_year(digits: str) -> int:
    """ "2023" → 2023; two digits → 20xx below the pivot, else 19xx ("23" → 2023, "74" → 1974)."""
    year = int(digits)
    if len(digits) > 2:
        return year
    return year + (2000 if year < lexicon().grammar["two_digit_year_pivot"] else 1900)


def _iso(m: re.Match[str], ctx: _Context) -> _Fields | None:
    """ "2023-11-09" → fields."""
    return _valid(int(m["y"]), int(m["m"]), int(m["d"]))


def _numeric(m: re.Match[str], ctx: _Context) -> _Fields | None:
    """ "09.11.2023", "11/9/2023", "15.02" → fields: dots and Russian text read day-first."""
    a, b = int(m["a"]), int(m["b"])
    day, month = (a, b) if m["sep"] == "." or ctx.day_first else (b, a)
    if month > 12:  # the other reading is the only possible one
        day, month = month, day
    year = _group(m, "y")
    return _valid(_full_year(year) if year else None, month, day)


def _month_year(m: re.Match[str], ctx: _Context) -> _Fields | None:
    """ "2/2013", "2014-10" → fields."""
    return _valid(_int(m, "y") or _int(m, "y2"), _int(m, "m") or _int(m, "m2") or 0, None)


def _day_month(m: re.Match[str], ctx: _Context) -> _Fields | None:
    """ "9 ноября", "February 9, 2016", "May 2020", «в январе» → fields."""
    return _valid(_int(m, "y"), lexicon().value("months", m["m"]), _int(m, "d"))


def _day_range(m: re.Match[str], ctx: _Context) -> _Fields | None:
    """ "16-17 May", "May 16-17, 2023", «с 1 по 5 марта» → a range within one month."""
    month, year = lexicon().value("months", m["m"]), _int(m, "y")
    first, last = _valid(year, month, _int(m, "d1")), _valid(year, month, _int(m, "d2"))
    if first is None or last is None or (first.day or 0) >= (last.day or 0):
        return None
    return replace(first, month_end=month, day_end=last.day)


def _season(m: re.Match[str], ctx: _Context) -> _Fields | None:
    """ "summer of 2023", «летом», "last winter" → three months (winter runs into the next year)."""
    lex, word, year, shift_word = lexicon(), _key(m["s"]), _int(m, "y"), m["r"]
    if year is None and shift_word is None and word in lex.tables["seasons_need_more"]["words"]:
        return None
    first = lex.value("seasons", word)
    fields = _Fields(year, first, month_end=(first + 1) % 12 + 1)
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


def _period(m: re.Match[str], ctx: _Context) -> _Fields | None:
    """ "Q1 2024", "first half of 2024", «в первом квартале», «I квартал 2024 года» → months."""
    lex, word, ordinal = lexicon(), m["p"].lower(), m["o"]
    unit = {"q": "quarter", "h": "half"}.get(word) or lex.value("periods", word)
    n = int(ordinal[0]) if ordinal[0].isdigit() else lex.value("ordinals", ordinal)
    size = _MONTHS_IN[unit]
    if n * size > 12:
        return None
    return _Fields(_int(m, "y"), (n - 1) * size + 1, month_end=n * size)


def _relative_unit(m: re.Match[str], ctx: _Context) -> _Fields | None:
    """ "last year", «в прошлом месяце», "next week" → the unit that far from the publication date."""
    lex = lexicon()
    unit, shift = lex.value("calendar_units", m["u"]), lex.value("relative_shift", m["r"])
    if ctx.published is None:
        return _Fields(relative=True, year_only=unit == "year")
    return _unit_fields(unit, *_unit_range(unit, shift, ctx.published))


def _part_of_current(m: re.Match[str], ctx: _Context) -> _Fields | None:
    """ "the end of the year", «в конце месяца» → a third of the unit holding the publication date."""
    lex = lexicon()
    unit, part = lex.value("calendar_units", m["u"]), lex.value("parts", m["p"])
    if ctx.published is None:
        return _Fields(relative=True)
    return replace(_unit_fields(unit, *_unit_range(unit, 0, ctx.published)), part=part)


def _relative_day(m: re.Match[str], ctx: _Context) -> _Fields | None:
    """ "yesterday", «позавчера» → that day."""
    if ctx.published is None:
        return _Fields(relative=True)
    return _point(ctx.published + timedelta(days=lexicon().value("relative_days", m["w"])))


def _counted_unit(m: re.Match[str]) -> tuple[str, int] | None:
    """The number and unit of "3 years", «полгода», "a week" → (unit, count), None without a count."""
    lex = lexicon()
    unit, _, factor = lex.value("counted_units", m["u"]).partition("*")
    number = _group(m, "n")
    if number is None and _key(m["u"]) not in lex.tables["counted_units_alone"]["words"]:
        return None
    count = 1 if number is None else int(number) if number.isdigit() else lex.value("numbers", number)
    return unit, count * int(factor or 1)


def _counted(m: re.Match[str], ctx: _Context) -> _Fields | None:
    """ "3 years ago", «через два года», «2 месяца назад» → the unit that far from the publication date."""
    counted = _counted_unit(m)
    if counted is None:
        return None
    if ctx.published is None:
        return _Fields(relative=True, year_only=counted[0] == "year")
    unit, count = counted[0], counted[1] * lexicon().value("direction", m["w"])
    if unit in _DAYS_IN:
        return _point(ctx.published + timedelta(days=count * _DAYS_IN[unit]))
    return _unit_fields(unit, *_unit_range(unit, count, ctx.published))


def _last_n(m: re.Match[str], ctx: _Context) -> _Fields | None:
    """ "last 2 years", «следующие три месяца» → that many whole units before or after the current one."""
    counted = _counted_unit(m)
    if counted is None or ctx.published is None:
        return None if counted is None else _Fields(relative=True)
    (unit, count), direction = counted, lexicon().value("last_n", m["w"])
    near, far = (-1, -count) if direction < 0 else (1, count)
    first, last = (
        _unit_range(unit, min(near, far), ctx.published)[0],
        _unit_range(unit, max(near, far), ctx.published)[1],
    )
    return _unit_fields(unit, first, last)


def _decade(m: re.Match[str], ctx: _Context) -> _Fields | None:
    """ "the 1990s", «в 1990-х годах» → ten years."""
    year = int(m["y"])
    return _Fields(year, year_end=year + 9) if year % 10 == 0 else None


def _year_range(m: re.Match[str], ctx: _Context) -> _Fields | None:
    """ "2020-2022", «в 2020–2022 годах», «с 2020 по 2022 год» → years."""
    first, last = int(m["y"]), int(m["y2"])
    return _Fields(first, year_end=last) if first < last <= first + 100 else None


def _year(m: re.Match[str], ctx: _Context) -> _Fields | None:
    """ "2015", «2015 год» → the year."""
    return _Fields(int(m["y"]), year_only=True)


# ---- calendar arithmetic -------------------------------------------------------------------


def _unit_range(unit: str, shift: int, published: date) -> tuple[date, date]:
    """The calendar unit holding `published`, moved `shift` units → its first and last day."""
    if unit in _DAYS_IN:
        start = published - timedelta(days=published.weekday() if unit == "week" else 0)
        first = start + timedelta(days=shift * _DAYS_IN[unit])
        return first, first + timedelta(days=_DAYS_IN[unit] - 1)
    size = _MONTHS_IN[unit]
    index = (published.year * 12 + published.month - 1) // size * size + shift * size
    return _month_start(index), _month_end(index + size - 1)


def _month_start(index: int) -> date:
    """Months since year 0 → the month's first day."""
    return date(index // 12, index % 12 + 1, 1)


def _month_end(index: int) -> date:
    """Months since year 0 → the month's last day."""
    year, month = index // 12, index % 12 + 1
    return date(year, month, monthrange(year, month)[1])


def _unit_fields(unit: str, first: date, last: date) -> _Fields:
    """First and last day of whole units → fields at the unit's grain (a range when they differ)."""
    if unit == "year":
        end = last.year if last.year != first.year else None
        return _Fields(first.year, year_end=end, relative=True, year_only=end is None)
    if unit in _DAYS_IN:
        end_day = last.day if last != first else None
        return _span(_point(first), last, end_day)
    return _span(_Fields(first.year, first.month, relative=True), last, None)


def _span(fields: _Fields, last: date, end_day: int | None) -> _Fields:
    """Fields of a unit's first day + its last day → a range unless both fall in one unit."""
    if end_day is None and (fields.year, fields.month) == (last.year, last.month):
        return fields
    return replace(fields, year_end=last.year, month_end=last.month, day_end=end_day)


def _point(day: date) -> _Fields:
    return _Fields(day.year, day.month, day.day, relative=True)


# ---- scanning: matches → non-overlapping hits, joined into whole expressions --------------


def _scan(text: str, ctx: _Context, strict: bool) -> list[_Hit]:
    """Text → date expressions in text order; `strict` (running text) wants cues for bare years."""
    hits = [hit for rx, handler in _patterns(strict) for hit in _matches(rx, handler, text, ctx)]
    return _join(text, _select(hits))


def _matches(rx: re.Pattern[str], handler: Handler, text: str, ctx: _Context) -> Iterator[_Hit]:
    for match in rx.finditer(text):
        fields = handler(match, ctx)
        if fields is not None:
            yield _Hit(match.start(), match.end(), fields)


def _select(hits: Iterable[_Hit]) -> list[_Hit]:
    """Overlapping hits → the longest ones, in text order."""
    chosen: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        if not any(_overlaps(hit.start, hit.end, c.start, c.end) for c in chosen):
            chosen.append(hit)
    return sorted(chosen, key=lambda h: h.start)


def _overlaps(start: int, end: int, other_start: int, other_end: int) -> bool:
    return start < other_end and other_start < end


def _join(text: str, hits: list[_Hit]) -> list[_Hit]:
    """Neighbouring hits → one expression: "9 ноября прошлого года", "the end of 2026", "January–March"."""
    hits = _pairwise(text, hits, _attach_year)
    hits = [_with_part(text, hit) for hit in hits]
    return _pairwise(text, hits, _join_range)


def _pairwise(text: str, hits: list[_Hit], join: Callable[[str, _Hit, _Hit], _Hit | None]) -> list[_Hit]:
    """Hits → hits, each joined with the one before it where `join` says they are one expression."""
    out: list[_Hit] = []
    for hit in hits:
        joined = join(text, out[-1], hit) if out else None
        out[-1:] = [joined] if joined else [*out[-1:], hit]
    return out


_YEAR_GAP = re.compile(r"(?:\s+of|\s*,)?\s+")


def _attach_year(text: str, first: _Hit, second: _Hit) -> _Hit | None:
    """ "9 ноября" + "прошлого года", "March" + "of last year" → one date with that year."""
    a, b = first.fields, second.fields
    if a.year is not None or a.relative or a.month is None or not b.year_only:
        return None
    if not _YEAR_GAP.fullmatch(text, first.end, second.start):
        return None
    fields = replace(a, year=b.year, relative=b.relative)
    return _Hit(first.start, second.end, fields)


@cache
def _part_before() -> re.Pattern[str]:
    """A part-of-period word right before an expression ("the end of ", "mid-", «в конце »)."""
    parts = _words(lexicon().tables["parts"])
    return re.compile(rf"(?:(?<!\w)the\s+)?(?P<p>{parts})(?:\s*-\s*|\s+)(?:of\s+)?(?:the\s+)?$", re.IGNORECASE)


def _with_part(text: str, hit: _Hit) -> _Hit:
    """ "2026" after "the end of" → "the end of 2026", the last third of the year."""
    f = hit.fields
    if (f.day is not None and f.day_end is None) or f.part is not None:  # a day has no thirds; a week has
        return hit
    match = _part_before().search(text, max(0, hit.start - 40), hit.start)
    if not match:
        return hit
    part = lexicon().value("parts", match["p"])
    return _Hit(match.start(), hit.end, replace(hit.fields, part=part))


@cache
def _range_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(the gap inside a range, the opener before it)."""
    f = _fragments(True)
    return re.compile(f.sep, re.IGNORECASE), re.compile(f.opener + "$", re.IGNORECASE)


def _join_range(text: str, first: _Hit, second: _Hit) -> _Hit | None:
    """ "January" + "–" + "March 2023" → January–March 2023 (the start takes the end's year)."""
    a, b = first.fields, second.fields
    if a.is_range or a.part or b.part or a.year_only != b.year_only or (a.day is None) != (b.day is None):
        return None
    gap, opener = _range_patterns()
    if not gap.fullmatch(text, first.end, second.start):
        return None
    start = replace(a, year=b.year, relative=a.relative or b.relative) if a.year is None else a
    end = (b.year_end, b.month_end, b.day_end) if b.is_range else (b.year, b.month, b.day)
    fields = replace(start, year_end=end[0], month_end=end[1], day_end=end[2], year_only=False)
    if start.year is not None and _interval(fields) == (None, None):
        return None
    begin = opener.search(text, max(0, first.start - 10), first.start)
    return _Hit(begin.start() if begin else first.start, second.end, fields)


# ---- rows ----------------------------------------------------------------------------------


def _finish(fields: _Fields, ctx: _Context) -> _Fields:
    """Fill the year from the publication date when the expression lacks one; close a range's year."""
    if fields.year is None and not fields.relative and fields.month is not None and ctx.published:
        fields = replace(fields, year=ctx.published.year, relative=True)
    if fields.year is not None and fields.year_end is None and fields.month_end is not None:
        wraps = fields.month_end < (fields.month or 0)  # December–February
        fields = replace(fields, year_end=fields.year + wraps)
    return fields


def _interval(f: _Fields) -> tuple[date | None, date | None]:
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


def _row(text: str, start: int, fields: _Fields, ctx: _Context) -> DateValue:
    """An expression's text, offset and fields → DateValue."""
    f = _finish(fields, ctx)
    first, last = _interval(f)
    end = start + len(text)
    return DateValue(
        text, f.year, f.month, f.day, f.relative, start, end, f.year_end, f.month_end, f.day_end, first, last
    )


# ---- public --------------------------------------------------------------------------------


def parse_date(text: str, published: date | None, start: int = 0) -> DateValue:
    """One date expression → DateValue; parts it does not state come from `published`."""
    ctx = _Context(published, is_cyrillic(text))
    best = _best(text, ctx)
    return _row(text, start, best.fields if best else _Fields(), ctx)


def find_dates(text: str, mentions: Iterable[Mention], published: date | None) -> Iterator[DateValue]:
    """Text + its DATE mentions → DateValues in text order, none overlapping."""
    ctx = _Context(published, _mostly_cyrillic(text))
    hits = _with_mentions(text, _scan(text, ctx, strict=True), mentions, ctx)
    for hit in sorted(hits, key=lambda h: h.start):
        yield _row(text[hit.start : hit.end], hit.start, hit.fields, ctx)


def _best(text: str, ctx: _Context) -> _Hit | None:
    """The longest date expression in a short text (bare numbers allowed)."""
    return max(_scan(text, ctx, strict=False), key=lambda h: h.end - h.start, default=None)


def _with_mentions(text: str, hits: list[_Hit], mentions: Iterable[Mention], ctx: _Context) -> list[_Hit]:
    """Grammar hits + NER DATE spans: a span replaces the one hit it strictly contains, adds where none is."""
    out = list(hits)
    for mention in sorted((m for m in mentions if m.label == Label.DATE), key=lambda m: m.start):
        inside = [h for h in out if _overlaps(h.start, h.end, mention.start, mention.end)]
        hit = _mention_hit(text, mention, inside, ctx)
        if hit is not None:
            out = [h for h in out if h not in inside] + [hit]
    return out


def _mention_hit(text: str, mention: Mention, inside: Sequence[_Hit], ctx: _Context) -> _Hit | None:
    """A DATE span → its hit, or None where the grammar's reading wins or the span is no date."""
    contains = len(inside) == 1 and mention.start <= inside[0].start and inside[0].end <= mention.end
    if inside and not (contains and mention.end - mention.start > inside[0].end - inside[0].start):
        return None
    span = text[mention.start : mention.end]
    best = _best(span, ctx)
    if best is None and (_CLOCK.search(span) or _bare_weekday().fullmatch(span.strip())):
        return None
    fields = best.fields if best else inside[0].fields if inside else _Fields()
    return _Hit(mention.start, mention.end, fields)


@cache
def _bare_weekday() -> re.Pattern[str]:
    """A weekday name alone ("Tuesday", «в пятницу»): never resolved, so not a row."""
    words = _words(load_toml("dates")["weekdays"]["words"], dot=True)
    return re.compile(rf"(?:(?:on|в|во)\s+)?{words}", re.IGNORECASE)


def _mostly_cyrillic(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return sum(map(is_cyrillic, letters)) * 2 > len(letters)
