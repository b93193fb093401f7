"""Dates: English and Russian date expressions → year, month, day, a range's end and the days covered.

A grammar built from models/dates.toml runs over the whole text; NER DATE spans add what it
misses. Parts an expression does not state come from the publication date (and mark the row
relative); without one they stay null, never guessed from today.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date

from ...knowledge.lexicon import cyrillic_share, is_cyrillic
from ...records import DateValue, Label, Mention
from .anaphora import antecedent, resolve
from .fields import Context, Fields, Handler, Hit, interval
from .grammar import Rule, bare_weekday, part_before, patterns, range_patterns, title_quotes
from .lexicon import Lexicon, lexicon

__all__ = ["Handler", "Lexicon", "find_dates", "lexicon", "parse_date"]

_CLOCK = re.compile(r"\d{1,2}:\d{2}")


def prepare() -> None:
    """Compile the grammar (both scan modes) before the first text."""
    for strict in (True, False):
        patterns(strict)
    part_before(), range_patterns(), bare_weekday()


# ---- scanning: matches → non-overlapping hits, joined into whole expressions ---------------


def _scan(text: str, ctx: Context, strict: bool) -> list[Hit]:
    """Text → date expressions in text order; `strict` (running text) wants cues for bare years.

    A date never spans lines, and a rule runs only on the lines that have its anchor (most of
    the cost is trying a rule at every position of a line). News has a digit or a month in
    nearly every paragraph, so no cheaper test of the whole line comes first: one was measured
    to pass 93 % of the text and to cost more than it saved.
    """
    hits = [
        replace(hit, start=hit.start + offset, end=hit.end + offset)
        for offset, line in _lines(text)
        for rule in _anchored(patterns(strict), line)
        for hit in _matches(rule.regex, rule.handler, line, ctx)
    ]
    return _join(text, _select(hits))


def _anchored(rules: Sequence[Rule], line: str) -> Iterator[Rule]:
    """The rules whose anchor the line has (each anchor searched once per line).

    Anchors are told apart by identity (the rules of one anchor share its compiled pattern):
    hashing a compiled pattern hashes its whole code, which cost more than the searches.
    """
    found: dict[int, bool] = {}
    for rule in rules:
        anchor = rule.anchor
        if anchor is None:
            yield rule
            continue
        has = found.get(id(anchor))
        if has is None:
            has = found[id(anchor)] = anchor.search(line) is not None
        if has:
            yield rule


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """Text → (offset, line) for its non-empty lines."""
    offset = 0
    for line in text.split("\n"):
        if line:
            yield offset, line
        offset += len(line) + 1


def _matches(rx: re.Pattern[str], handler: Handler, text: str, ctx: Context) -> Iterator[Hit]:
    for match in rx.finditer(text):
        try:
            fields = handler(match, ctx)
        except (ValueError, OverflowError):  # a relative expression past year 1 or 9999: no date
            continue
        if fields is not None:
            yield Hit(match.start(), match.end(), fields)


def _select(hits: Iterable[Hit]) -> list[Hit]:
    """Overlapping hits → the longest ones, in text order."""
    chosen: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        if not any(_overlaps(hit.start, hit.end, c.start, c.end) for c in chosen):
            chosen.append(hit)
    return sorted(chosen, key=lambda h: h.start)


def _overlaps(start: int, end: int, other_start: int, other_end: int) -> bool:
    return start < other_end and other_start < end


def _join(text: str, hits: list[Hit]) -> list[Hit]:
    """Neighbouring hits → one expression: "9 ноября прошлого года", "the end of 2026", "January–March"."""
    hits = _pairwise(text, hits, _attach_year)
    hits = [_with_part(text, hit) for hit in hits]
    return _pairwise(text, hits, _join_range)


def _pairwise(text: str, hits: list[Hit], join: Callable[[str, Hit, Hit], Hit | None]) -> list[Hit]:
    """Hits → hits, each joined with the one before it where `join` says they are one expression."""
    out: list[Hit] = []
    for hit in hits:
        joined = join(text, out[-1], hit) if out else None
        out[-1:] = [joined] if joined else [*out[-1:], hit]
    return out


_YEAR_GAP = re.compile(r"(?:\s+of|\s*,)?\s+")


def _attach_year(text: str, first: Hit, second: Hit) -> Hit | None:
    """ "9 ноября" + "прошлого года", "March" + "of last year" → one date with that year."""
    a, b = first.fields, second.fields
    if a.year is not None or a.relative or a.month is None or not b.year_only:
        return None
    if not _YEAR_GAP.fullmatch(text, first.end, second.start):
        return None
    fields = replace(a, year=b.year, relative=b.relative, anaphor=b.anaphor)
    return Hit(first.start, second.end, fields)


def _with_part(text: str, hit: Hit) -> Hit:
    """ "2026" after "the end of" → "the end of 2026", the last third of the year."""
    f = hit.fields
    if (f.day is not None and f.day_end is None) or f.part is not None:  # a day has no thirds; a week has
        return hit
    match = part_before().search(text, max(0, hit.start - 40), hit.start)
    if not match:
        return hit
    part = lexicon().value("parts", match["p"])
    return Hit(match.start(), hit.end, replace(hit.fields, part=part))


def _join_range(text: str, first: Hit, second: Hit) -> Hit | None:
    """ "January" + "–" + "March 2023" → January–March 2023 (the start takes the end's year)."""
    a, b = first.fields, second.fields
    if a.is_range or a.part or b.part or a.year_only != b.year_only or (a.day is None) != (b.day is None):
        return None
    gap, opener = range_patterns()
    if not gap.fullmatch(text, first.end, second.start):
        return None
    start = replace(a, year=b.year, relative=a.relative or b.relative) if a.year is None else a
    end = (b.year_end, b.month_end, b.day_end) if b.is_range else (b.year, b.month, b.day)
    fields = replace(start, year_end=end[0], month_end=end[1], day_end=end[2], year_only=False)
    if start.year is not None and interval(fields) == (None, None):
        return None
    begin = opener.search(text, max(0, first.start - 10), first.start)
    return Hit(begin.start() if begin else first.start, second.end, fields)


# ---- rows ----------------------------------------------------------------------------------


def _finish(fields: Fields, ctx: Context) -> Fields:
    """Fill the year from the publication date when the expression lacks one; close a range's year."""
    if fields.year is None and not fields.relative and fields.month is not None and ctx.published:
        fields = replace(fields, year=ctx.published.year, relative=True)
    if fields.year is not None and fields.year_end is None and fields.month_end is not None:
        wraps = fields.month_end < (fields.month or 0)  # December–February
        fields = replace(fields, year_end=fields.year + wraps)
    return fields


def _row(text: str, start: int, fields: Fields, ctx: Context) -> DateValue:
    """An expression's text, offset and fields → DateValue."""
    f = _finish(fields, ctx)
    first, last = interval(f)
    end = start + len(text)
    ends = (f.year_end, f.month_end, f.day_end)
    return DateValue(text, f.year, f.month, f.day, f.relative, start, end, *ends, first, last, f.duration)


# ---- public --------------------------------------------------------------------------------


def parse_date(text: str, published: date | None, start: int = 0) -> DateValue:
    """One date expression → DateValue; parts it does not state come from `published`."""
    ctx = Context(published, is_cyrillic(text))
    best = _best(text, ctx)
    return _row(text, start, best.fields if best else Fields(), ctx)


def find_dates(text: str, mentions: Iterable[Mention], published: date | None) -> Iterator[DateValue]:
    """Text + its DATE mentions → DateValues in text order, none overlapping.

    An anaphoric one («на следующий день») is dated from the date before it in the text.
    An expression that states no year, month, day or duration ("68-year-old", "annual", "A350")
    is no row; only a relative one ("last year", "on Friday") in a text without a publication
    date stays, unresolved (`relative` true, its parts null).
    """
    ctx = Context(published, _mostly_cyrillic(text))
    hits = _with_mentions(text, _scan(text, ctx, strict=True), mentions, ctx)
    before: Fields | None = None
    for hit in sorted((h for h in hits if not _in_title(text, h)), key=lambda h: h.start):
        fields = resolve(_finish(hit.fields, ctx), before)
        before = antecedent(fields, before)
        if fields.has_value or (fields.relative and ctx.published is None):
            yield _row(text[hit.start : hit.end], hit.start, fields, ctx)


def _best(text: str, ctx: Context) -> Hit | None:
    """The longest date expression in a short text (bare numbers allowed)."""
    return max(_scan(text, ctx, strict=False), key=lambda h: h.end - h.start, default=None)


def _with_mentions(text: str, hits: list[Hit], mentions: Iterable[Mention], ctx: Context) -> list[Hit]:
    """Grammar hits + NER DATE spans: a span replaces the one hit it strictly contains, adds where none is."""
    out = list(hits)
    for mention in sorted((m for m in mentions if m.label == Label.DATE), key=lambda m: m.start):
        inside = [h for h in out if _overlaps(h.start, h.end, mention.start, mention.end)]
        hit = _mention_hit(text, mention, inside, ctx)
        if hit is not None:
            out = [h for h in out if h not in inside] + [hit]
    return out


def _mention_hit(text: str, mention: Mention, inside: Sequence[Hit], ctx: Context) -> Hit | None:
    """A DATE span → its hit, or None where the grammar's reading wins or the span is no date."""
    contains = len(inside) == 1 and mention.start <= inside[0].start and inside[0].end <= mention.end
    if inside and not (contains and mention.end - mention.start > inside[0].end - inside[0].start):
        return None
    span = text[mention.start : mention.end]
    best = _best(span, ctx)
    if best is None and (_CLOCK.search(span) or bare_weekday().fullmatch(span.strip())):
        return None
    fields = best.fields if best else inside[0].fields if inside else Fields()
    return Hit(mention.start, mention.end, fields)


def _in_title(text: str, hit: Hit) -> bool:
    """Whether the expression is a quoted title's (start of a) name: «Today», «Один день Ивана Денисовича»."""
    opening, closing = title_quotes()
    if hit.start == 0 or text[hit.start - 1] not in opening:
        return False
    after = text[hit.end : hit.end + 2]
    return after[:1] in closing or (hit.fields.duration is not None and after[:1] == " " and after[1:].isupper())


def _mostly_cyrillic(text: str) -> bool:
    return cyrillic_share(text) > 0.5
