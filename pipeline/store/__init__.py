"""Stages 6 and 7, store: `Facts` → Arrow tables with fixed schemas → DuckDB (the store of record) and
Parquet; and a store's tables back as pandas DataFrames (`load`)."""

from .database import Store, Tables, load, tables_from_arrow
from .tables import SCHEMAS, build_tables

__all__ = ["SCHEMAS", "Store", "Tables", "build_tables", "load", "tables_from_arrow"]
