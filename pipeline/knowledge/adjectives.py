"""The world's country and subdivision names → the Russian adjectives made from them.

Russian news names a place by its adjective as often as by its name («аргентинская пресса»,
«калифорнийской синагоге»). The adjective's lemma follows from the name by suffix: Катар →
катарский, Аргентина → аргентинский, Калифорния → калифорнийский, Мали → малийский, Тайвань →
тайваньский, Массачусетс → массачусетский. A made-up lemma that pymorphy knows as another word is
dropped; so are names under 4 letters («Гор» → горский, «Юра» → юрский) and subdivisions that
share a city's name (Вена, Пекин, Гонконг: «пекинский» is the city's). A name that is itself an
adjective and a generic word («Кировоградская область», «Палестинские территории») gives that
adjective, as the reviewed «Пермский край» gives пермский. The reviewed adjectives in
models/regions.csv come first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence

from .places import NamedEntry

_SHORTEST = 4
_LEVELS = ("country", "federal_subject")
# «Кировоградская область», «Палестинские территории»: a name that is an adjective and a generic word
_ADJECTIVE_NAME = re.compile(r"([А-ЯЁ][а-яё]+[сц]к)(?:ая|ий|ое|ие) ([а-яё]+)")


def lemmas_of(name: str) -> set[str]:
    """A one-word Russian place name → the adjective lemmas Russian makes of it."""
    n = name.lower()
    if n.endswith("ия"):
        return {n[:-1] + "йский"}
    if n[-1] in "ая":
        return {n[:-1] + "ский"}
    if n[-1] in "иоуеэю":
        return {n + "йский"}
    if n[-1] == "ь":
        return {n + "ский", n[:-1] + "ский"}
    if n[-1] == "с":
        return {n + "ский", n[:-1] + "ский"}
    return {n + "ский"}


def named_by_adjective(name: str, generic: Callable[[str], bool]) -> set[str]:
    """«Кировоградская область» → {"кировоградский"}: the adjective of a name made of one and a generic word."""
    found = _ADJECTIVE_NAME.fullmatch(name)
    return {found.group(1).lower() + "ий"} if found and generic(found.group(2)) else set()


def adjectives(
    world: Sequence[NamedEntry],
    other_word: Callable[[str], bool],
    left_out: frozenset[str] = frozenset(),
    generic: Callable[[str], bool] = lambda word: False,
) -> Iterator[NamedEntry]:
    """World entries → (entry, [], its adjective lemmas) for countries and first-level subdivisions.

    `other_word` says pymorphy knows a lemma as a word that is not that adjective; names in
    `left_out` (models/places.toml: bare «Алтай») make none.
    """
    towns = {name for entry, _, names in world if entry.level == "city" for name in names}
    for entry, _, names in world:
        if entry.level not in _LEVELS:
            continue
        kept = _one_word([n for n in names if n not in left_out], towns if entry.level != "country" else set())
        made = {a for name in kept for a in lemmas_of(name) if not other_word(a)}
        made |= {a for name in names for a in named_by_adjective(name, generic)}
        if made:
            yield entry, [], sorted(made)


def _one_word(names: Iterable[str], towns: set[str]) -> list[str]:
    return [n for n in names if n.isalpha() and len(n) >= _SHORTEST and n not in towns]
