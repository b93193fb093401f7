"""Stage 7, store: Arrow tables → an embedded DuckDB database plus one Parquet file per table.

Writes are keyed by article_id: re-running on the same inputs replaces rows instead of adding
them, and an input file whose content changed replaces the rows it produced before.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from types import TracebackType

import duckdb
import pandas as pd
import pyarrow as pa
from duckdb import DuckDBPyConnection

from ..faults import fault_point
from .access import StoreBusy, connect, swap, writer_lock
from .parquet import export_set, ident, mark_stale, needs_export, read_set, remove_partial
from .tables import ALL_SCHEMAS, CORPUS_SCHEMAS, SCHEMAS

__all__ = ["DATABASE", "Store", "StoreBusy", "Tables", "load", "tables_from_arrow", "to_pandas"]

log = logging.getLogger(__name__)

DATABASE = "newsfacts.duckdb"


class Store:
    """The output folder: DuckDB is the store of record, Parquet files are exported from it.

    One writer at a time (`StoreBusy` for a second one); a reader holding the database open gets
    the new one when the writer closes (see pipeline/store/access.py).
    """

    def __init__(self, out: str | Path, memory_limit: str = "1GB") -> None:
        self.out = Path(out)
        self.out.mkdir(parents=True, exist_ok=True)
        self.lock = writer_lock(self.out)
        try:
            self.con, self.staging = connect(self.out / DATABASE, {"memory_limit": memory_limit})
        except BaseException:
            self.lock.close()
            raise
        self.written = False
        for name, schema in ALL_SCHEMAS.items():
            self._create_or_migrate(name, schema)

    def _create_or_migrate(self, name: str, schema: pa.Schema) -> None:
        """Create a table, or add the columns a newer version has to one an older version wrote."""
        self.con.register("empty", schema.empty_table())
        self.con.execute(f"CREATE TABLE IF NOT EXISTS {ident(name)} AS SELECT * FROM empty")
        have = {row[0] for row in self.con.execute(f"DESCRIBE {ident(name)}").fetchall()}
        for column, kind, *_ in self.con.execute("DESCRIBE SELECT * FROM empty").fetchall():
            if column not in have:
                log.info("adding column %s.%s to %s", name, column, self.out)
                self.con.execute(f"ALTER TABLE {ident(name)} ADD COLUMN {ident(column)} {kind}")
        self.con.unregister("empty")

    def processed(self, items: Sequence[tuple[str, str]], fingerprint: str) -> set[tuple[str, str]]:
        """The (article_id, source) pairs among `items` stored as such under this fingerprint.

        The source counts: the same bytes under another name (a former twin, a line that moved in
        its JSON Lines file) are processed again, so that the row for that name is right.
        """
        if not items:
            return set()
        ids, sources = zip(*items, strict=True)
        self.con.register("wanted", pa.table({"article_id": list(ids), "source": list(sources)}))
        rows = self.con.execute(
            "SELECT article_id, source FROM articles WHERE fingerprint = ?"
            " AND (article_id, source) IN (SELECT (article_id, source) FROM wanted)",
            [fingerprint],
        ).fetchall()
        self.con.unregister("wanted")
        return {(row[0], row[1]) for row in rows}

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object | TracebackType) -> None:
        self.con.close()
        if self.staging is not None:
            swap(self.staging, self.out / DATABASE)
        self.lock.close()

    def write(self, tables: dict[str, pa.Table]) -> None:
        """Replace the rows of every article in `tables` (and older versions of the same inputs)."""
        mark_stale(self.out)
        self.con.execute("BEGIN")
        self.con.register("batch", tables["articles"])
        self.con.execute(
            "CREATE OR REPLACE TEMP TABLE stale AS SELECT article_id FROM articles"
            " WHERE article_id IN (SELECT article_id FROM batch) OR source IN (SELECT source FROM batch)"
        )
        self.con.unregister("batch")
        for name, table in tables.items():
            self.con.execute(f"DELETE FROM {ident(name)} WHERE article_id IN (SELECT article_id FROM stale)")
            fault_point("store.write")
            self.con.register("incoming", table)
            self.con.execute(f"INSERT INTO {ident(name)} BY NAME SELECT * FROM incoming")
            self.con.unregister("incoming")
        self.con.execute("COMMIT")
        self.written = True

    def counts(self) -> dict[str, int]:
        """Rows per table in the store."""
        return {name: self.con.execute(f"SELECT count(*) FROM {ident(name)}").fetchone()[0] for name in SCHEMAS}  # type: ignore[index]

    def export(self) -> None:
        """Every table → out/NAME.parquet, sorted so identical runs give identical files, as one set.

        Skipped when this run wrote nothing and the last export finished (an unchanged input tree).
        """
        if self.written or needs_export(self.out):
            export_set(self.con, self.out)
        remove_partial(self.out)


@dataclass(frozen=True)
class Tables:
    """The output tables as pandas DataFrames."""

    articles: pd.DataFrame
    mentions: pd.DataFrame
    organisations: pd.DataFrame
    officials: pd.DataFrame
    persons: pd.DataFrame
    regions: pd.DataFrame
    dates: pd.DataFrame
    amounts: pd.DataFrame
    # corpus-level (the entities stage); empty until it has run
    entities: pd.DataFrame = field(default_factory=lambda: _empty("entities"))
    posts: pd.DataFrame = field(default_factory=lambda: _empty("posts"))
    entity_merges: pd.DataFrame = field(default_factory=lambda: _empty("entity_merges"))

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in ALL_SCHEMAS:
            raise KeyError(f"no table {name!r}; tables: {', '.join(ALL_SCHEMAS)}")
        return getattr(self, name)

    def counts(self) -> dict[str, int]:
        return {f.name: len(getattr(self, f.name)) for f in fields(self)}

    def duckdb(self) -> DuckDBPyConnection:
        """A new in-memory DuckDB connection with every table as a view of the same name, for SQL."""
        con = duckdb.connect()
        for name, schema in ALL_SCHEMAS.items():
            con.register(f"{name}_frame", self[name])
            con.execute(f"CREATE VIEW {ident(name)} AS SELECT {_sql_columns(schema)} FROM {ident(name + '_frame')}")
        return con


def _sql_columns(schema: pa.Schema) -> str:
    """The SELECT list that casts pandas-side types back to those of newsfacts.duckdb."""
    return ", ".join(_sql_column(name, kind) for name, kind in zip(schema.names, schema.types, strict=True))


def _sql_column(name: str, kind: pa.DataType) -> str:
    if pa.types.is_date(kind):
        return f'CAST("{name}" AS DATE) AS "{name}"'
    if name in CATEGORICAL:
        return f'CAST("{name}" AS VARCHAR) AS "{name}"'
    return f'"{name}"'


_PANDAS_TYPES = {pa.int32(): pd.Int32Dtype(), pa.bool_(): pd.BooleanDtype(), pa.string(): pd.StringDtype()}

# labels, units and codes: few distinct values, so categories (in any table that has the column)
CATEGORICAL = frozenset(
    ("language", "status", "stage", "label", "source_label", "legal_form", "kind", "affiliation_code")
    + ("reference", "code", "level", "unit", "qualifier", "bound")
)


def to_pandas(table: pa.Table) -> pd.DataFrame:
    """Arrow → pandas: nullable integers, booleans and strings, dates as datetime64, labels and codes as categories."""
    frame = table.to_pandas(types_mapper=_PANDAS_TYPES.get)
    for name, kind in zip(table.column_names, table.schema.types, strict=True):
        if pa.types.is_date(kind):
            frame[name] = frame[name].astype("datetime64[s]")
        elif name in CATEGORICAL:
            frame[name] = frame[name].astype("category")
    return frame


def _empty(name: str) -> pd.DataFrame:
    return to_pandas(CORPUS_SCHEMAS[name].empty_table())


def tables_from_arrow(tables: dict[str, pa.Table]) -> Tables:
    return Tables(**{name: to_pandas(tables[name]) for name in ALL_SCHEMAS if name in tables})


def load(out: str | Path = "data/out") -> Tables:
    """An output folder → its tables as DataFrames (read from the Parquet files)."""
    folder = Path(out)
    missing = [name for name in SCHEMAS if not (folder / f"{name}.parquet").exists()]
    if missing:
        raise FileNotFoundError(f"{folder} has no {', '.join(missing)} table(s); run `newsfacts run` first")
    return Tables(**{name: to_pandas(table) for name, table in read_set(folder).items()})
