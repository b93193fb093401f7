"""Exact and near duplicates (syndicated copies) are flagged in the state and the WARC, and not re-extracted."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.crawl import CrawlSettings, crawl
from pipeline.crawl.dedup import distance, find_duplicate, simhash
from pipeline.read.files import read
from pipeline.records import Page, Skip

from .crawlsite import Route, Site, article, news_site, news_source, sample, site, sources_toml, state_rows  # noqa: F401

TEXT = sample("en_altai_composite_cluster.txt")[1]


@pytest.mark.parametrize(
    ("other", "near"),
    [
        pytest.param(TEXT, True, id="same"),
        pytest.param(TEXT + "\nReprinted with permission from the regional press service.", True, id="syndicated"),
        pytest.param(sample("en_metafrax_roadmap.txt")[1], False, id="other story"),
    ],
)
def test_simhash_tells_copies_from_other_stories(other: str, near: bool) -> None:
    a, b = simhash(TEXT), simhash(other)
    assert a is not None and b is not None
    assert (distance(a, b) <= CrawlSettings().near_duplicate_bits) is near


def test_an_exact_copy_beats_a_near_one() -> None:
    stored = [("u1", "h1", 0), ("u2", "h2", 1)]
    assert find_duplicate("h2", 0, stored, 3) == ("exact", "u2")
    assert find_duplicate("h3", 1, stored, 3) == ("near", "u1")
    assert find_duplicate("h3", None, stored, 3) is None


def test_copies_are_flagged_and_read_back_as_skips(site: Site, tmp_path: Path) -> None:  # noqa: F811
    a = site.host()
    news_site(a)
    a.routes["/robots.txt"] = Route(b"", "text/plain")
    title, text = sample("en_metafrax_roadmap.txt")
    a.routes["/news/syndicated"] = Route(article(title, text + "\nReprinted with permission.", "aggregator").encode())
    a.routes["/rss.xml"].body = a.routes["/rss.xml"].body.replace(
        b"</channel>", f"<item><link>{a.url('/news/syndicated')}</link></item></channel>".encode()
    )
    result = crawl(sources_toml(tmp_path / "s.toml", [news_source(a)]), raw=tmp_path / "raw", state=tmp_path / "db")
    flagged = state_rows(
        tmp_path / "db", "SELECT url, duplicate_of FROM urls WHERE duplicate_of IS NOT NULL ORDER BY seq"
    )
    assert flagged == [
        (a.url("/news/en-kremlin-amp"), a.url("/news/en-kremlin")),
        (a.url("/news/en-metafrax"), a.url("/news/syndicated")),
    ]
    items = list(read(result.warc_files))
    skips = sorted(item.reason for item in items if isinstance(item, Skip))
    # the exact copy is caught by read() itself (same bytes as record 1), the near copy by the WARC flag
    assert skips[0].startswith("duplicate of ") and skips[0].endswith(".warc.gz:1")
    assert skips[1] == f"near-duplicate of {a.url('/news/syndicated')}"
    assert sum(isinstance(item, Page) for item in items) == 4
