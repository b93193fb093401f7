"""The crawl, composed: lock → recover → discover → fetch (per host, hosts in parallel) → WARC + state → report."""

from __future__ import annotations

import fcntl
import logging
import threading
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..boilerplate import learn_boilerplate, recent_crawl_files
from ..ner import Models
from ..run import Progress, Summary, run
from ..settings import Settings, load_settings
from .fetch import Fetcher
from .report import SourceReport, build_reports, export_runs, save
from .sources import DEFAULT_SOURCES, Source, Sources, load_sources
from .state import DEFAULT_STATE, Outcome, State
from .urls import host_of, unique
from .warcstore import DEFAULT_RAW, WarcStore, repair, run_folder
from .worker import Crawler

log = logging.getLogger(__name__)

Hook = Callable[[Outcome], None]


class CrawlLocked(RuntimeError):
    """Another crawl (or nightly) holds the lock."""


@dataclass(frozen=True)
class CrawlResult:
    """What one crawl did: its id, one report per source, the WARC files it wrote."""

    run_id: str
    reports: tuple[SourceReport, ...]
    warc_files: tuple[str, ...]


@contextmanager
def crawl_lock(state_path: Path) -> Iterator[None]:
    """Hold data/crawl.lock for the duration; a second run raises CrawlLocked instead of waiting."""
    path = state_path.with_suffix(".lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as err:
            raise CrawlLocked(f"another crawl is running (lock {path} is held); nothing done") from err
        yield


def _sources(sources: Sources | str | Path) -> Sources:
    return sources if isinstance(sources, Sources) else load_sources(sources)


def crawl(
    sources: Sources | str | Path = DEFAULT_SOURCES,
    *,
    raw: str | Path = DEFAULT_RAW,
    state: str | Path = DEFAULT_STATE,
    on_fetch: Hook | None = None,
) -> CrawlResult:
    """sources.toml → new and changed pages as WARC under raw/crawl/DATE/, state in data/crawl.db."""
    with crawl_lock(Path(state)):
        return _crawl(_sources(sources), Path(raw), Path(state), on_fetch)


def _crawl(sources: Sources, raw: Path, state_path: Path, on_fetch: Hook | None) -> CrawlResult:
    db = State(state_path)
    try:
        recover(db)
        return Crawl(sources, db, raw, on_fetch).run()
    finally:
        db.close()


def recover(db: State) -> None:
    """Runs that were killed: WARC files cut back to what the state recorded, an 'interrupted' report row."""
    started = dict(db.unfinished_runs())
    for run_id in repair(db):
        save(db, build_reports(db, run_id, started[run_id], None, status="interrupted"))
        db.finish_run(run_id)
        log.warning("run %s was interrupted; resuming its pending URLs", run_id)


class Crawl:
    """One crawl run over every source."""

    def __init__(self, sources: Sources, db: State, raw: Path, on_fetch: Hook | None) -> None:
        self.sources, self.db = sources, db
        self.run_id = uuid.uuid4().hex
        self.started = datetime.now(UTC)
        store = WarcStore(run_folder(raw, self.started), self.run_id, db, self.started.strftime("%H%M%S"))
        self.crawler = Crawler(sources, db, Fetcher(sources.crawl), store, self.run_id, on_fetch, threading.Event())

    def run(self) -> CrawlResult:
        self.db.start_run(self.run_id)
        try:
            discovered = self._discover()
            self._fetch(discovered)
        finally:
            self.crawler.store.close()
        counts = {name: len(urls) for name, urls in discovered.items()}
        reports = build_reports(self.db, self.run_id, self.started.isoformat(timespec="milliseconds"), counts)
        save(self.db, reports)
        self.db.finish_run(self.run_id)
        return CrawlResult(self.run_id, tuple(reports), tuple(self.crawler.store.paths()))

    def _discover(self) -> dict[str, list[str]]:
        sources = self.sources.sources
        with ThreadPoolExecutor(max_workers=max(1, min(len(sources), self.sources.crawl.max_hosts))) as pool:
            found = list(pool.map(self.crawler.discover, sources))
        return {source.name: urls for source, urls in zip(sources, found, strict=True)}

    def _fetch(self, discovered: dict[str, list[str]]) -> None:
        by_host: dict[str, list[tuple[Source, str]]] = {}
        for source in self.sources.sources:
            for url in self.db.order(list(unique([*discovered[source.name], *self.db.pending(source.name)]))):
                by_host.setdefault(host_of(url), []).append((source, url))
        with ThreadPoolExecutor(max_workers=max(1, self.sources.crawl.max_hosts)) as pool:
            futures = [pool.submit(self.crawler.fetch_all, self._ordered(tasks)) for tasks in by_host.values()]
            for future in futures:
                future.result()

    def _ordered(self, tasks: list[tuple[Source, str]]) -> list[tuple[Source, str]]:
        order = {url: n for n, url in enumerate(self.db.order([url for _, url in tasks]))}
        return sorted(tasks, key=lambda task: order[task[1]])


def nightly(
    sources: Sources | str | Path = DEFAULT_SOURCES,
    *,
    raw: str | Path = DEFAULT_RAW,
    state: str | Path = DEFAULT_STATE,
    out: str | Path = "data/out",
    settings: Settings | None = None,
    models: Models | None = None,
    progress: Progress | None = None,
    on_fetch: Hook | None = None,
) -> tuple[CrawlResult, Summary | None]:
    """Crawl, learn each site's boilerplate from the raw store, then extract the WARC files not yet
    extracted (this run's, or a killed run's) into `out`."""
    settings = settings or load_settings()
    with crawl_lock(Path(state)):
        result = _crawl(_sources(sources), Path(raw), Path(state), on_fetch)
        if settings.clean.sites:
            written = learn_boilerplate(recent_crawl_files(raw, settings.clean.boilerplate_days), settings)
            log.info("boilerplate models for %d hosts in %s", len(written), settings.clean.sites)
        db = State(state)
        try:
            paths = db.unextracted()
            summary = run(paths, out, settings=settings, models=models, progress=progress) if paths else None
            db.mark_extracted(paths)
            export_runs(db, out)
        finally:
            db.close()
    return result, summary
