"""Dates: DATE mentions and relative phrases → year, month, day resolved against publication."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from .lexicon import alternation, load_toml
from .records import DateValue, Label, Mention

_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_DAY = re.compile(r"(?<![\d.:])([0-3]?\d)(?![\d:])")
_AGO = re.compile(
    r"(?P<n>\d+)\s+(?P<unit>years?|months?|weeks?|days?|год\w*|лет|месяц\w*|недел\w*|дн\w*|день)\s+(?:ago|назад)",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"^\s*\d{1,2}:\d{2}")


@dataclass(frozen=True)
class Lexicon:
    months: re.Pattern[str]
    month_numbers: dict[str, int]
    relative_years: dict[str, int]
    relative_days: dict[str, int]
    relative: re.Pattern[str]


@cache
def lexicon() -> Lexicon:
    """models/dates.toml → compiled patterns."""
    lex = load_toml("dates")
    phrases = [*lex["relative_years"], *lex["relative_days"]]
    return Lexicon(
        months=re.compile(r"\b(?:" + "|".join(map(re.escape, lex["months"])) + r")\w*", re.IGNORECASE),
        month_numbers={k.lower(): int(v) for k, v in lex["months"].items()},
        relative_years={k.lower(): int(v) for k, v in lex["relative_years"].items()},
        relative_days={k.lower(): int(v) for k, v in lex["relative_days"].items()},
        relative=re.compile(rf"{_AGO.pattern}|\b{alternation(phrases, stems=False)}", re.IGNORECASE),
    )


def find_dates(text: str, mentions: Iterable[Mention], published: date | None) -> Iterator[DateValue]:
    """DATE mentions plus relative phrases the NER missed → DateValues, in text order."""
    spans = [(m.start, m.end) for m in mentions if m.label == Label.DATE]
    for match in lexicon().relative.finditer(text):
        if not any(s < match.end() and match.start() < e for s, e in spans):
            spans.append((match.start(), match.end()))
    for start, end in sorted(spans):
        if not _CLOCK.match(text[start:end]):
            yield parse_date(text[start:end], published, start)


def parse_date(text: str, published: date | None, start: int = 0) -> DateValue:
    """One date expression → DateValue; parts it does not state come from `published`."""
    relative = _relative(text, published)
    if relative:
        return DateValue(text, *relative, True, start, start + len(text))
    year_match = _YEAR.search(text)
    month = _month(text)
    day = _day(text, year_match) if month else None
    year = int(year_match.group(1)) if year_match else None
    inferred = year is None and month is not None and published is not None
    if inferred and published:
        year = published.year
    return DateValue(text, year, month, day, inferred, start, start + len(text))


def _month(text: str) -> int | None:
    lex = lexicon()
    match = lex.months.search(text)
    if not match:
        return None
    word = match.group(0).lower()
    return next(n for stem, n in lex.month_numbers.items() if word.startswith(stem))


def _day(text: str, year: re.Match[str] | None) -> int | None:
    for match in _DAY.finditer(text):
        if year and year.start() <= match.start() < year.end():
            continue
        if 1 <= int(match.group(1)) <= 31:
            return int(match.group(1))
    return None


def _relative(text: str, published: date | None) -> tuple[int | None, int | None, int | None] | None:
    """Relative phrase → (year, month, day); all None when there is no publication date."""
    lex = lexicon()
    key = " ".join(text.lower().split())
    ago = _AGO.search(text)
    if key not in lex.relative_years and key not in lex.relative_days and not ago:
        return None
    if published is None:
        return None, None, None
    if key in lex.relative_years:
        return published.year + lex.relative_years[key], None, None
    if key in lex.relative_days:
        d = published + timedelta(days=lex.relative_days[key])
        return d.year, d.month, d.day
    assert ago is not None
    return _ago(int(ago.group("n")), ago.group("unit").lower(), published)


def _ago(n: int, unit: str, published: date) -> tuple[int | None, int | None, int | None]:
    if unit.startswith(("year", "год", "лет")):
        return published.year - n, None, None
    if unit.startswith(("month", "месяц")):
        months = published.year * 12 + published.month - 1 - n
        return months // 12, months % 12 + 1, None
    d = published - timedelta(weeks=n) if unit.startswith(("week", "недел")) else published - timedelta(days=n)
    return d.year, d.month, d.day
