"""Safety: non-public addresses refused by default, hostile feeds refused, one crawl at a time."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pipeline.crawl import crawl
from pipeline.crawl.run import crawl_lock

from .crawlsite import RSS, Route, Site, site, sources_toml, state_rows  # noqa: F401
from .test_crawl_discover import BILLION_LAUGHS


def _feed_source(url: str) -> str:
    return f'[[source]]\nname = "s"\nfeeds = ["{url}"]\n'


def test_loopback_is_refused_unless_allow_private(site: Site, tmp_path: Path) -> None:  # noqa: F811
    a = site.host()
    a.routes = {"/rss.xml": Route(b"<rss/>", RSS)}
    sources = sources_toml(tmp_path / "sources.toml", [_feed_source(a.url("/rss.xml"))], allow_private=False)
    result = crawl(sources, raw=tmp_path / "raw", state=tmp_path / "crawl.db")
    assert site.log == []
    assert result.reports[0].reasons == {"feed: refused: 127.0.0.1 resolves to non-public address 127.0.0.1": 1}


def test_an_entity_expansion_feed_is_refused(site: Site, tmp_path: Path) -> None:  # noqa: F811
    a = site.host()
    a.routes = {"/rss.xml": Route(BILLION_LAUGHS, RSS)}
    sources = sources_toml(tmp_path / "sources.toml", [_feed_source(a.url("/rss.xml"))])
    crawl(sources, raw=tmp_path / "raw", state=tmp_path / "crawl.db")
    assert [r.path for r in site.log] == ["/robots.txt", "/rss.xml"]
    [(reasons,)] = state_rows(tmp_path / "crawl.db", "SELECT reasons FROM crawl_runs")
    assert json.loads(str(reasons)) == {"feed: refused XML: EntitiesForbidden": 1}


def test_a_second_run_exits_non_zero_with_one_line_while_the_lock_is_held(site: Site, tmp_path: Path) -> None:  # noqa: F811
    a = site.host()
    sources = sources_toml(tmp_path / "sources.toml", [_feed_source(a.url("/rss.xml"))])
    exe = Path(sys.executable).with_name("newsfacts")
    command = [exe, "crawl", "--sources", sources, "--raw", tmp_path / "raw", "--state", tmp_path / "crawl.db"]
    with crawl_lock(tmp_path / "crawl.db"):
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 75
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "another crawl is running" in result.stderr
    assert "Traceback" not in result.stderr
    assert site.log == []
