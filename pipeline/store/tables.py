"""Stage 6, tables: Facts and Skips → one Arrow table per output table, with a fixed schema."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import fields
from typing import Any

import pyarrow as pa

from ..records import Article, DateValue, Facts, Skip, Status

_SPAN = [("start", pa.int32()), ("end", pa.int32())]

SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(
        [
            ("article_id", pa.string()),
            ("source", pa.string()),
            ("url", pa.string()),
            ("title", pa.string()),
            ("published", pa.date32()),
            ("site", pa.string()),
            ("language", pa.string()),
            ("text", pa.string()),
            ("n_chars", pa.int32()),
            ("status", pa.string()),
            ("reason", pa.string()),
            ("stage", pa.string()),
            ("extractor", pa.string()),
            ("fingerprint", pa.string()),
        ]
    ),
    "mentions": pa.schema(
        [
            ("article_id", pa.string()),
            ("label", pa.string()),
            ("text", pa.string()),
            ("normal", pa.string()),
            *_SPAN,
            ("source_label", pa.string()),
        ]
    ),
    "organisations": pa.schema(
        [
            ("article_id", pa.string()),
            ("text", pa.string()),
            ("name", pa.string()),
            ("legal_form", pa.string()),
            ("org_key", pa.string()),
            *_SPAN,
            ("kind", pa.string()),
            ("entity_id", pa.string()),
        ]
    ),
    "officials": pa.schema(
        [
            ("article_id", pa.string()),
            ("person", pa.string()),
            ("position", pa.string()),
            ("affiliation", pa.string()),
            ("affiliation_code", pa.string()),
            ("text", pa.string()),
            *_SPAN,
            ("status", pa.string()),
            ("entity_id", pa.string()),
        ]
    ),
    "persons": pa.schema(
        [
            ("article_id", pa.string()),
            ("text", pa.string()),
            ("name", pa.string()),
            *_SPAN,
            ("reference", pa.string()),
            ("entity_id", pa.string()),
        ]
    ),
    "regions": pa.schema(
        [
            ("article_id", pa.string()),
            ("text", pa.string()),
            ("code", pa.string()),
            ("level", pa.string()),
            ("name", pa.string()),
            ("name_en", pa.string()),
            ("name_ru", pa.string()),
            *_SPAN,
        ]
    ),
    "dates": pa.schema(
        [
            ("article_id", pa.string()),
            ("text", pa.string()),
            ("year", pa.int32()),
            ("month", pa.int32()),
            ("day", pa.int32()),
            ("value", pa.date32()),
            ("relative", pa.bool_()),
            *_SPAN,
            ("year_end", pa.int32()),
            ("month_end", pa.int32()),
            ("day_end", pa.int32()),
            ("value_end", pa.date32()),
            ("date_from", pa.date32()),
            ("date_to", pa.date32()),
        ]
    ),
    "amounts": pa.schema(
        [
            ("article_id", pa.string()),
            ("text", pa.string()),
            ("value", pa.float64()),
            ("unit", pa.string()),
            ("qualifier", pa.string()),
            ("counted", pa.string()),
            *_SPAN,
            ("bound", pa.string()),
        ]
    ),
}
# Corpus-level tables, written by the entities stage over the whole store (not keyed by article)
CORPUS_SCHEMAS: dict[str, pa.Schema] = {
    "entities": pa.schema(
        [
            ("entity_id", pa.string()),
            ("kind", pa.string()),
            ("name_ru", pa.string()),
            ("name_en", pa.string()),
            ("aliases", pa.list_(pa.string())),
            ("mentions", pa.int32()),
            ("articles", pa.int32()),
            ("first_seen", pa.date32()),
            ("last_seen", pa.date32()),
        ]
    ),
    "posts": pa.schema(
        [
            ("entity_id", pa.string()),
            ("position", pa.string()),
            ("affiliation", pa.string()),
            ("affiliation_code", pa.string()),
            ("status", pa.string()),
            ("first_date", pa.date32()),
            ("last_date", pa.date32()),
            ("articles", pa.int32()),
        ]
    ),
    "entity_merges": pa.schema([("old_id", pa.string()), ("new_id", pa.string()), ("merged_at", pa.timestamp("s"))]),
}
CORPUS_ORDER = {
    "entities": "entity_id",
    "posts": "entity_id, first_date, position, affiliation",
    "entity_merges": "merged_at, old_id",
}
FACT_TABLES = ("organisations", "officials", "persons", "regions", "dates", "amounts")


def article_row(
    article: Article, status: Status = Status.OK, reason: str | None = None, stage: str | None = None
) -> dict[str, Any]:
    return {
        "article_id": article.article_id,
        "source": article.source,
        "url": article.url,
        "title": article.title,
        "published": article.published,
        "site": article.site,
        "language": article.language,
        "text": article.text,
        "n_chars": len(article.text),
        "status": status.value,
        "reason": reason,
        "stage": stage,
        "extractor": article.extractor,
    }


def skip_row(skip: Skip) -> dict[str, Any]:
    """A Skip → its articles row, with whatever the article had before it was skipped."""
    if skip.article is not None:
        return article_row(skip.article, skip.status, skip.reason, skip.stage)
    return {
        "article_id": skip.article_id,
        "source": skip.source,
        "status": skip.status.value,
        "reason": skip.reason,
        "stage": skip.stage,
        "n_chars": 0,
    }


_NAMES: dict[type, tuple[str, ...]] = {}


def _names(kind: type) -> tuple[str, ...]:
    """A record type's field names (looked up once per type)."""
    if kind not in _NAMES:
        _NAMES[kind] = tuple(f.name for f in fields(kind))
    return _NAMES[kind]


def _records(article_id: str, records: Iterable[Any]) -> list[dict[str, Any]]:
    return [{"article_id": article_id, **_fields(r)} for r in records]


def _fields(record: Any) -> dict[str, Any]:
    row = {name: getattr(record, name) for name in _names(type(record))}  # flat records: no deep copy
    if isinstance(record, DateValue):  # its ISO values are derived, not fields
        row["value"], row["value_end"] = record.value, record.value_end
    if "label" in row:
        row["label"] = str(row["label"])
    return row


def build_tables(items: Sequence[Facts | Skip], fingerprint: str | None = None) -> dict[str, pa.Table]:
    """A batch of Facts and Skips → {table name: Arrow table}; `fingerprint` marks how they were made."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in SCHEMAS}
    for item in items:
        if isinstance(item, Skip):
            rows["articles"].append(skip_row(item))
            continue
        article = item.analysis.article
        rows["articles"].append(article_row(article))
        rows["mentions"] += _records(article.article_id, item.analysis.mentions)
        for name in FACT_TABLES:
            rows[name] += _records(article.article_id, getattr(item, name))
    for row in rows["articles"]:
        row["fingerprint"] = fingerprint
    return {name: pa.Table.from_pylist(rows[name], schema=schema) for name, schema in SCHEMAS.items()}
