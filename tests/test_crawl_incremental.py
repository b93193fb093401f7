"""A second crawl sends conditional requests and keeps only what changed."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.crawl import crawl

from .crawlsite import NEWS_ARTICLES, Route, Site, article, news_site, news_source, site, sources_toml, state_rows  # noqa: F401
from .test_crawl_resume import warc_records


def test_second_run_refetches_only_the_changed_page(site: Site, tmp_path: Path) -> None:  # noqa: F811
    a = site.host()
    news_site(a)
    a.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", "text/plain")
    sources = sources_toml(tmp_path / "sources.toml", [news_source(a)])
    first = crawl(sources, raw=tmp_path / "raw", state=tmp_path / "crawl.db")
    a.routes["/news/en-metafrax"] = Route(article("Updated", "A correction was added to this story.").encode())
    mark = len(site.log)
    second = crawl(sources, raw=tmp_path / "raw", state=tmp_path / "crawl.db")

    again = site.log[mark:]
    articles = [r for r in again if r.path.startswith("/news/")]
    assert [r.path for r in articles] == NEWS_ARTICLES  # every known article is asked again...
    assert all("If-None-Match" in r.headers and "If-Modified-Since" in r.headers for r in articles)
    assert [r.path for r in again if "If-None-Match" in r.headers and r.path.startswith("/sitemap")] == [
        "/sitemap.xml", "/sitemap-news.xml", "/sitemap-ru.xml.gz",
    ]  # fmt: skip
    # ...but only the changed one is stored again
    assert [uri for uri, _ in warc_records(second.warc_files)] == [a.url("/news/en-metafrax")]
    assert len(warc_records(first.warc_files)) == 5
    [row] = state_rows(
        tmp_path / "crawl.db",
        f"SELECT discovered, fetched, not_modified, failed, reasons FROM crawl_runs WHERE run_id = '{second.run_id}'",
    )
    assert row[:4] == (5, 1, 4, 0) and json.loads(str(row[4])) == {}
