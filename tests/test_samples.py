"""The samples' governors, companies, regions, dates and amounts come out right (real models)."""

import pandas as pd
import pytest

from pipeline.store.database import Tables


def _rows(df: pd.DataFrame, *columns: str) -> set[tuple[object, ...]]:
    return {tuple(None if pd.isna(v) else v for v in row) for row in df[list(columns)].itertuples(index=False)}


@pytest.mark.parametrize(
    ("name", "legal_form"),
    [
        ("Metafrax Chemicals", "JSC"),
        ("Ruschem Holding", None),
        ("Government of the Perm Territory", None),
        ("Ministry of Industry and Trade", None),
        ("Federal Road Transport Agency", None),
        ("Administration of Altai Krai", None),
        ("«Орбита»", "АО"),
        ("«Резинотехника»", "АО"),
        ("«РМ Рейл»", "УК"),
        ("Центр развития промышленности Ульяновской области", None),
        ("Саранский приборостроительный завод", None),
    ],
)
def test_organisations(sample_tables: Tables, name: str, legal_form: str | None) -> None:
    assert (name, legal_form) in _rows(sample_tables.organisations, "name", "legal_form")


def test_short_form_takes_the_full_name(sample_tables: Tables) -> None:
    orgs = sample_tables.organisations
    assert set(orgs[orgs.text == "Metafrax"].name) == {"Metafrax Chemicals"}
    assert orgs[orgs.name == "Metafrax Chemicals"].org_key.nunique() == 1


@pytest.mark.parametrize(
    ("person", "position", "affiliation", "code"),
    [
        ("Dmitry Makhonin", "governor", "Perm Krai", "RU-PER"),
        ("Maksim Nakhshunov", "executive director", "Metafrax Chemicals", None),
        ("Алексей Русских", "губернатор", "Ульяновская область", "RU-ULY"),
        ("Артём Здунов", "глава", "Республика Мордовия", "RU-MO"),
        ("Сергей Дробжев", "директор по техническому развитию", "«РМ Рейл»", None),
    ],
)
def test_officials(
    sample_tables: Tables, person: str, position: str, affiliation: str | None, code: str | None
) -> None:
    rows = _rows(sample_tables.officials, "person", "position", "affiliation", "affiliation_code")
    assert (person, position, affiliation, code) in rows


def test_persons_without_titles_are_not_officials(sample_tables: Tables) -> None:
    assert "Altai Polikompozit" not in set(sample_tables.officials.person)


@pytest.mark.parametrize(
    ("text", "code", "level"),
    [
        ("Perm Territory", "RU-PER", "federal_subject"),
        ("Kama region", "RU-PER", "federal_subject"),
        ("Perm", "RU-PER", "city"),
        ("Altai Krai", "RU-ALT", "federal_subject"),
        ("Russia", "RU", "country"),
        ("Ульяновской области", "RU-ULY", "federal_subject"),
        ("Республики Мордовия", "RU-MO", "federal_subject"),
        ("Мордовии", "RU-MO", "federal_subject"),
        ("Саранск", "RU-MO", "city"),
    ],
)
def test_regions(sample_tables: Tables, text: str, code: str, level: str) -> None:
    assert (text, code, level) in _rows(sample_tables.regions, "text", "code", "level")


def test_region_names_in_both_languages(sample_tables: Tables) -> None:
    regions = sample_tables.regions
    assert set(regions[regions.code == "RU-PER"].name_ru) == {"Пермский край"}
    assert set(regions[regions.code == "RU-MO"].name_en) == {"Republic of Mordovia"}


@pytest.mark.parametrize(
    ("text", "year", "month", "day"),
    [("the end of 2026", 2026, None, None), ("9 ноября", None, 11, 9), ("the end of 2015", 2015, None, None)],
)
def test_dates(sample_tables: Tables, text: str, year: int | None, month: int | None, day: int | None) -> None:
    assert (text, year, month, day) in _rows(sample_tables.dates, "text", "year", "month", "day")


def test_relative_dates_stay_unresolved_without_a_publication_date(sample_tables: Tables) -> None:
    dates = sample_tables.dates
    last_year = dates[dates.text == "last year"]
    assert len(last_year) == 1 and last_year.year.isna().all() and last_year.relative.all()


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "counted"),
    [
        (1.73e9, "RUB", None, None),
        (69.0, "percent", None, None),
        (800.0, "count", "more_than", "people"),
        (90.0, "count", None, "customer"),
        (30.0, "count", "more_than", "предприятие"),
        (25.0, "count", None, "проект"),
    ],
)
def test_amounts(sample_tables: Tables, value: float, unit: str, qualifier: str | None, counted: str | None) -> None:
    assert (value, unit, qualifier, counted) in _rows(sample_tables.amounts, "value", "unit", "qualifier", "counted")


def test_every_span_points_into_the_article_text(sample_tables: Tables) -> None:
    texts = dict(zip(sample_tables.articles.article_id, sample_tables.articles.text, strict=True))
    for name in ("mentions", "organisations", "regions", "dates", "amounts"):
        table = sample_tables[name]
        for row in table.itertuples():
            assert texts[row.article_id][row.start : row.end] == row.text, (name, row)
