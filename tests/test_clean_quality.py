"""Regression gate: clean-stage F1 on a slice of each HTML dev set, on both halves split by site.

The slice is the first PAGES pages of each half (`pipeline.quality.text.half`: every site in one
half only). Floors are the scores the stage reaches there (bench/score_clean.py scoring) minus
0.01. Raise them when the stage improves; lower one only with the reason in the commit message.
The full measure of each rule, on every page, is bench/ablate_clean.py.
"""

from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest

from pipeline.clean.extract import clean_page
from pipeline.quality.text import GoldPage, half, mean, page_site, read_set, score_page
from pipeline.records import Article, Page
from pipeline.settings import CleanSettings

EXTRACTION = Path(__file__).resolve().parents[2] / "shared" / "eval" / "extraction"
PAGES = 15
# reached: aeb A .959 B .984, daniel A .908 B .932
FLOORS = {
    ("aeb_en_dev", "A"): 0.949,
    ("aeb_en_dev", "B"): 0.974,
    ("daniel_ru_dev", "A"): 0.898,
    ("daniel_ru_dev", "B"): 0.922,
}

pytestmark = pytest.mark.skipif(not EXTRACTION.exists(), reason=f"no extraction dev sets at {EXTRACTION}")


@cache
def sliced(name: str, part: str) -> tuple[GoldPage, ...]:
    """The first PAGES pages of one half of a dev set."""
    return tuple([p for p in read_set(EXTRACTION / name) if half(page_site(p)) == part][:PAGES])


def f1(pages: Sequence[GoldPage], settings: CleanSettings) -> float:
    scores = []
    for gold in pages:
        article = clean_page(Page(gold.page_id, gold.page_id, "html", gold.html, url=gold.url), settings)
        scores.append(score_page(article.text if isinstance(article, Article) else "", gold.text))
    return mean(scores).f1


@pytest.mark.parametrize(("name", "part"), sorted(FLOORS), ids=[f"{n}-{p}" for n, p in sorted(FLOORS)])
def test_f1_floor(name: str, part: str) -> None:
    assert f1(sliced(name, part), CleanSettings()) >= FLOORS[(name, part)]


@pytest.mark.parametrize(
    "without",
    [
        pytest.param(replace(CleanSettings(), vote_languages=()), id="jusText vote"),
        pytest.param(replace(CleanSettings(), include_tables=False), id="tables kept"),
    ],
)
@pytest.mark.parametrize("part", ["A", "B"])
def test_russian_rules_gain_on_both_halves(without: CleanSettings, part: str) -> None:
    pages = sliced("daniel_ru_dev", part)
    assert f1(pages, CleanSettings()) > f1(pages, without)
