"""One crawl over two local hosts: which URLs are requested, in what order, how far apart, and what is kept."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.crawl import crawl

from .crawlsite import NEWS_ARTICLES, Host, Site, crawl_both, serve, state_rows

Crawled = tuple[Site, Host, Host, Path]
UA = "newsfacts-test (+http://127.0.0.1/contact)"


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Site, Host, Host, Path]]:
    """One crawl shared by every test here (it takes a few seconds: real delays and a Retry-After)."""
    tmp = tmp_path_factory.mktemp("crawl")
    for site in serve():
        a, b, sources = crawl_both(site, tmp, user_agent=UA)
        crawl(sources, raw=tmp / "raw", state=tmp / "crawl.db")
        yield site, a, b, tmp


def test_news_host_is_asked_in_discovery_order_and_never_for_disallowed_or_excluded_pages(crawled: Crawled) -> None:
    site, a, _, _ = crawled
    discovery = ["/robots.txt", "/rss.xml", "/sitemap.xml", "/sitemap-news.xml", "/sitemap-ru.xml.gz"]
    assert site.paths(a) == discovery + NEWS_ARTICLES


def test_trouble_host_retries_follows_redirects_and_gives_up_on_slow_pages(crawled: Crawled) -> None:
    site, _, b, _ = crawled
    assert site.paths(b) == [
        "/robots.txt", "/feed.atom", "/",
        "/news/flaky", "/news/flaky",  # 500, then 200
        "/news/busy", "/news/busy",  # 429 Retry-After: 1, then 200
        "/news/moved", "/news/moved-2", "/news/final",  # 301 → 302 → 200
        "/news/slow", "/news/slow",  # read timeout, one retry
        "/news/huge", "/news/file.pdf", "/news/copy", "/news/altai",
    ]  # fmt: skip


def _gaps(times: list[float]) -> list[float]:
    return [later - earlier for earlier, later in zip(times, times[1:], strict=False)]


def test_crawl_delay_from_robots_txt_spaces_every_request_to_its_host(crawled: Crawled) -> None:
    site, a, _, _ = crawled
    assert min(_gaps(site.times(a))) >= 0.18  # Crawl-delay: 0.2 (the source's own delay is 0.05)


def test_retry_after_is_honoured_and_hosts_are_crawled_in_parallel(crawled: Crawled) -> None:
    site, a, b, _ = crawled
    busy = [r.at for r in site.log if r.host == b.name and r.path == "/news/busy"]
    assert busy[1] - busy[0] >= 0.95
    b_times = site.times(b)
    assert min(site.times(a)) < max(b_times) and min(b_times) < max(site.times(a))
    assert sum(min(site.times(a)) < t < max(site.times(a)) for t in b_times) >= 3


def test_every_request_names_the_project_and_contact(crawled: Crawled) -> None:
    site, *_ = crawled
    assert {r.headers["User-Agent"] for r in site.log} == {UA}


@pytest.mark.parametrize(
    ("path", "status", "reason"),
    [
        pytest.param("/news/slow", "failed", "request failed after 2 attempts: ReadTimeoutError", id="timeout"),
        pytest.param("/news/huge", "failed", "larger than 1000000 bytes (Content-Length 1200189)", id="huge"),
        pytest.param("/news/file.pdf", "skipped", "not HTML: application/pdf", id="binary"),
        pytest.param("/news/flaky", "fetched", None, id="500 recovers"),
        pytest.param("/news/busy", "fetched", None, id="429 recovers"),
    ],
)
def test_each_url_ends_with_a_status_and_reason(crawled: Crawled, path: str, status: str, reason: str | None) -> None:
    _, _, b, tmp = crawled
    rows = state_rows(tmp / "crawl.db", f"SELECT status, reason FROM urls WHERE url = '{b.url(path)}'")
    assert rows == [(status, reason)]


def test_redirects_are_followed_and_recorded(crawled: Crawled) -> None:
    _, _, b, tmp = crawled
    [(final, chain)] = state_rows(
        tmp / "crawl.db", f"SELECT final_url, redirects FROM urls WHERE url = '{b.url('/news/moved')}'"
    )
    assert final == b.url("/news/final")
    assert json.loads(str(chain)) == [b.url("/news/moved"), b.url("/news/moved-2")]


def test_the_run_report_is_a_crawl_runs_row_per_source(crawled: Crawled) -> None:
    *_, tmp = crawled
    rows = state_rows(
        tmp / "crawl.db",
        "SELECT source, status, discovered, fetched, not_modified, skipped, failed,"
        " bytes > 0, reasons FROM crawl_runs ORDER BY source",
    )
    news, trouble = rows
    assert news[:8] == ("news", "finished", 5, 5, 0, 0, 0, 1)
    assert trouble[:8] == ("trouble", "finished", 8, 5, 0, 1, 2, 1)
    assert json.loads(str(trouble[8])) == {
        "larger than 1000000 bytes (Content-Length 1200189)": 1,
        "not HTML: application/pdf": 1,
        "request failed after 2 attempts: ReadTimeoutError": 1,
    }


def test_fetched_pages_are_kept_as_warc_by_crawl_date(crawled: Crawled) -> None:
    *_, tmp = crawled
    files = sorted((tmp / "raw" / "crawl").glob("*/*.warc.gz"))
    assert [f.name.split("-")[0] for f in files] == ["news", "trouble"]
    assert len(state_rows(tmp / "crawl.db", "SELECT * FROM fetches WHERE warc_path IS NOT NULL")) == 10
