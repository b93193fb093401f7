"""Amounts: money (ISO 4217), percentages and counts of things, with qualifiers and ranges."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from operator import attrgetter

from ...records import Amount, Token
from .numbers import parse_number, word_run
from .patterns import Patterns, patterns

__all__ = ["Patterns", "Piece", "counted_noun", "find_amounts", "parse_number", "patterns", "read_number"]

_NOUNS = ("NOUN", "PROPN")
# A counted noun follows the number directly or after its adjectives, not across these.
_STOP = ("ADP", "VERB", "AUX", "PRON", "CCONJ", "SCONJ")
_ORDINAL = re.compile(r"(?:st|nd|rd|th)\b|-?(?:й|я|е|го|м|х|ый|ой|ая|ое)\b|[-–—]\w", re.IGNORECASE)
_CHAIN = re.compile(r"[-–—]\d")  # "8-800-555": a phone number or an ID, not a range
_YEARS = range(1900, 2101)
_MODEL = re.compile(r"\s+[A-Z]")  # "737 Max": a capitalised Latin word after the digits
_MODEL_PART = re.compile(r"\d|^[-–]$")  # "737", "A320", "-" in "787-9"
_AFTER_NUMBER = re.compile(r"\d[ \u00a0]\Z")
_START = attrgetter("start")  # tokens are in text order: bisect on their start offsets


@dataclass(frozen=True)
class Piece:
    """One number with what stands around it, before it becomes an Amount."""

    start: int  # the qualifier or currency in front, else the number
    end: int  # past the multiplier, currency or percent after it
    number: float
    multiplier: float | None
    unit: str | None  # ISO 4217 code or "percent"
    qualifier: str | None = None
    opener: bool = False  # "from", «от», "between" stands in front
    digits: str = ""

    @property
    def value(self) -> float:
        return round(self.number * (self.multiplier or 1.0), 6)


def read_number(text: str, language: str) -> float | None:
    """The first number in a text, digits or words, times its multiplier ("100K", "3 million")."""
    p = patterns()
    match = p.number.search(text)
    return _piece(text, match, language, p).value if match else None


def find_amounts(
    text: str, tokens: Sequence[Token], language: str, exclude: Sequence[tuple[int, int]] = ()
) -> Iterator[Amount]:
    """Text → money, percentages and counts; spans inside `exclude` (dates) are ignored."""
    p = patterns()
    pos = 0
    while match := p.number.search(text, pos):
        match = _ungrouped(text, match, language, p)
        pos = match.end()
        if _skipped(text, match.start(), exclude, p):
            continue
        first = _piece(text, match, language, p, tokens)
        pair = _range(text, first, language, p)
        if pair:
            pos = pair[1].end
            yield from _range_amounts(text, pair, tokens, language, p)
        elif not _ORDINAL.match(text, _number_end(text, match, p)):
            pos = max(pos, first.end)
            amount = _amount(text, first, counted_noun(text, tokens, first.end, language))
            if amount:
                yield amount


def _ungrouped(text: str, match: re.Match[str], language: str, p: Patterns) -> re.Match[str]:
    """ "roughly 400 737 Max jets": spaces group thousands only in Russian and before no model name.

    English groups with commas (a plain space there separates two numbers); in either language a
    last group followed by a capitalised Latin word ("737 Max") is a model number, not thousands.
    """
    digits = match.group("digits") or ""
    if " " not in digits:
        return match
    after = p.after.match(text, match.end())
    unit = after is not None and bool(after.group("cur") or after.group("mult") or after.group("pct"))
    if language != "en" and (unit or not _MODEL.match(text, match.end())):
        return match
    cut = p.number.search(text, match.start(), match.start("digits") + digits.index(" "))
    return cut or match


def _skipped(text: str, start: int, exclude: Sequence[tuple[int, int]], p: Patterns) -> bool:
    """A number inside a date, after a number sign ("No 10"), right after another number ("400 737
    Max": a model), or behind a letter symbol its text does not bear out."""
    if any(s <= start < e for s, e in exclude) or p.number_sign.search(text, max(0, start - 6), start):
        return True
    return bool(_AFTER_NUMBER.search(text, max(0, start - 2), start)) or not _letter_stands(text, start, p)


def _letter_stands(text: str, start: int, p: Patterns) -> bool:
    """A letter glued to the digits ("N450") is a currency only where the text names it elsewhere ("naira", ₦)."""
    letter = text[start - 1] if start else ""
    return letter not in p.letters or p.letters[letter][1].search(text) is not None


def _number_end(text: str, match: re.Match[str], p: Patterns) -> int:
    return match.end("digits") if match.group("digits") else word_run(text, match.start("w"), p)[1]


def _piece(
    text: str, match: re.Match[str], language: str, p: Patterns, tokens: Sequence[Token] = (), front: bool = True
) -> Piece:
    """A number match → Piece with its multiplier and unit after it and, in `front`, what stands before."""
    end = _number_end(text, match, p)
    after = p.after.match(text, end)
    assert after is not None  # every part of it is optional
    mult = _multiplier(after)
    before = p.before.search(text, max(0, match.start() - 40), match.start()) if front else None
    pre_cur = match.groupdict().get("cur") or (before.group("cur") if before else None)
    currency = _currency(pre_cur, p) or _currency(after.group("cur"), p)
    number = text[match.start("digits") if match.group("digits") else match.start("w") : end]
    cents = int(after.group("sub")) / 100 if after.group("sub") else 0.0
    value = parse_number(number, language, bool(mult), bool(currency)) + cents
    if match.groupdict().get("sign"):
        value = -value
    qualifier = _qualifier(before, tokens, p)
    unit = currency or ("percent" if after.group("pct") else None)
    stop = after.end() if (unit or mult) else end
    opener = bool(before and before.group("open"))
    return Piece(_start(match, before, qualifier), stop, value, _factor(mult, p), unit, qualifier, opener, number)


def _multiplier(after: re.Match[str]) -> str | None:
    """The multiplier word after a number; "5 m" is five metres, only "5m" is five million."""
    mult = after.group("mult")
    return None if mult and len(mult.rstrip(".")) == 1 and after.group(0)[:1].isspace() else mult


def _start(match: re.Match[str], before: re.Match[str] | None, qualifier: str | None) -> int:
    """Where an amount's text starts: at its qualifier, else its currency in front, else its number."""
    if before and qualifier:
        return before.start("qual")
    return before.start("cur") if before and before.group("cur") else match.start()


def _range(text: str, first: Piece, language: str, p: Patterns) -> tuple[Piece, Piece] | None:
    """A first end and what follows it → both ends of a range, or None."""
    join = p.connector.match(text, first.end)
    if not join or not (join.group("dash") or first.opener or join.group("word").lower() in p.solo_connectors):
        return None
    match = p.second.match(text, join.end())
    if not match or _CHAIN.match(text, _number_end(text, match, p)):
        return None
    second = _piece(text, match, language, p, front=False)
    if first.unit and second.unit and first.unit != second.unit:
        return None
    if not first.multiplier and second.multiplier and first.number < second.number:
        first = replace(first, multiplier=second.multiplier)  # "$5-10 million": five million
    if first.value >= second.value:  # "787-9", "24-7": a model or a code; a range rises
        return None
    unit = first.unit or second.unit
    return replace(first, unit=unit), replace(second, unit=unit, qualifier=first.qualifier)


def _range_amounts(
    text: str, pair: tuple[Piece, Piece], tokens: Sequence[Token], language: str, p: Patterns
) -> Iterator[Amount]:
    """Both ends of a range → two Amounts; the noun after the second is what both count."""
    counted = counted_noun(text, tokens, pair[1].end, language)
    if not pair[1].unit and all(int(x.value) in _YEARS and x.value.is_integer() for x in pair):
        return  # "2015-2020 plan": years, left to the dates table
    for piece, bound in zip(pair, ("from", "to"), strict=True):
        amount = _amount(text, piece, counted, bound)
        if amount:
            yield amount


def _amount(text: str, piece: Piece, counted: str | None, bound: str | None = None) -> Amount | None:
    """A Piece → an Amount; a bare number, a year or an ID number is none."""
    start, end = _trim(text, piece.start, piece.end)
    if piece.unit:
        return Amount(text[start:end], piece.value, piece.unit, piece.qualifier, None, start, end, bound)
    if (counted is None and not piece.multiplier) or _looks_like_id(piece.digits):
        return None
    return Amount(text[start:end], piece.value, "count", piece.qualifier, counted, start, end, bound)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Spaces off both ends, and a full stop after a whole word («рублей.»), kept after «руб.»."""
    span = text[start:end]
    start, end = start + len(span) - len(span.lstrip()), start + len(span.rstrip())
    last = re.split(r"[\s.]", text[start:end].rstrip("."))[-1]
    return start, end - 1 if text[start:end].endswith(".") and len(last) > 4 else end


def _looks_like_id(digits: str) -> bool:
    """ "0033", "5902292103": a leading zero or eight unseparated digits make a code, not a count."""
    return digits.isdigit() and (len(digits) >= 8 or (len(digits) > 1 and digits[0] == "0"))


def _currency(word: str | None, p: Patterns) -> str | None:
    """A currency symbol, code or name → ISO 4217: a symbol or name as written, a code, else a Russian stem."""
    if not word:
        return None
    written = word.strip()
    key = " ".join(written.rstrip(".").lower().split())
    found = p.currencies.get(written) or p.names.get(key) or (written.upper() if written.upper() in p.codes else None)
    found = found or (p.letters[written][0] if written in p.letters else None)
    return found or _stem(key, p)


def _stem(key: str, p: Patterns) -> str | None:
    """The longest models/ stem the word starts with («рублей» → «руб»)."""
    stems = [stem for stem in p.currencies if key.startswith(stem.lower())]
    return p.currencies[max(stems, key=len)] if stems else None


def _factor(word: str | None, p: Patterns) -> float | None:
    if not word:
        return None
    key = word.strip().rstrip(".").lower()
    return p.multipliers.get(key) or next(v for k, v in p.multipliers.items() if key.startswith(k))


def _qualifier(before: re.Match[str] | None, tokens: Sequence[Token], p: Patterns) -> str | None:
    """Qualifier phrase before a number → its value; "information about 127 suppliers" is a preposition."""
    phrase = before.group("qual") if before else None
    if not before or not phrase:
        return None
    index = bisect.bisect_left(tokens, before.start("qual"), key=_START)
    if index and tokens[index - 1].pos in _NOUNS:
        return None
    return p.qualifiers.get(" ".join(phrase.lower().split()))


def counted_noun(text: str, tokens: Sequence[Token], offset: int, language: str, window: int = 3) -> str | None:
    """The lemma of the first noun right after `offset` in the same sentence and line, if any.

    A model number between the count and its noun is passed over ("400 737 Max jets", "50 787-9 jets").
    """
    index = bisect.bisect_left(tokens, offset, key=_START)
    if index >= len(tokens):
        return None
    sent = tokens[index].sent
    words = [(j, t) for j, t in enumerate(tokens[index : index + window + 4], index) if not _MODEL_PART.search(t.text)]
    for j, token in words[:window]:
        if token.sent != sent or token.pos in _STOP or not _same_line_word(text, offset, token):
            return None
        if token.pos in _NOUNS:
            lemma = _noun_phrase(tokens, j, language)
            return None if lemma.split()[-1] in patterns().not_counted else lemma
    return None


def _same_line_word(text: str, offset: int, token: Token) -> bool:
    return token.text[0].isalpha() and "\n" not in text[offset : token.start]


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
