"""Each clean-stage rule measured with and without it, on both halves of each HTML dev set split
by site, and the thresholds chosen on one half and scored on the other.

.venv/bin/python bench/ablate_clean.py [--set NAME] [--only WORD] [--no-sweeps]

A rule is kept only when removing it loses on both halves of the set it is written for and
loses on no half of the other set (README, Quality). trafilatura runs once per page and front
end (its options and the comment filters); the vote, the post-filter and the site models are
re-run for every variant. The full variant is checked to give the pipeline's own text.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import tempfile
import tomllib
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from unittest import mock

from lxml.html import HtmlElement
from score_clean import EXTRACTION, SETS, setup_logging, site_models, sizes, text_of
from trafilatura.utils import load_html

from pipeline.clean import extract, postfilter
from pipeline.clean.boilerplate import BoilerplateModel
from pipeline.clean.htmltree import drop_comment_elements
from pipeline.quality.text import GoldPage, half, page_host, page_site, read_set, score_page
from pipeline.settings import MODELS_DIR, CleanSettings

log = logging.getLogger("bench.ablate_clean")
NEVER = re.compile("(?!)")
BASE = CleanSettings()
MARKERS = tomllib.loads((MODELS_DIR / BASE.markers).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Front:
    """What runs before trafilatura's text is refined: its options and the comment filters."""

    favor_precision: bool = True
    include_tables: bool = True
    comment_elements: bool = True
    comment_attributes: str = MARKERS["comment_attributes"]
    dedupe: bool = True


@dataclass(frozen=True)
class Variant:
    """One way to run the clean stage: a front end, settings, and patched internals."""

    label: str
    front: Front = Front()
    settings: CleanSettings = BASE
    patches: tuple[tuple[Any, str, Any], ...] = ()
    sites: bool = False
    adds: bool = False  # the variant adds a step to the full stage instead of taking one away


@dataclass
class Bench:
    """One dev set with trafilatura's output cached per page and front end."""

    name: str
    pages: list[GoldPage]
    cache: dict[tuple[str, Front], tuple[str, HtmlElement | None]] = field(default_factory=dict)
    models: dict[tuple[int, float], dict[str, BoilerplateModel]] = field(default_factory=dict)

    def front(self, page: GoldPage, front: Front) -> tuple[str, HtmlElement | None]:
        key = (page.page_id, front)
        if key not in self.cache:
            self.cache[key] = run_front(page, front)
        return self.cache[key]

    def sites(self, settings: CleanSettings) -> dict[str, BoilerplateModel]:
        key = (settings.boilerplate_min_pages, settings.boilerplate_min_share)
        if key not in self.models:
            self.models[key] = site_models(self.pages, *key)
        return self.models[key]

    def f1s(self, variant: Variant) -> list[float]:
        """Variant → F1 of each page."""
        models = self.sites(variant.settings) if variant.sites else {}
        with patched(variant.patches):
            return [score_page(self.text(p, variant, models), p.text).f1 for p in self.pages]

    def text(self, page: GoldPage, variant: Variant, models: dict[str, BoilerplateModel]) -> str:
        text, tree = self.front(page, variant.front)
        site = models.get(page_host(page) or "")
        return extract.refine(text, page.html if tree is None else tree, None, variant.settings, site)[0]

    def halves(self, f1s: Sequence[float]) -> dict[str, float]:
        """Page F1s → mean F1 over all pages and over each half."""
        out = {"all": sum(f1s) / len(f1s)}
        for name in "AB":
            inside = [f for f, p in zip(f1s, self.pages, strict=True) if half(page_site(p)) == name]
            out[name] = sum(inside) / len(inside)
        return out


def run_front(page: GoldPage, front: Front) -> tuple[str, HtmlElement | None]:
    """A page → trafilatura's normalised text and the tree it read, as `clean_html` makes them."""
    tree = load_html(page.html)
    named = re.compile(front.comment_attributes, re.IGNORECASE)
    if tree is not None and front.comment_elements:
        drop_comment_elements(tree, named)
    settings = replace(BASE, favor_precision=front.favor_precision, include_tables=front.include_tables)
    doc = extract._extract(page.html if tree is None else tree, page.url, settings)
    raw = (getattr(doc, "text", None) or "") if doc else ""
    return (extract.normalise_text(raw) if front.dedupe else _no_dedupe(raw)), tree


def _no_dedupe(text: str) -> str:
    lines = (extract._SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


@contextmanager
def patched(patches: Sequence[tuple[Any, str, Any]]) -> Iterator[None]:
    with ExitStack() as stack:
        for target, name, value in patches:
            stack.enter_context(mock.patch.object(target, name, value))
        yield


def markers_without(folder: Path, key: str, pattern: str | None) -> str:
    """A markers file like the project's with one pattern of a list (None: all of it) left out."""
    data = dict(MARKERS)
    data[key] = [] if pattern is None else [p for p in data[key] if p != pattern]
    path = folder / f"{key}-{abs(hash(pattern))}.toml"
    body = [f"comment_attributes = {json.dumps(data['comment_attributes'])}"]
    body += [f"tail = [{', '.join(json.dumps(p) for p in data['tail'])}]"]
    path.write_text("\n".join(body) + "\n", encoding="utf-8")
    return str(path)


def rule_variants(folder: Path) -> list[Variant]:
    """One variant per rule of the clean stage, each without that rule."""
    out = [
        Variant("trafilatura favor_precision", front=Front(favor_precision=False)),
        Variant("trafilatura include_tables", front=Front(include_tables=False)),
        Variant("comment elements by class/id/title", front=Front(comment_elements=False)),
        Variant("repeated paragraphs dropped", front=Front(dedupe=False)),
        Variant("jusText vote (ru)", settings=replace(BASE, vote_languages=())),
        Variant("vote: sentence by sentence", patches=((postfilter, "_SENTENCE_END", NEVER),)),
        Variant("vote: good paragraphs' siblings", settings=replace(BASE, vote_siblings=False)),
        Variant("siblings: 70 characters or more", patches=((postfilter, "_LENGTH_LOW", 0),)),
        Variant("siblings: link density <= 0.3", settings=replace(BASE, vote_sibling_max_link_density=1.0)),
        Variant("tail cut (all its patterns)", settings=replace(BASE, postfilter=False)),
        Variant("site boilerplate (variant adds it)", sites=True, adds=True),
    ]
    for pattern in MARKERS["tail"]:
        markers = markers_without(folder, "tail", pattern)
        out.append(Variant(f"tail: {pattern}", settings=replace(BASE, markers=markers)))
    return out


SWEEPS: dict[str, tuple[Callable[[float], Variant], tuple[float, ...]]] = {
    "vote_min_share": (lambda v: Variant("", settings=replace(BASE, vote_min_share=v)), (0.3, 0.4, 0.5, 0.6, 0.7)),
    "vote_sibling_max_link_density": (
        lambda v: Variant("", settings=replace(BASE, vote_sibling_max_link_density=v)),
        (0.1, 0.2, 0.3, 0.5, 1.0),
    ),
    "tail_min_share": (lambda v: Variant("", settings=replace(BASE, tail_min_share=v)), (0.0, 0.2, 0.3, 0.5, 0.7)),
    "marker_max_chars": (lambda v: Variant("", settings=replace(BASE, marker_max_chars=int(v))), (40, 60, 100, 200)),
    "boilerplate_min_share": (
        lambda v: Variant("", settings=replace(BASE, boilerplate_min_share=v), sites=True),
        (0.3, 0.5, 0.7, 0.9),
    ),
}


def check_base(bench: Bench) -> None:
    """The full variant gives the pipeline's own text on every page, or the bench is not the stage."""
    differ = [p.page_id for p in bench.pages if bench.text(p, Variant("full"), {}) != text_of(p, BASE)]
    if differ:
        raise SystemExit(f"{bench.name}: the bench's stage differs from clean_page on {differ}")


def ablate(benches: Sequence[Bench], variants: Sequence[Variant]) -> None:
    """Each variant → its F1 on each half of each set and what the rule it takes away gains."""
    base = {b.name: b.f1s(Variant("full")) for b in benches}
    for b in benches:
        full = b.halves(base[b.name])
        log.info("%-14s full stage F1 all %.4f  A %.4f  B %.4f  (%s)", b.name, *full.values(), sizes(b.pages))
    for variant in variants:
        cells = [cell(b, b.f1s(variant), base[b.name], variant.adds) for b in benches]
        log.info("without %-46s %s", variant.label[:46], " | ".join(cells))


def cell(bench: Bench, f1s: Sequence[float], base: Sequence[float], adds: bool) -> str:
    """A variant's page F1s → "set A F1 (gain of the rule, pages changed) B ... all F1"."""
    without, full = bench.halves(f1s), bench.halves(base)
    if adds:
        without, full = full, without
    out = [bench.name[:3]]
    for h in "AB":
        changed = sum(f != g and half(page_site(p)) == h for f, g, p in zip(f1s, base, bench.pages, strict=True))
        out.append(f"{h} {without[h]:.4f} ({full[h] - without[h]:+.4f}, {changed}p)")
    return " ".join([*out, f"all {without['all']:.4f}"])


def sweep(benches: Sequence[Bench]) -> None:
    """Each threshold: F1 per value on each half; the value chosen on one half, scored on the other."""
    for name, (make, values) in SWEEPS.items():
        for b in benches:
            rows = {v: b.halves(b.f1s(make(v))) for v in values}
            best_a = max(values, key=lambda v: rows[v]["A"])
            best_b = max(values, key=lambda v: rows[v]["B"])
            table = "  ".join(f"{v:g}: {r['A']:.4f}/{r['B']:.4f}" for v, r in rows.items())
            log.info(
                "%-30s %-14s A/B %s | chosen on A %g → B %.4f; on B %g → A %.4f",
                name, b.name, table, best_a, rows[best_a]["B"], best_b, rows[best_b]["A"],
            )  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--set", choices=SETS, action="append", help="only this set (repeatable)")
    parser.add_argument("--only", help="only the variants whose label contains this")
    parser.add_argument("--no-sweeps", action="store_true", help="skip the threshold sweeps")
    args = parser.parse_args()
    setup_logging()
    if not EXTRACTION.exists():
        log.error("no extraction dev sets at %s", EXTRACTION)
        return 1
    benches = [Bench(name, list(read_set(EXTRACTION / name))) for name in args.set or SETS]
    for bench in benches:
        check_base(bench)
    with tempfile.TemporaryDirectory() as folder:
        variants = [v for v in rule_variants(Path(folder)) if not args.only or args.only in v.label]
        ablate(benches, variants)
    if not args.no_sweeps:
        sweep(benches)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
