"""Public bodies: common-noun bodies («полиция», «правительство») as organisations, and a body's
name qualified by the country or region written after it in the genitive («Верховный суд Испании»,
«полиция по охране природных ресурсов Мэриленда»).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..knowledge.lexicon import word_set
from ..records import Label, Mention, Organisation, Region, Token

_QUALIFYING = ("country", "federal_subject")
_REACH = 6  # words between «по» and the place of a body's name («по охране природных ресурсов»)


def public_bodies(
    tokens: Sequence[Token], mentions: Sequence[Mention], regions: Sequence[Region], language: str
) -> list[Mention]:
    """Mentions → the same with lower-case public bodies added and bodies qualified by their place."""
    if language == "en":
        return sorted([*mentions, *_generic_en(tokens, mentions)], key=lambda m: (m.start, m.end))
    if language != "ru":
        return list(mentions)
    kept = [
        m for m in mentions if not (m.label == Label.ORG and m.text in word_set("organisations", "not_organisations"))
    ]
    found = sorted([*kept, *_generic(tokens, kept)], key=lambda m: (m.start, m.end))
    by_start = {r.start: r for r in regions if r.level in _QUALIFYING}
    by_token = {t.start: t for t in tokens}
    qualified = [_qualified(m, by_start, by_token) if m.label == Label.ORG else m for m in found]
    return [_named(m, by_start, tokens) if m.source_label == "generic" else m for m in qualified]


def _generic(tokens: Sequence[Token], mentions: Sequence[Mention]) -> list[Mention]:
    """Lower-case body nouns that no mention covers → ORG mentions named by their lemma."""
    covered = [(m.start, m.end) for m in mentions]
    bodies = word_set("organisations", "generic_bodies", "ru")
    return [
        Mention(Label.ORG, t.text, t.start, t.end, t.lemma.lower(), "generic")
        for t in tokens
        if t.lemma.lower() in bodies and not any(s <= t.start < e for s, e in covered)
    ]


def _generic_en(tokens: Sequence[Token], mentions: Sequence[Mention]) -> list[Mention]:
    """ "police said", "the federal government" that no mention covers → ORG mentions, as «полиция»
    in Russian; not a word of a compound ("police officers"), nor a body after a name ("the Chinese
    government", "Kenya's police" are that country's, found as a name if at all)."""
    covered = [(m.start, m.end) for m in mentions]
    bodies = word_set("organisations", "generic_bodies", "en")
    return [
        Mention(Label.ORG, token.text, token.start, token.end, token.lemma.lower(), "generic")
        for n, token in enumerate(tokens)
        if token.lemma.lower() in bodies
        and not _after_a_name(tokens[:n])
        and not _in_compound(token, tokens[n + 1 : n + 2])
        and not any(s <= token.start < e for s, e in covered)
    ]


def _in_compound(token: Token, following: Sequence[Token]) -> bool:
    """ "police officers", "government-backed": the noun is a modifier, not the body."""
    if not following:
        return False
    return following[0].pos in _NOUNS or (following[0].text == "-" and following[0].start == token.end)


def _after_a_name(preceding: Sequence[Token]) -> bool:
    """Whether a name, its possessive or a capitalised adjective stands before a noun, past the
    lower-case adjectives ("the outgoing")."""
    words = list(preceding)
    while words and words[-1].pos == "ADJ" and words[-1].text.islower():
        words.pop()
    if words and words[-1].text in ("'s", "’s"):
        words.pop()
    return bool(words) and (words[-1].pos == "PROPN" or (words[-1].pos == "ADJ" and words[-1].text[:1].isupper()))


_NOUNS = frozenset(["NOUN", "PROPN"])


def _qualified(mention: Mention, regions: dict[int, Region], tokens: dict[int, Token]) -> Mention:
    """«Верховного суда» + « США» → «Верховного суда США», normal «Верховный суд США»."""
    region = regions.get(mention.end + 1)
    first = tokens.get(mention.end + 1)
    if region is None or first is None or first.case not in ("Gen", ""):
        return mention
    text = mention.text + " " + region.text
    return replace(mention, text=text, end=region.end, normal=f"{mention.normal} {region.text}")


def _named(mention: Mention, regions: dict[int, Region], tokens: Sequence[Token]) -> Mention:
    """«полиция» + « по охране природных ресурсов Мэриленда»: a common-noun body followed by «по»
    and a place in the genitive within a few words is that place's named body, not the bare noun."""
    after = [t for t in tokens if t.start > mention.start][: _REACH + 1]
    if not after or after[0].text.casefold() != "по" or after[0].start != mention.end + 1:
        return mention
    for n, token in enumerate(after[1:], start=1):
        if not token.text[:1].isalnum() or token.sent != after[0].sent:
            return mention
        region = regions.get(token.start)
        if region is not None and n > 1 and token.case in ("Gen", ""):
            words = [t.text for t in after[:n]]
            tail = " ".join([*words, region.text])
            return replace(mention, text=f"{mention.text} {tail}", end=region.end, normal=f"{mention.normal} {tail}")
    return mention


def qualified_keys(organisations: Sequence[Organisation], regions: Sequence[Region]) -> list[Organisation]:
    """A generic body's name without its place («Верховный суд», "Parliament") → its key with the
    article's most mentioned country, so the supreme courts of two countries are two bodies."""
    countries = [r.code for r in regions if r.level == "country"]
    if not countries:
        return list(organisations)
    country = max(countries, key=countries.count)
    generic = word_set("organisations", "generic_bodies", "generic_names")
    return [
        replace(o, org_key=f"{o.org_key} {country.lower()}") if _generic_name(o, generic) else o for o in organisations
    ]


def _generic_name(organisation: Organisation, generic: frozenset[str]) -> bool:
    """A capitalised generic name («Верховный суд»); a common noun («полиция») stays one concept."""
    return organisation.name[:1].isupper() and organisation.org_key in generic
