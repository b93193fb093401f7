"""`nightly`: crawl, then extract only the pages that are new, into the usual tables (and crawl_runs)."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq

from pipeline import load
from pipeline.ner.recognise import Models
from pipeline.nightly import nightly
from pipeline.settings import Settings
from pipeline.store.access import writer_lock

from .crawlsite import RSS, Route, Site, article, news_site, news_source, rss, sample, site, sources_toml  # noqa: F401
from .test_store_safety import READER


def test_nightly_extracts_new_pages_once(site: Site, tmp_path: Path, models: Models, settings: Settings) -> None:  # noqa: F811
    a = site.host()
    news_site(a)
    a.routes["/robots.txt"] = Route(b"", "text/plain")
    sources = sources_toml(tmp_path / "sources.toml", [news_source(a)])
    options = {"raw": tmp_path / "raw", "state": tmp_path / "crawl.db", "out": tmp_path / "out"}
    settings = dataclasses.replace(settings, clean=dataclasses.replace(settings.clean, sites=str(tmp_path / "sites")))
    _, summary = nightly(sources, models=models, settings=settings, **options)  # type: ignore[arg-type]
    assert summary is not None
    articles = load(tmp_path / "out").articles.set_index("url")
    ok = articles[articles.status == "ok"]
    assert sorted(ok.language) == ["en", "en", "ru", "ru"]
    assert "Ульяновск" in ok.loc[a.url("/news/ru-ulyanovsk"), "text"]  # windows-1251, charset from the header
    [reason] = articles[articles.status == "skipped"].reason  # the exact copy (en-kremlin-amp) is not extracted
    assert reason.startswith("duplicate of ")

    _, again = nightly(sources, models=models, settings=settings, **options)  # type: ignore[arg-type]
    assert again is None  # nothing changed, nothing to extract
    runs = pq.read_table(tmp_path / "out" / "crawl_runs.parquet").to_pylist()
    assert [(r["fetched"], r["not_modified"]) for r in runs] == [(5, 0), (0, 5)]
    assert not list((tmp_path / "out").glob(".*.tmp"))  # crawl_runs.parquet is swapped in whole


def test_the_nightly_command_prints_the_crawl_report(site: Site, tmp_path: Path) -> None:  # noqa: F811
    a = site.host()
    a.routes = {"/rss.xml": Route(b"<rss version='2.0'><channel></channel></rss>", "application/rss+xml")}
    sources = sources_toml(
        tmp_path / "sources.toml", [f'[[source]]\nname = "empty"\nfeeds = ["{a.url("/rss.xml")}"]\n']
    )
    exe = Path(sys.executable).with_name("newsfacts")
    command = [
        exe,
        "nightly",
        "--sources",
        sources,
        "--raw",
        tmp_path / "raw",
        "--state",
        tmp_path / "crawl.db",
        "--out",
        tmp_path / "out",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=True, cwd=tmp_path)
    assert "empty" in result.stdout and "No new pages to extract." in result.stdout


def test_nightly_writes_while_a_reader_holds_the_database(
    site: Site,  # noqa: F811
    tmp_path: Path,
    models: Models,
    settings: Settings,
) -> None:
    a = site.host()
    en_title, en_text = sample("en_metafrax_roadmap.txt")
    ru_title, ru_text = sample("ru_ulyanovsk_mordovia.txt")
    a.routes = {
        "/robots.txt": Route(b"", "text/plain"),
        "/rss.xml": Route(rss([a.url("/news/en")]), RSS),
        "/news/en": Route(article(en_title, en_text).encode()),
        "/news/ru": Route(article(ru_title, ru_text).encode()),
    }
    sources = sources_toml(tmp_path / "sources.toml", [f'[[source]]\nname = "s"\nfeeds = ["{a.url("/rss.xml")}"]\n'])
    options = {"raw": tmp_path / "raw", "state": tmp_path / "crawl.db", "out": tmp_path / "out"}
    settings = dataclasses.replace(settings, clean=dataclasses.replace(settings.clean, sites=""))
    nightly(sources, models=models, settings=settings, **options)  # type: ignore[arg-type]
    database = str(tmp_path / "out" / "newsfacts.duckdb")
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, database], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert reader.stdout is not None and reader.stdout.readline().strip() == "open"
    a.routes["/rss.xml"] = Route(rss([a.url("/news/en"), a.url("/news/ru")]), RSS)
    _, summary = nightly(sources, models=models, settings=settings, **options)  # type: ignore[arg-type]
    seen, _ = reader.communicate("", timeout=60)
    assert seen.strip() == "[(1,)]"  # the reader kept the database it opened
    assert summary is not None and sorted(load(tmp_path / "out").articles.language) == ["en", "ru"]


def test_a_nightly_that_finds_out_being_written_exits_3_and_the_next_one_extracts_its_pages(
    site: Site,  # noqa: F811
    tmp_path: Path,
    models: Models,
    settings: Settings,
) -> None:
    a = site.host()
    title, text = sample("en_metafrax_roadmap.txt")
    a.routes = {"/rss.xml": Route(rss([a.url("/news/en")]), RSS), "/news/en": Route(article(title, text).encode())}
    sources = sources_toml(tmp_path / "sources.toml", [f'[[source]]\nname = "s"\nfeeds = ["{a.url("/rss.xml")}"]\n'])
    options = {"raw": tmp_path / "raw", "state": tmp_path / "crawl.db", "out": tmp_path / "out"}
    exe = Path(sys.executable).with_name("newsfacts")
    command = [exe, "nightly", "--sources", sources, *(x for k, v in options.items() for x in (f"--{k}", v))]
    (tmp_path / "out").mkdir()
    with writer_lock(tmp_path / "out"):
        busy = subprocess.run(command, capture_output=True, text=True, check=False, cwd=tmp_path)
    assert busy.returncode == 3
    busy_line = f"{tmp_path / 'out'} is being written by another newsfacts process (pid {os.getpid()})"
    assert busy.stderr.strip().splitlines() == [f"newsfacts: {busy_line}; try again later"]
    settings = dataclasses.replace(settings, clean=dataclasses.replace(settings.clean, sites=""))
    _, summary = nightly(sources, models=models, settings=settings, **options)  # type: ignore[arg-type]
    assert summary is not None  # the page crawled by the run that could not write is extracted now
    assert load(tmp_path / "out").articles.status.tolist() == ["ok"]
