"""Organisations: ORG mentions (and mis-labelled ones with organisation cues) → canonical names.

The canonical name has no leading article, no legal form (kept in its own column) and, for
Russian, is in the nominative; a quoted brand keeps its «» quotes, balanced. Within an article a
short form ("Metafrax") or a bracketed alias ("Federal Road Transport Agency (Rosavtodor)") takes
the full name; `org_key` groups names across articles.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from rigour.names.org_types import extract_org_types

from ..knowledge.embedding import embedding_kind
from ..knowledge.lexicon import is_cyrillic
from ..knowledge.organisations import fold_name, lexicon
from ..records import Label, Mention, Organisation
from .regions import fold_place, place_names

_PUNCT = re.compile(r"[^\w\s]")


def split_legal_form(name: str) -> tuple[str, str | None]:
    """ "JSC Metafrax Chemicals" → ("Metafrax Chemicals", "JSC"); «УК «РМ Рейл»» → («РМ Рейл», "УК")."""
    words = name.split()
    forms = lexicon().legal_forms
    if len(words) > 1 and words[0].strip(",") in forms:
        return " ".join(words[1:]), words[0].strip(",")
    if len(words) > 1 and words[-1].strip(",") in forms:
        return " ".join(words[:-1]).rstrip(","), words[-1].strip(",")
    return name, None


def balance_quotes(name: str) -> str:
    """Drop straight and English quotes around a name; balance the «» it keeps."""
    inner = name.strip().strip(lexicon().quotes).strip()
    if inner.count("«") > inner.count("»"):
        inner += "»"
    elif inner.count("»") > inner.count("«"):
        inner = "«" + inner
    if inner.startswith("«") and inner.endswith("»") and inner.count("«") == 1 and not is_cyrillic(inner):
        inner = inner[1:-1]
    return inner


def canonical(normal: str) -> tuple[str, str | None]:
    """A mention's normal form → (canonical name, legal form)."""
    name = normal[4:] if normal.lower().startswith("the ") else normal
    name, form = split_legal_form(balance_quotes(name))
    return " ".join(balance_quotes(name).split()), form


def org_key(name: str) -> str:
    """Canonical name → grouping key: case, quotes, punctuation and ё/е folded."""
    return " ".join(_PUNCT.sub(" ", name.casefold().replace("ё", "е")).split())


def org_kind(name: str, legal_form: str | None, before: str = "", after: str = "") -> str:
    """Name → company | government | media | education | other: the kind its words tell
    (`told_kind`), else a brand's inner capital ("DoorDash", «ВКонтакте») makes a company, else the
    kind of the well-known names its words lie closest to in the news embedding
    (`pipeline.knowledge.embedding`: "Pixar" among the studios, «Моссад» among the intelligence
    services) unless it is a place's name ("Leicester", "Boston": teams), else "other"."""
    if told := told_kind(name, legal_form, before, after):
        return told
    if _BRAND.search(name):
        return "company"
    if fold_place(name) in place_names():  # a team or a government named by its place: no kind to look up
        return "other"
    return embedding_kind(name) or "other"


def told_kind(name: str, legal_form: str | None, before: str = "", after: str = "") -> str | None:
    """Name → company | government | media | education | other from the words in it, None when none tells.

    The name's own words decide first (models/organisations.toml [kinds], then a news agency's or
    medium's name in it: "Reuters Ottawa Bureau"); then its legal form, the
    one split off or one rigour knows as the name's last word ("Nestle SA", "Philips NV"): a company,
    but a non-profit's form, НП or АНО, tells "other" (rigour's generic type of it); then `before`,
    the word right before the name in the text («компании Odebrecht», «журнал «Кругозор»»:
    [context_kinds]), and `after`, the one right after it ("Le Matin newspaper"). Political parties
    and movements, sports clubs and federations, bands, theatres, museums and NGOs are "other";
    armed forces, courts, police, legislatures, central banks, state agencies and intergovernmental
    bodies (the UN, NATO, the WHO) are "government"; state-owned companies and exchanges are companies.
    """
    lex = lexicon()
    if name in lex.media:
        return "media"
    for kind, pattern in lex.kinds:
        if pattern.search(name):
            return kind
    if lex.media_words.search(name):
        return "media"
    if legal_form := legal_form or trailing_form(name):
        return legal_form_kind(legal_form)
    for words, patterns in ((before, lex.context_kinds), (after, lex.context_kinds_after)):
        for kind, pattern in patterns:
            if words and _tells(pattern, words):
                return kind
    return None


# a capital right after a small letter inside a word: a brand ("DoorDash", "eBay", «ВКонтакте», «РусГидро»)
_BRAND = re.compile(r"[^\W\d_](?<=[a-zа-яё])[A-ZА-ЯЁ]")


def _tells(pattern: re.Pattern[str], words: str) -> bool:
    """Whether a context entry is the words next to a name ("news agency") or the nearest of them ("agency")."""
    nearest = words.split()[-1]
    return bool(pattern.fullmatch(words) or pattern.fullmatch(nearest))


def trailing_form(name: str) -> str | None:
    """ "Nestle SA" → "SA": the last word of a name of two or more, when rigour knows it as a legal form
    (capitalised: "Day Is" has no Icelandic «is»)."""
    words = name.split()
    last = words[-1].strip(",") if len(words) > 1 else ""
    if len(last) < 2 or not last[0].isupper() or not extract_org_types(last.casefold(), generic=True):
        return None
    return last


def legal_form_kind(legal_form: str) -> str:
    """ "ООО" → company, "АНО" → other: the kind of rigour's generic type of the form, company by default."""
    generic = {gen for _, gen in extract_org_types(legal_form.casefold(), generic=True)}
    kinds = {lexicon().legal_form_kinds.get(gen, "company") for gen in generic}
    return kinds.pop() if len(kinds) == 1 else "company"


_WORD_BEFORE = re.compile(r"((?:[^\W\d_][\w-]*\s+)?[^\W\d_][\w-]*)[\s«\"“„']*$")
_WORD_AFTER = re.compile(r"(?:['’]s\b)?[\s»\"”'’]*([^\W\d_][\w-]*)")


def word_before(text: str, start: int) -> str:
    """The two words right before offset `start`, quotes and spaces aside: ("state news agency KCNA", 18) →
    "news agency"; one at the start of a text or after a comma or a stop."""
    found = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return found.group(1).lower() if found else ""


def word_after(text: str, end: int) -> str:
    """The word right after offset `end`, quotes and spaces aside: ("Le Matin newspaper said", 8) → "newspaper"."""
    found = _WORD_AFTER.match(text, end)
    return found.group(1).lower() if found else ""


def is_organisation(mention: Mention) -> bool:
    """ORG mentions, and mentions of other labels whose name carries an organisation cue."""
    if mention.label == Label.ORG:
        return True
    return mention.label in (Label.PER, Label.MISC, Label.LOC) and bool(lexicon().cues.search(mention.text))


def find_organisations(mentions: Sequence[Mention], text: str = "") -> Iterator[Organisation]:
    """Mentions → Organisations, short forms and aliases joined to their article's full names."""
    orgs = [m for m in mentions if is_organisation(m)]
    names, known = {canonical(m.normal)[0] for m in orgs}, set(orgs)
    aliases = bracket_aliases(orgs, mentions, text)
    found = []
    for mention in mentions:
        name, form = canonical(mention.normal)
        full = aliases.get(name) or _full_name(name, names, mention in known, mention.label)
        if full:
            found.append((mention, full, form))
    before = _telling_words(((full, word_before(text, m.start)) for m, full, _ in found), lexicon().context_kinds)
    after = _telling_words(((full, word_after(text, m.end)) for m, full, _ in found), lexicon().context_kinds_after)
    kinds: dict[tuple[str, str | None], str] = {}  # a name's mentions share its words next to it, so its kind
    for mention, full, form in found:
        if (full, form) not in kinds:
            kinds[full, form] = org_kind(full, form, before.get(full, ""), after.get(full, ""))
        yield Organisation(mention.text, full, form, org_key(full), mention.start, mention.end, kinds[full, form])


def _telling_words(words: Iterable[tuple[str, str]], patterns: Sequence[tuple[str, re.Pattern[str]]]) -> dict[str, str]:
    """(name, word next to one of its mentions) pairs of an article → each name's first word that tells a kind."""
    telling: dict[str, str] = {}
    for name, word in words:
        if name not in telling and word and any(_tells(p, word) for _, p in patterns):
            telling[name] = word
    return telling


def _full_name(name: str, names: set[str], is_org: bool, label: Label) -> str | None:
    """A unique longer name of the article that starts with this one, or the name itself for orgs;
    a body every country has («полиция», «МВД») keeps its own name: written bare it names the body
    in general, as Wikidata's links do (the police, not «полиция Мэриленда» of the article)."""
    if not is_org and label not in (Label.PER, Label.MISC):
        return None
    if _common_body(name):
        return name if is_org else None
    return _longer_name(name, names) or (name if is_org else None)


def _common_body(name: str) -> bool:
    return fold_name(name) in lexicon().common_bodies


def _longer_name(name: str, names: Iterable[str]) -> str | None:
    """The one name of the article that starts with this one and goes on, if there is one."""
    longer = sorted({n for n in names if n.startswith(name + " ")})
    return longer[0] if len(longer) == 1 else None


def placed_bodies(organisations: Sequence[Organisation]) -> list[Organisation]:
    """Organisations → the same, a bare common body («полиция») named by the article's one longer
    name of it («полиция Мэриленда»): what an official's affiliation reads, not the entity's name."""
    names = {o.name for o in organisations}
    return [
        replace(o, name=longer) if _common_body(o.name) and (longer := _longer_name(o.name, names)) else o
        for o in organisations
    ]


def bracket_aliases(orgs: Sequence[Mention], mentions: Sequence[Mention], text: str) -> dict[str, str]:
    """ "Federal Road Transport Agency (Rosavtodor)" → {"Rosavtodor": "Federal Road Transport Agency"}."""
    starting: dict[int, list[Mention]] = {}
    for mention in mentions:
        starting.setdefault(mention.start, []).append(mention)
    aliases: dict[str, str] = {}
    for org in orgs:
        bracket = _OPENING.match(text, org.end)
        for other in (m for start in _inside(bracket) for m in starting.get(start, ())):
            if other is not org and text[other.end : other.end + 1] == ")":
                aliases[canonical(other.normal)[0]] = canonical(org.normal)[0]
    return aliases


_OPENING = re.compile(r"\s*\(\s*")


def _inside(bracket: re.Match[str] | None) -> range:
    """An opening bracket after a name → where a name inside it may start (after the "(", spaces or not)."""
    if bracket is None:
        return range(0)
    return range(bracket.string.index("(", bracket.start()) + 1, bracket.end() + 1)
