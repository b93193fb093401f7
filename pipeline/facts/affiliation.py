"""Affiliations of officials: the organisation or region a title belongs to.

Named after the title ("Governor of the Kama region"), right before it ("Perm Krai Governor",
"Rosneft's chief executive"), or from context: the article's main company or region.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..records import Organisation, Region, Token
from .titles import Titles, titles

_POSSESSIVE = re.compile(r"\s*(?:['’]s|\))?\s*")


@dataclass(frozen=True)
class Context:
    """What an article offers to resolve affiliations."""

    text: str
    tokens: Sequence[Token]
    organisations: Sequence[Organisation]
    regions: Sequence[Region]
    persons: Sequence[tuple[int, int]]
    language: str


def affiliation(ctx: Context, title_start: int, title_end: int, limit: int) -> tuple[str, str | None] | None:
    """The organisation or region after the title (before `limit`) or right before it."""
    candidates = _candidates(ctx)
    inside = [c for c in candidates if title_end <= c[0] < limit]
    if inside:
        _, _, label, code = min(inside, key=lambda c: c[0])
        return label, code
    before = [(label, code) for _, end, label, code in candidates if _adjacent(ctx.text, end, title_start)]
    return before[0] if before else None


def _adjacent(text: str, end: int, start: int) -> bool:
    """A name ending right before a title, or with a possessive or the bracket of its alias between
    ("Rosneft's chief executive", «Движения за демократические перемены (MDC) премьер-министр»)."""
    return 0 <= start - end <= 3 and _POSSESSIVE.fullmatch(text, end, start) is not None


def _candidates(ctx: Context) -> list[tuple[int, int, str, str | None]]:
    """Regions and organisations of the article as (start, end, name, region code)."""
    found: list[tuple[int, int, str, str | None]] = [
        (r.start, r.end, _region_name(r, ctx), r.code) for r in ctx.regions
    ]
    found += [(o.start, o.end, o.name, None) for o in ctx.organisations]
    return found


def _region_name(region: Region, ctx: Context) -> str:
    """A city's officials belong to the city («мэр Перми» → Пермь; its region's code stays)."""
    if region.level == "city":
        return region.name
    return region.name_ru if ctx.language == "ru" else region.name_en


def from_context(ctx: Context, head: int, limit: int) -> tuple[str, str | None] | None:
    """A title without a named affiliation → the article's main company or region, where it fits."""
    t = titles(ctx.language)
    window = [tok.lemma.lower() for tok in ctx.tokens[head:] if tok.start < limit]
    if any(word in t.enterprise_words for word in window[1:]):
        return _dominant_company(ctx)
    if window and window[0] in t.regional_heads:
        return _dominant_region(ctx, t)
    return None


def _dominant_company(ctx: Context) -> tuple[str, str | None] | None:
    names = [o.name for o in ctx.organisations if o.kind == "company"]
    return (max(names, key=names.count), None) if names else None


def _dominant_region(ctx: Context, t: Titles) -> tuple[str, str | None] | None:
    """The most mentioned Russian region that is not a republic (governors head the others)."""
    regions = [
        r
        for r in ctx.regions
        if r.code.startswith("RU-") and not any(word in r.name_en or word in r.name_ru for word in t.republic_words)
    ]
    codes = [r.code for r in regions]
    if not codes:
        return None
    best = max(codes, key=codes.count)
    region = next(r for r in regions if r.code == best)
    return (region.name_ru if ctx.language == "ru" else region.name_en), best
