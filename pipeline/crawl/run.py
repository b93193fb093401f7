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

from .fetch import Fetcher
from .report import SourceReport, build_reports, save
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
        return run_crawl(sources, raw, state, on_fetch)


def run_crawl(
    sources: Sources | str | Path, raw: str | Path, state: str | Path, on_fetch: Hook | None = None
) -> CrawlResult:
    """The crawl itself, for a caller that holds `crawl_lock(state)`: recover killed runs, then crawl."""
    db = State(Path(state))
    try:
        recover(db)
        return Crawl(_sources(sources), db, Path(raw), on_fetch).run()
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
