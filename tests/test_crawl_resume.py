"""An interrupted crawl (exception in the fetch hook, or SIGKILL) resumes to the state of an uninterrupted one."""

from __future__ import annotations

import hashlib
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from pipeline.crawl import crawl
from pipeline.crawl.state import Outcome

from .crawlsite import ROOT, Host, Route, Site, news_site, news_source, site, sources_toml, state_rows  # noqa: F401

URL_COLUMNS = (
    "url, source, kind, via, seq, status, http_status, etag, last_modified, content_hash, simhash, duplicate_of,"
    " final_url, redirects, reason"
)


def warc_records(paths: Sequence[str | Path]) -> list[tuple[str, str]]:
    """WARC files → (target URI, SHA-256 of the payload) per response record, in file order."""
    records = []
    for path in paths:
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type == "response":
                    uri = record.rec_headers.get_header("WARC-Target-URI")
                    records.append((uri, hashlib.sha256(record.content_stream().read()).hexdigest()))
    return records


def snapshot(tmp: Path) -> tuple[list[tuple[object, ...]], list[tuple[str, str]]]:
    urls = state_rows(tmp / "crawl.db", f"SELECT {URL_COLUMNS} FROM urls ORDER BY seq")
    return urls, sorted(warc_records(sorted((tmp / "raw").rglob("*.warc.gz"))))


def _quiet_site(served: Site) -> tuple[Host, list[str]]:
    a = served.host()
    news_site(a)
    a.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", "text/plain")
    return a, [news_source(a)]


class Crash(Exception):
    pass


def _stop_after(n: int) -> object:
    done: list[Outcome] = []

    def hook(outcome: Outcome) -> None:
        done.append(outcome)
        if len(done) == n:
            raise Crash(f"stopped after {n} fetches")

    return hook


def test_a_run_stopped_half_way_resumes_to_the_same_state(site: Site, tmp_path: Path) -> None:  # noqa: F811
    _, sources = _quiet_site(site)
    whole, broken = tmp_path / "whole", tmp_path / "broken"
    for folder in (whole, broken):
        folder.mkdir()
        sources_toml(folder / "sources.toml", sources)
    crawl(whole / "sources.toml", raw=whole / "raw", state=whole / "crawl.db")
    with pytest.raises(Crash):
        crawl(broken / "sources.toml", raw=broken / "raw", state=broken / "crawl.db", on_fetch=_stop_after(2))
    assert len(state_rows(broken / "crawl.db", "SELECT * FROM urls WHERE status = 'pending'")) == 3
    crawl(broken / "sources.toml", raw=broken / "raw", state=broken / "crawl.db")

    assert snapshot(broken) == snapshot(whole)
    statuses = state_rows(broken / "crawl.db", "SELECT status, fetched FROM crawl_runs ORDER BY started_at")
    assert statuses == [("interrupted", 2), ("finished", 3)]


def test_a_killed_process_resumes_to_the_same_state(site: Site, tmp_path: Path) -> None:  # noqa: F811
    a, sources = _quiet_site(site)
    whole, killed = tmp_path / "whole", tmp_path / "killed"
    for folder in (whole, killed):
        folder.mkdir()
        sources_toml(folder / "sources.toml", sources, delay_seconds=0.15)
    crawl(whole / "sources.toml", raw=whole / "raw", state=whole / "crawl.db")
    mark = len(site.log)
    sources_path, raw, db = (str(killed / name) for name in ("sources.toml", "raw", "crawl.db"))
    code = f"from pipeline.crawl import crawl; crawl({sources_path!r}, raw={raw!r}, state={db!r})"
    process = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)
    deadline = time.monotonic() + 30
    while sum(r.path.startswith("/news/") for r in site.log[mark:]) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    crawl(killed / "sources.toml", raw=killed / "raw", state=killed / "crawl.db")

    assert snapshot(killed) == snapshot(whole)
    assert state_rows(killed / "crawl.db", "SELECT status FROM crawl_runs ORDER BY started_at") == [
        ("interrupted",),
        ("finished",),
    ]
