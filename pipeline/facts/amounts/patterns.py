"""models/amounts.toml → the compiled patterns that find numbers, their units, qualifiers and ranges."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from ...knowledge.currencies import Currencies, currencies
from ...knowledge.lexicon import alternation, first_char_guard, load_toml, trie_pattern

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
    currencies: dict[str, str]  # symbols and models/ words (Russian stems) → ISO 4217
    names: dict[str, str]  # CLDR name forms and models/ words, lower-cased → ISO 4217
    codes: frozenset[str]  # every current ISO 4217 code, upper case
    number_sign: re.Pattern[str]  # "No 10", «№ 5» right before a number: a name, not an amount
    letters: dict[str, tuple[str, re.Pattern[str]]]  # letter symbol → (code, what names that code)
    words: dict[str, float]
    scales: dict[str, float]
    qualifiers: dict[str, str]
    solo_connectors: frozenset[str]
    not_counted: frozenset[str]


@cache
def patterns() -> Patterns:
    """models/amounts.toml → compiled patterns."""
    lex, world = load_toml("amounts"), currencies()
    world = replace(world, names={k: v for k, v in world.names.items() if k not in lex["names_not_alone"]["words"]})
    words = _word_values(lex["number_words"])
    symbol_table = {**world.symbols, **lex["currency_symbols"]}
    symbols = "|".join(map(re.escape, sorted(symbol_table, key=len, reverse=True)))
    codes = sorted(set(lex["currency_words"].values()))
    letters = lex["letter_symbols"]
    glued = "".join(rf"|(?<=(?-i:\b{re.escape(letter)}))" for letter in letters)
    before_codes = "|".join(sorted(world.codes - set(lex["codes_not_before"]["codes"])))
    unit = _unit_pattern(lex, symbols, world)
    number_word = alternation([*words, *lex["number_scales"]], stems=False)
    word_start = rf"(?<![\w-])(?P<w>{alternation(words, stems=False)})"
    ranges = lex["ranges"]
    joins = alternation({*ranges["connectors"], *ranges["connectors_after_opener"]}, stems=False)
    return Patterns(
        number=re.compile(
            first_char_guard(
                rf"(?:{_SIGN}|{_LEFT}|(?<=(?-i:{'|'.join(codes)})){glued})(?P<digits>{_DIGITS})|{word_start}",
                re.IGNORECASE,
            ),
            re.IGNORECASE,
        ),
        second=re.compile(rf"(?P<cur>{symbols})?\s?(?:(?P<digits>{_DIGITS})|{word_start})", re.IGNORECASE),
        word=re.compile(rf"[ \u00a0-]*(?P<w>{number_word})", re.IGNORECASE),
        after=re.compile(unit, re.IGNORECASE),
        before=re.compile(
            rf"(?:(?<!\w)(?P<open>{alternation(ranges['openers'], False)})\s+)?"
            rf"(?:(?<!\w)(?P<qual>{alternation(lex['qualifiers'], False)})\s+)?"
            rf"(?P<cur>(?:{symbols}|(?-i:\b(?:{before_codes})))\s?|(?-i:\b(?:{'|'.join(letters)})))?\Z",
            re.IGNORECASE,
        ),
        connector=re.compile(rf"{SPACE}?(?P<dash>[-–—]){SPACE}?|\s+(?P<word>{joins})\s+", re.IGNORECASE),
        multipliers={k.lower(): float(v) for k, v in lex["multipliers"].items()},
        currencies={**symbol_table, **{k.lower(): v for k, v in lex["currency_words"].items()}},
        names={**world.names, **{k.lower(): v for k, v in lex["currency_words"].items() if not _is_stem(k)}},
        codes=world.codes | set(codes),
        number_sign=re.compile(rf"(?<!\w)(?-i:{'|'.join(map(re.escape, lex['number_signs']['words']))})\s?\Z"),
        letters={letter: _naming(world, code) for letter, code in letters.items()},
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


def _naming(world: Currencies, code: str) -> tuple[str, re.Pattern[str]]:
    """An ISO 4217 code → (it, a regex for its code, signs and names: what lets a letter symbol stand for it)."""
    forms = [name for name, c in world.names.items() if c == code]
    signs = "|".join(re.escape(sign) for sign, c in world.symbols.items() if c == code)
    words = trie_pattern(forms)
    return code, re.compile(rf"(?-i:\b{code}\b)|{signs or '(?!)'}|(?<!\w){words}(?!\w)", re.IGNORECASE)


def _is_stem(word: str) -> bool:
    """Russian entries of [currency_words] are stems («руб» for «рублей»), the others whole words."""
    return any("\u0400" <= c <= "\u04ff" for c in word)


def _unit_pattern(lex: dict[str, Any], symbols: str, world: Currencies) -> str:
    """What may follow a number: multiplier, then currency (with hundredths) or percent.

    One-letter multipliers («к») and abbreviations with a dot («проц.») are whole words, so that
    «268 кандидатов» is no thousand and «две процедуры» no percentage.
    """
    mults = lex["multipliers"]
    letters = [m for m in mults if len(m) == 1 and _is_stem(m)]
    mult = "(?:" + "|".join([alternation(m for m in mults if m not in letters), *_whole(letters)]) + ")"
    names = trie_pattern(world.names) + r"(?!\w)"
    codes = "(?-i:" + trie_pattern(world.codes) + r")(?!\w)"
    currency = f"(?:{alternation(lex['currency_words'])}|{names}|{codes})"
    pct = lex["percent"]
    abbreviations = "|".join(re.escape(a) for a in pct["abbreviations"])
    percent = "|".join([*map(re.escape, pct["symbols"]), alternation(pct["words"]), abbreviations])
    cents = rf"(?:\s(?P<sub>\d{{1,2}})\s?{alternation(lex['subunits']['words'])})?"
    return rf"(?:\s?(?P<mult>{mult}))?(?:\s?(?P<cur>{symbols}|{currency}){cents}|\s?(?P<pct>{percent}))?"


def _whole(words: list[str]) -> list[str]:
    return [rf"{re.escape(w)}(?!\w)" for w in words]
