"""sources.toml → frozen crawl settings and one Source record per site."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

DEFAULT_SOURCES = Path("sources.toml")
_NAME = re.compile(r"[A-Za-z0-9_-]+")
TRACKING_PARAMS = (
    "utm_*",
    "fbclid",
    "gclid",
    "yclid",
    "ysclid",
    "mc_cid",
    "mc_eid",
    "_ga",
    "_openstat",
)


@dataclass(frozen=True)
class CrawlSettings:
    """The [crawl] table: politeness, limits and safety switches shared by every source."""

    user_agent: str = "newsfacts (+https://example.org/contact)"
    delay_seconds: float = 1.0
    allow_loopback: bool = False
    timeout_seconds: float = 20.0
    deadline_seconds: float = 60.0
    max_retries: int = 3
    backoff_seconds: float = 2.0
    max_retry_after: float = 600.0
    max_redirects: int = 5
    max_bytes: int = 5_000_000
    max_hosts: int = 8
    max_sitemap_depth: int = 3
    max_sitemaps: int = 200
    near_duplicate_bits: int = 6
    tracking_params: tuple[str, ...] = TRACKING_PARAMS


@dataclass(frozen=True)
class Source:
    """One [[source]] table: where to find a site's articles and how to filter them."""

    name: str
    language: str | None = None
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    start_urls: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    delay_seconds: float | None = None

    def wanted(self, url: str) -> bool:
        """A URL passes when it matches an include pattern (or there are none) and no exclude pattern."""
        included = not self.include or any(re.search(p, url) for p in self.include)
        return included and not any(re.search(p, url) for p in self.exclude)


@dataclass(frozen=True)
class Sources:
    """A whole sources.toml."""

    crawl: CrawlSettings = CrawlSettings()
    sources: tuple[Source, ...] = field(default_factory=tuple)

    def delay_for(self, source: Source) -> float:
        return self.crawl.delay_seconds if source.delay_seconds is None else source.delay_seconds


def _build(cls: type, values: dict[str, Any], where: str) -> Any:
    known = {f.name for f in fields(cls)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise ValueError(f"unknown key(s) {unknown} in {where}; known: {sorted(known)}")
    return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in values.items()})


def parse_sources(data: dict[str, Any], where: str = "sources.toml") -> Sources:
    """Parsed TOML → Sources; unknown keys and duplicate or invalid names are refused."""
    unknown = sorted(set(data) - {"crawl", "source"})
    if unknown:
        raise ValueError(f"unknown table(s) {unknown} in {where}; known: ['crawl', 'source']")
    if "allow_private" in data.get("crawl", {}):
        raise ValueError(
            f"[crawl] allow_private in {where} was replaced by allow_loopback (true lets tests crawl 127.0.0.1"
            " and ::1); private, link-local and cloud-metadata addresses are refused whatever the settings"
        )
    settings = _build(CrawlSettings, data.get("crawl", {}), f"[crawl] of {where}")
    sources = tuple(_build(Source, item, f"[[source]] of {where}") for item in data.get("source", []))
    names = [s.name for s in sources]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ValueError(f"duplicate source name(s) {duplicates} in {where}")
    for source in sources:
        if not _NAME.fullmatch(source.name):
            raise ValueError(f"source name {source.name!r} in {where}: use letters, digits, '-' and '_'")
        _check_patterns(source, where)
    return Sources(settings, sources)


def _check_patterns(source: Source, where: str) -> None:
    for pattern in (*source.include, *source.exclude):
        try:
            re.compile(pattern)
        except re.error as err:
            raise ValueError(f"source {source.name!r} in {where}: bad pattern {pattern!r}: {err}") from err


def load_sources(path: str | Path = DEFAULT_SOURCES) -> Sources:
    """A sources.toml path → Sources."""
    return parse_sources(tomllib.loads(Path(path).read_text(encoding="utf-8")), str(path))
