"""Place matches → the place each one is, or none: NER evidence, physical features, context.

A name from the maintained world data (and a reviewed one-word Russian name that is also a common
word, «Того», «Чад») is a place only where an NER LOC span is that name, alone or with generic
words ("the state of Indiana"), or where a generic word comes just before it («штата Колорадо»);
a span that holds other words ("the Niger Delta") is not evidence; for a city of 1M+ people, any
non-person NER span of exactly its name is, in English. A name next to a physical
feature («дельта Нигера», "Lake Chad") is not a region. Of several places with one name
("Georgia"), the one whose country the document's other places point to wins, then a reviewed
entry, then a country over a capital over a subdivision over a city, then population; a tie
between codes is left out ("Punjab", "Central").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..knowledge.lexicon import word_set
from ..knowledge.places import Entry
from ..records import Label, Mention, Token

Candidate = tuple[Entry, str, bool]  # an entry, the name that matched, and whether it stands without NER evidence


@dataclass(frozen=True)
class Match:
    """A span of text and every entry one of whose names it is."""

    start: int
    end: int
    candidates: tuple[Candidate, ...]


# A world city this small does not outweigh a reviewed place of its name by context (Moscow, Idaho).
_CONTEXT_POPULATION = 100_000
# A city this big is a place wherever NER saw its name, whatever label it gave (spaCy's small model
# tags "Kharkiv" ORG), unless a person's.
_BIG_CITY = 1_000_000
_WORD = re.compile(r"[\w.]+")


def _words(kind: str, key: str) -> frozenset[str]:
    return word_set("places", kind, key)


def resolve(
    matches: Sequence[Match], text: str, tokens: Sequence[Token], mentions: Sequence[Mention], language: str
) -> Iterator[tuple[Match, tuple[Entry, str]]]:
    """Matches → (match, (entry, matched name)) for those that are places, in text order."""
    kept = [(m, _standing(m, text, tokens, mentions, language)) for m in matches]
    support = _support(c for _, c in kept)
    for match, candidates in kept:
        best = _best(candidates, support)
        if best is not None:
            yield match, (best[0], best[1])


def _standing(
    match: Match, text: str, tokens: Sequence[Token], mentions: Sequence[Mention], language: str
) -> tuple[Candidate, ...]:
    """The candidates that stand here: none next to a feature word, those needing evidence only with it."""
    if _by_feature(match, text, tokens, language):
        return ()
    if all(c[2] for c in match.candidates):
        return match.candidates
    evidence = _evidence(match, tokens, mentions, language)
    named = not evidence and language == "en" and _named(match, text, mentions)
    return tuple(c for c in match.candidates if c[2] or evidence or (named and c[0].population >= _BIG_CITY))


def _named(match: Match, text: str, mentions: Sequence[Mention]) -> bool:
    """NER saw this very name but not as a place or person ("Kharkiv" as ORG): enough for a big city.

    English only: spaCy's small model tags cities ORG, Natasha's ORG for one is the club («Барселона»).
    """
    name = text[match.start : match.end]
    return any(m.label != Label.PER and m.text == name for m in mentions)


def _evidence(match: Match, tokens: Sequence[Token], mentions: Sequence[Mention], language: str) -> bool:
    """An NER LOC span of the name (with generic words only), or a generic word just before it («штата Колорадо»)."""
    generic = _words("generic", language)
    i = bisect_left(tokens, match.start, key=_start)
    if i > 0 and _generic(tokens[i - 1], generic) and tokens[i - 1].text.lower() not in ("the", "of"):
        return True
    for m in mentions:
        if m.label != Label.LOC or m.end <= match.start or match.end <= m.start:
            continue
        inside = tokens[bisect_left(tokens, m.start, key=_start) : bisect_left(tokens, m.end, key=_start)]
        around = [t for t in inside if t.end <= match.start or t.start >= match.end]
        if all(not any(ch.isalnum() for ch in t.text) or _generic(t, generic) for t in around):
            return True
    return False


def _start(token: Token) -> int:
    return token.start


def _generic(token: Token, generic: frozenset[str]) -> bool:
    return token.text.lower() in generic or token.lemma.lower() in generic


def _by_feature(match: Match, text: str, tokens: Sequence[Token], language: str) -> bool:
    if language == "ru":
        i = bisect_left(tokens, match.start, key=_start)
        return i > 0 and tokens[i - 1].lemma.lower() in _words("features", "ru_before")
    after = _WORD.match(text[match.end :].lstrip())
    before = re.findall(r"[\w.]+", text[max(0, match.start - 30) : match.start])
    return bool(after and after.group(0) in _words("features", "en_after")) or bool(
        before and before[-1] in _words("features", "en_before")
    )


def _country(entry: Entry) -> str:
    return entry.code.split("-")[0]


def _support(candidate_sets: Iterator[tuple[Candidate, ...]]) -> Counter[str]:
    """Countries that the document's unambiguous places point to, with how many places."""
    support: Counter[str] = Counter()
    for candidates in candidate_sets:
        countries = {_country(c[0]) for c in candidates}
        if len(countries) == 1:
            support[countries.pop()] += 1
    return support


def _key(candidate: Candidate, support: Counter[str]) -> tuple[int, bool, int, int]:
    entry = candidate[0]
    weighty = entry.reviewed or entry.level != "city" or entry.population >= _CONTEXT_POPULATION
    return (support[_country(entry)] if weighty else 0, entry.reviewed, entry.weight, entry.population)


def _best(candidates: tuple[Candidate, ...], support: Counter[str]) -> Candidate | None:
    if not candidates:
        return None
    ranked = sorted(candidates, key=lambda c: _key(c, support), reverse=True)
    if (
        len(ranked) > 1
        and _key(ranked[0], support) == _key(ranked[1], support)
        and ranked[0][0].code != ranked[1][0].code
    ):
        return None
    return ranked[0]
