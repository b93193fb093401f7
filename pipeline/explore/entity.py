"""One person or organisation across the corpus: its mentions in both languages, its posts over
time and the entities mentioned with it (`entity(tables, "Makhonin")`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..entities.sound import sound
from ..store.database import Tables


class UnknownEntity(LookupError):
    """No entity has this id or name."""


@dataclass(frozen=True)
class EntityView:
    """An entity: its `entities` row, every mention with its article, its posts, its co-mentions."""

    entity: pd.Series
    mentions: pd.DataFrame  # article_id, published, language, title, text, name
    posts: pd.DataFrame
    co_mentioned: pd.DataFrame  # entity_id, kind, name_ru, name_en, articles

    def __str__(self) -> str:
        return format_entity(self)


def current_id(tables: Tables, entity_id: str) -> str:
    """A saved id → the id it has now, following entity_merges (old → new, repeatedly)."""
    merged = dict(zip(tables.entity_merges.old_id, tables.entity_merges.new_id, strict=True))
    seen = {entity_id}
    while entity_id in merged and merged[entity_id] not in seen:
        entity_id = merged[entity_id]
        seen.add(entity_id)
    return entity_id


def find_entities(tables: Tables, query: str) -> pd.DataFrame:
    """An id (a merged-away one too, or a prefix) or a name in either script → entities, most mentioned first."""
    entities = tables.entities
    wanted = current_id(tables, query.strip())
    by_id = entities[entities.entity_id.astype("string").str.startswith(wanted)]
    if len(by_id):
        return by_id.reset_index(drop=True)
    keys = [_search_key(word) for word in query.split()]
    hits = entities[[_named(row, query, keys) for row in entities.itertuples()]]
    return hits.sort_values(["mentions", "entity_id"], ascending=[False, True]).reset_index(drop=True)


def _named(row: Any, query: str, keys: list[str]) -> bool:
    """Does one of the entity's names contain the query, as written or by sound word by word (Makhonin ~ Махонин)?"""
    names = [n for n in (*row.aliases, row.name_en, row.name_ru) if isinstance(n, str)]
    folded = query.casefold()
    if any(folded in name.casefold() for name in names):
        return True
    sounds = {_search_key(word) for name in names for word in name.split()}
    return bool(keys) and all(key in sounds for key in keys)


def _search_key(word: str) -> str:
    """A word's sound less a vowel ending, so that a case form finds the name (Махонина → Махонин)."""
    return sound(word).rstrip("a")


def entity(tables: Tables, query: str) -> EntityView:
    """An id or a name → the EntityView of the most mentioned matching entity."""
    found = find_entities(tables, query)
    if found.empty:
        raise UnknownEntity(f"no entity with id or name {query!r}; see the entities table")
    row = found.iloc[0]
    return EntityView(row, entity_mentions(tables, row.entity_id), entity_posts(tables, row.entity_id),
                      co_mentioned(tables, row.entity_id))  # fmt: skip


def _rows(tables: Tables) -> pd.DataFrame:
    persons = tables.persons[["article_id", "text", "name", "start", "entity_id"]]
    orgs = tables.organisations[["article_id", "text", "name", "start", "entity_id"]]
    return pd.concat([persons, orgs], ignore_index=True)


def entity_mentions(tables: Tables, entity_id: str) -> pd.DataFrame:
    """Every row naming the entity, with its article's date, language and title, oldest first."""
    rows = _rows(tables)
    rows = rows[rows.entity_id == entity_id]
    articles = tables.articles[["article_id", "published", "language", "title"]]
    joined = rows.merge(articles, on="article_id", how="left")
    columns = ["article_id", "published", "language", "title", "text", "name", "start"]
    return joined[columns].sort_values(["published", "article_id", "start"], na_position="last").reset_index(drop=True)


def entity_posts(tables: Tables, entity_id: str) -> pd.DataFrame:
    """The entity's posts (the posts table), earliest first."""
    posts = tables.posts[tables.posts.entity_id == entity_id]
    return posts.sort_values(["first_date", "position"], na_position="last").reset_index(drop=True)


def co_mentioned(tables: Tables, entity_id: str) -> pd.DataFrame:
    """The other entities in the entity's articles, by the number of articles they share."""
    rows = _rows(tables).dropna(subset=["entity_id"])
    articles = set(rows.article_id[rows.entity_id == entity_id])
    others = rows[rows.article_id.isin(articles) & (rows.entity_id != entity_id)]
    counts = others.groupby("entity_id").article_id.nunique().rename("articles").reset_index()
    named = counts.merge(tables.entities[["entity_id", "kind", "name_ru", "name_en"]], on="entity_id", how="left")
    named = named[["entity_id", "kind", "name_ru", "name_en", "articles"]]
    return named.sort_values(["articles", "entity_id"], ascending=[False, True]).reset_index(drop=True)


def format_entity(view: EntityView, limit: int = 10) -> str:
    """An EntityView → the lines `newsfacts show --entity` prints."""
    e = view.entity
    seen = f"{_day(e.first_seen)} … {_day(e.last_seen)}"
    lines = [f"{e.entity_id}  {e.kind}  {_text(e.name_ru)} / {_text(e.name_en)}",
             f"  {e.mentions} mentions in {e.articles} articles, {seen}",
             f"  also written: {', '.join(e.aliases)}"]  # fmt: skip
    if len(view.posts):
        lines.append("Posts:")
        lines += [f"  {_day(p.first_date)} … {_day(p.last_date)}  {p.position}, {_text(p.affiliation)} ({p.articles})"
                  for p in view.posts.itertuples()]  # fmt: skip
    lines.append("Mentions:")
    lines += [
        f"  {_day(m.published)}  {m.language}  {m.article_id}  {m.text}" for m in view.mentions.head(limit).itertuples()
    ]
    if len(view.mentions) > limit:
        lines.append(f"  … and {len(view.mentions) - limit} more")
    if len(view.co_mentioned):
        lines.append("Mentioned with:")
        lines += [
            f"  {c.entity_id}  {_text(c.name_ru) if pd.notna(c.name_ru) else _text(c.name_en)}  ({c.articles})"
            for c in view.co_mentioned.head(limit).itertuples()
        ]
    return "\n".join(lines)


def _text(value: object) -> str:
    return "-" if pd.isna(value) else str(value)


def _day(value: object) -> str:
    return "undated" if pd.isna(value) else pd.Timestamp(value).date().isoformat()
