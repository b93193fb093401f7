"""Names the models tag as organisations that name none: a work, place or product named in quotes
after what it is («в кинотеатрах «Звезда» и «Космос»», «фильм «Цирк»», "the film "Circus""), a
platform a text was posted on («написал в Twitter», "posted on Instagram"), a disease ("COVID-19").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from ..knowledge.lexicon import load_toml
from ..knowledge.organisations import no_organisation
from ..records import Label, Mention, Token

_OPEN, _CLOSE = '«"“„', '»"”“'
# one earlier quoted name of a list, with what joins it to the next: «Строфы», | «Горячий снег» и
_LISTED = re.compile(rf"[{_OPEN}][^{_OPEN}{_CLOSE}]{{1,80}}[{_CLOSE}]\s*(?:,|и|или|and|or)\s*$")
_SUCH_AS = re.compile(r"\s*,?\s*(?:как|such as|like)\s*$")


@dataclass(frozen=True)
class NotOrganisations:
    named_things: frozenset[str]
    platforms: frozenset[str]
    diseases: frozenset[str]
    places_of_posting: frozenset[str]
    facilities: re.Pattern[str]


@cache
def words() -> NotOrganisations:
    """models/organisations.toml [no_organisation] → the word sets the checks read."""
    lex = load_toml("organisations")["no_organisation"]
    facilities = re.compile("|".join(map(_facility_part, lex["facilities"])), re.IGNORECASE)
    things, platforms = no_organisation("named_things"), no_organisation("platforms")
    return NotOrganisations(
        things, platforms, no_organisation("diseases"), no_organisation("places_of_posting"), facilities
    )


def _facility_part(entry: str) -> str:
    """ "дом культур" → word stems in a row («Доме Культуры»); "-холл" → a word's last part
    (Карнеги-холл); an acronym ("АЭС") → that word in capitals; a Latin word → that word."""
    if entry.startswith("-"):
        return rf"\w{re.escape(entry)}\w*"
    if entry.isupper():
        return rf"(?-i:\b{re.escape(entry)}\b)"
    stems = [rf"{re.escape(w)}\w*" if re.search("[а-яё]", w) else rf"{re.escape(w)}\b" for w in entry.split()]
    return r"\b" + r"\s+".join(stems)


def without_non_organisations(mentions: Sequence[Mention], tokens: Sequence[Token], text: str) -> list[Mention]:
    """Mentions → the same, ORG mentions that name no organisation relabelled MISC."""
    by_end = {t.end: t for t in tokens}
    by_start = {t.start: i for i, t in enumerate(tokens)}
    return [
        replace(m, label=Label.MISC)
        if m.label == Label.ORG and _no_organisation(m, tokens, text, by_end, by_start)
        else m
        for m in mentions
    ]


def _no_organisation(
    mention: Mention, tokens: Sequence[Token], text: str, by_end: dict[int, Token], by_start: dict[int, int]
) -> bool:
    return (
        _disease(mention)
        or words().facilities.search(mention.text) is not None
        or _named_thing(mention, text, by_end)
        or _posted_on(mention, tokens, by_start)
    )


def _fold(word: str) -> str:
    return word.lower().replace("ё", "е")


def _disease(mention: Mention) -> bool:
    return _fold(mention.text) in words().diseases


def _named_thing(mention: Mention, text: str, by_end: dict[int, Token]) -> bool:
    """A quoted name (or one of a quoted list) right after a word for a work, place or product."""
    start = mention.start + (mention.text[:1] in _OPEN)
    before = text[max(0, start - 400) : start]
    if not before.endswith(tuple(_OPEN)):
        # unquoted, a name in Latin letters in a Cyrillic text: «премии Grammy», «поезда ICE»
        word = by_end.get(len(before.rstrip()) + max(0, start - 400))
        latin = not re.search("[а-яёА-ЯЁ]", mention.text) and re.search("[а-яёА-ЯЁ]", before) is not None
        return latin and word is not None and _fold(word.lemma) in words().named_things
    before = before[:-1].rstrip()
    while (listed := _LISTED.search(before)) is not None:
        before = before[: listed.start()].rstrip()
    before = _SUCH_AS.sub("", before).rstrip()
    token = by_end.get(len(before) + max(0, start - 400))
    return token is not None and _fold(token.lemma) in words().named_things


def _posted_on(mention: Mention, tokens: Sequence[Token], by_start: dict[int, int]) -> bool:
    """A platform after "in"/"on" (a few words between: «в своём Фейсбуке», «в соцсети Weibo»)."""
    if _fold(mention.normal) not in words().platforms or mention.start not in by_start:
        return False
    i = by_start[mention.start] - 1
    for token in reversed(tokens[max(0, i - 2) : i + 1]):
        if _fold(token.text) in words().places_of_posting:
            return True
        if token.pos not in ("ADJ", "DET", "NOUN", "PRON"):
            return False
    return False
