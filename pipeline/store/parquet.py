"""The Parquet side of the store: every table's file exported as one set, and read back as one.

Every file carries the same export key (a digest of the stored articles and their fingerprints)
in its metadata. The files are written beside their targets first and replaced only when all
eight are written; `read_set` checks the keys, so a reader never mixes two exports. A marker
(`.parquet-stale`) is made before every store write and removed after the export, so a run killed
in between exports on its next start even when it has nothing new to process.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from duckdb import DuckDBPyConnection

from ..faults import fault_point
from .tables import ALL_SCHEMAS, CORPUS_ORDER, CORPUS_SCHEMAS, SCHEMAS

log = logging.getLogger(__name__)

STALE = ".parquet-stale"
KEY = b"newsfacts_export"
ROW_GROUP = 100_000


def ident(name: str) -> str:
    """A name → a quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def mark_stale(out: Path) -> None:
    """Say that the store is about to change: the Parquet files are stale until the next export."""
    with (out / STALE).open("w") as handle:
        os.fsync(handle.fileno())


def needs_export(out: Path) -> bool:
    return (out / STALE).exists() or not all((out / f"{name}.parquet").exists() for name in ALL_SCHEMAS)


def export_set(con: DuckDBPyConnection, out: Path) -> None:
    """Every table → out/NAME.parquet, sorted (identical stores give identical files), as one set."""
    remove_partial(out)
    key = _export_key(con)
    written = {}
    for name in ALL_SCHEMAS:
        written[name] = _write(con, out, name, key)
        fault_point("export")
    for name, tmp in written.items():
        os.replace(tmp, out / f"{name}.parquet")
    (out / STALE).unlink(missing_ok=True)


def remove_partial(out: Path) -> None:
    """The half-written files of an export that was killed."""
    for tmp in out.glob(".*.parquet.tmp"):
        tmp.unlink(missing_ok=True)


def _export_key(con: DuckDBPyConnection) -> str:
    row = con.execute(
        "SELECT md5(coalesce(string_agg(article_id || ':' || coalesce(fingerprint, ''), ',' ORDER BY article_id), ''))"
        " FROM articles"
    ).fetchall()
    return str(row[0][0]) if row else ""


def _write(con: DuckDBPyConnection, out: Path, name: str, key: str) -> Path:
    schema = ALL_SCHEMAS[name].with_metadata({KEY: key.encode()})
    order = CORPUS_ORDER.get(name) or ", ".join(ident(c) for c in ("article_id", "start", "end") if c in schema.names)
    query = f"SELECT {', '.join(ident(c) for c in schema.names)} FROM {ident(name)} ORDER BY {order}"  # noqa: S608 - identifiers only
    tmp = out / f".{name}.parquet.tmp"
    with pq.ParquetWriter(tmp, schema) as writer:
        for batch in con.sql(query).to_arrow_reader(ROW_GROUP):
            writer.write_table(pa.Table.from_batches([batch]).cast(schema), row_group_size=ROW_GROUP)
    return tmp


def read_set(folder: Path, tries: int = 20) -> dict[str, pa.Table]:
    """The Parquet files of one export; waits out a swap in progress (they differ for a moment).

    The corpus tables are read when present: a folder written before the entities stage lacks them.
    """
    for _ in range(tries):
        before = _keys(folder)
        tables = {name: pq.read_table(folder / f"{name}.parquet", schema=schema) for name, schema in _present(folder)}
        if len(before) == 1 and _keys(folder) == before:
            return tables
        time.sleep(0.1)
    raise RuntimeError(f"{folder}: the Parquet files come from different exports; run `newsfacts run` again")


def _present(folder: Path) -> list[tuple[str, pa.Schema]]:
    corpus = [(name, schema) for name, schema in CORPUS_SCHEMAS.items() if (folder / f"{name}.parquet").exists()]
    return list(SCHEMAS.items()) + corpus


def _keys(folder: Path) -> set[bytes | None]:
    return {(pq.read_schema(folder / f"{name}.parquet").metadata or {}).get(KEY) for name, _ in _present(folder)}
