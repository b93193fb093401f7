"""Regions: gazetteer matches over the text → ISO 3166 codes (cities count as their region).

English names are matched on the surface text, Russian names on lemmas, so «Пермского края»
and «Пермский край» are one entry. Matching runs over the whole text, not only NER spans:
the small English model tags "Perm Krai" as a person.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

from ..knowledge.places import Entry, entries
from ..records import Region, Token

# Generic words of region names that texts write in either case ("Kama region", "Perm Region").
_GENERIC = ("region", "territory", "oblast", "krai", "republic", "province", "district", "okrug")
Lemmatiser = Callable[[str], frozenset[str]]


@dataclass(frozen=True)
class Gazetteer:
    english: dict[str, list[tuple[tuple[str, ...], Entry]]]  # first word → (all words, entry), longest first
    russian: dict[str, list[tuple[tuple[frozenset[str], ...], bool, Entry]]]


# Words for name matching: "Khanty-Mansi", "U.S.", and an apostrophe starts a word of its own,
# so "Russia's" is Russia + 's and "Côte d'Ivoire" splits the same way in text and gazetteer.
_WORD = re.compile(r"\w+(?:[-.]\w+)*\.?|['’]\w*")


def _fold_word(word: str) -> str:
    """Generic words ("Region", "region") compare case-insensitively, names exactly."""
    return word.lower() if word.lower().rstrip(".") in _GENERIC else word


def _words(name: str) -> tuple[str, ...]:
    return tuple(_fold_word(m.group(0)) for m in _WORD.finditer(name))


def build(lemmas: Lemmatiser) -> Gazetteer:
    """Gazetteer files → matchers; `lemmas` gives every normal form of a Russian word."""
    english: dict[str, Entry] = {}
    russian: dict[str, list[tuple[tuple[frozenset[str], ...], bool, Entry]]] = defaultdict(list)
    for entry, names_en, names_ru in entries():
        for name in names_en:
            english.setdefault(name, entry)
        for name in names_ru:
            forms = tuple(lemmas(word) for word in name.split())
            proper = name[:1].isupper()
            for first in forms[0]:
                russian[first].append((forms, proper, entry))
    for candidates in russian.values():
        candidates.sort(key=lambda c: -len(c[0]))
    index: dict[str, list[tuple[tuple[str, ...], Entry]]] = defaultdict(list)
    for name, entry in english.items():
        words = _words(name)
        index[words[0]].append((words, entry))
    for options in index.values():
        options.sort(key=lambda option: -len(option[0]))
    return Gazetteer(dict(index), dict(russian))


def _key(name: str) -> str:
    return " ".join(name.lower().split())


def find_regions(text: str, tokens: Sequence[Token], language: str, gazetteer: Gazetteer) -> Iterator[Region]:
    """Text (and its tokens) → Region mentions, longest match first, never overlapping."""
    if language == "ru":
        yield from _russian(text, tokens, gazetteer)
    else:
        yield from _english(text, gazetteer)


def _english(text: str, gazetteer: Gazetteer) -> Iterator[Region]:
    """Word-sequence lookup (first word → candidate names, longest first), left to right."""
    words = list(_WORD.finditer(text))
    for i, (length, entry, last) in longest_matches(len(words), lambda i: _english_at(words, i, gazetteer)):
        start, end = words[i].start(), words[i + length - 1].end()
        if words[i + length - 1].group(0).endswith(".") and not last.endswith("."):
            end -= 1  # a sentence's full stop is not part of the name
        yield _region(text[start:end], entry, entry.name_en, start, end)


M = TypeVar("M", bound=tuple[Any, ...])


def longest_matches(count: int, match_at: Callable[[int], M | None]) -> Iterator[tuple[int, M]]:
    """Positions 0..count-1 → (position, match) left to right, skipping what a match covers.

    `match_at(i)` returns the longest match starting at i as a tuple whose first item is its length.
    """
    i = 0
    while i < count:
        found = match_at(i)
        if found is None:
            i += 1
            continue
        yield i, found
        i += found[0]


def _same(word: str, name_word: str) -> bool:
    word = _fold_word(word)
    return word == name_word or (word.endswith(".") and not name_word.endswith(".") and word[:-1] == name_word)


def _english_at(words: Sequence[re.Match[str]], i: int, gazetteer: Gazetteer) -> tuple[int, Entry, str] | None:
    """The longest gazetteer name starting at word i → (its length in words, entry, its last word)."""
    first = _fold_word(words[i].group(0))
    options = gazetteer.english.get(first) or gazetteer.english.get(first.rstrip("."), [])
    for names, entry in options:
        window = words[i : i + len(names)]
        if len(window) == len(names) and all(_same(w.group(0), n) for w, n in zip(window, names, strict=True)):
            return len(names), entry, names[-1]
    return None


def _russian(text: str, tokens: Sequence[Token], gazetteer: Gazetteer) -> Iterator[Region]:
    for i, (length, entry) in longest_matches(len(tokens), lambda i: _match_at(tokens, i, gazetteer)):
        start, end = tokens[i].start, tokens[i + length - 1].end
        yield _region(text[start:end], entry, entry.name_ru, start, end)


def _match_at(tokens: Sequence[Token], i: int, gazetteer: Gazetteer) -> tuple[int, Entry] | None:
    for forms, proper, entry in gazetteer.russian.get(tokens[i].lemma.lower(), ()):
        window = tokens[i : i + len(forms)]
        if len(window) < len(forms) or (proper and not window[0].text[:1].isupper()):
            continue
        if all(t.lemma.lower() in f or t.text.lower() in f for t, f in zip(window, forms, strict=True)):
            return len(forms), entry
    return None


def _region(text: str, entry: Entry, name: str, start: int, end: int) -> Region:
    return Region(text, entry.code, entry.level, name, entry.region_en, entry.region_ru, start, end)


@cache
def default_gazetteer() -> Gazetteer:
    """The gazetteer in models/, lemmatised with pymorphy (through Natasha's MorphVocab)."""
    from natasha import MorphVocab

    vocab = MorphVocab()

    def lemmas(word: str) -> frozenset[str]:
        lower = word.lower()
        return frozenset({lower, *(form.normal for form in vocab(lower))})

    return build(lemmas)
