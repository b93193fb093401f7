"""Regions: the gazetteer's coverage, and mentions in both languages resolved to ISO codes."""

import csv
from collections import defaultdict

import pycountry
import pytest

from pipeline import extract
from pipeline.ner.recognise import Models
from pipeline.settings import MODELS_DIR


def _csv(name: str) -> list[dict[str, str]]:
    with (MODELS_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


REGIONS = _csv("regions")
CITIES = _csv("cities")


def test_every_russian_subdivision_is_in_the_gazetteer() -> None:
    iso = {s.code for s in pycountry.subdivisions.get(country_code="RU")}
    assert iso <= {row["code"] for row in REGIONS}


def test_codes_are_real_iso_codes() -> None:
    for row in REGIONS:
        if row["level"] == "country":
            # the Soviet Union keeps its withdrawn code (ISO 3166-3): Russian news names it often
            assert pycountry.countries.get(alpha_2=row["code"]) or pycountry.historic_countries.get(alpha_2=row["code"])
        else:
            assert pycountry.subdivisions.get(code=row["code"]), row
            assert row["code"].startswith(row["parent"] + "-"), row


def test_codes_are_unique_and_names_complete() -> None:
    codes = [row["code"] for row in REGIONS]
    assert len(codes) == len(set(codes))
    assert all(row["name_en"] and row["name_ru"] for row in REGIONS + CITIES)


def test_every_city_belongs_to_a_known_region() -> None:
    codes = {row["code"] for row in REGIONS}
    assert all(row["region_code"] in codes for row in CITIES)


def test_no_name_points_to_two_codes() -> None:
    codes: dict[str, set[str]] = defaultdict(set)
    for row in REGIONS:
        for name in [row["name_en"], row["name_ru"], *row["variants_en"].split("|"), *row["variants_ru"].split("|")]:
            if name:
                codes[name].add(row["code"])
    for row in CITIES:
        for name in [row["name_en"], row["name_ru"], *row["variants_en"].split("|"), *row["variants_ru"].split("|")]:
            if name:
                codes[name].add(row["region_code"])
    assert {name: c for name, c in codes.items() if len(c) > 1} == {}


CASES = [
    ("Perm Krai Governor Dmitry Makhonin spoke.", "Perm Krai", "RU-PER", "federal_subject"),
    ("Enterprises of the Perm Territory signed it.", "Perm Territory", "RU-PER", "federal_subject"),
    ("Cooperation with enterprises of the Kama region grows.", "Kama region", "RU-PER", "federal_subject"),
    ("A plant opened in Gubakha last week.", "Gubakha", "RU-PER", "city"),
    ("The Republic of Mordovia is next.", "Republic of Mordovia", "RU-MO", "federal_subject"),
    ("Companies from Mordovia came.", "Mordovia", "RU-MO", "federal_subject"),
    ("Russia's Voronezh Oblast reported growth.", "Voronezh Oblast", "RU-VOR", "federal_subject"),
    ("Russia's Voronezh Oblast reported growth.", "Russia", "RU", "country"),
    ("The delegation flew to Minsk.", "Minsk", "BY-HM", "city"),
    ("Trade with China and Turkey grew.", "China", "CN", "country"),
    ("Officials in Kazan and Ufa agreed.", "Ufa", "RU-BA", "city"),
    ("Губернатор Пермского края выступил.", "Пермского края", "RU-PER", "federal_subject"),
    ("Предприятия Прикамья растут.", "Прикамья", "RU-PER", "federal_subject"),
    ("Делегация Ульяновской области приехала.", "Ульяновской области", "RU-ULY", "federal_subject"),
    ("Глава Республики Мордовия выступил.", "Республики Мордовия", "RU-MO", "federal_subject"),
    ("Мы работаем с мордовскими партнёрами.", "мордовскими", "RU-MO", "federal_subject"),
    ("Визит в Саранск прошёл успешно.", "Саранск", "RU-MO", "city"),
    ("Завод построят в Губахе.", "Губахе", "RU-PER", "city"),
    ("Поставки в Республику Беларусь выросли.", "Республику Беларусь", "BY", "country"),
    ("Делегация из Минска прибыла.", "Минска", "BY-HM", "city"),
    ("В Крыму открыли завод.", "Крыму", "UA-43", "federal_subject"),
]


@pytest.mark.parametrize(("sentence", "text", "code", "level"), CASES, ids=[f"{c[1]}" for c in CASES])
def test_region_mentions_resolve(models: Models, sentence: str, text: str, code: str, level: str) -> None:
    regions = extract([sentence], models=models).regions
    assert (text, code, level) in set(zip(regions.text, regions.code, regions.level, strict=True))


def test_a_city_inside_a_persons_name_is_not_a_place(models: Models) -> None:
    regions = extract(["Президент Владимир Путин провёл встречу с губернатором."], models=models).regions
    assert "RU-VLA" not in set(regions.code)


def test_perm_krai_tagged_as_a_person_still_resolves(models: Models) -> None:
    tables = extract(["Perm Krai Governor Dmitry Makhonin signed the roadmap."], models=models)
    assert "Perm Krai" not in set(tables.persons.name)
    assert set(tables.regions.code) == {"RU-PER"}


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("Chad Smith said the agreement with the Republic of Chad was signed.", "TD"),
        ("Michael Jordan visited Jordan.", "JO"),
    ],
)
def test_a_country_name_inside_a_persons_name_is_not_a_place(models: Models, sentence: str, code: str) -> None:
    regions = extract([sentence], models=models).regions
    assert list(regions.code) == [code]
