"""load() gives typed tables and SQL; the views agree with SQL over the store of record (sample output)."""

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipeline import explore, load
from pipeline.store.database import Tables
from pipeline.store.tables import SCHEMAS


@pytest.fixture(scope="module")
def tables(sample_out: Path) -> Tables:
    return load(sample_out)


@pytest.fixture(scope="module")
def store(sample_out: Path) -> duckdb.DuckDBPyConnection:
    """newsfacts.duckdb as written by the run: the independent reference for the views."""
    con = duckdb.connect(str(sample_out / "newsfacts.duckdb"), read_only=True)
    yield con
    con.close()


@pytest.mark.parametrize(
    ("table", "column", "dtype"),
    [
        ("articles", "published", "datetime64[s]"),
        ("dates", "value", "datetime64[s]"),
        ("dates", "date_from", "datetime64[s]"),
        ("articles", "n_chars", "Int32"),
        ("dates", "year", "Int32"),
        ("dates", "relative", "boolean"),
        ("articles", "language", "category"),
        ("articles", "status", "category"),
        ("mentions", "label", "category"),
        ("regions", "code", "category"),
        ("amounts", "unit", "category"),
        ("officials", "affiliation_code", "category"),
        ("articles", "text", "string"),
        ("organisations", "name", "string"),
    ],
)
def test_columns_are_typed(tables: Tables, table: str, column: str, dtype: str) -> None:
    assert str(tables[table][column].dtype) == dtype


def test_the_tables_keep_attribute_and_item_access(tables: Tables) -> None:
    assert tables.officials is tables["officials"]
    with pytest.raises(KeyError, match="tables: articles"):
        tables["nope"]


def test_extract_gives_the_same_types_as_load(tables: Tables, sample_tables: Tables) -> None:
    for name in SCHEMAS:
        assert sample_tables[name].dtypes.astype(str).to_dict() == tables[name].dtypes.astype(str).to_dict(), name


def test_dates_filter_like_strings(tables: Tables) -> None:
    published = tables.articles.published
    assert (published >= "2016-01-01").sum() == published.notna().sum() == 2


def test_duckdb_has_every_table_with_the_stores_types(tables: Tables, store: duckdb.DuckDBPyConnection) -> None:
    con = tables.duckdb()
    for name in SCHEMAS:
        assert con.execute(f"DESCRIBE {name}").fetchall() == store.execute(f"DESCRIBE {name}").fetchall()
        query = f"SELECT * FROM {name} ORDER BY ALL"
        assert con.execute(query).fetchall() == store.execute(query).fetchall(), name


def test_duckdb_works_on_extracted_tables(sample_tables: Tables) -> None:
    row = sample_tables.duckdb().execute("SELECT count(*) FROM officials WHERE affiliation_code = 'RU-PER'").fetchone()
    assert row is not None and row[0] >= 1


@pytest.mark.parametrize(
    ("keep", "expected"),
    [
        (lambda t: explore.in_language(t, "ru"), {"ru"}),
        (lambda t: explore.in_language(t, "en"), {"en"}),
        (lambda t: explore.between(t, "2016-02-09", "2016-02-09"), {"en"}),
        (lambda t: explore.between(t, start="2017-01-01"), set()),
    ],
    ids=["ru", "en", "one-day", "after-all"],
)
def test_filters_restrict_every_table(tables: Tables, keep: object, expected: set[str]) -> None:
    kept = keep(tables)  # type: ignore[operator]
    assert set(kept.articles.language.dropna()) == expected
    for name in SCHEMAS:
        assert set(kept[name].article_id) <= set(kept.articles.article_id), name


def test_subset_by_ids(tables: Tables) -> None:
    # skipped inputs are keyed by their path, so which article sorts first depends on the checkout's location
    one = tables.articles.article_id[tables.articles.status == "ok"].iloc[0]
    kept = explore.subset(tables, [one])
    assert list(kept.articles.article_id) == [one]
    assert set(kept.mentions.article_id) == {one}


@pytest.mark.parametrize(
    ("table", "key"),
    [("organisations", "org_key"), ("officials", "person"), ("persons", "name"), ("regions", "code")],
)
def test_top_counts_like_sql(tables: Tables, store: duckdb.DuckDBPyConnection, table: str, key: str) -> None:
    top = explore.top(tables, table, n=3)  # type: ignore[arg-type]
    sql = f"SELECT {key}, count(*) AS n FROM {table} WHERE {key} IS NOT NULL GROUP BY 1 ORDER BY n DESC, 1 LIMIT 3"
    expected = store.execute(sql).fetchall()
    assert list(top.mentions) == [n for _, n in expected]
    assert top[key].astype(str).iloc[0] == expected[0][0] or top.mentions.iloc[0] == top.mentions.iloc[1]


def test_top_over_a_period(tables: Tables) -> None:
    top = explore.top(tables, "regions", start="2016-01-01", end="2016-12-31")
    assert top.code.astype(str).iloc[0] == "RU-VGG" and "RU-PER" not in set(top.code)  # Perm's article is undated


def test_top_sample_facts(tables: Tables) -> None:
    assert "metafrax chemicals" in set(explore.top(tables, "organisations", n=5).org_key)
    officials = explore.top(tables, "officials", n=20).set_index("person")
    assert officials.loc["Dmitry Makhonin", "affiliation_code"] == "RU-PER"


def test_officials_by_region(tables: Tables) -> None:
    view = explore.officials_by_region(tables)
    rows = set(zip(view.code, view.person, view.position, strict=True))
    assert {("RU-PER", "Dmitry Makhonin", "governor"), ("RU-MO", "Артём Здунов", "глава")} <= rows
    assert view.code.notna().all() and (view.mentions >= view.articles).all()


def test_money_keeps_only_currencies(tables: Tables) -> None:
    money = explore.money(tables)
    assert set(money.currency) == {"RUB"} and len(money) == (tables.amounts.unit == "RUB").sum()


def test_amounts_by_organisation_in_the_same_article(tables: Tables) -> None:
    view = explore.amounts_by_organisation(tables).set_index("organisation")
    altai = view.loc["Administration of Altai Krai"]
    assert (altai.currency, altai.amounts, altai.total) == ("RUB", 1, pytest.approx(1.73e9))


def test_amounts_by_organisation_in_the_same_paragraph(tables: Tables) -> None:
    # no sample paragraph names an organisation and a sum of money, so nothing is attributed
    assert explore.amounts_by_organisation(tables, within="paragraph").empty


def test_amounts_in_a_paragraph_go_to_the_nearest_organisation(models: object, settings: object) -> None:
    from pipeline import extract

    text = "Perm news\nMetafrax Chemicals invested 2 billion rubles. Ruschem Holding was not involved.\nOther news."
    tables = extract([text], models=models, settings=settings)  # type: ignore[arg-type]
    view = explore.amounts_by_organisation(tables, within="paragraph")
    assert list(zip(view.organisation, view.currency, view.total, strict=True)) == [
        ("Metafrax Chemicals", "RUB", pytest.approx(2e9))
    ]


@pytest.mark.parametrize(
    ("other", "columns", "pair"),
    [
        ("regions", ["organisation", "code", "name_en", "articles"], ("Metafrax Chemicals", "RU-PER")),
        ("officials", ["organisation", "person", "position", "articles"], ("Metafrax Chemicals", "Dmitry Makhonin")),
    ],
)
def test_co_mentions(tables: Tables, other: str, columns: list[str], pair: tuple[str, str]) -> None:
    view = explore.co_mentions(tables, other)  # type: ignore[arg-type]
    assert list(view.columns) == columns
    assert pair in set(zip(view.organisation, view[columns[1]].astype(str), strict=True))
    assert view.articles.is_monotonic_decreasing


def test_mentions_per_week_counts_dated_articles(tables: Tables) -> None:
    weekly = explore.mentions_per_period(tables, "regions", "week")
    assert list(weekly.index) == [pd.Timestamp("2016-02-08")]  # the Monday of 9 February 2016
    # 3 in the texts and 2 in the headlines ("Working meeting with Volgograd Region Governor …")
    assert weekly.loc["2016-02-08", "RU-VGG"] == 5
    dated = tables.regions.article_id.isin(tables.articles.article_id[tables.articles.published.notna()])
    assert (tables.regions[dated & (tables.regions.code == "RU-VGG")].part == "title").sum() == 2


def test_region_heat_keeps_undated_mentions(tables: Tables) -> None:
    heat = explore.region_heat(tables, "month")
    assert list(heat.columns) == ["2016-02", "undated"]
    assert heat.to_numpy().sum() == len(tables.regions)
    assert heat.loc[("RU-PER", "Perm Krai"), "undated"] == (tables.regions.code == "RU-PER").sum()


def test_region_heat_by_language(tables: Tables) -> None:
    heat = explore.region_heat(tables, "language")
    assert list(heat.columns) == ["en", "ru"] and heat.loc[("RU-MO", "Republic of Mordovia"), "en"] == 0


def test_article_counts(tables: Tables) -> None:
    counts = explore.article_counts(tables)
    rows = set(zip(counts.language, counts.status, counts.articles, strict=True))
    assert {("en", "ok", 4), ("ru", "ok", 2), ("de", "skipped", 1), ("-", "skipped", 2)} == rows
