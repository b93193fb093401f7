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

from ..records import PersonKey
from .sound import skeleton, sound

_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W\d_])?\.?")
_PATRONYMIC = re.compile(r"(?:вич|вна|ична|ич)$")


def person_key(name: str) -> PersonKey | None:
    """A canonical person name → its PersonKey (None for a name with no letters)."""
    words = _WORD.findall(name)
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


def person_keys(names: Iterable[str]) -> dict[str, str]:
    """Distinct person names → {name: entity key}; ambiguous surnames and initials get no key."""
    keys = {name: key for name in names if (key := person_key(name)) is not None}
    full: dict[str, set[PersonKey]] = defaultdict(set)
    for key in keys.values():
        if key.first:
            full[key.surname].add(key)
    found = {}
    for name, key in keys.items():
        target = key if key.first else _the_one(key, full[key.surname])
        if target is not None:
            found[name] = target.text
    return found


def _the_one(partial: PersonKey, candidates: set[PersonKey]) -> PersonKey | None:
    """A surname (with an initial or not) → the one full name it can be, itself when none, None when several."""
    matching = {c for c in candidates if not partial.initial or c.initial == partial.initial}
    if len(matching) == 1:
        return matching.pop()
    return partial if not matching else None
