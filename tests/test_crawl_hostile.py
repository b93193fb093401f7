"""The crawler against hostile or odd servers on loopback: paths that dodge robots.txt, IPv6 hosts."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.crawl import crawl

from .crawlsite import RSS, Route, Site, rss, site, sources_toml, state_rows  # noqa: F401

ROBOTS = Route(b"User-agent: *\nDisallow: /private/\n", "text/plain")


def _feed_source(url: str) -> str:
    return f'[[source]]\nname = "s"\nfeeds = ["{url}"]\n'


def _crawl(tmp: Path, feed: str, **settings: object) -> list[tuple[object, ...]]:
    """Crawl one feed; → (url, status, reason) of every article URL, by URL."""
    sources = sources_toml(tmp / "sources.toml", [_feed_source(feed)], **settings)
    crawl(sources, raw=tmp / "raw", state=tmp / "crawl.db")
    return state_rows(tmp / "crawl.db", "SELECT url, status, reason FROM urls WHERE kind = 'article' ORDER BY url")


@pytest.mark.parametrize(
    ("link", "redirect"),
    [
        pytest.param("/a/../private/p1", None, id="dot segments in a feed link"),
        pytest.param("/news/r", "/a/./b/../../private/p2", id="dot segments in a redirect"),
    ],
)
def test_robots_txt_is_checked_on_the_path_that_is_sent(
    site: Site,  # noqa: F811
    tmp_path: Path,
    link: str,
    redirect: str | None,
) -> None:
    a = site.host()
    a.routes = {"/robots.txt": ROBOTS, "/rss.xml": Route(rss([a.url(link)]), RSS)}
    a.routes["/private/p1"] = a.routes["/private/p2"] = Route(b"<p>secret</p>")
    if redirect:
        a.routes[link] = Route(status=302, headers={"Location": a.url(redirect)}, conditional=False)
    [(_, status, reason)] = _crawl(tmp_path, a.url("/rss.xml"))
    assert not [p for p in site.paths(a) if p.startswith("/private/")]
    assert (status, reason) == ("skipped", "disallowed by robots.txt")


def test_an_ipv6_host_is_crawled_with_its_brackets(site: Site, tmp_path: Path) -> None:  # noqa: F811
    try:
        a = site.host("::1")
    except OSError:
        pytest.skip("no IPv6 loopback here")
    a.routes = {"/rss.xml": Route(rss([a.url("/news/one/")]), RSS), "/news/one": Route(b"<p>one</p>")}
    assert _crawl(tmp_path, a.url("/rss.xml")) == [(f"http://{a.name}/news/one", "fetched", None)]
    assert site.paths(a) == ["/robots.txt", "/rss.xml", "/news/one"]
