"""The store's person and organisation rows → entity ids on every row, and the entities, posts
and entity_merges tables; one pass over the whole store after the per-article stages.

Only distinct names reach Python (blocking by key is a dictionary lookup), so the cost grows
with the number of distinct names, not with the pairs of them; the row updates are SQL.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb
import pyarrow as pa
from duckdb import DuckDBPyConnection

from ..records import NameSeen
from ..store import ALL_SCHEMAS, CORPUS_SCHEMAS
from .ids import assign_ids, best_names, merges, transliterated
from .organisations import english_name, organisation_key, organisation_keys
from .persons import person_key, person_keys

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Kind:
    """One kind of entity: the tables its names are in, and how names become keys."""

    name: str
    sources: tuple[tuple[str, str], ...]  # (table, name column); the first one counts mentions
    keys: Callable[[list[str]], dict[str, str]]
    own: Callable[[str], str]


def _own_person(name: str) -> str:
    key = person_key(name)
    return key.text if key else name


def _own_organisation(name: str) -> str:
    return organisation_key(name) or name


KINDS = (
    Kind("person", (("persons", "name"), ("officials", "person")), person_keys, _own_person),
    Kind("organisation", (("organisations", "name"),), organisation_keys, _own_organisation),
)


def _rows(kind: Kind, columns: str) -> str:
    """The kind's rows as (article_id, name, counted, entity_id) from every source table."""
    parts = [
        f"SELECT article_id, {column} AS name, {n == 0} AS counted, entity_id FROM {table}"
        for n, (table, column) in enumerate(kind.sources)
    ]
    return f"SELECT {columns} FROM ({' UNION ALL '.join(parts)}) r LEFT JOIN articles a USING (article_id)"


def names_seen(con: DuckDBPyConnection, kind: Kind) -> dict[str, NameSeen]:
    """Every distinct name of the kind → how often (rows of its first table) and since when it was seen."""
    query = _rows(kind, "name, count(*) FILTER (WHERE counted), min(a.published), min(article_id)")
    rows = con.execute(query + " WHERE name IS NOT NULL GROUP BY name").fetchall()
    return {name: NameSeen(name, mentions, first, article) for name, mentions, first, article in rows}


def assigned(con: DuckDBPyConnection, kind: Kind) -> dict[str, str]:
    """{name: entity id} as the last run left it."""
    query = _rows(kind, "DISTINCT name, entity_id") + " WHERE entity_id IS NOT NULL"
    return dict(con.execute(query).fetchall())


def resolve(con: DuckDBPyConnection, now: datetime | None = None) -> dict[str, int]:
    """Resolve every kind in a store's connection; returns the number of entities per kind."""
    con.execute("DELETE FROM entities")
    counts = {
        kind.name: _resolve_kind(con, kind, now or datetime.now(UTC).replace(tzinfo=None, microsecond=0))
        for kind in KINDS
    }
    write_posts(con)
    log.info("entities: %s", counts)
    return counts


def _resolve_kind(con: DuckDBPyConnection, kind: Kind, now: datetime) -> int:
    seen = names_seen(con, kind)
    before = assigned(con, kind)
    targets = kind.keys(sorted(seen))
    ids = assign_ids(kind.name, targets, kind.own, seen)
    _set_ids(con, kind, ids)
    _record_merges(con, merges(before, ids), now)
    entities = entity_rows(con, kind, ids, seen, targets)
    con.register("new_entities", entities)
    con.execute("INSERT INTO entities BY NAME SELECT * FROM new_entities")
    con.unregister("new_entities")
    return entities.num_rows


def _set_ids(con: DuckDBPyConnection, kind: Kind, ids: Mapping[str, str]) -> None:
    con.register("name_ids", pa.table({"name": list(ids), "entity_id": list(ids.values())}))
    for table, column in kind.sources:
        con.execute(
            f"UPDATE {table} SET entity_id = (SELECT m.entity_id FROM name_ids m WHERE m.name = {table}.{column})"
        )
    con.unregister("name_ids")


def _record_merges(con: DuckDBPyConnection, found: Mapping[str, str], now: datetime) -> None:
    """Append old → new for each id that is gone (once: an id merged before is not recorded again)."""
    if not found:
        return
    rows = pa.table({"old_id": list(found), "new_id": list(found.values()), "merged_at": [now] * len(found)})
    con.register("found_merges", rows.cast(CORPUS_SCHEMAS["entity_merges"]))
    con.execute(
        "INSERT INTO entity_merges SELECT * FROM found_merges f"
        " WHERE NOT EXISTS (SELECT 1 FROM entity_merges m WHERE m.old_id = f.old_id AND m.new_id = f.new_id)"
    )
    con.unregister("found_merges")
    log.info("entities: %d ids merged into others", len(found))


def entity_rows(
    con: DuckDBPyConnection,
    kind: Kind,
    ids: Mapping[str, str],
    seen: Mapping[str, NameSeen],
    targets: Mapping[str, str],
) -> pa.Table:
    """The kind's entities table rows: best names, aliases, and counts over its rows."""
    names: dict[str, list[str]] = defaultdict(list)
    for name, found in ids.items():
        names[found].append(name)
    query = _rows(
        kind,
        "entity_id, count(*) FILTER (WHERE counted), count(DISTINCT article_id), min(a.published), max(a.published)",
    )
    stats = {
        row[0]: row[1:] for row in con.execute(query + " WHERE entity_id IS NOT NULL GROUP BY entity_id").fetchall()
    }
    rows = []
    for found in sorted(names):
        ru, en = best_names(names[found], seen)
        if kind.name == "organisation":
            en = _organisation_en(en, targets[names[found][0]])
        elif en is None:
            en = transliterated(ru)
        mentions, articles, first, last = stats[found]
        rows.append({"entity_id": found, "kind": kind.name, "name_ru": ru, "name_en": en,
                     "aliases": sorted(names[found]), "mentions": mentions, "articles": articles,
                     "first_seen": first, "last_seen": last})  # fmt: skip
    return pa.Table.from_pylist(rows, schema=CORPUS_SCHEMAS["entities"])


def _organisation_en(best: str | None, key: str) -> str | None:
    """An organisation's best Latin name, the glossary's when there is none or it is a common noun
    of running text ("police" → Police)."""
    if best is not None and not best.islower():
        return best
    named = english_name(key)
    return named or (best[:1].upper() + best[1:] if best else None)


def write_posts(con: DuckDBPyConnection) -> None:
    """officials → posts: each (entity, position, affiliation, status) with its first and last article date."""
    has_status = "status" in {row[0] for row in con.execute("DESCRIBE officials").fetchall()}
    status = "o.status" if has_status else "CAST(NULL AS VARCHAR)"
    con.execute("DELETE FROM posts")
    con.execute(
        f"INSERT INTO posts SELECT o.entity_id, o.position, o.affiliation, o.affiliation_code, {status},"
        " min(a.published), max(a.published), count(DISTINCT o.article_id)"
        " FROM officials o LEFT JOIN articles a USING (article_id) WHERE o.entity_id IS NOT NULL"
        " GROUP BY ALL"
    )


def resolve_tables(tables: Mapping[str, pa.Table]) -> dict[str, pa.Table]:
    """Tables of one batch (as `build_tables` gives them) → the same with entity ids and the entity tables."""
    con = duckdb.connect()
    for name, schema in ALL_SCHEMAS.items():
        con.register("source", tables.get(name, schema.empty_table()))
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM source")
        con.unregister("source")
    resolve(con)
    names = ("persons", "officials", "organisations", *CORPUS_SCHEMAS)
    resolved = {name: _arrow(con, name).cast(ALL_SCHEMAS[name]) for name in names}
    con.close()
    return {**tables, **resolved}


def _arrow(con: DuckDBPyConnection, table: str) -> pa.Table:
    """A table of the connection → Arrow (DuckDB 2 names the call to_arrow_table, 1.x arrow)."""
    relation = con.sql(f"SELECT * FROM {table}")
    fetch = getattr(relation, "to_arrow_table", None) or relation.arrow
    return fetch()
