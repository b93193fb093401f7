"""The SQLite export: every table and row, keys and foreign keys, indexes, full-text search, an atomic swap."""

from __future__ import annotations

import json
import os
import re
import sqlite3
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from pipeline import load
from pipeline.explore.export import export
from pipeline.explore.sqlite import DATABASE, KEYS, is_current, write_sqlite
from pipeline.explore.views import subset
from pipeline.store.database import ALL_SCHEMAS, Tables
from pipeline.store.tables import FACT_TABLES, SCHEMAS


@pytest.fixture(scope="module")
def tables(sample_out: Path) -> Tables:
    return load(sample_out)


@pytest.fixture(scope="module")
def database(tables: Tables, tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    [path] = export(tables, tmp_path_factory.mktemp("sqlite"), "sqlite")
    assert path.name == DATABASE
    return sqlite3.connect(path)


@pytest.mark.parametrize("name", list(ALL_SCHEMAS))
def test_every_table_has_every_row_and_column(database: sqlite3.Connection, tables: Tables, name: str) -> None:
    back = pd.read_sql(f"SELECT * FROM {name}", database)
    assert list(back.columns) == list(ALL_SCHEMAS[name].names)
    assert len(back) == len(tables[name]) and (len(back) or name == "entity_merges")  # no merges in one run
    texts = [f.name for f in ALL_SCHEMAS[name] if pa.types.is_string(f.type)]
    for column in texts:  # text cells come back unchanged, nulls as NULL
        column_in = tables[name][column]
        stored = [row[0] for row in database.execute(f'SELECT "{column}" FROM {name} ORDER BY rowid')]
        assert stored == column_in.astype(object).where(column_in.notna(), None).tolist(), column


def test_dates_are_iso_text(database: sqlite3.Connection, tables: Tables) -> None:
    published = {row[0] for row in database.execute("SELECT published FROM articles")}
    expected = {None if pd.isna(d) else d.strftime("%Y-%m-%d") for d in tables.articles.published}
    assert published == expected and "2016-02-09" in published


@pytest.mark.parametrize("name", FACT_TABLES + ("mentions", "posts"))
def test_fact_rows_point_at_their_article_and_entity(database: sqlite3.Connection, name: str) -> None:
    keys = {(k[2], k[3], k[4]) for k in database.execute(f"PRAGMA foreign_key_list({name})")}
    expected = {(table, key, key) for table, key in KEYS.items() if key in ALL_SCHEMAS[name].names}
    assert keys == expected and keys
    assert database.execute(f"PRAGMA foreign_key_check({name})").fetchall() == []


def test_entities_are_keyed_and_their_aliases_read_back(database: sqlite3.Connection, tables: Tables) -> None:
    rows = dict(database.execute("SELECT entity_id, aliases FROM entities"))
    assert len(rows) == len(tables.entities) > 0
    for entity_id, aliases in zip(tables.entities.entity_id, tables.entities.aliases, strict=True):
        assert json.loads(rows[entity_id]) == list(aliases)


def test_articles_are_keyed_by_their_id(database: sqlite3.Connection) -> None:
    columns = database.execute("PRAGMA table_info(articles)").fetchall()
    assert [c[1] for c in columns if c[5]] == ["article_id"]


@pytest.mark.parametrize(
    ("query", "index"),
    [
        ("SELECT * FROM officials WHERE affiliation_code = 'RU-VGG'", "idx_officials_affiliation_code"),
        ("SELECT * FROM regions WHERE code = 'RU-MO'", "idx_regions_code"),
        ("SELECT * FROM organisations WHERE org_key = 'metafrax chemicals'", "idx_organisations_org_key"),
        ("SELECT * FROM amounts WHERE unit = 'RUB' ORDER BY value DESC", "idx_amounts_unit_value"),
        ("SELECT * FROM persons WHERE article_id = '807f6138de5be82e'", "idx_persons_article_id"),
    ],
    ids=["officials-by-region", "regions-by-code", "organisation-key", "largest-amounts", "facts-of-an-article"],
)
def test_the_lookups_use_an_index(database: sqlite3.Connection, query: str, index: str) -> None:
    plan = " ".join(row[3] for row in database.execute(f"EXPLAIN QUERY PLAN {query}"))
    assert f"USING INDEX {index}" in plan, plan


@pytest.mark.parametrize("word", ["Bocharov", "metafrax", "губернатор", "ульяновская", "МОРДОВИЯ"])
def test_full_text_search_finds_titles_and_texts_in_both_scripts(
    database: sqlite3.Connection, tables: Tables, word: str
) -> None:
    found = {
        row[0]
        for row in database.execute(
            "SELECT a.article_id FROM articles_fts f JOIN articles a ON a.rowid = f.rowid WHERE articles_fts MATCH ?",
            [word],
        )
    }
    pattern = re.compile(rf"\b{word}\b", re.IGNORECASE)
    articles = tables.articles.fillna({"title": "", "text": ""})
    rows = zip(articles.article_id, articles.title, articles.text, strict=True)
    expected = {article_id for article_id, title, text in rows if pattern.search(f"{title} {text}")}
    assert found == expected and found


def test_a_new_export_replaces_the_file_in_one_swap(tables: Tables, tmp_path: Path) -> None:
    path = write_sqlite(tables, tmp_path / DATABASE)
    reader = sqlite3.connect(path)
    reader.execute("BEGIN")
    before = reader.execute("SELECT count(*) FROM articles").fetchone()
    fewer = subset(tables, tables.articles.article_id[:3])
    write_sqlite(fewer, path)
    assert reader.execute("SELECT count(*) FROM articles").fetchone() == before  # the open file is untouched
    assert sqlite3.connect(path).execute("SELECT count(*) FROM articles").fetchone() == (3,)
    assert [p.name for p in tmp_path.iterdir()] == [DATABASE]


def test_a_failed_export_keeps_the_earlier_file(tables: Tables, tmp_path: Path) -> None:
    path = write_sqlite(tables, tmp_path / DATABASE)
    broken = replace(tables, amounts=tables.amounts.drop(columns=["unit"]))
    with pytest.raises(KeyError, match="unit"):
        write_sqlite(broken, path)
    assert sqlite3.connect(path).execute("SELECT count(*) FROM amounts").fetchone() == (len(tables.amounts),)
    assert [p.name for p in tmp_path.iterdir()] == [DATABASE]


def test_the_file_is_current_until_a_table_is_newer(tables: Tables, sample_out: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for name in SCHEMAS:
        (out / f"{name}.parquet").write_bytes((sample_out / f"{name}.parquet").read_bytes())
    path = out / "export" / DATABASE
    assert not is_current(path, out)
    write_sqlite(tables, path)
    assert is_current(path, out)
    later = path.stat().st_mtime + 5
    os.utime(out / "regions.parquet", (later, later))
    assert not is_current(path, out)
