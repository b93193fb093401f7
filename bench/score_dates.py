"""Score pipeline.dates against the phrase-level date cases in ../shared/eval/normalization/.

    .venv/bin/python bench/score_dates.py

Files (not shipped: licences):
- duckling_en_ru.jsonl, dimension "Time": `value` cases are compared at their grain (year; year and
  month for month and quarter; the full date for week and day), `interval` cases compare the first
  day and the exclusive end at the grain, `none` cases must give no row. Hour, minute and second
  grains are clock times, out of scope; intervals open at one end are counted apart too.
- dateparser_en_ru.jsonl: `parse` cases compare the date part; `search` cases compare the dates
  found in the text (both ends of a range count). RELATIVE_BASE is the publication date; without
  one a year the text does not state may stay null.
- natasha_unit_cases_ru.jsonl, kind "date": year, month and day as stated (no publication date).

"parse" runs parse_date on the whole phrase; "find" runs find_dates (no NER mentions) and counts
a case when one of its rows is right.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pipeline.facts.dates.find import find_dates, parse_date
from pipeline.records import DateValue

log = logging.getLogger("score_dates")
EVAL_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval" / "normalization"
_ISO = re.compile(r"^(-?\d+)-(\d\d)-(\d\d)")
_CLOCK_GRAINS = {"hour", "minute", "second"}
Key = tuple[int | None, ...]


@dataclass
class Score:
    """Counts for one file and language."""

    scope: int = 0
    parse: int = 0
    find: int = 0
    none: int = 0
    false_positive: int = 0
    skipped: Counter[str] = field(default_factory=Counter)


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """A JSON Lines file → its records."""
    with path.open(encoding="utf-8") as fh:
        yield from (json.loads(line) for line in fh if line.strip())


def iso_parts(value: str) -> tuple[int, int, int]:
    """ "2013-02-00T00:00:00-02:00" → (2013, 2, 0)."""
    match = _ISO.match(value)
    assert match, value
    year, month, day = (int(g) for g in match.groups())
    return year, month, day


def truncate(parts: tuple[int, int, int], grain: str) -> Key:
    """Date parts → the parts a grain states."""
    size = {"year": 1, "month": 2, "quarter": 2}.get(grain, 3)
    return parts[:size]


def row_key(row: DateValue, grain: str) -> Key:
    """A row → its start parts at a grain."""
    return truncate((row.year or 0, row.month or 0, row.day or 0), grain) if row.year else (None,)


def interval_key(row: DateValue, grain: str) -> tuple[Key, Key]:
    """A row → (first day, exclusive end) at a grain."""
    if row.date_from is None or row.date_to is None:
        return (None,), (None,)
    end = row.date_to + timedelta(days=1)
    return _key(row.date_from, grain), _key(end, grain)


def _key(day: date, grain: str) -> Key:
    return truncate((day.year, day.month, day.day), grain)


def duckling_expected(expected: dict[str, Any]) -> tuple[str, Any] | None:
    """A duckling expectation → (kind, key), or None when out of scope (clock grains, open intervals)."""
    grain = expected["grain"]
    if grain in _CLOCK_GRAINS:
        return None
    if expected["type"] == "value":
        return "value", truncate(iso_parts(expected["value"]), grain)
    if not expected.get("from") or not expected.get("to"):
        return None
    return "interval", (truncate(iso_parts(expected["from"]), grain), truncate(iso_parts(expected["to"]), grain))


def duckling_right(row: DateValue, expected: dict[str, Any], want: tuple[str, Any]) -> bool:
    kind, key = want
    grain = expected["grain"]
    return (row_key(row, grain) if kind == "value" else interval_key(row, grain)) == key


def score_duckling(path: Path) -> dict[str, Score]:
    """duckling_en_ru.jsonl → scores per language."""
    scores: dict[str, Score] = {}
    for case in read_jsonl(path):
        if case["dimension"] != "Time":
            continue
        score = scores.setdefault(case["lang"], Score())
        published = date.fromisoformat(case["ref_time"][:10])
        rows = list(find_dates(case["text"], [], published))
        if case["expected"] is None:
            score.none += 1
            score.false_positive += bool(rows)
            continue
        want = duckling_expected(case["expected"])
        if want is None:
            grain = case["expected"]["grain"]
            score.skipped["clock time" if grain in _CLOCK_GRAINS else "open interval"] += 1
            continue
        score.scope += 1
        score.parse += duckling_right(parse_date(case["text"], published), case["expected"], want)
        score.find += any(duckling_right(row, case["expected"], want) for row in rows)
    return scores


def day_of(value: str) -> Key:
    return iso_parts(value)


def found_days(rows: list[DateValue]) -> list[Key]:
    """Rows → the days they name (both ends of a range)."""
    days: list[Key] = []
    for row in rows:
        days.append((row.year, row.month, row.day))
        if row.day_end:
            days.append((row.year_end, row.month_end, row.day_end))
    return days


def same_day(found: Key, expected: Key, has_base: bool) -> bool:
    """A found day matches; without a publication date an unstated year may stay null."""
    return found[1:] == expected[1:] and (found[0] == expected[0] or (found[0] is None and not has_base))


def score_dateparser(path: Path) -> dict[str, Score]:
    """dateparser_en_ru.jsonl → scores per language."""
    scores: dict[str, Score] = {}
    for case in read_jsonl(path):
        score = scores.setdefault(case["lang"], Score())
        base = (case.get("settings") or {}).get("RELATIVE_BASE")
        published = date.fromisoformat(base[:10]) if base else None
        rows = list(find_dates(case["text"], [], published))
        if case["expected"] is None:
            score.none += 1
            score.false_positive += bool(rows)
        elif case["task"] == "parse":
            score.scope += 1
            want = day_of(case["expected"])
            parsed = parse_date(case["text"], published)
            score.parse += same_day((parsed.year, parsed.month, parsed.day), want, bool(base))
            score.find += any(same_day(d, want, bool(base)) for d in found_days(rows))
        else:
            score.scope += 1
            ok = search_right(found_days(rows), [day_of(v) for _, v in case["expected"]], bool(base))
            score.parse += ok
            score.find += ok
    return scores


def search_right(found: list[Key], expected: list[Key], has_base: bool) -> bool:
    """Every expected day found, and nothing else."""
    return len(found) == len(expected) and all(any(same_day(f, e, has_base) for f in found) for e in expected)


def score_natasha(path: Path) -> dict[str, Score]:
    """natasha_unit_cases_ru.jsonl (kind "date") → scores."""
    score = Score()
    for case in read_jsonl(path):
        if case["kind"] != "date":
            continue
        want = tuple(case["expected"].get(k) for k in ("year", "month", "day"))
        parsed = parse_date(case["text"], None)
        rows = list(find_dates(case["text"], [], None))
        score.scope += 1
        score.parse += (parsed.year, parsed.month, parsed.day) == want
        score.find += any((r.year, r.month, r.day) == want for r in rows)
    return {"ru": score}


def report(name: str, scores: dict[str, Score]) -> None:
    """Scores → log lines."""
    for lang, s in sorted(scores.items()):
        line = f"{name:32} {lang}  in scope {s.scope:5}  parse {s.parse:5} ({_rate(s.parse, s.scope)})"
        line += f"  find {s.find:5} ({_rate(s.find, s.scope)})"
        if s.none:
            line += f"  none {s.none:3}, false positives {s.false_positive} ({_rate(s.false_positive, s.none)})"
        if s.skipped:
            line += "  out of scope: " + ", ".join(f"{k} {v}" for k, v in sorted(s.skipped.items()))
        log.info(line)


def _rate(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "  -  "


def main() -> int:
    logging.basicConfig(format="%(message)s", level=logging.INFO)
    if not EVAL_DIR.is_dir():
        log.error("no evaluation data at %s (it is not shipped; see README, Quality)", EVAL_DIR)
        return 2
    report("duckling_en_ru.jsonl (Time)", score_duckling(EVAL_DIR / "duckling_en_ru.jsonl"))
    report("dateparser_en_ru.jsonl", score_dateparser(EVAL_DIR / "dateparser_en_ru.jsonl"))
    report("natasha_unit_cases_ru.jsonl", score_natasha(EVAL_DIR / "natasha_unit_cases_ru.jsonl"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
