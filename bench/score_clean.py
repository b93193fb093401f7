"""Clean-stage quality on the HTML dev sets in ../shared/eval/extraction, one line per step,
on the whole set and on its two halves split by site.

.venv/bin/python bench/score_clean.py [--limit N] [--set NAME]

Scoring (pipeline/quality/text.py): lower-cased \\w+ tokens, multiset overlap per page, P/R/F1
averaged over pages. Each step adds one filter to the one before, so each gain is visible. Every
site (registered domain) is in one half only (`pipeline.quality.text.half`): a clean-stage change
is kept only when it gains on both halves (bench/ablate_clean.py measures each rule that way).
"""

from __future__ import annotations

import argparse
import logging
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import trafilatura

from pipeline.clean.boilerplate import BoilerplateModel, block_key, learn_sites
from pipeline.clean.extract import clean_page
from pipeline.quality.text import GoldPage, Score, half, mean, page_host, page_site, read_set, score_page
from pipeline.records import Article, Page
from pipeline.settings import CleanSettings

EXTRACTION = Path(__file__).resolve().parents[2] / "shared" / "eval" / "extraction"
SETS = ("aeb_en_dev", "daniel_ru_dev")
PARTS = ("all", "A", "B")
log = logging.getLogger("bench.score_clean")

_NONE = CleanSettings(favor_precision=False, strip_comments=False, vote_languages=(), postfilter=False)
STEPS: dict[str, CleanSettings] = {
    "1 favor_precision": replace(_NONE, favor_precision=True),
    "2 + strip comment elements": replace(_NONE, favor_precision=True, strip_comments=True),
    "3 + jusText vote (ru)": replace(CleanSettings(), postfilter=False, vote_siblings=False),
    "4 + good paragraphs' siblings": replace(CleanSettings(), postfilter=False),
    "5 + tail cut": CleanSettings(),
}


def parts(pages: Sequence[GoldPage], scores: Sequence[Score]) -> dict[str, Score]:
    """Page scores → their means over the whole set and over each half split by site."""
    halves = [half(page_site(p)) for p in pages]
    means = {"all": mean(scores)}
    for name in PARTS[1:]:
        means[name] = mean([s for s, h in zip(scores, halves, strict=True) if h == name])
    return means


def sizes(pages: Sequence[GoldPage]) -> str:
    """Pages → "A: 82 pages, 39 sites; B: ..."."""
    out = []
    for name in PARTS[1:]:
        inside = [p for p in pages if half(page_site(p)) == name]
        out.append(f"{name}: {len(inside)} pages, {len({page_site(p) for p in inside})} sites")
    return "; ".join(out)


def as_page(gold: GoldPage, url: str | None) -> Page:
    return Page(gold.page_id, gold.page_id, "html", gold.html, url=url)


def run_step(pages: Sequence[GoldPage], extract: Callable[[GoldPage], str]) -> list[Score]:
    return [score_page(extract(p), p.text) for p in pages]


def text_of(page: GoldPage, settings: CleanSettings, site: BoilerplateModel | None = None) -> str:
    article = clean_page(as_page(page, page.url), settings, site)
    return article.text if isinstance(article, Article) else ""


def line(means: dict[str, Score]) -> str:
    """Means by part → "all P/R/F1 | A ... | B ..."."""
    return " | ".join(f"{k} {m.precision:.3f}/{m.recall:.3f}/{m.f1:.3f}" for k, m in means.items())


def report(name: str, label: str, pages: Sequence[GoldPage], scores: Sequence[Score], started: float) -> None:
    log.info("%-14s %-30s %s  (%.0fs)", name, label, line(parts(pages, scores)), time.perf_counter() - started)


def score_set(name: str, pages: list[GoldPage], min_pages: int) -> None:
    log.info("%-14s P/R/F1 on all pages and on the halves split by site (%s)", name, sizes(pages))
    for label, extract in (
        ("0 bare trafilatura.extract", lambda p: trafilatura.extract(p.html) or ""),
        ("0 bare, favor_recall", lambda p: trafilatura.extract(p.html, favor_recall=True) or ""),
    ):
        started = time.perf_counter()
        report(name, label, pages, run_step(pages, extract), started)
    for label, settings in STEPS.items():
        started = time.perf_counter()
        report(name, label, pages, run_step(pages, lambda p, s=settings: text_of(p, s)), started)
    score_sites(name, pages, min_pages)


def site_models(pages: Sequence[GoldPage], min_pages: int, min_share: float) -> dict[str, BoilerplateModel]:
    """Boilerplate models learnt from the set's own pages, grouped by host, as nightly does."""
    models = learn_sites(((page_host(p) or "", p.html) for p in pages), min_pages, min_share)
    models.pop("", None)
    return models


def score_sites(name: str, pages: list[GoldPage], min_pages: int) -> None:
    """Step 6: boilerplate models learnt from the set's own pages, grouped by host."""
    started = time.perf_counter()
    settings = CleanSettings()
    models = site_models(pages, min_pages, settings.boilerplate_min_share)
    with_model = [p for p in pages if page_host(p) in models]
    before = run_step(with_model, lambda p: text_of(p, settings))
    after = {p.page_id: score_page(text_of(p, settings, models.get(page_host(p) or "")), p.text) for p in pages}
    report(name, "6 + site boilerplate", pages, list(after.values()), started)
    log.info(
        "%-14s   %d hosts with >= %d pages cover %d pages: %s → %s",
        name, len(models), min_pages, len(with_model), mean(before), mean([after[p.page_id] for p in with_model]),
    )  # fmt: skip


def score_metadata(name: str, pages: list[GoldPage]) -> None:
    """Metadata found from the HTML alone (no URL given) against what the gold has."""
    articles = [clean_page(as_page(p, None), CleanSettings()) for p in pages]
    found: Counter[str] = Counter()
    for page, article in zip(pages, articles, strict=True):
        if not isinstance(article, Article):
            continue
        found["article"] += 1
        found.update(k for k in ("title", "published", "site", "url") if getattr(article, k))
        found["url = gold url"] += bool(page.url and article.url and _same_url(page.url, article.url))
        first = block_key(page.text.split("\n")[0])
        found["title = gold first line"] += bool(article.title and block_key(article.title) in first)
    log.info(
        "%-14s metadata over %d pages (gold urls: %d): %s",
        name,
        len(pages),
        sum(bool(p.url) for p in pages),
        dict(found),
    )


def _same_url(a: str, b: str) -> bool:
    return a.split("://")[-1].rstrip("/").removeprefix("www.") == b.split("://")[-1].rstrip("/").removeprefix("www.")


def setup_logging() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("pipeline").setLevel(logging.WARNING)
    logging.getLogger("trafilatura").setLevel(logging.ERROR)  # "discarding data" per empty page


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="score only the first N pages of each set")
    parser.add_argument("--set", choices=SETS, action="append", help="score only this set (repeatable)")
    parser.add_argument("--min-pages", type=int, default=CleanSettings().boilerplate_min_pages)
    parser.add_argument("--no-metadata", action="store_true", help="skip the metadata agreement pass")
    args = parser.parse_args()
    setup_logging()
    if not EXTRACTION.exists():
        log.error("no extraction dev sets at %s", EXTRACTION)
        return 1
    for name in args.set or SETS:
        pages = list(read_set(EXTRACTION / name, args.limit))
        score_set(name, pages, args.min_pages)
        if not args.no_metadata:
            score_metadata(name, pages)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
