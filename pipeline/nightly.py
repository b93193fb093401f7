"""The nightly job, composed: crawl → learn each site's boilerplate → extract what is new → export the crawl report."""

from __future__ import annotations

import logging
from pathlib import Path

from .clean.boilerplate import learn_boilerplate, recent_crawl_files
from .crawl.report import export_runs
from .crawl.run import CrawlResult, Hook, crawl_lock, run_crawl
from .crawl.sources import DEFAULT_SOURCES, Sources
from .crawl.state import DEFAULT_STATE, State
from .crawl.warcstore import DEFAULT_RAW
from .ner import Models
from .run import Progress, Summary, run
from .settings import Settings, load_settings

log = logging.getLogger(__name__)


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
        result = run_crawl(sources, raw, state, on_fetch)
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
