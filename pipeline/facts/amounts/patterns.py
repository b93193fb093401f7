"""models/amounts.toml → the compiled patterns that find numbers, their units, qualifiers and ranges."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from ...knowledge.lexicon import alternation, first_char_guard, load_toml

SPACE = "[ \u00a0\u202f]"
# A number: grouped by spaces ("1 500 000,5") or by dots and commas ("1.844.036.360,12"), never the
# numerator or denominator of a fraction nor a clock time.
_DIGITS = rf"(?:\d{{1,3}}(?:{SPACE}\d{{3}})+(?:,\d+)?|\d+(?:[.,]\d+)*)(?!\d|[:/]\d)"
# Nothing word-like, no dash (a range's second end or a phone number's groups) and no sign before.
_LEFT = r"(?<![\w.,:/+\-–—])"
# A minus sign stands right before the digits, after a space or a bracket: "-0.5%", «(−3%)».
_SIGN = r"(?<![^\s(])(?P<sign>[-−])"


@dataclass(frozen=True)
class Patterns:
    """The compiled amount patterns and the word tables their matches are read with."""

    number: re.Pattern[str]
    second: re.Pattern[str]
    word: re.Pattern[str]
    after: re.Pattern[str]
    before: re.Pattern[str]
    connector: re.Pattern[str]
    multipliers: dict[str, float]
    currencies: dict[str, str]
    words: dict[str, float]
    scales: dict[str, float]
    qualifiers: dict[str, str]
    solo_connectors: frozenset[str]
    not_counted: frozenset[str]


@cache
def patterns() -> Patterns:
    """models/amounts.toml → compiled patterns."""
    lex = load_toml("amounts")
    words = _word_values(lex["number_words"])
    symbols = "|".join(map(re.escape, sorted(lex["currency_symbols"], key=len, reverse=True)))
    codes = sorted(set(lex["currency_words"].values()))
    unit = _unit_pattern(lex, symbols)
    number_word = alternation([*words, *lex["number_scales"]], stems=False)
    word_start = rf"(?<![\w-])(?P<w>{alternation(words, stems=False)})"
    ranges = lex["ranges"]
    joins = alternation({*ranges["connectors"], *ranges["connectors_after_opener"]}, stems=False)
    return Patterns(
        number=re.compile(
            first_char_guard(
                rf"(?:{_SIGN}|{_LEFT}|(?<=(?-i:{'|'.join(codes)})))(?P<digits>{_DIGITS})|{word_start}", re.IGNORECASE
            ),
            re.IGNORECASE,
        ),
        second=re.compile(rf"(?P<cur>{symbols})?\s?(?:(?P<digits>{_DIGITS})|{word_start})", re.IGNORECASE),
        word=re.compile(rf"[ \u00a0-]*(?P<w>{number_word})", re.IGNORECASE),
        after=re.compile(unit, re.IGNORECASE),
        before=re.compile(
            rf"(?:(?<!\w)(?P<open>{alternation(ranges['openers'], False)})\s+)?"
            rf"(?:(?<!\w)(?P<qual>{alternation(lex['qualifiers'], False)})\s+)?"
            rf"(?P<cur>(?:{symbols}|(?-i:\b(?:{'|'.join(codes)})))\s?)?\Z",
            re.IGNORECASE,
        ),
        connector=re.compile(rf"{SPACE}?(?P<dash>[-–—]){SPACE}?|\s+(?P<word>{joins})\s+", re.IGNORECASE),
        multipliers={k.lower(): float(v) for k, v in lex["multipliers"].items()},
        currencies={**lex["currency_symbols"], **{k.lower(): v for k, v in lex["currency_words"].items()}},
        words=words,
        scales={k.lower(): float(v) for k, v in lex["number_scales"].items()},
        qualifiers={" ".join(k.split()): v for k, v in lex["qualifiers"].items()},
        solo_connectors=frozenset(ranges["connectors"]),
        not_counted=frozenset(lex["counts"]["not_counted"]),
    )


def _word_values(lexicons: dict[str, dict[str, list[str]]]) -> dict[str, float]:
    """[number_words.LANG] tables (value → forms) → one form → value dict."""
    tables = lexicons.values()
    return {form.lower(): float(value) for table in tables for value, forms in table.items() for form in forms}


def _unit_pattern(lex: dict[str, Any], symbols: str) -> str:
    """What may follow a number: multiplier, then currency (with hundredths) or percent."""
    mult = alternation(lex["multipliers"])
    currency = alternation(lex["currency_words"])
    percent = "|".join([*map(re.escape, lex["percent"]["symbols"]), alternation(lex["percent"]["words"])])
    cents = rf"(?:\s(?P<sub>\d{{1,2}})\s?{alternation(lex['subunits']['words'])})?"
    return rf"(?:\s?(?P<mult>{mult}))?(?:\s?(?P<cur>{symbols}|{currency}){cents}|\s?(?P<pct>{percent}))?"
