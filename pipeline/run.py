"""The one place where the stages are composed: read → clean → detect → ner → normalise → tables → store."""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any

from .clean import clean
from .detect import detect_languages
from .ner import Models, recognise
from .normalise import normalise
from .read import content_id, page_from_json, read
from .records import Article, Facts, Page, Skip, Status
from .settings import Settings, load_settings
from .store import Store, Tables, tables_from_arrow
from .tables import SCHEMAS, build_tables

log = logging.getLogger(__name__)

Progress = Callable[[Iterable[Facts | Skip]], Iterable[Facts | Skip]]


@dataclass(frozen=True)
class Summary:
    """What a run did: articles by language and status, rows written per table."""

    out: Path
    articles: dict[tuple[str, str], int] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    reasons: dict[str, int] = field(default_factory=dict)


def process(pages: Iterable[Page | Skip], settings: Settings, models: Models) -> Iterator[Facts | Skip]:
    """Pages → Facts (or Skips): stages 2 to 5, lazily, one article at a time."""
    articles = clean(pages, settings.clean)
    routed = detect_languages(articles, settings.language)
    analyses = recognise(routed, models)
    return normalise(analyses)


def run(
    paths: Sequence[str | Path] = ("data/raw",),
    out: str | Path = "data/out",
    *,
    settings: Settings | None = None,
    models: Models | None = None,
    progress: Progress | None = None,
) -> Summary:
    """Input files and folders → tables in `out` (DuckDB + Parquet); returns a Summary."""
    settings = settings or load_settings()
    models = models or Models(settings.ner)
    items: Iterable[Facts | Skip] = process(read(paths, settings.read), settings, models)
    if progress:
        items = progress(items)
    articles: Counter[tuple[str, str]] = Counter()
    reasons: Counter[str] = Counter()
    rows: Counter[str] = Counter()
    with Store(out) as store:
        for batch in batched(items, settings.store.batch_articles):
            tables = build_tables(batch)
            store.write(tables)
            rows.update({name: table.num_rows for name, table in tables.items()})
            _tally(batch, articles, reasons)
        store.export()
    return Summary(Path(out), dict(articles), {name: rows[name] for name in SCHEMAS}, dict(reasons))


def batched(items: Iterable[Facts | Skip], size: int) -> Iterator[list[Facts | Skip]]:
    """Items → lists of at most `size` items."""
    stream = iter(items)
    while chunk := list(islice(stream, size)):
        yield chunk


def _tally(batch: Sequence[Facts | Skip], articles: Counter[tuple[str, str]], reasons: Counter[str]) -> None:
    for item in batch:
        if isinstance(item, Skip):
            language = item.article.language if item.article else None
            articles[(language or "-", item.status.value)] += 1
            reasons[item.reason.split(":")[0]] += 1
        else:
            articles[(item.analysis.article.language or "-", Status.OK.value)] += 1


def extract(
    items: Iterable[str | dict[str, Any] | Article],
    *,
    settings: Settings | None = None,
    models: Models | None = None,
) -> Tables:
    """Texts, JSON-like dicts or Articles → the output tables as DataFrames, without touching disk."""
    settings = settings or load_settings()
    models = models or Models(settings.ner)
    pages = (to_page(item, n) for n, item in enumerate(items, start=1))
    facts = list(process(pages, settings, models))
    return tables_from_arrow(build_tables(facts))


def to_page(item: str | dict[str, Any] | Article, number: int = 1) -> Page | Skip:
    """One extract() input → Page: a str is a text, a dict has the JSON Lines keys."""
    if isinstance(item, Article):
        return Page(
            item.article_id, item.source, "text", item.text, item.url, item.title, item.published, item.language
        )
    if isinstance(item, str):
        return Page(content_id(item.encode()), f"<text {number}>", "text", item)
    return page_from_json(f"<item {number}>", json.dumps(item, default=_json_default).encode())


def _json_default(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")
