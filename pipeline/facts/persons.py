"""Persons: every person mention, with later references joined to the full name.

A surname on its own ("Makhonin", «Махонину» → «Махонин») joins the article's one full name
ending in it; a bare title after the official was named ("the governor said", «губернатор
отметил») joins that official when only one person in the article holds the title.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..records import Mention, Official, Person, Token
from .titles import titles


def _fold(name: str) -> str:
    return name.casefold().replace("ё", "е")


def find_persons(
    persons: Sequence[tuple[Mention, str]], officials: Sequence[Official], tokens: Sequence[Token], language: str
) -> Iterator[Person]:
    """(PER mention, canonical name) pairs → Persons, then title references to officials."""
    full_names = sorted({name for _, name in persons if " " in name})
    for mention, name in persons:
        full = name if " " in name else _by_surname(name, full_names)
        yield Person(
            mention.text, full or name, mention.start, mention.end, "surname" if full and full != name else "name"
        )
    yield from title_references(tokens, officials, [(m.start, m.end) for m, _ in persons], language)


def _by_surname(surname: str, full_names: Sequence[str]) -> str | None:
    matches = [name for name in full_names if _fold(name.split()[-1]) == _fold(surname)]
    return matches[0] if len(matches) == 1 else None


def title_references(
    tokens: Sequence[Token], officials: Sequence[Official], names: Sequence[tuple[int, int]], language: str
) -> Iterator[Person]:
    """Title words outside any official's span → a Person row for the one official holding it."""
    heads = titles(language).heads
    taken = [(o.start, o.end) for o in officials] + list(names)
    for token in tokens:
        lemma = token.lemma.lower()
        if lemma not in heads or any(s <= token.start < e for s, e in taken):
            continue
        holders = {o.person for o in officials if o.start < token.start and lemma in o.position.split()}
        if len(holders) == 1:
            yield Person(token.text, holders.pop(), token.start, token.end, "title")
