"""Main-text extraction quality: bag-of-words precision, recall and F1 against gold text.

Tokens are the lower-cased `\\w+` runs of a text (Unicode letters, digits, underscore). Per page,
the overlap is the multiset intersection of predicted and gold tokens; P = overlap / predicted,
R = overlap / gold. A page with an empty prediction scores 0 unless its gold is empty too (1).
Set scores are the unweighted means over pages.

A rule of the clean stage is judged on two halves of a dev set split by site (`half`): every
site's pages are in one half only, so a rule fitted to one site's template gains on one half.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from courlan import extract_domain

from ..clean.boilerplate import host_of
from ..clean.postfilter import words
from ..read.decode import decode


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float

    def __str__(self) -> str:
        return f"P {self.precision:.3f} R {self.recall:.3f} F1 {self.f1:.3f}"


@dataclass(frozen=True)
class GoldPage:
    """One page of an extraction dev set: decoded HTML plus the gold main text."""

    page_id: str
    url: str | None
    language: str
    html: str
    text: str


def score_page(predicted: str, gold: str) -> Score:
    """Predicted and gold text → bag-of-words P/R/F1 of one page."""
    pred, ref = Counter(words(predicted)), Counter(words(gold))
    if not pred or not ref:
        return Score(1.0, 1.0, 1.0) if not pred and not ref else Score(0.0, 0.0, 0.0)
    overlap = sum((pred & ref).values())
    p, r = overlap / sum(pred.values()), overlap / sum(ref.values())
    return Score(p, r, 2 * p * r / (p + r) if overlap else 0.0)


def mean(scores: Sequence[Score]) -> Score:
    """Page scores → their unweighted mean (0 for no pages)."""
    n = len(scores) or 1
    return Score(*(sum(getattr(s, k) for s in scores) / n for k in ("precision", "recall", "f1")))


def read_set(folder: Path, limit: int | None = None) -> Iterator[GoldPage]:
    """A dev set folder (gold.jsonl + html/ID.html.gz) → its pages, HTML decoded like the pipeline does."""
    with (folder / "gold.jsonl").open(encoding="utf-8") as lines:
        for n, line in enumerate(lines):
            if limit is not None and n >= limit:
                return
            row = json.loads(line)
            html, _ = decode(gzip.decompress((folder / row["html"]).read_bytes()))
            yield GoldPage(row["id"], row.get("url"), row.get("lang") or "", html, row.get("articleBody") or "")


def page_host(page: GoldPage) -> str | None:
    """The host a page was fetched from: its gold URL, else a DAnIEL id's host (DATE_HOST_HASH)."""
    if page.url:
        return host_of(page.url)
    parts = page.page_id.split("_")
    return host_of(f"//{parts[1]}") if len(parts) > 2 else None


def page_site(page: GoldPage) -> str:
    """A page → its site: the registered domain of its host (news.example.ru and example.ru are one)."""
    host = page_host(page)
    return (extract_domain(f"http://{host}") or host) if host else page.page_id


def half(site: str) -> str:
    """A site → "A" or "B", by the first byte of its SHA-1: stable, and blind to the scores."""
    return "AB"[hashlib.sha1(site.encode("utf-8")).digest()[0] % 2]
