"""The world's currencies from CLDR (through babel): ISO 4217 codes, symbols and names in English
and Russian, every Russian case form of a name through pymorphy2.

Only the currencies legal tender in some territory today are read. A name ("Hong Kong dollars",
«гонконгских долларов») always names its currency; a name's last word alone ("naira", «гривен»)
only when no other current currency has it ("dollar" and «рубль» are left to the corrections in
models/amounts.toml). A symbol counts when it holds a sign that is not a letter (₦, HK$, ₴) and
only one currency writes it; the other symbols are left to the same corrections.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from babel import Locale

_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_COUNTS = (1, 2, 5, 1.5)  # one of each CLDR plural category of English and Russian


@dataclass(frozen=True)
class Currencies:
    """Current ISO 4217 currencies: their codes, and the forms of their names and symbols → code."""

    codes: frozenset[str]
    names: dict[str, str]  # lower-cased, single-spaced name form → code
    symbols: dict[str, str]  # symbol → code


@cache
def currencies() -> Currencies:
    """CLDR → the current currencies (built once per process)."""
    codes = _current_codes()
    names = _unambiguous(_name_forms(codes))
    return Currencies(frozenset(codes), names, _unambiguous(_symbols(codes)))


def _current_codes() -> set[str]:
    from babel.core import get_global
    from babel.numbers import get_territory_currencies

    found: set[str] = set()
    for territory in get_global("territory_currencies"):
        found.update(get_territory_currencies(territory, tender=True))
    return found


def _name_forms(codes: Iterable[str]) -> Iterator[tuple[str, str, bool]]:
    """(form, code, whole name): every plural form of both languages' names and, in Russian, every case."""
    from babel.numbers import get_currency_name

    inflect, is_noun = _russian_inflector()
    for code in sorted(codes):
        for language in ("en", "ru"):
            names = {get_currency_name(code, count, language) for count in _COUNTS}
            names = {" ".join(n.lower().split()) for n in names if n and n != code}
            if language == "ru":
                names |= inflect(" ".join(get_currency_name(code, 1, language).lower().split()))
            for name in names:
                yield name, code, True
                head = name.rsplit(" ", 1)[-1]
                if " " in name and (language == "en" or is_noun(head)):  # «золотой» alone is no currency
                    yield head, code, False


def _unambiguous(pairs: Iterable[tuple[str, str, bool]]) -> dict[str, str]:
    """(form, code, whole) → form → code, for the forms that name one currency (whole names win)."""
    whole: dict[str, set[str]] = defaultdict(set)
    part: dict[str, set[str]] = defaultdict(set)
    for form, code, is_whole in pairs:
        (whole if is_whole else part)[form].add(code)
    chosen = {form: codes for form, codes in part.items() if form not in whole}
    chosen |= whole
    return {form: next(iter(codes)) for form, codes in chosen.items() if len(codes) == 1}


def _symbols(codes: Iterable[str]) -> Iterator[tuple[str, str, bool]]:
    """(symbol, code, True) from English, Russian and the locale most likely in each territory."""
    from babel import Locale, UnknownLocaleError
    from babel.core import get_global
    from babel.numbers import get_territory_currencies

    wanted = set(codes)
    known = [(Locale("en"), wanted), (Locale("ru"), wanted)]
    yield from _signs(known)
    signed = {code for _, code, _ in _signs(known)}
    for territory in get_global("territory_currencies"):
        unsigned = set(get_territory_currencies(territory, tender=True)) & wanted - signed
        try:
            yield from _signs([(Locale.parse(f"und_{territory}"), unsigned)] if unsigned else [])
        except UnknownLocaleError:  # babel has no locale for some territories
            continue


def _signs(locales: Iterable[tuple[Locale, set[str]]]) -> Iterator[tuple[str, str, bool]]:
    """(symbol, code, True) for the symbols holding a currency sign (₦, HK$), not letters alone (Kč, лв.)."""
    for locale, codes in locales:
        for code in codes:
            symbol = locale.currency_symbols.get(code, "")
            if any(unicodedata.category(char) == "Sc" for char in symbol):
                yield symbol.strip("\u200e\u200f\u200b"), code, True


def _russian_inflector() -> tuple[Callable[[str], set[str]], Callable[[str], bool]]:
    """(A Russian currency name → its forms in every case and number, adjectives agreeing with the
    noun; whether a word is a noun)."""
    import natasha  # noqa: F401 - makes pymorphy2 import on Python 3.11 (inspect.getargspec)
    import pymorphy2

    morph = pymorphy2.MorphAnalyzer()

    def forms(name: str) -> set[str]:
        words = name.split()
        head = morph.parse(words[-1])[0]
        gender = head.tag.gender
        tables = [_forms_by_grammeme(morph.parse(w)[0], gender) for w in words]
        return {
            " ".join(t.get((case, number), w) for t, w in zip(tables, words, strict=True))
            for case in _CASES
            for number in ("sing", "plur")
        }

    return forms, lambda word: morph.parse(word)[0].tag.POS == "NOUN"


def _forms_by_grammeme(parse: Any, gender: str | None) -> dict[tuple[str, str], str]:
    """A word's parse → (case, number) → its form; an adjective's singular in the noun's gender."""
    table: dict[tuple[str, str], str] = {}
    for form in parse.lexeme:
        tag = form.tag
        if tag.POS not in ("NOUN", "ADJF") or (tag.POS == "ADJF" and tag.number == "sing" and tag.gender != gender):
            continue
        table.setdefault((tag.case, tag.number), form.word)
    return table
