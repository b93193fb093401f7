"""Entity keys → stable ids, the best names of each entity, and the merges between two runs.

An entity's id is a hash of the earliest-seen key among its names (published date, then article
id, then the key), so it depends on what the store holds, never on the order it was read in or
on how many workers read it. When a run regroups names, every id that is gone is recorded with
the id most of its names went to, so a saved id keeps resolving.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from datetime import date

from ..records import NameSeen
from .sound import is_cyrillic, latin

PREFIX = {"person": "P", "organisation": "O"}


def entity_id(kind: str, key: str) -> str:
    """A kind and a canonical key → `P` or `O` and 12 hex digits of the key's SHA-1."""
    return PREFIX[kind] + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _seen_order(seen: NameSeen, own: str) -> tuple[bool, date, str, str]:
    return (seen.first_seen is None, seen.first_seen or date.max, seen.first_article, own)


def assign_ids(
    kind: str, targets: Mapping[str, str], own: Callable[[str], str], seen: Mapping[str, NameSeen]
) -> dict[str, str]:
    """{name: entity key} and each name's own key → {name: entity id}, named after the earliest-seen own key."""
    members: dict[str, list[str]] = defaultdict(list)
    for name, target in targets.items():
        members[target].append(name)
    ids = {}
    for names in members.values():
        first = min(names, key=lambda n: _seen_order(seen[n], own(n)))
        ids.update(dict.fromkeys(names, entity_id(kind, own(first))))
    return ids


def merges(before: Mapping[str, str], after: Mapping[str, str]) -> dict[str, str]:
    """{name: id} of the last run and of this one → {old id: new id} for every id that is gone."""
    kept = set(after.values())
    went: dict[str, Counter[str]] = defaultdict(Counter)
    for name, old in before.items():
        if old not in kept and name in after:
            went[old][after[name]] += 1
    return {old: max(sorted(targets), key=targets.__getitem__) for old, targets in went.items()}


def best_names(names: list[str], seen: Mapping[str, NameSeen]) -> tuple[str | None, str | None]:
    """An entity's names → (the best Cyrillic one, the best Latin one): the fullest, then the most mentioned."""

    def rank(name: str) -> tuple[int, int, str]:
        return (min(len(name.split()), 3), seen[name].mentions, name)

    cyrillic = [n for n in names if is_cyrillic(n)]
    latin_names = [n for n in names if not is_cyrillic(n)]
    return (max(cyrillic, key=rank) if cyrillic else None, max(latin_names, key=rank) if latin_names else None)


def transliterated(name: str | None) -> str | None:
    """A Cyrillic name → its Latin form (iuliia, Wikipedia scheme), for persons seen only in Russian."""
    return latin(name) if name else None
