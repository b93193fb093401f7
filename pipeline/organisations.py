"""Organisations: ORG mentions (and mis-labelled ones with organisation cues) → canonical names."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from .lexicon import load_toml
from .records import Label, Mention, Organisation

_PUNCT = re.compile(r"[^\w\s]")


@dataclass(frozen=True)
class OrgLexicon:
    legal_forms: frozenset[str]
    cues: re.Pattern[str]
    quotes: str


@cache
def lexicon() -> OrgLexicon:
    lex = load_toml("organisations")
    cues = re.compile(r"\b(?:" + "|".join(map(re.escape, lex["cues"])) + r")\b")
    return OrgLexicon(frozenset(lex["legal_forms"]), cues, lex["quotes"])


def split_legal_form(name: str) -> tuple[str, str | None]:
    """ "JSC Metafrax Chemicals" → ("Metafrax Chemicals", "JSC"); «УК «РМ Рейл»» → («РМ Рейл», "УК")."""
    words = name.split()
    forms = lexicon().legal_forms
    if len(words) > 1 and words[0].strip(",") in forms:
        return " ".join(words[1:]), words[0].strip(",")
    if len(words) > 1 and words[-1].strip(",") in forms:
        return " ".join(words[:-1]).rstrip(","), words[-1].strip(",")
    return name, None


def strip_quotes(name: str) -> str:
    """Drop quotes around a name and balance the «» that stay inside it."""
    quotes = lexicon().quotes
    inner = name.strip().strip(quotes).strip()
    if inner.count("«") > inner.count("»"):
        inner += "»"
    elif inner.count("»") > inner.count("«"):
        inner = "«" + inner
    return inner


def canonical(normal: str) -> tuple[str, str | None]:
    """A mention's normal form → (canonical name, legal form)."""
    name = normal
    if name.lower().startswith("the "):
        name = name[4:]
    name, form = split_legal_form(strip_quotes(name))
    return " ".join(strip_quotes(name).split()), form


def org_key(name: str) -> str:
    """Canonical name → grouping key: case, quotes, punctuation and ё/е folded."""
    return " ".join(_PUNCT.sub(" ", name.casefold().replace("ё", "е")).split())


def is_organisation(mention: Mention) -> bool:
    """ORG mentions, and mentions of other labels whose name carries an organisation cue."""
    if mention.label == Label.ORG:
        return True
    return mention.label in (Label.PER, Label.MISC, Label.LOC) and bool(lexicon().cues.search(mention.text))


def find_organisations(mentions: Sequence[Mention]) -> Iterator[Organisation]:
    """Mentions → Organisations; a short form ("Metafrax") takes its article's full name."""
    orgs = [m for m in mentions if is_organisation(m)]
    names = {canonical(m.normal)[0] for m in orgs}
    for mention in mentions:
        name, form = canonical(mention.normal)
        if mention in orgs:
            full: str | None = name
        else:
            full = _full_name(name, names) if mention.label in (Label.PER, Label.MISC) else None
        if full:
            yield Organisation(mention.text, full, form, org_key(full), mention.start, mention.end)


def _full_name(short: str, names: set[str]) -> str | None:
    """ "Metafrax" and {"Metafrax Chemicals"} → "Metafrax Chemicals" (a unique longer name)."""
    longer = sorted(n for n in names if n.startswith(short + " "))
    return longer[0] if len(longer) == 1 else None
