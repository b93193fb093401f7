"""An acronym across the names of a corpus → the one organisation name whose initials it spells.

«ПКБ» ~ Pakistan Cricket Board, PTI ~ Press Trust of India: an acronym of three letters or more
(its key its letters, Latin or transliterated) joins the one name of three words or more whose
initials, link words aside, are its letters, C and K as one (ПКБ is PKB, Cricket a K). When two
names of the corpus share the initials it joins neither, as a surname alone joins no one of two.
A Russian name whose every word has an English concept (models/org_words.csv) spells the English
initials too: «Особая воздушная служба» (special air service) ~ SAS, as English abbreviates it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Mapping

from .sound import latin

_ACRONYM = re.compile(r"o ([A-Z]{3,})")
_RUSSIAN = re.compile(r"[а-яё]", re.IGNORECASE)
_WORDS = re.compile(r"\w+")
_LINKS = frozenset(["of", "the", "and", "for", "по", "и", "в", "на", "для"])
_MIN_WORDS = 3


def _letters(text: str) -> str:
    return latin(text).upper().replace("C", "K")


def initials(name: str) -> str | None:
    """ "Pakistan Cricket Board" → "PKB" (C as K), «Российские железные дороги» → "RZHD"; None under three words."""
    words = [w for w in _WORDS.findall(name) if w.casefold() not in _LINKS]
    if len(words) < _MIN_WORDS:
        return None
    return _letters("".join(w[0] for w in words))


def translated_initials(name: str, concept: Callable[[str], str | None]) -> str | None:
    """«Особая воздушная служба» → "SAS" when every word, link words aside, has an English concept
    (special, air, service), in the Russian order; None otherwise or under three words."""
    words = [w for w in _WORDS.findall(name) if w.casefold() not in _LINKS]
    concepts = [concept(w) for w in words]
    if len(words) < _MIN_WORDS or not all(concepts):
        return None
    return _letters("".join(c[0] for c in concepts if c))


def expanded(keys: Mapping[str, str], concept: Callable[[str], str | None] | None = None) -> dict[str, str]:
    """{name: key} of a corpus → {acronym key: the key of the one full name it abbreviates}; with
    `concept` (a word → its English concept), Russian names spell their English initials too."""
    full: dict[str, set[str]] = defaultdict(set)
    for name, key in keys.items():
        if key.startswith("g "):
            continue
        english = translated_initials(name, concept) if concept and _RUSSIAN.search(name) else None
        for found in {initials(name), english}:
            if found:
                full[found].add(key)
    joined = {}
    for key in set(keys.values()):
        if (acronym := _ACRONYM.fullmatch(key)) and len(found_keys := full.get(_letters(acronym[1]), set())) == 1:
            joined[key] = next(iter(found_keys))
    return joined
