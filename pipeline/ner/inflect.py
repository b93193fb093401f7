"""Russian adjectives to the nominative that keeps their own word.

Natasha inflects the first of pymorphy's parses that fits the tag; for «Высшем» that is the
superlative of «высокий» («Высочайший»), for «Окружного» the dictionary's rarer «окружный». Here
the nominative keeps the written stem: of the parses that fit, the one whose nominative shares
most of the written word; when none keeps the stem, the stem takes the nominative ending of its
gender and number; between «-ый» and «-ой» of one stem, «-ой» (the current spelling).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

_CASE_ENDINGS = sorted(
    (
        "ими",
        "ыми",
        "ого",
        "его",
        "ому",
        "ему",
        "ой",
        "ей",
        "ую",
        "юю",
        "ем",
        "ом",
        "им",
        "ым",
        "их",
        "ых",
        "ая",
        "яя",
        "ое",
        "ее",
        "ые",
        "ие",
        "ий",
        "ый",
    ),
    key=len,
    reverse=True,
)
_SOFT = "гкхжшчщ"  # after these a masculine adjective ends in «-ий» («высший»)


def stem(word: str) -> str:
    """«высшем» → «высш»: the word without its adjectival case ending."""
    return next((word[: -len(e)] for e in _CASE_ENDINGS if word.endswith(e) and len(word) > len(e) + 2), word)


def nominative_ending(base: str, feats: dict[str, str]) -> str:
    """The nominative ending a stem takes in the gender and number of its tag."""
    soft = base[-1:] in _SOFT
    if feats.get("Number") == "Plur":
        return "ие" if soft else "ые"
    return {"Fem": "ая", "Neut": "ее" if base[-1:] in "жшчщ" else "ое"}.get(
        feats.get("Gender", ""), "ий" if soft else "ый"
    )


def adjective_nominative(word: str, feats: dict[str, str], candidates: Sequence[str]) -> str:
    """A lower-case adjective, its tag and the nominatives of its fitting parses → the nominative."""
    base = stem(word)
    kept = [c for c in candidates if c.startswith(base)]
    if not kept:
        return base + nominative_ending(base, feats)
    best = max(len(os.path.commonprefix([word, c])) for c in kept)
    top = [c for c in kept if len(os.path.commonprefix([word, c])) == best]
    return next((c for c in top if c.endswith("ой")), top[0])


def nominatives(forms: Sequence[Any], fits: Callable[[Any], bool]) -> list[str]:
    """pymorphy's parses (through Natasha's vocab) → the nominatives of the known ones that fit the tag."""
    found = [form.inflect({"Nom"}) for form in forms if form.is_known and fits(form)]
    return [f.word.replace("ё", "е") for f in found if f]
