"""Person names across articles and scripts → the key of the entity each name belongs to.

A full name («Дмитрий Николаевич Махонин», "Dmitry Makhonin") keys on its first name's
consonants and its surname's sound; a patronymic or middle initial is left out. A surname alone
(«Махонин») or with an initial ("D. Makhonin") joins the one full name of the corpus with that
surname (and initial); with none it is a person of its own, and when two people share the
surname it joins nobody (no key): a surname alone never decides between two people.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from ..records import PersonKey
from .sound import is_cyrillic, skeleton, sound, spelled

_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W\d_])?\.?")
_PATRONYMIC = re.compile(r"(?:вич|вна|ична|ич)$")
_POSSESSIVE = re.compile(r"['’]s?$")  # Lampard's, Biden's
# a form of address before a name is not its first name
TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "sir",
        "lord",
        "lady",
        "capt",
        "gen",
        "col",
        "господин",
        "госпожа",
        "сэр",
        "доктор",
    ]
)


@lru_cache(maxsize=500_000)
def person_key(name: str) -> PersonKey | None:
    """A canonical person name → its PersonKey (None for a name with no letters)."""
    words = [_POSSESSIVE.sub("", w) for w in _WORD.findall(name)]
    while len(words) > 1 and words[0].rstrip(".").casefold() in TITLES:
        words = words[1:]
    if not words or not sound(words[-1]):
        return None
    surname = sound(words[-1])
    first = words[0] if len(words) > 1 and not _PATRONYMIC.search(words[0].casefold()) else ""
    if not first:
        return PersonKey(surname)
    initial = sound(first.rstrip("."))[:1]  # as the first name sounds: Хиллари, Hillary, H. → a
    if first.endswith(".") or len(first.rstrip(".")) == 1:
        return PersonKey(surname, initial=initial)
    return PersonKey(surname, skeleton(first), initial)


def written(name: str) -> tuple[bool, str]:
    """A name → (is it Cyrillic, its surname's letters but a vowel ending): within one script a
    surname joins by letters, not sound, its case ending aside (Обамы ~ Обама)."""
    words = [_POSSESSIVE.sub("", w) for w in _WORD.findall(name)]
    return is_cyrillic(name), spelled(words[-1]).rstrip("aeiouy") if words else ""


def person_keys(names: Iterable[str]) -> dict[str, str]:
    """Distinct person names → {name: entity key}; ambiguous surnames and initials get no key."""
    keys = {name: key for name in names if (key := person_key(name)) is not None}
    full: dict[str, set[PersonKey]] = defaultdict(set)
    forms: dict[PersonKey, set[tuple[bool, str]]] = defaultdict(set)
    for name, key in keys.items():
        if key.first:
            full[key.surname].add(key)
            forms[key].add(written(name))
    found = {}
    for name, key in keys.items():
        script, letters = written(name)
        # «Мин» is not «Пан Ги Мун», «Ребби» not «Рааб»: one sound, other letters in one script
        candidates = {c for c in full[key.surname] if _spelled_alike(script, letters, forms[c])}
        target = key if key.first else _the_one(key, candidates)
        if target is not None:
            found[name] = target.text
    return found


def _spelled_alike(script: bool, letters: str, forms: set[tuple[bool, str]]) -> bool:
    same = {w for s, w in forms if s == script}
    return not same or letters in same


def _the_one(partial: PersonKey, candidates: set[PersonKey]) -> PersonKey | None:
    """A surname (with an initial or not) → the one full name it can be, itself when none, None when several."""
    matching = {c for c in candidates if not partial.initial or c.initial == partial.initial}
    if len(matching) == 1:
        return matching.pop()
    return partial if not matching else None
