"""Stages 6 and 7, store: `Facts` → Arrow tables with fixed schemas → DuckDB (the store of record) and
Parquet; and a store's tables back as pandas DataFrames (`load`)."""

from .database import ALL_SCHEMAS, Store, Tables, load, tables_from_arrow
from .tables import CORPUS_SCHEMAS, SCHEMAS, build_tables

__all__ = ["ALL_SCHEMAS", "CORPUS_SCHEMAS", "SCHEMAS", "Store", "Tables", "build_tables", "load", "tables_from_arrow"]
