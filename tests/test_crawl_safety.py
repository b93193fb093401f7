"""Safety: non-public addresses refused by default, hostile feeds refused, one crawl at a time."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.crawl import crawl
from pipeline.crawl.run import crawl_lock

from .crawlsite import RSS, Route, Site, rss, site, sources_toml, state_rows  # noqa: F401
from .test_crawl_discover import BILLION_LAUGHS


def _feed_source(url: str) -> str:
    return f'[[source]]\nname = "s"\nfeeds = ["{url}"]\n'


def test_loopback_is_refused_unless_allow_loopback(site: Site, tmp_path: Path) -> None:  # noqa: F811
    a = site.host()
    a.routes = {"/rss.xml": Route(b"<rss/>", RSS)}
    sources = sources_toml(tmp_path / "sources.toml", [_feed_source(a.url("/rss.xml"))], allow_loopback=False)
    result = crawl(sources, raw=tmp_path / "raw", state=tmp_path / "crawl.db")
    assert site.log == []
    assert result.reports[0].reasons == {"feed: refused: 127.0.0.1 resolves to non-public address 127.0.0.1": 1}


@pytest.mark.parametrize(
    ("target", "address"),
    [
        pytest.param("http://169.254.169.254/latest/meta-data/", "169.254.169.254", id="metadata"),
        pytest.param("http://[fd00:ec2::254]/latest/meta-data/", "fd00:ec2::254", id="aws ipv6 metadata"),
        pytest.param("http://10.0.0.1/admin", "10.0.0.1", id="private"),
    ],
)
@pytest.mark.parametrize("via", ["link", "redirect"])
def test_with_loopback_allowed_metadata_and_private_addresses_stay_refused(
    site: Site,  # noqa: F811
    tmp_path: Path,
    target: str,
    address: str,
    via: str,
) -> None:
    a = site.host()
    link = target if via == "link" else a.url("/news/r")
    a.routes = {"/rss.xml": Route(rss([link]), RSS), "/news/r": Route(status=302, headers={"Location": target})}
    sources = sources_toml(tmp_path / "sources.toml", [_feed_source(a.url("/rss.xml"))], allow_loopback=True)
    crawl(sources, raw=tmp_path / "raw", state=tmp_path / "crawl.db")
    [(status, reason, final)] = state_rows(
        tmp_path / "crawl.db", "SELECT status, reason, final_url FROM urls WHERE kind = 'article'"
    )
    assert (status, reason) == ("failed", f"refused: {address} resolves to non-public address {address}")
    assert final.rstrip("/") == target.rstrip("/")
    assert site.paths(a) == ["/robots.txt", "/rss.xml", *(["/news/r"] if via == "redirect" else [])]


def test_an_entity_expansion_feed_is_refused(site: Site, tmp_path: Path) -> None:  # noqa: F811
    a = site.host()
    a.routes = {"/rss.xml": Route(BILLION_LAUGHS, RSS)}
    sources = sources_toml(tmp_path / "sources.toml", [_feed_source(a.url("/rss.xml"))])
    crawl(sources, raw=tmp_path / "raw", state=tmp_path / "crawl.db")
    assert [r.path for r in site.log] == ["/robots.txt", "/rss.xml"]
    [(reasons,)] = state_rows(tmp_path / "crawl.db", "SELECT reasons FROM crawl_runs")
    assert json.loads(str(reasons)) == {"feed: refused XML: EntitiesForbidden": 1}


@pytest.mark.parametrize("command_name", ["crawl", "nightly"])
def test_a_second_run_exits_non_zero_with_one_line_while_the_lock_is_held(
    site: Site,  # noqa: F811
    tmp_path: Path,
    command_name: str,
) -> None:
    a = site.host()
    sources = sources_toml(tmp_path / "sources.toml", [_feed_source(a.url("/rss.xml"))])
    exe = Path(sys.executable).with_name("newsfacts")
    command = [exe, command_name, "--sources", sources, "--raw", tmp_path / "raw", "--state", tmp_path / "crawl.db"]
    if command_name == "nightly":
        command += ["--out", tmp_path / "out"]
    with crawl_lock(tmp_path / "crawl.db"):
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 75
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "another crawl is running" in result.stderr
    assert "Traceback" not in result.stderr
    assert site.log == []
