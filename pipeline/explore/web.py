"""The SQLite export in a browser: Datasette's metadata (labels, facets, canned queries) and the server.

Datasette is the optional dependency `newsfacts[web]`; only `serve` imports it.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

from ..store.database import ALL_SCHEMAS
from .canned import QUERIES
from .labels import TableLabel, table_labels

log = logging.getLogger(__name__)

HOST = "127.0.0.1"  # loopback only: the export holds full article texts
PORT = 8001  # Datasette's own default
# the columns a reader narrows by first, in each table that has them
FACETS = ("language", "status", "label", "kind", "code", "affiliation_code", "position", "unit", "reference")
LABEL_COLUMNS = {"articles": "title", "entities": "name_en"}


def metadata(database: str = "newsfacts") -> dict[str, Any]:
    """Datasette metadata for the export: each table and column labelled from docs/tables.md, facets, queries."""
    labels = table_labels()
    tables = {name: _table(name, labels.get(name, TableLabel())) for name in ALL_SCHEMAS}
    queries = {
        name: {"title": q.title, "description": q.description, "sql": q.sql, "hide_sql": True}
        for name, q in QUERIES.items()
        if set(q.needs) <= set(ALL_SCHEMAS)
    }
    about = "English and Russian news articles and the facts read from them; column meanings from docs/tables.md."
    return {
        "title": "newsfacts",
        "description": about,
        "databases": {database: {"description": about, "tables": tables, "queries": queries}},
    }


def _table(name: str, label: TableLabel) -> dict[str, Any]:
    names = ALL_SCHEMAS[name].names
    table: dict[str, Any] = {"description": label.description or f"The {name} table.", "columns": label.columns}
    table["facets"] = [column for column in FACETS if column in names]
    if name in LABEL_COLUMNS:
        table["label_column"] = LABEL_COLUMNS[name]
    if name == "articles":
        table["searchmode"] = "raw"  # FTS5 syntax: "quoted phrases", prefix*, OR
    return table


def datasette(path: Path) -> Any:
    """The SQLite file → a Datasette instance over it (read-only), with `metadata()`, not yet serving."""
    from datasette.app import Datasette

    return Datasette([str(path)], metadata=metadata(path.stem), settings={"facet_time_limit_ms": 1000})


def serve(path: str | Path, port: int = PORT) -> None:
    """Serve the SQLite file with Datasette on 127.0.0.1:port until interrupted."""
    import uvicorn

    instance = datasette(Path(path))
    asyncio.run(instance.invoke_startup())
    log.info("serving %s on http://%s:%d/", path, HOST, port)
    uvicorn.run(instance.app(), host=HOST, port=port, log_level="warning", lifespan="on")
