"""Amounts: money (ISO 4217), percentages and counts of things, with qualifiers."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from .lexicon import alternation, load_toml
from .records import Amount, Token

_DIGITS = r"(?<![\w.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?(?![\d])|(?<![\w.,])\d+(?:[.,]\d+)*(?![\d])"
# Counted things that are really dates or durations are left to the dates table.
_NOT_COUNTED = {"year", "month", "day", "week", "hour", "minute", "год", "месяц", "день", "неделя", "час", "минута"}
_NOUNS = ("NOUN", "PROPN")
_ORDINAL = re.compile(r"(?:st|nd|rd|th)\b|-?(?:й|я|е|го|м|х)\b|-\w", re.IGNORECASE)


@dataclass(frozen=True)
class Patterns:
    number: re.Pattern[str]
    after: re.Pattern[str]
    before: re.Pattern[str]
    multipliers: dict[str, float]
    currencies: dict[str, str]
    number_words: dict[str, int]


@cache
def patterns() -> Patterns:
    """models/amounts.toml → compiled patterns."""
    lex = load_toml("amounts")
    words = alternation(lex["number_words"], stems=False)
    mult = alternation(lex["multipliers"])
    currency = alternation(lex["currency_words"])
    symbols = "|".join(map(re.escape, lex["currency_symbols"]))
    percent = "|".join([*map(re.escape, lex["percent"]["symbols"]), alternation(lex["percent"]["words"])])
    qual = alternation(lex["qualifiers"], stems=False)
    codes = "(?:" + "|".join(sorted(set(lex["currency_words"].values()))) + ")"
    return Patterns(
        number=re.compile(rf"{_DIGITS}|\b{words}", re.IGNORECASE),
        after=re.compile(
            rf"(?:\s?(?P<mult>{mult}))?(?:\s?(?P<cur>{symbols}|{currency})|\s?(?P<pct>{percent}))?",
            re.IGNORECASE,
        ),
        before=re.compile(rf"(?:(?P<qual>{qual})\s+)?(?P<cur>{symbols}|(?-i:\b{codes})\s?)?\Z", re.IGNORECASE),
        multipliers={k.lower(): float(v) for k, v in lex["multipliers"].items()},
        currencies={**lex["currency_symbols"], **{k.lower(): v for k, v in lex["currency_words"].items()}},
        number_words={k.lower(): int(v) for k, v in lex["number_words"].items()},
    )


def parse_number(text: str, language: str, has_multiplier: bool = False) -> float:
    """ "1.844.036.360,12" / "1,5" / "1,000" / "ninety" → float."""
    p = patterns()
    if text.lower() in p.number_words:
        return float(p.number_words[text.lower()])
    digits = re.sub(r"[ \u00a0\u202f]", "", text)
    seps = [c for c in digits if c in ".,"]
    if not seps:
        return float(digits)
    if len(set(seps)) == 2:
        decimal = seps[-1]
    elif len(seps) > 1:
        decimal = ""
    else:
        decimal = _single_separator(digits, seps[0], language, has_multiplier)
    if not decimal:
        return float(digits.replace(seps[0], ""))
    thousands = "," if decimal == "." else "."
    return float(digits.replace(thousands, "").replace(decimal, "."))


def _single_separator(digits: str, sep: str, language: str, has_multiplier: bool) -> str:
    """Decide whether the one separator in a number is decimal ("" means thousands)."""
    groups_of_three = len(digits.split(sep)[1]) == 3
    if has_multiplier or not groups_of_three:
        return sep
    if language == "ru":
        return "," if sep == "," else ""
    return "." if sep == "." else ""


def find_amounts(
    text: str, tokens: Sequence[Token], language: str, exclude: Sequence[tuple[int, int]] = ()
) -> Iterator[Amount]:
    """Text → money, percentages and counts; spans inside `exclude` (dates) are ignored."""
    p = patterns()
    for match in p.number.finditer(text):
        if any(s <= match.start() < e for s, e in exclude) or _ORDINAL.match(text, match.end()):
            continue
        amount = _amount(text, match, tokens, language, p)
        if amount:
            yield amount


def _amount(text: str, match: re.Match[str], tokens: Sequence[Token], language: str, p: Patterns) -> Amount | None:
    after = p.after.match(text, match.end())
    before = p.before.search(text[max(0, match.start() - 40) : match.start()])
    mult, cur, pct = (after.group(g) if after else None for g in ("mult", "cur", "pct"))
    if mult and len(mult.rstrip(".")) == 1 and after and after.group(0).startswith(" "):
        mult = None  # "5 m" is five metres, only "5m" is five million
    pre_cur = before.group("cur") if before else None
    currency = _currency(pre_cur, p) or _currency(cur, p)
    value = round(parse_number(match.group(0), language, bool(mult)) * (_factor(mult, p) if mult else 1.0), 6)
    end = after.end() if (cur or pct or mult) and after else match.end()
    wide_start = match.start() - (len(before.group(0)) if before else 0)
    qualifier = _qualifier(before.group("qual") if before else None, tokens, wide_start)
    start = wide_start if pre_cur or qualifier else match.start()
    if currency:
        return Amount(text[start:end].strip(), value, currency, qualifier, None, start, end)
    if pct:
        return Amount(text[start:end].strip(), value, "percent", qualifier, None, start, end)
    counted = counted_noun(text, tokens, end, language)
    if counted is None and not mult:
        return None  # a bare number ("128", a year) is not an amount
    return Amount(text[start:end].strip(), value, "count", qualifier, counted, start, end)


def _currency(word: str | None, p: Patterns) -> str | None:
    if not word:
        return None
    key = word.strip().rstrip(".").lower()
    if key.upper() in p.currencies.values():
        return key.upper()
    return next((code for stem, code in p.currencies.items() if key.startswith(stem.lower())), None)


def _factor(word: str, p: Patterns) -> float:
    key = word.strip().rstrip(".").lower()
    return p.multipliers.get(key) or next(v for k, v in p.multipliers.items() if key.startswith(k))


def _qualifier(phrase: str | None, tokens: Sequence[Token], start: int) -> str | None:
    """Qualifier phrase → its value; "information about 127 suppliers" is a preposition, not one."""
    if not phrase:
        return None
    index = bisect.bisect_left([t.start for t in tokens], start)
    if index and tokens[index - 1].pos in _NOUNS:
        return None
    qualifiers: dict[str, str] = load_toml("amounts")["qualifiers"]
    return qualifiers.get(" ".join(phrase.lower().split()))


def counted_noun(text: str, tokens: Sequence[Token], offset: int, language: str, window: int = 3) -> str | None:
    """The lemma of the first noun right after `offset` in the same sentence and line, if any."""
    starts = [t.start for t in tokens]
    index = bisect.bisect_left(starts, offset)
    if index >= len(tokens):
        return None
    sent = tokens[index].sent
    for j, token in enumerate(tokens[index : index + window], index):
        if token.sent != sent or not token.text[0].isalpha() or "\n" in text[offset : token.start]:
            return None
        if token.pos in _NOUNS:
            lemma = _noun_phrase(tokens, j, language)
            return None if lemma.split()[-1] in _NOT_COUNTED else lemma
    return None


def _noun_phrase(tokens: Sequence[Token], i: int, language: str) -> str:
    """English compounds run to their last noun ("production facilities" → "production facility");
    a Russian head noun comes first and its dependants are in other cases, so it stands alone."""
    words = [tokens[i].lemma.lower()]
    while (
        language == "en"
        and i + 1 < len(tokens)
        and tokens[i + 1].pos == "NOUN"
        and tokens[i + 1].sent == tokens[i].sent
    ):
        i += 1
        words.append(tokens[i].lemma.lower())
    return " ".join(words)
