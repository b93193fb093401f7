"""Feeds, sitemaps and start pages → URLs; hostile XML and gzip bombs are refused."""

from __future__ import annotations

import gzip

import pytest

from pipeline.crawl.discover import BadDocument, feed_links, page_links, sitemap_links

from .crawlsite import atom, rss, sitemap_index, urlset

LIMIT = 1_000_000

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><item><link>http://example.org/&lol3;</link></item></channel></rss>"""

EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&xxe;</loc></url></urlset>"""


@pytest.mark.parametrize(
    ("parse", "data", "urls", "sitemaps"),
    [
        pytest.param(
            feed_links,
            rss(["https://e.org/a", "https://e.org/b"]),
            ("https://e.org/a", "https://e.org/b"),
            (),
            id="rss",
        ),
        pytest.param(feed_links, atom(["https://e.org/a"]), ("https://e.org/a",), (), id="atom"),
        pytest.param(sitemap_links, urlset(["https://e.org/a"]), ("https://e.org/a",), (), id="sitemap"),
        pytest.param(
            sitemap_links, urlset(["https://e.org/n"], news=True), ("https://e.org/n",), (), id="news sitemap"
        ),
        pytest.param(sitemap_links, sitemap_index(["https://e.org/s1.xml"]), (), ("https://e.org/s1.xml",), id="index"),
        pytest.param(sitemap_links, gzip.compress(urlset(["https://e.org/z"])), ("https://e.org/z",), (), id="gzipped"),
    ],
)
def test_documents_give_their_links(
    parse: object, data: bytes, urls: tuple[str, ...], sitemaps: tuple[str, ...]
) -> None:
    links = parse(data, LIMIT)  # type: ignore[operator]
    assert (links.urls, links.sitemaps) == (urls, sitemaps)


@pytest.mark.parametrize(
    ("parse", "data", "reason"),
    [
        pytest.param(feed_links, BILLION_LAUGHS, "refused XML: EntitiesForbidden", id="entity expansion"),
        pytest.param(sitemap_links, EXTERNAL, "refused XML: EntitiesForbidden", id="external entity"),
        pytest.param(sitemap_links, gzip.compress(b" " * (LIMIT + 10)), "larger than 1000000 bytes", id="gzip bomb"),
        pytest.param(sitemap_links, b"<html><body>no</body></html>", "not a sitemap: root element <html>", id="html"),
        pytest.param(feed_links, b"<rss><channel>", "invalid XML", id="broken"),
    ],
)
def test_hostile_or_broken_documents_are_refused(parse: object, data: bytes, reason: str) -> None:
    with pytest.raises(BadDocument, match=reason):
        parse(data, LIMIT)  # type: ignore[operator]


def test_start_page_links_are_absolute() -> None:
    links = page_links(b"<a href='/news/1'>1</a><a href='https://other.org/x'>x</a>", "https://e.org/index")
    assert links.urls == ("https://e.org/news/1", "https://other.org/x")
