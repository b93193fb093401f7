"""The organisation lexicon in models/organisations.toml → legal forms, cue words, media names, kinds."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .lexicon import first_char_guard, is_cyrillic, load_csv, load_toml

_KINDS = ("other", "government", "media", "education", "company")


@dataclass(frozen=True)
class OrgLexicon:
    legal_forms: frozenset[str]
    cues: re.Pattern[str]
    quotes: str
    media: tuple[str, ...]
    kinds: tuple[tuple[str, re.Pattern[str]], ...]
    not_organisations: frozenset[str]
    common_bodies: frozenset[str]  # bodies every country has («полиция», «МВД»), folded
    legal_form_kinds: dict[str, str]  # rigour's generic type of a legal form → kind (others: company)
    context_kinds: tuple[tuple[str, re.Pattern[str]], ...]  # the word right before a name → kind
    context_kinds_after: tuple[tuple[str, re.Pattern[str]], ...]  # the word right after it (English)
    media_words: re.Pattern[str]  # a media name as whole words inside a longer name ("Reuters Ottawa Bureau")


def _kind_pattern(words: list[str]) -> re.Pattern[str]:
    """Name words → one pattern. Cyrillic entries are stems (each word of them); "*" lets one start inside a word
    («*надзор»: Роскомнадзор), "=" makes it a whole word («=суд», not судоверфь); Latin entries
    are whole words; acronyms (all capitals) match in capitals only. A look-ahead for the characters
    a match starts with spares trying every word at every position."""
    return re.compile(first_char_guard("|".join(map(_kind_part, words)), re.IGNORECASE), re.IGNORECASE)


def _kind_part(word: str) -> str:
    if word.startswith("*"):
        return rf"{re.escape(word[1:])}\w*"
    if word.startswith("="):
        return rf"\b{re.escape(word[1:])}\b"
    if word.isupper() and len(word) > 1:
        return rf"(?-i:\b{re.escape(word)}" + (r"\b)" if word[-1].isalnum() else r"(?!\w))")
    if is_cyrillic(word):  # every word a stem: «Банк Англии» matches «Банка Англии»
        return r"\b" + r"\w*\s+".join(map(re.escape, word.split())) + r"\w*"
    if not re.search(r"\w", word):  # a sign: "&"
        return re.escape(word)
    return rf"\b{re.escape(word)}" + (r"\b" if word[-1].isalnum() else r"(?!\w)")


def _kind_patterns(table: dict[str, list[str]]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((kind, _kind_pattern(words)) for kind, words in table.items())


@cache
def lexicon() -> OrgLexicon:
    lex = load_toml("organisations")
    cues = re.compile(r"\b(?:" + "|".join(map(re.escape, lex["cues"])) + r")\b")
    kinds = _kind_patterns(lex["kinds"]["first"]) + tuple((kind, _kind_pattern(lex["kinds"][kind])) for kind in _KINDS)
    media, nothing = tuple(lex["media"]), frozenset(lex["not_organisations"])
    bodies = lex["generic_bodies"]
    common = frozenset(fold_name(name) for name in [*bodies["ru"], *bodies["generic_names"]])
    before, after = (_kind_patterns(lex[table]) for table in ("context_kinds", "context_kinds_after"))
    forms, form_kinds = frozenset(lex["legal_forms"]), dict(lex["legal_form_kinds"])
    media_words = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, media)) + r")(?!\w)")
    return OrgLexicon(forms, cues, lex["quotes"], media, kinds, nothing, common, form_kinds, before, after, media_words)


@cache
def body_names() -> frozenset[str]:
    """Every name and variant of the public bodies in models/bodies.csv, lower-cased with ё as е:
    «ЕС», «Евросоюз», «Европейский союз» name an organisation, whatever a model reads as a place."""
    names: set[str] = set()
    for row in load_csv("bodies"):
        cells = [row["name_en"], row["name_ru"], *row["variants_en"].split("|"), *row["variants_ru"].split("|")]
        names.update(fold_name(cell) for cell in cells if cell.strip())
    return frozenset(names)


def fold_name(name: str) -> str:
    """ "Европейский  Союз" → "европейский союз": the form body names are matched in."""
    return " ".join(name.lower().replace("ё", "е").split())


@cache
def no_organisation(key: str) -> frozenset[str]:
    """A word list of [no_organisation] in models/organisations.toml ("platforms", "diseases"...),
    lower-cased with ё as е."""
    return frozenset(w.lower().replace("ё", "е") for w in load_toml("organisations")["no_organisation"][key])
