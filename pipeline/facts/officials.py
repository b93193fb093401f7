"""Officials: a person with a position title nearby → person, position, affiliation.

Titles come from models/positions.toml (head words plus modifiers); the affiliation is the
organisation or region written between the title and the name ("Governor of the Kama region
Dmitry Makhonin"), right before the title ("Perm Krai Governor"), or after a trailing title
("Alexei Burakov, Director for ESG at Metafrax Chemicals").
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from operator import attrgetter

from ..knowledge.lexicon import load_toml
from ..records import Label, Mention, Official, Organisation, Region, Token

_STOP_POS = ("VERB", "AUX")
_BREAK = {",", ";", ":", "—", "–", "(", ")", "and", "и", "said", "заявил"}


@dataclass(frozen=True)
class Titles:
    heads: frozenset[str]
    modifiers: frozenset[str]
    complements: frozenset[str]
    enterprise_words: frozenset[str]
    regional_heads: frozenset[str]
    republic_words: tuple[str, ...]


@cache
def titles(language: str) -> Titles:
    """models/positions.toml → the title words of one language (context words are shared)."""
    lex = load_toml("positions")
    context = lex["context"]
    return Titles(
        frozenset(lex["heads"][language]),
        frozenset(lex["modifiers"][language]),
        frozenset(lex["complements"][language]),
        frozenset(context["enterprise_words"]),
        frozenset(context["regional_heads"]),
        tuple(context["republic_words"]),
    )


@dataclass(frozen=True)
class Context:
    """What an article offers to resolve affiliations."""

    text: str
    tokens: Sequence[Token]
    organisations: Sequence[Organisation]
    regions: Sequence[Region]
    persons: Sequence[tuple[int, int]]
    language: str


def find_officials(persons: Sequence[tuple[Mention, str]], context: Context) -> Iterator[Official]:
    """(PER mention, canonical name) pairs → Officials for those with a position title."""
    for mention, name in persons:
        official = _left_title(mention, name, context) or _right_title(mention, name, context)
        if official:
            yield official


def _index(tokens: Sequence[Token], offset: int) -> int:
    """The first token starting at or after `offset` (tokens are in text order)."""
    return bisect.bisect_left(tokens, offset, key=attrgetter("start"))


def _is_head(token: Token, t: Titles) -> bool:
    return token.lemma.lower() in t.heads or token.text.lower() in t.heads


def _left_title(mention: Mention, name: str, ctx: Context) -> Official | None:
    """ "Governor of the Kama region Dmitry Makhonin", «Глава Республики Мордовия Артём Здунов»."""
    t = titles(ctx.language)
    first = _index(ctx.tokens, mention.start)
    if first == len(ctx.tokens):
        return None
    sent = ctx.tokens[first].sent
    for i in range(first - 1, max(-1, first - 15), -1):
        token = ctx.tokens[i]
        if token.sent != sent or token.pos in _STOP_POS or _in_person(token, ctx):
            return None
        if _is_head(token, t):
            while i > 0 and _is_head(ctx.tokens[i - 1], t) and ctx.tokens[i - 1].sent == sent:
                i -= 1  # «заместитель министра»: the title starts at the first head word
            return _official(mention, name, i, mention.start, ctx)
    return None


def _in_person(token: Token, ctx: Context) -> bool:
    """Another person's name lies between this one and any title further left."""
    return any(start <= token.start < end for start, end in ctx.persons)


def _right_title(mention: Mention, name: str, ctx: Context) -> Official | None:
    """ "Alexei Burakov, Director for ESG at Metafrax Chemicals"."""
    t = titles(ctx.language)
    after = _index(ctx.tokens, mention.end)
    window = ctx.tokens[after : after + 5]
    if not window or window[0].text != ",":
        return None
    for offset, token in enumerate(window[1:], start=after + 1):
        if token.sent != window[0].sent or token.pos in _STOP_POS:
            return None
        if _is_head(token, t):
            return _official(mention, name, offset, _clause_end(ctx.tokens, offset), ctx)
    return None


def _clause_end(tokens: Sequence[Token], i: int) -> int:
    for token in tokens[i + 1 :]:
        if token.sent != tokens[i].sent or token.text in _BREAK:
            return token.start
    return tokens[-1].end


def _official(mention: Mention, name: str, head: int, limit: int, ctx: Context) -> Official:
    position_start, position, position_end = _position(ctx.tokens, head, limit, ctx)
    affiliation = _affiliation(ctx, position_start, position_end, limit) or _from_context(ctx, head, limit)
    start, end = min(position_start, mention.start), max(limit, mention.end)
    label, code = affiliation if affiliation else (None, None)
    return Official(name, position, label, code, ctx.text[start:end], start, end)


def _position(tokens: Sequence[Token], head: int, limit: int, ctx: Context) -> tuple[int, str, int]:
    """Modifiers + head words + what completes them → (start, title, end of the title).

    "Executive Director", "Director for ESG", «заместитель министра промышленности»,
    «директор по техническому развитию».
    """
    t = titles(ctx.language)
    sent, first = tokens[head].sent, head
    while first > 0 and tokens[first - 1].lemma.lower() in t.modifiers and tokens[first - 1].sent == sent:
        first -= 1
    words = [tok.text.lower() for tok in tokens[first:head]] + [tokens[head].lemma.lower()]
    last = head
    while last + 1 < len(tokens) and tokens[last + 1].start < limit and _continues(tokens[last + 1], t, ctx):
        last += 1
        words.append(tokens[last].text.lower())
    if last + 1 < len(tokens) and tokens[last + 1].text.lower() in t.complements:
        taken = _complement(tokens, last + 1, limit, ctx)
        words += [tok.text for tok in taken]
        last += len(taken)
    return tokens[first].start, " ".join(words), tokens[last].end


def _continues(token: Token, t: Titles, ctx: Context) -> bool:
    """Another head word («министра»), or in Russian a lower-case dependant in the genitive («промышленности»)."""
    if _is_head(token, t):
        return True
    russian_dependant = ctx.language == "ru" and token.pos in ("NOUN", "ADJ") and token.text[:1].islower()
    return russian_dependant and not _starts_entity(token.start, ctx)


def _complement(tokens: Sequence[Token], i: int, limit: int, ctx: Context) -> list[Token]:
    """ "for ESG" (up to "at"/"of"), «по техническому развитию» (up to the organisation's name)."""
    taken: list[Token] = []
    for tok in tokens[i:]:
        entity = ctx.language == "ru" and _starts_entity(tok.start, ctx)
        if tok.start >= limit or tok.text in _BREAK or entity or tok.text in ("at", "of", "in"):
            break
        taken.append(tok)
    return taken


def _starts_entity(offset: int, ctx: Context) -> bool:
    return any(o.start == offset for o in ctx.organisations) or any(r.start == offset for r in ctx.regions)


def _affiliation(ctx: Context, title_start: int, title_end: int, limit: int) -> tuple[str, str | None] | None:
    """The organisation or region after the title (before `limit`) or right before it."""
    candidates = _candidates(ctx)
    inside = [c for c in candidates if title_end <= c[0] < limit]
    if inside:
        _, _, label, code = min(inside, key=lambda c: c[0])
        return label, code
    before = [(label, code) for _, end, label, code in candidates if 0 <= title_start - end <= 1]
    return before[0] if before else None


def _candidates(ctx: Context) -> list[tuple[int, int, str, str | None]]:
    """Regions and organisations of the article as (start, end, name, region code)."""
    found: list[tuple[int, int, str, str | None]] = [
        (r.start, r.end, r.name_ru if ctx.language == "ru" else r.name_en, r.code) for r in ctx.regions
    ]
    found += [(o.start, o.end, o.name, None) for o in ctx.organisations]
    return found


def _from_context(ctx: Context, head: int, limit: int) -> tuple[str, str | None] | None:
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


def person_names(mentions: Sequence[Mention]) -> list[tuple[Mention, str]]:
    """PER mentions → (mention, canonical name): the normal form, as written for English."""
    return [(m, m.normal) for m in mentions if m.label == Label.PER]
