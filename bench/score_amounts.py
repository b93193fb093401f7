"""Amount normalisation on the phrase-level cases in ../shared/eval/normalization: accuracy per set.

.venv/bin/python bench/score_amounts.py [-v]    # -v logs every miss

Duckling's AmountOfMoney (value and currency; an interval is the two ends of a range, an open
interval the one amount) and Numeral (value: the first amount found, of any unit, else the first
number read), and Natasha's money cases. Cases that expect nothing count as false positives when
an amount is found.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.facts.amounts.find import find_amounts, read_number

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "normalization"
log = logging.getLogger("bench.score_amounts")

# Duckling's unit names → ISO 4217 and the factor to the main unit; None: any unit (a bare number).
UNITS: dict[str, tuple[str | None, float]] = {
    "Dollar": ("USD", 1.0),
    "Pound": ("GBP", 1.0),
    "Cent": ("USD", 0.01),
    "Unnamed": (None, 1.0),
}
Value = tuple[float, str | None]


@dataclass(frozen=True)
class Case:
    source: str
    dimension: str
    language: str
    text: str
    expected: tuple[Value, ...] | None  # None: nothing is to be found


def duckling_cases(path: Path) -> Iterator[Case]:
    """duckling_en_ru.jsonl → AmountOfMoney and Numeral cases."""
    for row in _rows(path):
        if row["dimension"] in ("AmountOfMoney", "Numeral"):
            expected = _duckling_expected(row["expected"])
            yield Case(path.name, row["dimension"], row["lang"], row["text"], expected)


def _duckling_expected(expected: dict[str, Any] | None) -> tuple[Value, ...] | None:
    if expected is None:
        return None
    unit, factor = UNITS.get(expected.get("unit", "Unnamed"), (expected.get("unit"), 1.0))
    ends = [expected[k] for k in ("value", "from", "to") if k in expected]
    return tuple((v * factor, unit) for v in ends)


def natasha_cases(path: Path) -> Iterator[Case]:
    """natasha_unit_cases_ru.jsonl → money cases ("2000 RUB", "20000 RUB-30000 RUB", "2000 RUB/DAY")."""
    for row in _rows(path):
        if row["kind"].startswith("money"):
            ends = row["expected"].split("/")[0].split("-")
            expected = tuple((float(e.split()[0]), e.split()[1]) for e in ends)
            yield Case(path.name, row["kind"], row["lang"], row["text"], expected)


def _rows(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        yield from (json.loads(line) for line in fh if line.strip())


def predict(case: Case) -> tuple[Value, ...]:
    """A phrase → the values found in it: amounts with their currency, else the first number read."""
    amounts = list(find_amounts(case.text, [], case.language))
    money = tuple((a.value, a.unit) for a in amounts if a.unit not in ("percent", "count"))
    wants_number = case.dimension == "Numeral" or (case.expected and case.expected[0][1] is None)
    if not wants_number:
        return money
    value = amounts[0].value if amounts else read_number(case.text, case.language)
    return () if value is None else ((value, None),)


def correct(expected: tuple[Value, ...], found: tuple[Value, ...]) -> bool:
    return len(expected) == len(found) and all(
        math.isclose(e[0], f[0], rel_tol=1e-6) and e[1] == f[1] for e, f in zip(expected, found, strict=True)
    )


def score(cases: list[Case]) -> None:
    """Log cases, correct and accuracy per (file, dimension, language), and the false-positive rate."""
    groups: dict[tuple[str, str, str], list[bool]] = defaultdict(list)
    nones: dict[tuple[str, str, str], list[bool]] = defaultdict(list)
    for case in cases:
        found = predict(case)
        key = (case.source, case.dimension, case.language)
        if case.expected is None:
            nones[key].append(bool(list(find_amounts(case.text, [], case.language))))
            continue
        ok = correct(case.expected, found)
        groups[key].append(ok)
        if not ok:
            log.debug("miss %s %s %r: expected %s, found %s", *key[1:], case.text, case.expected, found)
    log.info("%-30s %-14s %-4s %6s %8s %9s", "file", "dimension", "lang", "cases", "correct", "accuracy")
    for key, oks in sorted(groups.items()):
        log.info("%-30s %-14s %-4s %6d %8d %9.3f", *key, len(oks), sum(oks), sum(oks) / len(oks))
    total = [ok for oks in groups.values() for ok in oks]
    log.info("%-30s %-14s %-4s %6d %8d %9.3f", "all", "", "", len(total), sum(total), sum(total) / len(total))
    for key, fps in sorted(nones.items()):
        rate = sum(fps) / len(fps)
        log.info("none cases %s %s %s: %d cases, %d false positives (rate %.3f)", *key, len(fps), sum(fps), rate)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="log every miss")
    args = parser.parse_args()
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO, format="%(message)s")
    duckling, natasha = EVAL / "duckling_en_ru.jsonl", EVAL / "natasha_unit_cases_ru.jsonl"
    if not duckling.exists() or not natasha.exists():
        log.error("no normalisation cases at %s (duckling_en_ru.jsonl, natasha_unit_cases_ru.jsonl)", EVAL)
        return 1
    score([*duckling_cases(duckling), *natasha_cases(natasha)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
