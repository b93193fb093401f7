"""Site boilerplate learnt from the raw store: `nightly` learns it after the crawl, runs remove it."""

from __future__ import annotations

import dataclasses
import html
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import load
from pipeline.clean.boilerplate import BoilerplateModel, learn_store, load_sites, recent_crawl_files, save_sites
from pipeline.ner.recognise import Models
from pipeline.nightly import nightly
from pipeline.records import Page
from pipeline.settings import Settings

from .crawlsite import Host, Route, Site, rss, sample, site, sources_toml  # noqa: F401

# a box the site puts at the top of every article body, where trafilatura keeps it
PROMO = "Subscribe to our newsletter and get the region's top industry stories every morning."


def promo_page(title: str, text: str) -> str:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())
    return (
        f"<!DOCTYPE html><html><head><title>{html.escape(title)}</title></head><body>"
        f"<article><h1>{html.escape(title)}</h1><p>{PROMO}</p>{paragraphs}</article></body></html>"
    )


def promo_site(host: Host) -> list[str]:
    """The three sample articles, each with the same promotion paragraph."""
    paths = []
    for name in ("en_metafrax_roadmap.txt", "en_altai_composite_cluster.txt", "ru_ulyanovsk_mordovia.txt"):
        title, text = sample(name)
        path = f"/news/{len(paths)}-{name.split('.')[0]}"
        host.routes[path] = Route(promo_page(title, text).encode())
        paths.append(path)
    host.routes["/rss.xml"] = Route(rss([host.url(p) for p in paths]), "application/rss+xml")
    host.routes["/robots.txt"] = Route(b"", "text/plain")
    return paths


def _crawl_promo_site(served: Site, tmp: Path, settings: Settings, models: Models) -> None:
    """The promotion site served, crawled and extracted by `nightly` into TMP/raw and TMP/out."""
    host = served.host()
    promo_site(host)
    source = f'[[source]]\nname = "promo"\nfeeds = ["{host.url("/rss.xml")}"]\n'
    sources = sources_toml(tmp / "sources.toml", [source])
    nightly(sources, raw=tmp / "raw", state=tmp / "crawl.db", out=tmp / "out", settings=settings, models=models)


def _with_sites(settings: Settings, folder: Path | str) -> Settings:
    return dataclasses.replace(settings, clean=dataclasses.replace(settings.clean, sites=str(folder)))


def test_nightly_learns_the_template_and_the_run_removes_it(
    site: Site,  # noqa: F811
    tmp_path: Path,
    settings: Settings,
    models: Models,
) -> None:
    _crawl_promo_site(site, tmp_path, _with_sites(settings, tmp_path / "boilerplate"), models)
    [model] = load_sites(tmp_path / "boilerplate").values()
    assert model.host == "127.0.0.1" and model.pages == 3
    articles = load(tmp_path / "out").articles
    ok = articles[articles.status == "ok"]
    assert len(ok) == 3 and not any(PROMO in text for text in ok.text)
    assert all("boilerplate(127.0.0.1)" in extractor for extractor in ok.extractor)


def test_without_site_models_the_template_stays(
    site: Site,  # noqa: F811
    tmp_path: Path,
    settings: Settings,
    models: Models,
) -> None:
    _crawl_promo_site(site, tmp_path, _with_sites(settings, ""), models)
    ok = load(tmp_path / "out").articles.query("status == 'ok'")
    english = ok[ok.language == "en"]  # the Russian page drops the English box as a foreign-language line
    assert len(ok) == 3 and len(english) == 2 and all(PROMO in text for text in english.text)


def test_the_command_learns_from_the_recent_crawls(
    site: Site,  # noqa: F811
    tmp_path: Path,
    settings: Settings,
    models: Models,
) -> None:
    _crawl_promo_site(site, tmp_path, _with_sites(settings, ""), models)
    exe = Path(sys.executable).with_name("newsfacts")
    command = [exe, "learn-boilerplate", "--raw", tmp_path / "raw", "--to", tmp_path / "models"]
    result = subprocess.run(command, capture_output=True, text=True, check=True, cwd=tmp_path)
    assert "1 site models" in result.stdout and "127.0.0.1" in result.stdout
    assert PROMO.casefold() in load_sites(tmp_path / "models")["127.0.0.1"].blocks


def _page(n: int, host: str, body: str) -> Page:
    return Page(
        f"id{n}", f"s{n}", "html", f"<html><body><p>{body}</p><p>{PROMO}</p></body></html>", f"http://{host}/{n}"
    )


def test_learn_store_keeps_each_hosts_latest_pages() -> None:
    pages = [_page(n, "a.ru", f"Статья номер {n}.") for n in range(5)] + [_page(9, "b.ru", "Одна страница.")]
    models = learn_store(pages, min_pages=2, per_host=3)
    assert set(models) == {"a.ru"} and models["a.ru"].pages == 3
    assert PROMO.casefold() in models["a.ru"].blocks


def test_site_models_round_trip_through_a_folder(tmp_path: Path) -> None:
    model = BoilerplateModel("a.ru", 3, frozenset({"подпишитесь"}))
    assert [p.name for p in save_sites({"a.ru": model}, tmp_path / "sites")] == ["a.ru.json"]
    assert load_sites(tmp_path / "sites") == {"a.ru": model}
    assert load_sites(tmp_path / "missing") == {}


@pytest.mark.parametrize(
    ("days", "expected"), [(2, ["2026-11-29", "2026-11-30"]), (7, ["2026-11-28", "2026-11-29", "2026-11-30"]), (0, [])]
)
def test_recent_crawl_files_are_the_newest_days(tmp_path: Path, days: int, expected: list[str]) -> None:
    for day in ("2026-11-28", "2026-11-29", "2026-11-30"):
        (tmp_path / "crawl" / day).mkdir(parents=True)
        (tmp_path / "crawl" / day / "news-1.warc.gz").write_bytes(b"")
    assert [p.parent.name for p in recent_crawl_files(tmp_path, days)] == expected
