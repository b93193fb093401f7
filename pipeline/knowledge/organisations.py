"""The organisation lexicon in models/organisations.toml → legal forms, cue words, media names, kinds."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .lexicon import is_cyrillic, load_toml

_KINDS = ("government", "media", "education", "company")


@dataclass(frozen=True)
class OrgLexicon:
    legal_forms: frozenset[str]
    cues: re.Pattern[str]
    quotes: str
    media: tuple[str, ...]
    kinds: tuple[tuple[str, re.Pattern[str]], ...]


def _kind_pattern(words: list[str]) -> re.Pattern[str]:
    parts = [rf"\b{re.escape(w)}\w*" if is_cyrillic(w) else rf"\b{re.escape(w)}\b" for w in words]
    return re.compile("|".join(parts), re.IGNORECASE)


@cache
def lexicon() -> OrgLexicon:
    lex = load_toml("organisations")
    cues = re.compile(r"\b(?:" + "|".join(map(re.escape, lex["cues"])) + r")\b")
    kinds = tuple((kind, _kind_pattern(lex["kinds"][kind])) for kind in _KINDS)
    return OrgLexicon(frozenset(lex["legal_forms"]), cues, lex["quotes"], tuple(lex["media"]), kinds)
