"""Position titles: models/positions.toml → the words of one language, read off tokens.

A token is read as a title word through its lemma (or its text), ё folded to е, an abbreviation
spelt out ("Gov." → governor) and a status prefix dropped («экс-президент» → президент, former);
the words before a title give the post's status ("former", «бывший», «врио», "acting").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from ..knowledge.lexicon import load_toml
from ..records import Token

CURRENT = "current"
_PREFIXES = ("экс-", "ex-")
_SUFFIXES = ("-elect",)


@dataclass(frozen=True)
class Titles:
    heads: frozenset[str]
    modifiers: frozenset[str]
    complements: frozenset[str]
    enterprise_words: frozenset[str]
    regional_heads: frozenset[str]
    republic_words: tuple[str, ...]
    abbreviations: dict[str, str]
    status: dict[str, str]
    relatives: frozenset[str]
    compound_endings: tuple[str, ...]


def _fold(word: str) -> str:
    return word.lower().replace("ё", "е")


@cache
def titles(language: str) -> Titles:
    """models/positions.toml → the title words of one language (context words are shared)."""
    lex = load_toml("positions")
    context = lex["context"]
    status = {_fold(word): kind for kind, words in lex["status"].items() for word in words}
    return Titles(
        frozenset(map(_fold, lex["heads"][language])),
        frozenset(map(_fold, lex["modifiers"][language])),
        frozenset(lex["complements"][language]),
        frozenset(context["enterprise_words"]),
        frozenset(context["regional_heads"]),
        tuple(context["republic_words"]),
        dict(lex["abbreviations"]),
        status,
        frozenset(map(_fold, lex["relatives"]["words"])),
        tuple(lex["heads"]["compound_person_endings"]),
    )


def title_word(token: Token, t: Titles) -> str:
    """A token → the title word it stands for (lemma, abbreviation spelt out, status prefix dropped)."""
    text = _fold(token.text)
    if text in t.abbreviations:
        return t.abbreviations[text]
    lemma = _fold(token.lemma)
    word = lemma if lemma in t.heads or text not in t.heads else text
    return _strip_status(word)[0]


def _strip_status(word: str) -> tuple[str, str | None]:
    """ "экс-президент" → ("президент", "former"); "president-elect" → ("president", "elect")."""
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) > len(prefix) + 2:
            return word[len(prefix) :], "former"
    for suffix in _SUFFIXES:
        if word.endswith(suffix):
            return word[: -len(suffix)], "elect"
    return word, None


def is_head(token: Token, t: Titles) -> bool:
    word = title_word(token, t)
    return word in t.heads or compound_head(word, t)


def compound_head(word: str, t: Titles) -> bool:
    """ "хип-хоп-исполнитель", "рок-музыкант" (last part a head), «врач-реаниматолог», «генерал-майор»
    (first part a head, the word ending like a word for a person); not «премьер-лига»."""
    parts = word.split("-")
    if len(parts) < 2 or not all(parts):
        return False
    return parts[-1] in t.heads or (parts[0] in t.heads and word.endswith(t.compound_endings))


def is_modifier(token: Token, t: Titles) -> bool:
    return _fold(token.lemma) in t.modifiers or _fold(token.text) in t.modifiers


def is_relative(token: Token, t: Titles) -> bool:
    return _fold(token.lemma) in t.relatives or _fold(token.text) in t.relatives


def status_word(token: Token, t: Titles) -> str | None:
    """ "former", «бывший», «врио», «и.о.» → the status they give; None for other words."""
    return t.status.get(_fold(token.text).rstrip("-")) or t.status.get(_fold(token.lemma))


def status_before(tokens: Sequence[Token], first: int, t: Titles) -> tuple[int, str]:
    """The status words right before tokens[first] → (index of the first of them, status)."""
    status, i, sent = CURRENT, first, tokens[first].sent
    while i > 0 and tokens[i - 1].sent == sent:
        found = status_word(tokens[i - 1], t) or _spelt_acting(tokens, i - 1)
        if found is None:
            break
        status, i = found, i - 1
    head_status = _strip_status(_fold(tokens[first].text))[1]
    return i, head_status or status


def _spelt_acting(tokens: Sequence[Token], i: int) -> str | None:
    """«исполняющий обязанности», «и. о.» split by the tokenizer: the word after the first one."""
    if i == 0:
        return None
    text, before = _fold(tokens[i].text), _fold(tokens[i - 1].text)
    if (text == "обязанности" and before.startswith("исполня")) or (text in ("о.", "о") and before == "и."):
        return "acting"
    return "acting" if text == "и." and _fold(tokens[i + 1].text) in ("о.", "о") else None


def elect_after(tokens: Sequence[Token], head: int) -> bool:
    """ "President-elect" written as three tokens ("president", "-", "elect")."""
    return head + 2 < len(tokens) and tokens[head + 1].text == "-" and _fold(tokens[head + 2].text) == "elect"
