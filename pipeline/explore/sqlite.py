"""The output tables → one SQLite file (sqlite-utils): keys, foreign keys, indexes and full-text search.

The file is what `newsfacts serve` opens in Datasette, and any SQLite client reads it. It is
written beside its final name and swapped in with one rename, so a reader never sees half a file.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import sqlite_utils

from ..store.database import ALL_SCHEMAS, Tables
from ..store.tables import SCHEMAS

log = logging.getLogger(__name__)

DATABASE = "newsfacts.sqlite"
BATCH = 5_000  # rows per insert

# a table's own key: rows elsewhere point at it, and Datasette links them
KEYS = {"articles": "article_id", "entities": "entity_id"}
# the columns the views and canned queries filter, group or join on (article_id has one everywhere)
INDEXES: dict[str, list[tuple[str, ...]]] = {
    "articles": [("language",), ("status",), ("published",)],
    "mentions": [("label", "normal")],
    "organisations": [("org_key",), ("kind",)],
    "officials": [("affiliation_code",), ("person",), ("position",)],
    "persons": [("name",)],
    "regions": [("code",)],
    "dates": [("value",)],
    "amounts": [("unit", "value")],
    "entities": [("kind",), ("name_en",), ("name_ru",)],
    "posts": [("entity_id",), ("affiliation_code",), ("position",)],
    "entity_merges": [("old_id",)],
}
SEARCHED = {"articles": ["title", "text"]}


def write_sqlite(tables: Tables, path: str | Path) -> Path:
    """Tables → the SQLite file at `path`, replacing any earlier one in a single rename."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        _fill(sqlite_utils.Database(tmp), tables)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def is_current(path: Path, out: Path) -> bool:
    """Whether the SQLite file at `path` exists and is newer than every table in the output folder `out`."""
    if not path.exists() or not all((out / f"{name}.parquet").exists() for name in SCHEMAS):
        return False
    tables = [out / f"{name}.parquet" for name in ALL_SCHEMAS if (out / f"{name}.parquet").exists()]
    return all(table.stat().st_mtime <= path.stat().st_mtime for table in tables)


def _fill(db: sqlite_utils.Database, tables: Tables) -> None:
    names = [name for name in ALL_SCHEMAS if name in KEYS] + [name for name in ALL_SCHEMAS if name not in KEYS]
    try:
        for name in names:  # the tables pointed at first, so foreign keys resolve as they are declared
            _create(db, name, ALL_SCHEMAS[name])
            db.table(name).insert_all(rows(tables[name], ALL_SCHEMAS[name]), batch_size=BATCH)
            _index(db, name)
        db.execute("ANALYZE")
    finally:
        db.close()


def _create(db: sqlite_utils.Database, name: str, schema: pa.Schema) -> None:
    columns = {field.name: _sqlite_type(field.type) for field in schema}
    references = [(column, table, KEYS[table]) for column, table in _references(name, schema)]
    db.table(name).create(columns, pk=KEYS.get(name), foreign_keys=references)


def _references(name: str, schema: pa.Schema) -> Iterator[tuple[str, str]]:
    """(column, table) for each column of `name` that holds the key of another table."""
    for table, key in KEYS.items():
        if table != name and table in ALL_SCHEMAS and key in schema.names:
            yield key, table


def _sqlite_type(kind: pa.DataType) -> type:
    if pa.types.is_integer(kind) or pa.types.is_boolean(kind):
        return int
    return float if pa.types.is_floating(kind) else str  # dates and times as ISO text, lists as JSON text


def _index(db: sqlite_utils.Database, name: str) -> None:
    table = db.table(name)
    schema = ALL_SCHEMAS[name]
    for key in ("article_id", "entity_id"):
        if key in schema.names and KEYS.get(name) != key and (key,) not in INDEXES.get(name, []):
            table.create_index([key])
    for columns in INDEXES.get(name, []):
        table.create_index(list(columns))
    if name in SEARCHED:  # unicode61 folds case in Cyrillic as in Latin; no stemmer fits both languages
        table.enable_fts(SEARCHED[name], fts_version="FTS5", tokenize="unicode61 remove_diacritics 2")


def rows(frame: pd.DataFrame, schema: pa.Schema) -> Iterator[dict[str, Any]]:
    """A table → its rows as plain Python values: None for nulls, ISO text for dates, lists for lists."""
    columns = [_column(frame[field.name], field.type) for field in schema]
    for values in zip(*columns, strict=True):
        yield dict(zip(schema.names, values, strict=True))


def _column(column: pd.Series, kind: pa.DataType) -> list[Any]:
    if pa.types.is_date(kind):
        column = column.dt.strftime("%Y-%m-%d")
    if pa.types.is_timestamp(kind):
        column = column.dt.strftime("%Y-%m-%dT%H:%M:%S")
    if pa.types.is_list(kind):
        return [None if v is None or (not hasattr(v, "__len__") and pd.isna(v)) else list(v) for v in column]
    values: list[Any] = column.astype(object).where(column.notna(), None).tolist()
    return values
