"""The place gazetteer in models/ (regions.csv, cities.csv) → entries and their names."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from .lexicon import load_csv


@dataclass(frozen=True)
class Entry:
    code: str
    level: str
    name_en: str
    name_ru: str
    region_en: str
    region_ru: str
    reviewed: bool = True  # from models/ (trusted); False: maintained world data, matched only with NER evidence
    weight: int = 0  # rank among entries of one name: country 3, capital 2, subdivision 1, city 0, lower unit -1
    population: int = 0


NamedEntry = tuple[Entry, list[str], list[str]]  # an entry, its English names, its Russian names


def _split(cell: str) -> list[str]:
    return [v.strip() for v in cell.split("|") if v.strip()]


def entries() -> Iterator[NamedEntry]:
    """models/regions.csv and cities.csv → (entry, English names, Russian names)."""
    regions = {row["code"]: row for row in load_csv("regions")}
    for row in regions.values():
        weight = 3 if row["level"] == "country" else 1
        entry = Entry(
            row["code"], row["level"], row["name_en"], row["name_ru"], row["name_en"], row["name_ru"], weight=weight
        )
        yield entry, [row["name_en"], *_split(row["variants_en"])], [row["name_ru"], *_split(row["variants_ru"])]
    for row in load_csv("cities"):
        region = regions[row["region_code"]]
        entry = Entry(row["region_code"], "city", row["name_en"], row["name_ru"], region["name_en"], region["name_ru"])
        yield entry, [row["name_en"], *_split(row["variants_en"])], [row["name_ru"], *_split(row["variants_ru"])]


@cache
def region_names() -> frozenset[str]:
    """Every name and variant in the gazetteer, both languages, as written."""
    return frozenset(name for _, names_en, names_ru in entries() for name in (*names_en, *names_ru))


@cache
def country_names() -> frozenset[str]:
    """The gazetteer's country names and variants, both languages, as written."""
    return frozenset(
        name for entry, names_en, names_ru in entries() if entry.level == "country" for name in (*names_en, *names_ru)
    )
