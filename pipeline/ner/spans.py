"""Name spans the models draw wrong, redrawn from the text around them.

- a dateline's place ("JERUSALEM (Reuters) -", «ОРОРА, Колорадо. (AP) –») is a place, whatever
  label the model gives it;
- an organisation's name that is part of a quoted title is the whole title ('"Fox News Sunday"',
  the programme: the model stops at "Fox News");
- in English, a courtesy title makes a person ("Mr Pilot", tagged ORG, is the person Pilot), a
  member's title the model leaves at the end of a party's name ("a BJP MLA") is cut
  off, and so is a word that only opens the sentence ("Once Perseverance lands") or a lower-case
  word before a name ("this National Theater").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..knowledge.lexicon import word_set
from ..records import Label, Mention, Token

NAMES = (Label.PER, Label.ORG, Label.LOC, Label.MISC)
# a paragraph's opening place in capitals, its region, then the agency in brackets and a dash or
# stop ("JERUSALEM (Reuters) -"), or its region and a dash alone ("OAKLAND, Calif. -- ")
_CAPITALS = r"[A-ZА-ЯЁ][A-ZА-ЯЁ .'-]{2,30}"
_REGION = r", [A-ZА-ЯЁ][\w.'-]*(?: [A-ZА-ЯЁ][\w.'-]*)?"
_DATELINE = re.compile(
    rf"(?m)^(?:(?P<place>{_CAPITALS}(?:{_REGION})?)\s*\([^()\n]{{1,20}}\)\s*[-–—.]"
    rf"|(?P<bare>[A-ZА-ЯЁ]{{4}}[A-ZА-ЯЁ .'-]{{0,30}}{_REGION})\s*(?:--|[–—])\s)"
)
_OPENERS = frozenset(["ADV", "SCONJ", "CCONJ", "PRON", "DET", "PART"])
_CUT = (Label.ORG, Label.LOC, Label.MISC)


_QUOTED = re.compile(r"[\"“«]([A-Z0-9][\w'’&.-]*(?: (?:[A-Z0-9][\w'’&.-]*|the|of|and|on|in|for|at))*)[.,!?]?[\"”»]")
_MAX_TITLE = 60
_CLAUSE = frozenset(["VERB", "AUX", "PRON"])


def whole_quoted_titles(mentions: Sequence[Mention], tokens: Sequence[Token], text: str) -> list[Mention]:
    """Mentions → the same, an ORG mention that is part of a quoted name grown to the whole name,
    the mentions inside it dropped ("Fox News" + "Sunday" → "Fox News Sunday"); a quote of words
    with a verb is no name ('"Manchester United Are Back"')."""
    quoted = [m.span(1) for m in _QUOTED.finditer(text) if m.end(1) - m.start(1) <= _MAX_TITLE]
    titles = [span for span in quoted if not any(span[0] <= t.start < span[1] and t.pos in _CLAUSE for t in tokens)]
    grown = {id(m): span for m in mentions for span in titles if _part_of(m, span)}
    if not grown:
        return list(mentions)
    spans = set(grown.values())
    kept = [m for m in mentions if id(m) in grown or not any(s <= m.start and m.end <= e for s, e in spans)]
    return [_grown(m, grown[id(m)], text) if id(m) in grown else m for m in kept]


def _part_of(mention: Mention, span: tuple[int, int]) -> bool:
    start, end = span
    inside = start <= mention.start and mention.end <= end
    return mention.label == Label.ORG and inside and mention.end - mention.start < end - start


def _grown(mention: Mention, span: tuple[int, int], text: str) -> Mention:
    name = text[span[0] : span[1]]
    return replace(mention, text=name, start=span[0], end=span[1], normal=name)


def member_titles() -> frozenset[str]:
    return word_set("organisations", "spans", "member_titles")


def honorifics() -> frozenset[str]:
    return word_set("organisations", "spans", "honorifics")


def without_honorific(mention: Mention) -> Mention:
    """ "Mr Pilot" (ORG to the model) → "Pilot", a person."""
    title, _, rest = mention.text.partition(" ")
    if mention.label not in NAMES or title not in honorifics() or not rest[:1].isupper():
        return mention
    start = mention.end - len(rest)
    return replace(mention, label=Label.PER, text=rest, start=start, normal=rest)


def dateline_places(mentions: Sequence[Mention], text: str) -> list[Mention]:
    """Mentions → the same, those inside a dateline before its bracket relabelled LOC."""
    places = [m.span("place") if m["place"] else m.span("bare") for m in _DATELINE.finditer(text)]
    return [_place(m) if any(s <= m.start and m.end <= e for s, e in places) else m for m in mentions]


def _place(mention: Mention) -> Mention:
    if mention.label not in NAMES:
        return mention
    name = mention.text.rstrip(".")
    return replace(
        mention, label=Label.LOC, text=name, end=mention.start + len(name), normal=mention.normal.rstrip(".")
    )


def without_member_title(mention: Mention) -> Mention:
    """ "BJP MLA" (ORG) → "BJP"."""
    head, _, last = mention.text.rpartition(" ")
    if mention.label != Label.ORG or not head or last not in member_titles():
        return mention
    return replace(mention, text=head, end=mention.start + len(head), normal=head)


def without_openers(mentions: Sequence[Mention], tokens: Sequence[Token], text: str) -> list[Mention]:
    """ "Once Perseverance" → "Perseverance", "this National Theater of Greece" → "National Theater
    of Greece": an organisation's or place's first word in lower case, or one that opens its
    sentence and names nothing (a person's stays: "de Gaulle")."""
    by_start = {t.start: t for t in tokens}
    openers = {t.start for i, t in enumerate(tokens) if i == 0 or _new_sentence(tokens[i - 1], t, text)}
    return [_without_opener(m, by_start.get(m.start), m.start in openers) for m in mentions]


def _new_sentence(before: Token, token: Token, text: str) -> bool:
    """A sentence or a paragraph opens at the token (the model's sentences run across a line break)."""
    return before.sent != token.sent or "\n" in text[before.end : token.start]


def _without_opener(mention: Mention, first: Token | None, opens_sentence: bool) -> Mention:
    if mention.label not in _CUT or first is None or first.end >= mention.end:
        return mention
    rest = mention.text[first.end - mention.start :]
    opener = first.text.islower() or (opens_sentence and first.pos in _OPENERS)
    if not opener or not rest.strip()[:1].isupper():
        return mention
    cut = len(mention.text) - len(rest.lstrip())
    name = mention.text[cut:]
    return replace(mention, text=name, start=mention.start + cut, normal=name)
