"""Sports clubs the English model reads as persons: "Manchester United", "Aston Villa", "Real Madrid".

A club's name is a town and a club word (models/organisations.toml [clubs]), which the small
English model takes for a first name and a surname. A PER mention with a club word first or last
is the club's (ORG) when its other words are a place (the gazetteer or a GeoNames city) or the club
word alone is an organisation to the model in the same article ("United", "Villa"), and none of
its words is a first name ("David Villa" stays a person).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from ..knowledge.lexicon import load_toml
from ..knowledge.world import city_names_en
from ..records import Label, Mention

_POSSESSIVE = re.compile(r"['’]s$")


@dataclass(frozen=True)
class ClubWords:
    suffixes: frozenset[str]
    prefixes: frozenset[str]


@cache
def club_words() -> ClubWords:
    table = load_toml("organisations")["clubs"]
    return ClubWords(frozenset(table["suffixes"]), frozenset(table["prefixes"]))


def clubs(mentions: Sequence[Mention], places: frozenset[str], first_names: frozenset[str]) -> list[Mention]:
    """An article's mentions → the same, the persons that are clubs relabelled ORG."""
    alone = {m.text for m in mentions if m.source_label == "ORG" and " " not in m.text}
    return [_club(m, places, first_names, alone) for m in mentions]


def _club(mention: Mention, places: frozenset[str], first_names: frozenset[str], alone: set[str]) -> Mention:
    words = _POSSESSIVE.sub("", mention.text).split()
    if mention.label != Label.PER or len(words) < 2 or first_names.intersection(words):
        return mention
    split = _club_word(words)
    if split is None:
        return mention
    word, town = split
    if town in places or town in city_names_en() or word in alone:
        return replace(mention, label=Label.ORG)
    return mention


def _club_word(words: list[str]) -> tuple[str, str] | None:
    """A name's words → (its club word, the other words), or None without one."""
    if words[-1] in club_words().suffixes:
        return words[-1], " ".join(words[:-1])
    if words[0] in club_words().prefixes:
        return words[0], " ".join(words[1:])
    return None
