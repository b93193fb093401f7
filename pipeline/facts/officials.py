"""Officials: a person with a position title nearby → person, position, affiliation.

Titles come from models/positions.toml (head words plus modifiers); the affiliation is the
organisation or region written between the title and the name ("Governor of the Kama region
Dmitry Makhonin"), right before the title ("Perm Krai Governor"), or after a trailing title
("Alexei Burakov, Director for ESG at Metafrax Chemicals").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from operator import attrgetter

from ..records import Label, Mention, Official, Token
from .affiliation import Context, affiliation, from_context
from .titles import Titles, elect_after, is_head, is_modifier, is_relative, status_before, title_word, titles

_STOP_POS = ("VERB", "AUX")
_BREAK = {",", ";", ":", "—", "–", "(", ")", "and", "и", "said", "заявил"}
_LIST = {",", "и", "and"}
_LEFT_STOP = {",", ";", ":"}  # a title further left than these is another clause's
# a title after the name through a verb: «Амано был дипломатом», "Smith was named chief executive"
_COPULAS = {
    *("быть", "являться", "стать", "становиться", "работать", "служить", "назначить", "назначать"),
    *("be", "become", "serve", "name", "appoint"),
    *("занимать", "занять"),
}
# the post itself between the verb and the title: «занимает должность руководителя»
_POST_WORDS = {"должность", "пост"}


def find_officials(persons: Sequence[tuple[Mention, str]], context: Context) -> Iterator[Official]:
    """(PER mention, canonical name) pairs → Officials for those with a position title."""
    for mention, name in with_spellings(persons, context.text):
        left = _left_title(mention, name, context)
        official = left or _right_title(mention, name, context)
        if official:
            yield official
            yield from _coordinated(official, mention, name, context, left is not None)


_COORDINATING = {",", "и", "and"}


def _coordinated(official: Official, mention: Mention, name: str, ctx: Context, left: bool) -> Iterator[Official]:
    """Titles listed with the one found, each a row of its own: «политолог и медиаменеджер Игорь
    Малашенко», «профессор, академик Иван Петров», "Wang Bing, general, deputy chief of staff"."""
    t = titles(ctx.language)
    tokens = ctx.tokens
    for _ in range(4):
        if left:
            i = _index(tokens, official.start) - 1
            head = i - 1
            if head < 0 or tokens[i].text not in _COORDINATING or tokens[head].sent != tokens[i].sent:
                return
            limit = tokens[i].start
        else:
            i = _index(tokens, official.end)
            head = i + 1
            if head >= len(tokens) or tokens[i].text not in _COORDINATING or tokens[head].sent != tokens[i].sent:
                return
            limit = _clause_end(tokens, head, t)
        if not is_head(tokens[head], t) or (head > 0 and is_relative(tokens[head - 1], t)):
            return
        official = _official(mention, name, head, limit, ctx)
        yield official


def with_spellings(persons: Sequence[tuple[Mention, str]], text: str) -> list[tuple[Mention, str]]:
    """A name followed by its spelling in brackets («Джеймс Макгирт (James McGirt), тренер») → the
    name reaching over the bracket, so a title after it is the name's; the spelling takes none."""
    kept: list[tuple[Mention, str]] = []
    for mention, name in persons:
        if kept and _BRACKET.fullmatch(text, kept[-1][0].end, mention.start):
            end = mention.end + (text[mention.end : mention.end + 1] == ")")
            kept[-1] = (replace(kept[-1][0], end=end), kept[-1][1])
            continue
        kept.append((mention, name))
    return kept


_BRACKET = re.compile(r"\s*\(\s*")


def _index(tokens: Sequence[Token], offset: int) -> int:
    """The first token starting at or after `offset` (tokens are in text order)."""
    return bisect.bisect_left(tokens, offset, key=attrgetter("start"))


def _left_title(mention: Mention, name: str, ctx: Context) -> Official | None:
    """ "Governor of the Kama region Dmitry Makhonin", «Глава Республики Мордовия Артём Здунов»,
    «актёры Андрей Мерзликин и Алиса Гребенщикова» (a title before a list of names)."""
    t = titles(ctx.language)
    first = _index(ctx.tokens, mention.start)
    if first == len(ctx.tokens):
        return None
    sent, i, steps = ctx.tokens[first].sent, first - 1, 0
    while i >= 0 and steps < 14:
        token, steps = ctx.tokens[i], steps + 1
        if token.sent != sent or token.pos in _STOP_POS or is_relative(token, t) or _clause_break(ctx, i):
            return None
        organisation = _organisation_start(token, ctx)
        if organisation is not None:  # one step, and a head word inside it is no title: «Союза писателей»
            i = _index(ctx.tokens, organisation) - 1
            continue
        if _in_person(token, ctx):
            before = _before_listed(ctx, i)
            if before is None:
                before = _before_dependant(ctx, i, first)
            if before is None:
                return None
            i = before
            continue
        if is_head(token, t):
            found = i
            while (
                i > 0
                and is_head(ctx.tokens[i - 1], t)
                and ctx.tokens[i - 1].sent == sent
                and ctx.tokens[i].case != "Nom"
            ):
                i -= 1  # «заместитель министра»: the title starts at the first head word
            i = _agreeing_head(ctx, _governing_head(ctx, i, t), found, first, t)
            if _relative_before(ctx.tokens, i, t) or _dependant(ctx.tokens[i], ctx.tokens[first]):
                return None
            return _official(mention, name, i, mention.start, ctx)
        i -= 1
    return None


def _before_dependant(ctx: Context, i: int, first: int) -> int | None:
    """A genitive name right before this one is the title's dependant, not another holder:
    «адвокат Александра Кокорина Андрей Ромашов» → the index before «Александра Кокорина»."""
    if ctx.language != "ru" or ctx.tokens[first].case == "Gen":
        return None
    start, end = next((s, e) for s, e in ctx.persons if s <= ctx.tokens[i].start < e)
    inside = ctx.tokens[_index(ctx.tokens, start) : _index(ctx.tokens, end)]
    if _index(ctx.tokens, end) != first or not all(tok.case == "Gen" for tok in inside):
        return None
    if "\n" in ctx.text[start : ctx.tokens[first].start]:  # a headline's last word, not a dependant
        return None
    return _index(ctx.tokens, start) - 1


def _agreeing_head(ctx: Context, start: int, found: int, first: int, t: Titles) -> int:
    """A genitive name is the holder of the genitive head it agrees with: in «пресс-секретарю
    экс-президента США Билла Клинтона» Клинтон is the president, not the press secretary."""
    tokens = ctx.tokens
    if ctx.language != "ru" or tokens[first].case != "Gen" or tokens[start].case == "Gen":
        return start
    return next((j for j in range(start + 1, found + 1) if tokens[j].case == "Gen" and is_head(tokens[j], t)), start)


def _organisation_start(token: Token, ctx: Context) -> int | None:
    """Where the organisation holding this token starts, if one does."""
    return next((o.start for o in ctx.organisations if o.start <= token.start < o.end), None)


def _governing_head(ctx: Context, i: int, t: Titles) -> int:
    """A genitive head governed by an earlier head through a few genitive words: the title starts
    there («член Палаты представителей», «председатель совета директоров», «глава администрации
    президента», «биограф знаменитого инженера»)."""
    tokens = ctx.tokens
    if ctx.language != "ru" or tokens[i].case != "Gen":
        return i
    for j in range(i - 1, max(-1, i - 4), -1):
        token = tokens[j]
        if token.sent != tokens[i].sent:
            return i
        if is_head(token, t):
            return j
        if token.case != "Gen" or token.pos not in ("NOUN", "ADJ", "PROPN"):
            return i
    return i


def _before_listed(ctx: Context, i: int) -> int | None:
    """A token inside an earlier name: the index before that name when only "," / «и» separate it
    from the next name (a list under one title), else None."""
    start, end = next((s, e) for s, e in ctx.persons if s <= ctx.tokens[i].start < e)
    following = min((s for s, _ in ctx.persons if s >= end), default=end)
    gap = {tok.text.lower() for tok in ctx.tokens[_index(ctx.tokens, end) : _index(ctx.tokens, following)]}
    return _index(ctx.tokens, start) - 1 if gap and gap <= _LIST else None


def _clause_break(ctx: Context, i: int) -> bool:
    """A comma or colon ends the scan for a title, unless it separates two names of a list."""
    return ctx.tokens[i].text in _LEFT_STOP and not (i > 0 and _in_person(ctx.tokens[i - 1], ctx))


def _dependant(head: Token, name: Token) -> bool:
    """«адвокат Александра Кокорина», «тренер Дадашева»: a nominative title before a genitive name
    is the title of someone serving that person, not the person's own."""
    return head.case == "Nom" and name.case == "Gen"


def _relative_before(tokens: Sequence[Token], first: int, t: Titles) -> bool:
    """«дочь президента Иванка Трамп»: a relative word (adjectives between) right before the title."""
    i = first - 1
    while i >= 0 and tokens[i].pos == "ADJ":
        i -= 1
    return i >= 0 and tokens[i].sent == tokens[first].sent and is_relative(tokens[i], t)


def _in_person(token: Token, ctx: Context) -> bool:
    """Another person's name lies between this one and any title further left."""
    return any(start <= token.start < end for start, end in ctx.persons)


def _right_title(mention: Mention, name: str, ctx: Context) -> Official | None:
    """ "Alexei Burakov, Director for ESG at Metafrax Chemicals", «Владимир Квачков — полковник ГРУ»,
    «Амано был дипломатом»."""
    t = titles(ctx.language)
    after = _index(ctx.tokens, mention.end)
    window = ctx.tokens[after : after + 5]
    if not window:
        return None
    if window[0].text not in (",", "—", "–"):
        return _predicate_title(mention, name, after, ctx)
    for offset, token in enumerate(window[1:], start=after + 1):
        if token.sent != window[0].sent or token.pos in _STOP_POS:
            return None
        if is_relative(token, t):
            return None
        if is_head(token, t):
            end = _clause_end(ctx.tokens, offset, t)
            return None if _relative_after(ctx.tokens, offset, end, t) else _official(mention, name, offset, end, ctx)
    return None


def _predicate_title(mention: Mention, name: str, after: int, ctx: Context) -> Official | None:
    """«Амано был профессиональным дипломатом»: a copula right after the name, then a title."""
    t = titles(ctx.language)
    tokens = ctx.tokens
    if after >= len(tokens) or tokens[after].lemma.lower() not in _COPULAS:
        return None
    i = after + 1
    while i < len(tokens) and tokens[i].sent == tokens[after].sent and i - after <= 3:
        if is_head(tokens[i], t):
            return _official(mention, name, i, _clause_end(tokens, i, t), ctx)
        if tokens[i].pos not in ("ADJ", "ADV", "DET") and tokens[i].lemma.lower() not in _POST_WORDS:
            return None
        i += 1
    return None


def _relative_after(tokens: Sequence[Token], head: int, end: int, t: Titles) -> bool:
    """ "Lady Starmer, the Prime Minister's wife": a relative word closes the title's clause."""
    return any(is_relative(tok, t) for tok in tokens[head + 1 :] if tok.start < end)


def _clause_end(tokens: Sequence[Token], i: int, t: Titles) -> int:
    """Where the clause of a title after a name ends; "and" followed by another title goes on
    ("director and senior economist at TD Bank")."""
    for j, token in enumerate(tokens[i + 1 :], start=i + 1):
        if token.text in ("and", "и") and _title_follows(tokens, j + 1, t):
            continue
        if token.sent != tokens[i].sent or token.text in _BREAK:
            return token.start
    return tokens[-1].end


def _title_follows(tokens: Sequence[Token], j: int, t: Titles) -> bool:
    while j < len(tokens) and is_modifier(tokens[j], t) and not is_head(tokens[j], t):
        j += 1
    return j < len(tokens) and is_head(tokens[j], t)


def _official(mention: Mention, name: str, head: int, limit: int, ctx: Context) -> Official:
    t = titles(ctx.language)
    position_start, position, position_end = _position(ctx.tokens, head, limit, ctx)
    first = _index(ctx.tokens, position_start)
    status_start, status = status_before(ctx.tokens, first, t)
    if elect_after(ctx.tokens, head):
        status = "elect"
    title_start = ctx.tokens[status_start].start
    found = affiliation(ctx, title_start, position_end, limit) or from_context(ctx, head, limit)
    start, end = min(title_start, mention.start), max(limit, mention.end)
    label, code = found if found else (None, None)
    return Official(name, position, label, code, ctx.text[start:end], start, end, status)


def _position(tokens: Sequence[Token], head: int, limit: int, ctx: Context) -> tuple[int, str, int]:
    """Modifiers + head words + what completes them → (start, title, end of the title).

    "Executive Director", "Director for ESG", «заместитель министра промышленности»,
    «директор по техническому развитию».
    """
    t = titles(ctx.language)
    sent, first = tokens[head].sent, head
    while first > 0 and is_modifier(tokens[first - 1], t) and tokens[first - 1].sent == sent:
        first -= 1
    words = [tok.text.lower() for tok in tokens[first:head]] + [title_word(tokens[head], t)]
    last = head
    while last + 1 < len(tokens) and tokens[last + 1].start < limit:
        step = _continuation(tokens, last + 1, t, ctx)
        if not step:
            break
        words += [tok.text.lower() for tok in tokens[last + 1 : last + 1 + step]]
        last += step
    if last + 1 < len(tokens) and tokens[last + 1].text.lower() in t.complements:
        taken = _complement(tokens, last + 1, limit, ctx)
        words += [tok.text for tok in taken]
        last += len(taken)
    return tokens[first].start, " ".join(words), tokens[last].end


def _continuation(tokens: Sequence[Token], i: int, t: Titles, ctx: Context) -> int:
    """How many tokens from i go on the title: one word, or "and" + another title
    ("director and senior economist"), or none."""
    if _continues(tokens[i], t, ctx):
        return 1
    if tokens[i].text not in ("and", "и") or not _title_follows(tokens, i + 1, t):
        return 0
    j = i + 1
    while not is_head(tokens[j], t):
        j += 1
    return j - i + 1


def _continues(token: Token, t: Titles, ctx: Context) -> bool:
    """Another head word («министра»), or in Russian a lower-case dependant in the genitive («промышленности»)."""
    if is_head(token, t):
        return True
    russian_dependant = ctx.language == "ru" and token.pos in ("NOUN", "ADJ") and token.text[:1].islower()
    return russian_dependant and not _starts_entity(token.start, ctx)


def _complement(tokens: Sequence[Token], i: int, limit: int, ctx: Context) -> list[Token]:
    """ "for ESG" (up to "at"/"of"), «по техническому развитию» (up to the organisation's name)."""
    taken: list[Token] = []
    for tok in tokens[i:]:
        entity = ctx.language == "ru" and _starts_entity(tok.start, ctx)
        if tok.start >= limit or tok.text in _BREAK or entity or tok.text in ("at", "of", "in"):
            break
        taken.append(tok)
    return taken


def _starts_entity(offset: int, ctx: Context) -> bool:
    return any(o.start == offset for o in ctx.organisations) or any(r.start == offset for r in ctx.regions)


def person_names(mentions: Sequence[Mention]) -> list[tuple[Mention, str]]:
    """PER mentions → (mention, canonical name): the normal form, as written for English, without
    a bracketed spelling the model took in («Ибрахим Бубакар Кейта (Ibrahim Boubacar Keita)»)."""
    return [(m, _unbracketed(m.normal)) for m in mentions if m.label == Label.PER]


def _unbracketed(name: str) -> str:
    """A trailing bracket only: "James (Buddy) McGirt" keeps its nickname."""
    return _TRAILING_BRACKET.sub("", name).strip() or name


_TRAILING_BRACKET = re.compile(r"\s+\([^()]*\)?$")
