"""The output tables → FollowTheMoney entities (JSON Lines), built and validated by the `followthemoney` model.

Articles become `Article` documents, resolved entities `Person`, `Company`, `PublicBody` or
`Organization`, officials' posts `Position` with an `Occupancy`, and the rows that name an entity
`Mention`s, as FtM has them for NER output. Ids derive from newsfacts' own ids, so a re-export of
the same store gives the same ids (tools that load it again update entities rather than add them).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
from followthemoney import EntityProxy, model
from followthemoney.util import make_entity_id

from ..store.database import Tables

log = logging.getLogger(__name__)

FILE = "newsfacts.ftm.json"
PREFIX = "newsfacts"
# organisations.kind → FtM schema (the most frequent kind among an entity's rows decides)
ORGANISATION_SCHEMAS = {"company": "Company", "government": "PublicBody"}
# the tables whose rows are a name as written (officials' `text` is a title and a name: its person has a persons row)
NAMING = ("persons", "organisations")


def write_ftm(tables: Tables, path: str | Path) -> Path:
    """Tables → one FtM entity per line at `path` (UTF-8), sorted by schema and id; written, then renamed."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    with tmp.open("w", encoding="utf-8") as lines:
        for proxy in sorted(entities(tables), key=lambda p: (p.schema.name, p.id or "")):
            lines.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
    tmp.replace(target)
    return target


def entities(tables: Tables) -> Iterator[EntityProxy]:
    """Tables → every FtM entity: documents, persons and organisations, positions, occupancies, mentions."""
    schemas = entity_schemas(tables)
    places = post_countries(tables.posts)
    yield from documents(tables.articles)
    for row in tables.entities.itertuples():
        yield legal_entity(row, schemas[row.entity_id], places.get(row.entity_id, []))
    yield from posts(tables)
    yield from mentions(tables, schemas)


def article_ftm_id(article_id: str) -> str:
    return f"{PREFIX}-article-{article_id}"


def entity_ftm_id(entity_id: str) -> str:
    """An entity_id → its FtM id: the same entity gets the same id in every export."""
    return f"{PREFIX}-entity-{entity_id}"


def documents(articles: pd.DataFrame) -> Iterator[EntityProxy]:
    """Articles read without error → `Article` documents with title, URL, date, language and text."""
    for row in articles[articles.status == "ok"].itertuples():
        proxy = model.make_entity("Article")
        proxy.id = article_ftm_id(row.article_id)
        _add(proxy, "title", row.title)
        _add(proxy, "sourceUrl", row.url)
        _add(proxy, "publishedAt", None if pd.isna(row.published) else row.published.date().isoformat())
        _add(proxy, "publisher", row.site)
        _add(proxy, "language", row.language)
        _add(proxy, "bodyText", row.text)
        yield proxy


def entity_schemas(tables: Tables) -> dict[str, str]:
    """entity_id → FtM schema: persons are `Person`; organisations by the kind most of their rows have."""
    kinds = zip(tables.entities.entity_id, tables.entities.kind, strict=True)
    schemas = {entity_id: "Person" if kind == "person" else "Organization" for entity_id, kind in kinds}
    rows = tables.organisations.dropna(subset=["entity_id", "kind"])
    for entity_id, kinds in rows.groupby("entity_id", observed=True).kind:
        schemas[entity_id] = ORGANISATION_SCHEMAS.get(str(kinds.astype(str).mode().iloc[0]), "Organization")
    return schemas


def post_countries(posts: pd.DataFrame) -> dict[str, list[str]]:
    """posts → {entity_id: the countries of its posts' region codes}."""
    placed = posts.dropna(subset=["affiliation_code"])
    return {e: countries(codes) for e, codes in placed.groupby("entity_id", observed=True).affiliation_code}


def legal_entity(row: Any, schema: str, places: list[str]) -> EntityProxy:
    """An entities row → its FtM entity: names in both scripts, every alias, countries of its posts."""
    proxy = model.make_entity(schema)
    proxy.id = entity_ftm_id(row.entity_id)
    names = [n for n in (row.name_en, row.name_ru) if not pd.isna(n)]
    proxy.add("name", names)
    proxy.add("alias", [a for a in _list(row.aliases) if a not in names])
    proxy.add("country", places)
    return proxy


def countries(codes: pd.Series) -> list[str]:
    """ISO 3166 codes (RU, RU-VGG) → the countries they are in."""
    return sorted({str(code).split("-")[0].lower() for code in codes.dropna()})


def posts(tables: Tables) -> Iterator[EntityProxy]:
    """posts rows → one `Position` per (position, affiliation) and an `Occupancy` per holder of it."""
    organisations = organisation_names(tables.entities)
    for row in tables.posts.itertuples():
        position = _position(row, organisations)
        yield position
        occupancy = model.make_entity("Occupancy")
        occupancy.id = make_entity_id(PREFIX, "occupancy", row.entity_id, position.id)
        occupancy.add("holder", entity_ftm_id(row.entity_id))
        occupancy.add("post", position.id)
        _add(occupancy, "status", row.status)
        yield occupancy


def _position(row: Any, organisations: dict[str, str]) -> EntityProxy:
    position = model.make_entity("Position")
    affiliation = None if pd.isna(row.affiliation) else row.affiliation
    code = None if pd.isna(row.affiliation_code) else row.affiliation_code
    # a post with no affiliation is known only as this holder's, not shared with others of the title
    holder = None if affiliation or code else row.entity_id
    position.id = make_entity_id(PREFIX, "position", row.position, affiliation, code, holder)
    position.add("name", f"{row.position}, {affiliation}" if affiliation else row.position)
    if code:
        position.add("country", countries(pd.Series([code])))
        if "-" in code:
            _add(position, "subnationalArea", affiliation)
    elif affiliation in organisations:
        position.add("organization", organisations[affiliation])
    return position


def organisation_names(entities: pd.DataFrame) -> dict[str, str]:
    """Every name and alias of a resolved organisation → its FtM id (an affiliation names one)."""
    found: dict[str, str] = {}
    for row in entities[entities.kind == "organisation"].itertuples():
        for name in (row.name_en, row.name_ru, *_list(row.aliases)):
            if not pd.isna(name):
                found.setdefault(name, entity_ftm_id(row.entity_id))
    return found


def mentions(tables: Tables, schemas: dict[str, str]) -> Iterator[EntityProxy]:
    """Rows naming a resolved entity → one `Mention` per article, entity and surface name."""
    ok = set(tables.articles.article_id[tables.articles.status == "ok"])
    seen = set()
    for table in NAMING:
        rows = tables[table].dropna(subset=["entity_id"])
        for article_id, entity_id, text in zip(rows.article_id, rows.entity_id, rows.text, strict=True):
            key = (article_id, entity_id, text)
            if key in seen or article_id not in ok or entity_id not in schemas:
                continue
            seen.add(key)
            yield _mention(article_id, entity_id, text, schemas[entity_id])


def _mention(article_id: str, entity_id: str, text: str, schema: str) -> EntityProxy:
    mention = model.make_entity("Mention")
    mention.id = make_entity_id(PREFIX, "mention", article_id, entity_id, text)
    mention.add("document", article_ftm_id(article_id))
    mention.add("resolved", entity_ftm_id(entity_id))
    mention.add("name", text)
    mention.add("detectedSchema", schema)
    return mention


def _add(proxy: EntityProxy, prop: str, value: object) -> None:
    if value is not None and not pd.isna(value):
        proxy.add(prop, str(value))


def _list(value: object) -> list[str]:
    return [] if value is None or (not hasattr(value, "__len__") and pd.isna(value)) else [str(v) for v in value]  # type: ignore[attr-defined]
