"""The crawl: sources.toml → polite, incremental fetches → WARC files under data/raw/crawl/."""

from .run import CrawlLocked, CrawlResult, crawl
from .sources import CrawlSettings, Source, Sources, load_sources

__all__ = ["CrawlLocked", "CrawlResult", "CrawlSettings", "Source", "Sources", "crawl", "load_sources"]
