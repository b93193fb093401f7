"""The one place where the stages are composed: read → clean → detect → ner → facts → store → entities."""

from __future__ import annotations

import gc
import json
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache, partial
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

import pyarrow as pa
from threadpoolctl import threadpool_limits

from . import clean as clean_stage
from . import detect as detect_stage
from . import facts
from .clean import clean
from .detect import detect_languages
from .engines import open_engine, tune_collector, tuned_collector, workers_for
from .entities import resolve, resolve_tables
from .facts import normalise
from .ner import Models, recognise
from .read import content_id, page_from_json, read
from .records import Article, Facts, Page, Skip
from .settings import NerSettings, Settings, fingerprint, load_settings
from .store import SCHEMAS, Store, Tables, build_tables, tables_from_arrow

log = logging.getLogger(__name__)
T = TypeVar("T")

Progress = Callable[[int], None]  # told how many more articles are done
Chunk = list[Page | Skip]


@dataclass(frozen=True)
class Summary:
    """What a run did: articles by language and status, rows written per table."""

    out: Path
    articles: dict[tuple[str, str], int] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    reasons: dict[str, int] = field(default_factory=dict)
    unchanged: int = 0  # inputs already processed with the same code, settings and models/


def process(pages: Iterable[Page | Skip], settings: Settings, models: Models) -> Iterator[Facts | Skip]:
    """Pages → Facts (or Skips): stages 2 to 5, lazily, one article at a time."""
    articles = clean(pages, settings.clean)
    routed = detect_languages(articles, settings.language)
    analyses = recognise(routed, models)
    return normalise(analyses)


def process_chunk(chunk: Chunk, settings: Settings, models: Models | None = None) -> dict[str, pa.Table]:
    """A chunk of pages → its tables (stages 2 to 6); runs in a worker, which loads its models once."""
    models = models or worker_models(settings)
    return build_tables(list(process(chunk, settings, models)), fingerprint(settings))


def prepare(settings: Settings, models: Models | None = None) -> Models:
    """Load every model, lexicon and grammar the stages use (given `models` are completed, not reloaded).

    The first article then pays for no loading, and a broken file in models/ stops the run at its first chunk.
    """
    clean_stage.prepare(settings.clean)
    detect_stage.prepare()
    facts.prepare()
    fingerprint(settings)
    return (models or Models(settings.ner)).prepare()


@cache
def worker_models(settings: Settings) -> Models:
    """A worker's models, loaded once per process; its BLAS gets one thread, as each core has a worker."""
    threadpool_limits(1)
    models = prepare(settings, loaded_models(settings.ner))
    tune_collector()  # a worker process is ours for its whole life
    return models


@cache
def loaded_models(ner: NerSettings) -> Models:
    """The NER models of these settings, loaded once per process (a forked worker inherits them)."""
    return Models(ner).prepare()


def run(
    paths: Sequence[str | Path] = ("data/raw",),
    out: str | Path = "data/out",
    *,
    settings: Settings | None = None,
    models: Models | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
    engine: str | None = None,
    scheduler: str | None = None,
    force: bool = False,
) -> Summary:
    """Input files and folders → tables in `out` (DuckDB + Parquet); returns a Summary.

    Inputs already processed with the same fingerprint are skipped unless `force`. `workers`
    (default: the `run.workers` setting, 0 = one per core; 1 when `models` are given, which are
    then used in this process) and `engine` ("local" or "dask", with an optional `scheduler`
    address) say where the work runs.
    """
    settings = settings or load_settings()
    if workers is None:  # models handed in are used here, in this process
        workers = 1 if models is not None else settings.run.workers
    count = workers_for(workers)
    kind = engine or settings.run.engine
    in_process = kind == "local" and count == 1
    # in this process, the models load with the first chunk to process: a re-run on unchanged
    # inputs loads nothing; worker processes load theirs when their first chunk arrives
    work = _LoadingOnce(settings, models) if in_process else partial(process_chunk, settings=settings, models=None)
    tally = _Tally()
    # one BLAS thread: measured faster here too (the matrices are small), and workers must not oversubscribe
    with (
        threadpool_limits(1),
        tuned_collector(),
        Store(out, settings.store.memory_limit) as store,
        open_engine(kind, count, scheduler, settings.run.start_method) as running,
    ):
        chunks = fresh_chunks(read(paths, settings.read), store, fingerprint(settings), settings, force, tally)
        for tables in merged(running.map(work, chunks), settings.store.batch_articles):
            store.write(tables)
            tally.add(tables)
            if progress:
                progress(tables["articles"].num_rows)
        resolve_entities(store)
        store.export()
    return tally.summary(Path(out))


def resolve_entities(store: Store) -> None:
    """Stage 8 over the whole store, when this run wrote to it or an older version never resolved it."""
    unresolved = store.con.execute(
        "SELECT (SELECT count(*) FROM entities) = 0"
        " AND EXISTS (SELECT 1 FROM persons UNION ALL SELECT 1 FROM organisations)"
    ).fetchone()
    if store.written or (unresolved and unresolved[0]):
        started = time.perf_counter()
        resolve(store.con)
        store.written = True
        log.info("entities resolved in %.2f s", time.perf_counter() - started)


class _LoadingOnce:
    """`process_chunk` in this process, with the models prepared on the first call."""

    def __init__(self, settings: Settings, models: Models | None) -> None:
        self.settings, self.given = settings, models
        self.models: Models | None = None

    def __call__(self, chunk: Chunk) -> dict[str, pa.Table]:
        if self.models is None:
            self.models = prepare(self.settings, self.given)
            gc.freeze()  # out of the collector's scans for the rest of the run, as tuned_collector does
        return process_chunk(chunk, self.settings, self.models)


def fresh_chunks(
    pages: Iterable[Page | Skip], store: Store, mark: str, settings: Settings, force: bool, tally: _Tally
) -> Iterator[Chunk]:
    """Pages → chunks for the workers, without those the store already has under this fingerprint."""
    for chunk in batched(pages, settings.run.chunk_articles):
        done = set() if force else store.processed([(p.article_id, p.source) for p in chunk], mark)
        tally.unchanged += len(done)
        todo = [p for p in chunk if (p.article_id, p.source) not in done]
        if todo:
            yield todo


def merged(results: Iterable[dict[str, pa.Table]], size: int) -> Iterator[dict[str, pa.Table]]:
    """Per-chunk tables → tables of about `size` articles, so the store writes in batches."""
    pending: list[dict[str, pa.Table]] = []
    for tables in results:
        pending.append(tables)
        if sum(t["articles"].num_rows for t in pending) >= size:
            yield _concat(pending)
            pending = []
    if pending:
        yield _concat(pending)


def _concat(parts: list[dict[str, pa.Table]]) -> dict[str, pa.Table]:
    return {name: pa.concat_tables([p[name] for p in parts]) for name in SCHEMAS}


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Items → lists of at most `size` items."""
    stream = iter(items)
    while chunk := list(islice(stream, size)):
        yield chunk


@dataclass
class _Tally:
    """Counts for the Summary, from the articles table of each written batch."""

    articles: Counter[tuple[str, str]] = field(default_factory=Counter)
    reasons: Counter[str] = field(default_factory=Counter)
    rows: Counter[str] = field(default_factory=Counter)
    unchanged: int = 0

    def add(self, tables: dict[str, pa.Table]) -> None:
        self.rows.update({name: table.num_rows for name, table in tables.items()})
        batch = tables["articles"]
        for language, status, reason in zip(
            *(batch[c].to_pylist() for c in ("language", "status", "reason")), strict=True
        ):
            self.articles[(language or "-", status)] += 1
            if reason:
                self.reasons[reason.split(":")[0]] += 1

    def summary(self, out: Path) -> Summary:
        rows = {name: self.rows[name] for name in SCHEMAS}
        return Summary(out, dict(self.articles), rows, dict(self.reasons), self.unchanged)


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
    return tables_from_arrow(resolve_tables(build_tables(facts, fingerprint(settings))))


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
