"""Document-level repair of NER mentions: one name, one label per article.

The small English model labels the same name differently within one text and misses repeats;
this pass (run right after NER, for both languages) relabels mentions whose name is a region in
the gazetteer (LOC) or carries an organisation cue (ORG), gives every occurrence of a name the
label its mentions mostly have, and adds the occurrences the model missed.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from ..knowledge.lexicon import word_set
from ..knowledge.organisations import body_names, fold_name, no_organisation
from ..knowledge.organisations import lexicon as org_lexicon
from ..knowledge.places import country_names
from ..records import Analysis, Label, Mention, Token
from .clubs import clubs
from .spans import (
    dateline_places,
    whole_quoted_titles,
    without_honorific,
    without_member_title,
    without_openers,
)

NAMES = (Label.PER, Label.ORG, Label.LOC)
_PRIORITY = {Label.ORG: 0, Label.LOC: 1, Label.PER: 2}


def repair(analysis: Analysis, region_names: frozenset[str]) -> Analysis:
    """Analysis → the same with consistent, completed PER/ORG/LOC mentions."""
    text = analysis.article.text
    mentions = [part for m in analysis.mentions if not names_no_organisation(m) for part in split_bracketed(m)]
    mentions = dateline_places(mentions, text)
    if analysis.article.language == "en":
        mentions = [without_member_title(without_honorific(m)) for m in mentions]
        mentions = without_openers(mentions, analysis.tokens, text)
        mentions = whole_quoted_titles(mentions, analysis.tokens, text)
        mentions = [part for m in mentions for part in split_at_first_name(m, text)]
        mentions = [extend_with_first_name(m, text) for m in mentions]
    mentions = [_relabel(m, region_names) for m in mentions]
    if analysis.article.language == "en":
        mentions = [team_in_results(m, text) for m in clubs(mentions, region_names, first_names())]
    labels = {**majority_labels(mentions), **known_surnames(mentions), **dict.fromkeys(org_lexicon().media, Label.ORG)}
    russian = analysis.article.language == "ru"
    mentions = [_vote(m, labels.get(m.text, m.label), russian) for m in mentions]
    mentions += list(missed_occurrences(text, mentions, labels))
    mentions += list(missed_surnames(analysis.tokens, mentions))
    if analysis.article.language == "en":
        mentions += list(missed_teams(text, mentions))
    return replace(analysis, mentions=tuple(sorted(mentions, key=lambda m: (m.start, m.end))))


def title_by_text(title: Analysis, text: Analysis) -> Analysis:
    """A headline's mentions with the labels its article's text gives their names: a headline in
    capitals misleads the model ("Paul Pogba Drops Hint" reads as an organisation), the text
    reads the same name in sentences; a full name's surname alone is the person's."""
    labels = {**_surnames_of(text.mentions), **majority_labels(text.mentions)}
    russian = title.article.language == "ru"
    mentions = [_vote(m, labels.get(m.text, m.label), russian) if m.label in NAMES else m for m in title.mentions]
    return replace(title, mentions=tuple(mentions))


def _surnames_of(mentions: Sequence[Mention]) -> dict[str, Label]:
    return {words[-1]: Label.PER for words in _full_names(mentions)}


def names_no_organisation(mention: Mention) -> bool:
    """An ORG mention of a word that names none («СМИ», the media: `not_organisations`)."""
    return mention.label == Label.ORG and mention.text in org_lexicon().not_organisations


def split_bracketed(mention: Mention) -> list[Mention]:
    """ "Сумана Сакко (Soumana Sacko)", «Фонда борьбы с коррупцией (ФБК)», "NHS (Национальная служба"
    → the name and each name in the bracket that ends the span, each a mention with the same label."""
    if mention.label not in NAMES:
        return [mention]
    cut = mention.text.find(" (")
    if cut <= 0 or ")" in mention.text[:cut]:
        return [mention]
    inner = mention.text[cut + 2 :]
    if inner.endswith(")") and inner.count(")") > inner.count("("):
        inner = inner[:-1]
    if not inner.strip() or inner.count("(") != inner.count(")"):
        return [mention]
    head = mention.text[:cut].rstrip()
    normal = mention.normal.split(" (", 1)[0].rstrip() or head
    parts = [replace(mention, text=head, end=mention.start + len(head), normal=normal)]
    offset = mention.start + cut + 2
    for match in re.finditer(r"[^,]+", inner):
        name = match.group(0).strip()
        if name[:1].isalpha() and not name[:1].islower():
            start = offset + match.start() + match.group(0).index(name)
            parts.append(Mention(mention.label, name, start, start + len(name), name, mention.source_label))
    return parts


def first_names() -> frozenset[str]:
    return word_set("first_names", "en")


def split_at_first_name(mention: Mention, text: str) -> list[Mention]:
    """ "Russia Dmitry Krutoi" (ORG) → "Russia" (LOC if a region) + "Dmitry Krutoi" (PER)."""
    if mention.label == Label.PER:
        return [mention]
    words = list(re.finditer(r"\S+", mention.text))
    for i, word in enumerate(words[1:-1], start=1):
        if word.group(0) in first_names() and words[i + 1].group(0)[:1].isupper():
            head, tail = mention.text[: word.start()].rstrip(), mention.text[word.start() :]
            start = mention.start + word.start()
            person = Mention(Label.PER, tail, start, mention.end, tail, "split")
            return [replace(mention, text=head, end=mention.start + len(head), normal=head), person]
    return [mention]


def extend_with_first_name(mention: Mention, text: str) -> Mention:
    """ "Burakov" preceded by "Alexei " → "Alexei Burakov"."""
    if mention.label != Label.PER or " " in mention.text:
        return mention
    match = re.search(r"([A-Z][a-z]+) $", text[max(0, mention.start - 20) : mention.start])
    if not match or match.group(1) not in first_names():
        return mention
    name = match.group(1) + " " + mention.text
    return replace(mention, text=name, normal=name, start=mention.start - len(match.group(0)))


def missed_surnames(tokens: Sequence[Token], mentions: Sequence[Mention]) -> Iterable[Mention]:
    """A full name's surname in another case form («Махонину») → a PER mention of its own."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    by_start = {t.start: t for t in tokens}
    surnames: dict[str, str] = {}
    for m in mentions:
        last = m.text.rsplit(" ", 1)[-1]
        token = by_start.get(m.end - len(last))
        if m.label == Label.PER and " " in m.text and token is not None:
            surnames.setdefault(token.lemma.lower(), m.normal.rsplit(" ", 1)[-1])
    for token in tokens:
        if (
            token.start not in covered
            and token.pos == "PROPN"
            and token.text[:1].isupper()
            and token.lemma.lower() in surnames
        ):
            yield Mention(Label.PER, token.text, token.start, token.end, surnames[token.lemma.lower()], "propagated")


def _relabel(mention: Mention, region_names: frozenset[str]) -> Mention:
    if mention.text in org_lexicon().media or (mention.label == Label.PER and _platform(mention.text)):
        return replace(mention, label=Label.ORG)
    if mention.label in (Label.PER, Label.ORG, Label.MISC) and mention.normal in region_names:
        return replace(mention, label=Label.LOC)
    if mention.label in (Label.PER, Label.MISC, Label.LOC) and org_lexicon().cues.search(mention.text):
        return replace(mention, label=Label.ORG)
    if mention.label == Label.LOC and is_body(mention):
        return replace(mention, label=Label.ORG)
    return mention


def _platform(name: str) -> bool:
    """ "Twitter", "@Twitter", «Твиттер»: a platform's name, as written or in a Russian case form."""
    folded, platforms = name.lstrip("@").lower().replace("ё", "е"), no_organisation("platforms")
    return folded in platforms or (folded[:-1] in platforms and len(folded) > 4)


def team_in_results(mention: Mention, text: str) -> Mention:
    """ "Somerset 83 and 174, Leicestershire 296." "Minnesota 6 MILWAUKEE 1": a place followed by a
    score on a line of results, where another name has a score too, is the team (ORG); a country
    stays a place ("Sri Lanka 230, Australia 231-5": national sides keep the country's name)."""
    if mention.label != Label.LOC or mention.text in country_names() or not _SCORE_AFTER.match(text, mention.end):
        return mention
    start, end = text.rfind("\n", 0, mention.start) + 1, text.find("\n", mention.end)
    line = text[start : end if end != -1 else len(text)]
    return replace(mention, label=Label.ORG) if len(_NAME_SCORE.findall(line)) >= 2 else mention


_SCORE_AFTER = re.compile(r" \d+\b(?![.:/]\d| ?%| ?(?:percent|pct|per cent|million|billion|km|miles)\b)")
_NAME_SCORE = re.compile(r"[A-Z][A-Za-z.'-]*(?: [A-Z][A-Za-z.'-]*)* \d+\b")


def missed_teams(text: str, mentions: Sequence[Mention]) -> Iterable[Mention]:
    """The names with a score on a results line that no mention covers ("Essex 372 and 100-5",
    "MILWAUKEE 1") → ORG mentions; not inside brackets (players' figures), not initials, countries
    or months."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    pos = 0
    for line in text.split("\n"):
        found = list(_NAME_SCORE.finditer(line))
        if len(found) >= 2:
            for match in found:
                name = match.group(0).rsplit(" ", 1)[0]
                start = pos + match.start()
                if _team_name(name, line[: match.start()]) and not covered.intersection(
                    range(start, start + len(name))
                ):
                    yield Mention(Label.ORG, name, start, start + len(name), name, "results")
        pos += len(line) + 1


def _team_name(name: str, before: str) -> bool:
    return (
        len(name) > 2
        and "." not in name
        and before.count("(") <= before.count(")")
        and name not in country_names()
        and name.title() not in country_names()
        and name.split()[0].lower().rstrip(".") not in _CALENDAR
    )


_CALENDAR = frozenset(
    [m.lower() for m in calendar.month_name[1:] + calendar.month_abbr[1:] + calendar.day_name[:] + calendar.day_abbr[:]]
    + ["sept"]
)


def is_body(mention: Mention) -> bool:
    """Whether the mention names a public body of models/bodies.csv («ЕС», «Евросоюза»: its normal form)."""
    return fold_name(mention.normal) in body_names() or fold_name(mention.text) in body_names()


def _vote(mention: Mention, label: Label, russian: bool) -> Mention:
    """The mention with the label its name's vote gave; in Russian the vote does not move a mention
    between place and organisation: Natasha tells «в Сколково» (the place) from «фонд ‹Сколково›»
    well, and a name is often both in one article."""
    if label == mention.label or (russian and {mention.label, label} == {Label.LOC, Label.ORG}):
        return mention
    return replace(mention, label=label)


def majority_labels(mentions: Sequence[Mention]) -> dict[str, Label]:
    """Name → the label most of its mentions carry (ties: ORG, then LOC, then PER)."""
    votes: dict[str, Counter[Label]] = defaultdict(Counter)
    for m in mentions:
        if m.label in NAMES:
            votes[m.text][m.label] += 1
    return {name: min(c, key=lambda label: (-c[label], _PRIORITY[label])) for name, c in votes.items()}


def known_surnames(mentions: Sequence[Mention]) -> dict[str, Label]:
    """The surname of a person the article names in full is not an organisation: "Lebed" after
    "Alexander Lebed's", "Wang" after "Wang Donghai" (surname first when the first word is no
    first name), whatever the model says of it alone."""
    surnames: set[str] = set()
    for words in _full_names(mentions):
        surnames.add(words[-1])
        if words[0] not in first_names():
            surnames.add(words[0])
    return {m.text: Label.PER for m in mentions if m.text in surnames and m.label == Label.ORG}


def _full_names(mentions: Sequence[Mention]) -> Iterator[list[str]]:
    """The words of each person's name of two words or more, a possessive cut ("Alexander Lebed's")."""
    for m in mentions:
        words = _POSSESSIVE.sub("", m.text).split() if m.label == Label.PER else []
        if len(words) >= 2:
            yield words


_POSSESSIVE = re.compile(r"['’]s$")


def missed_occurrences(text: str, mentions: Sequence[Mention], labels: dict[str, Label]) -> Iterable[Mention]:
    """Other occurrences of an article's names that no mention covers yet (one pass, longest name first)."""
    names = [name for name in labels if len(name) >= 3 and name[:1].isupper()]
    if not names:
        return
    covered = {i for m in mentions for i in range(m.start, m.end)}
    for start, end in whole_word_occurrences(text, names):
        if not covered.intersection(range(start, end)):
            name = text[start:end]
            yield Mention(labels[name], name, start, end, name, "propagated")


def whole_word_occurrences(text: str, names: Iterable[str]) -> list[tuple[int, int]]:
    """Where the names occur as whole words, scanning left to right: at each place the longest
    name, then on after its end (what one regex alternation of the names would find, without
    compiling one per article)."""
    longest: dict[int, int] = {}
    for name in names:
        start = text.find(name)
        while start != -1:
            end = start + len(name)
            if not (_word_char(text, start - 1) or _word_char(text, end)):
                longest[start] = max(longest.get(start, end), end)
            start = text.find(name, start + 1)
    found, pos = [], 0
    for start in sorted(longest):
        if start >= pos:
            found.append((start, longest[start]))
            pos = longest[start]
    return found


def _word_char(text: str, index: int) -> bool:
    """Whether text[index] exists and is what the regex `\\w` matches."""
    return 0 <= index < len(text) and (text[index].isalnum() or text[index] == "_")
