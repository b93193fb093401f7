"""Per-source discovery and per-host fetching: each request's result goes to the WARC store and the state."""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from .dedup import cleaned_text, content_hash, find_duplicate, simhash
from .discover import BadDocument, Links, feed_links, page_links, sitemap_links
from .fetch import Fetched, Fetcher
from .sources import Source, Sources
from .state import Outcome, State, record
from .urls import SCHEMES, host_of, normalise, unique
from .warcstore import WarcStore

log = logging.getLogger(__name__)

Hook = Callable[[Outcome], None]


class Stopped(Exception):
    """Another worker failed; this one stops before its next request."""


def _charset(content_type: str | None) -> str | None:
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None


def outcome_of(source: Source, kind: str, fetched: Fetched) -> Outcome:
    """A Fetched record → the Outcome the state stores (without hashes or WARC position)."""
    return Outcome(
        url=fetched.url,
        source=source.name,
        kind=kind,
        outcome=fetched.outcome,
        http_status=fetched.status,
        reason=fetched.reason,
        etag=fetched.header("ETag"),
        last_modified=fetched.header("Last-Modified"),
        final_url=fetched.final_url,
        redirects=fetched.redirects,
        size=len(fetched.body),
    )


@dataclass
class Crawler:
    """The per-run worker: discovery documents and article pages, each request recorded as it completes."""

    sources: Sources
    state: State
    fetcher: Fetcher
    store: WarcStore
    run_id: str
    on_fetch: Hook | None
    stop: threading.Event

    def _norm(self, url: str, base: str | None = None) -> str | None:
        try:
            url = normalise(url, self.sources.crawl.tracking_params, base)
        except ValueError as err:
            log.warning("unusable URL %r (in %s): %s", url, base or "sources", err)
            return None
        return url if url.split(":", 1)[0] in SCHEMES else None

    def _validators(self, url: str) -> tuple[str | None, str | None]:
        known = self.state.known(url)
        return (known.etag, known.last_modified) if known else (None, None)

    def discover(self, source: Source) -> list[str]:
        """A source's feeds, sitemaps (indexes followed, capped) and start pages → its wanted article URLs."""
        queue = deque(
            [
                *((u, "feed", 0) for u in source.feeds),
                *((u, "sitemap", 0) for u in source.sitemaps),
                *((u, "start", 0) for u in source.start_urls),
            ]
        )
        seen: set[str] = set()
        articles: list[str] = []
        sitemaps = 0
        while queue:
            raw, kind, depth = queue.popleft()
            url = self._norm(raw)
            if url is None or url in seen:
                continue
            seen.add(url)
            if kind == "sitemap":
                if self._refused_sitemap(source, url, depth, sitemaps):
                    continue
                sitemaps += 1
            links = self._discovery(source, url, kind)
            queue.extend((u, "sitemap", depth + 1) for u in links.sitemaps)
            articles.extend(links.urls)
        return list(unique(articles))

    def _refused_sitemap(self, source: Source, url: str, depth: int, read: int) -> bool:
        """A sitemap beyond max_sitemap_depth or max_sitemaps is recorded as skipped and not requested."""
        crawl = self.sources.crawl
        if depth > crawl.max_sitemap_depth:
            reason = f"sitemap index nested deeper than {crawl.max_sitemap_depth} levels"
        elif read >= crawl.max_sitemaps:
            reason = f"more than {crawl.max_sitemaps} sitemaps for this source"
        else:
            return False
        log.debug("%s: sitemap %s not read: %s", source.name, url, reason)
        record(self.state, self.run_id, Outcome(url, source.name, "sitemap", "skipped", reason=reason))
        return True

    def _discovery(self, source: Source, url: str, kind: str) -> Links:
        fetched = self.fetcher.fetch(
            url, self.sources.delay_for(source), validators=self._validators(url), html_only=kind == "start"
        )
        outcome = outcome_of(source, kind, fetched)
        if fetched.outcome == "not_modified":
            record(self.state, self.run_id, outcome)
            return self._remembered(url)
        if fetched.outcome != "fetched":
            log.warning("%s: %s %s: %s", source.name, kind, url, fetched.reason)
            record(self.state, self.run_id, outcome)
            return Links()
        try:
            links = self._filter(source, url, kind, _parse(kind, fetched, self.sources.crawl.max_bytes))
        except BadDocument as err:
            record(self.state, self.run_id, replace(outcome, outcome="failed", reason=str(err)))
            return Links()
        record(self.state, self.run_id, outcome, {"sitemap": links.sitemaps, "article": links.urls})
        return links

    def _remembered(self, url: str) -> Links:
        rows = self.state.query("SELECT url, kind FROM urls WHERE via = ? ORDER BY seq", (url,))
        return Links(
            urls=tuple(u for u, k in rows if k == "article"), sitemaps=tuple(u for u, k in rows if k == "sitemap")
        )

    def _filter(self, source: Source, base: str, kind: str, links: Links) -> Links:
        urls = (self._norm(u, base) for u in links.urls)
        wanted = [u for u in urls if u and source.wanted(u) and (kind != "start" or host_of(u) == host_of(base))]
        sitemaps = [u for u in (self._norm(s, base) for s in links.sitemaps) if u]
        return Links(urls=tuple(unique(wanted)), sitemaps=tuple(unique(sitemaps)))

    def fetch_all(self, tasks: Sequence[tuple[Source, str]]) -> None:
        """One host's article URLs, in order, one at a time; stops early when another worker failed."""
        try:
            for source, url in tasks:
                if self.stop.is_set():
                    raise Stopped(url)
                self.fetch(source, url)
        except Stopped:
            return
        except BaseException:
            self.stop.set()
            raise

    def fetch(self, source: Source, url: str) -> None:
        """One article URL → a request (conditional when it was fetched before) → WARC record + state."""
        known = self.state.known(url)
        if known and known.status == "skipped" and (known.reason or "").startswith("not HTML"):
            return
        fetched = self.fetcher.fetch(url, self.sources.delay_for(source), validators=self._validators(url))
        outcome = outcome_of(source, "article", fetched)
        if fetched.outcome == "fetched":
            outcome = self._keep(source, fetched, outcome)
        else:
            record(self.state, self.run_id, outcome)
        if self.on_fetch:
            self.on_fetch(outcome)

    def _keep(self, source: Source, fetched: Fetched, outcome: Outcome) -> Outcome:
        digest = content_hash(fetched.body)
        fingerprint = simhash(cleaned_text(fetched.body, _charset(fetched.header("Content-Type"))))
        with self.state.lock:
            stored = self.state.hashes(exclude=fetched.url)
            duplicate = find_duplicate(digest, fingerprint, stored, self.sources.crawl.near_duplicate_bits)
            warc = self.store.write(source.name, fetched, duplicate)
            kept = replace(
                outcome,
                content_hash=digest,
                simhash=fingerprint,
                duplicate_of=duplicate[1] if duplicate else None,
                warc=warc,
            )
            record(self.state, self.run_id, kept)
        return kept


def _parse(kind: str, fetched: Fetched, max_bytes: int) -> Links:
    if kind == "feed":
        return feed_links(fetched.body, max_bytes)
    if kind == "sitemap":
        return sitemap_links(fetched.body, max_bytes)
    return page_links(fetched.body, fetched.final_url)
