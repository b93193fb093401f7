"""Persons: every person mention, with later references joined to the full name.

A surname on its own ("Makhonin", «Махонину» → «Махонин») joins the article's one full name
ending in it; a first name on its own («Бориса» → Борис, "Boris") the article's one full name
starting with it, when no full name ends in it (and, in Russian, when pymorphy knows the word as a first
name, `Name`); a bare title after the official was named ("the governor said", «губернатор
отметил») joins that official when only one person in the article holds the title.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from functools import lru_cache
from operator import attrgetter

from ..knowledge.lexicon import morph_vocab
from ..records import Label, Mention, Official, Organisation, Person, Token
from .titles import titles


def _fold(name: str) -> str:
    return name.casefold().replace("ё", "е")


def find_persons(
    persons: Sequence[tuple[Mention, str]], officials: Sequence[Official], tokens: Sequence[Token], language: str
) -> Iterator[Person]:
    """(PER mention, canonical name) pairs → Persons, then title references to officials."""
    full_names = sorted({name for _, name in persons if " " in name})
    for mention, name in persons:
        yield _joined(mention, name, full_names, language)
    yield from title_references(tokens, officials, [(m.start, m.end) for m, _ in persons], language)


_NAMED_AFTER = ("имени", "им.", "им")


def namesakes(organisations: Sequence[Organisation], tokens: Sequence[Token]) -> list[tuple[Mention, str]]:
    """The person an organisation is named after («Литературный институт имени А. М. Горького»,
    «театр драмы им. В. М. Шукшина») → (PER mention, nominative name): the capitalised words after
    «имени» / «им.» to the end of the organisation's name."""
    found: list[tuple[Mention, str]] = []
    for organisation in organisations:
        inside = tokens[bisect.bisect_left(tokens, organisation.start, key=attrgetter("start")) :]
        inside = [t for t in inside if t.end <= organisation.end]
        cue = next((i for i, t in enumerate(inside) if t.text.lower() in _NAMED_AFTER), None)
        words = inside[cue + 1 :] if cue is not None else []
        words = words[1:] if words and words[0].text == "." else words
        if words and all(t.text[:1].isupper() or t.text in ("ван", "де", "фон", ".") for t in words):
            start, end = words[0].start, words[-1].end
            name = " ".join(_nominative(t) for t in words).replace(" .", ".")
            found.append(
                (
                    Mention(
                        Label.PER,
                        organisation.text[start - organisation.start : end - organisation.start],
                        start,
                        end,
                        name,
                        "namesake",
                    ),
                    name,
                )
            )
    return found


def _nominative(token: Token) -> str:
    """A word of a name in the genitive → its nominative as written: «Горького» → Горький; initials stay."""
    if token.text.endswith(".") or len(token.text) <= 2 or not token.text[:1].isupper():
        return token.text
    return token.lemma[:1].upper() + token.lemma[1:]


# what a masculine surname adds in the other cases (Вовк: Вовка, Вовку, Вовком, Вовке); «-ой» is
# left out, so Ивановой never becomes Иванов
_VOWELS = "аеёиоуыэюяьй"
_ENDINGS = ("а", "у", "ом", "е", "ым", "ым", "ем", "ю", "я")


def nominative_surnames(persons: Sequence[tuple[Mention, str]], tokens: Sequence[Token]) -> list[tuple[Mention, str]]:
    """Russian (PER mention, name) pairs → the same, each surname in the one nominative the article
    writes: «Павла Вовка», «Вовку» → Вовк when «Вовк» stands in the nominative elsewhere."""
    case = {t.end: t.case for t in tokens}
    starts = {t.start: t.case for t in tokens}
    persons = [(m, _feminine(_genitive(m, name, starts.get(m.start, "")))) for m, name in persons]
    nominative = {_fold(name.split()[-1]) for m, name in persons if case.get(m.end) == "Nom"}
    return [(m, _renamed(name, nominative) if _as_written(m, name) else name) for m, name in persons]


def _as_written(mention: Mention, name: str) -> bool:
    """Whether the model left the surname as written («Вовка»): one it inflected («Бондаревой» →
    Бондарева) is already a nominative, and a woman's."""
    return _fold(mention.text.split()[-1]) == _fold(name.split()[-1])


_FEMININE_OBLIQUE = ("овой", "евой", "ёвой", "иной", "ыной")


def _feminine(name: str) -> str:
    """«Валентине Бондаревой» left as Валентина Бондаревой → Валентина Бондарева."""
    words = name.split()
    if len(words) == 2 and words[0][-1:] in "ая" and words[1].endswith(_FEMININE_OBLIQUE):
        return f"{words[0]} {words[1][:-2]}а"
    return name


def _genitive(mention: Mention, name: str, case: str) -> str:
    """«Павла Вовка» → Павел Вовк: after a genitive first name, a surname left as written in «-а»
    after a consonant is the genitive of a surname ending in that consonant."""
    words, written = name.split(), mention.text.split()
    if case not in ("Gen", "Acc") or len(words) != 2 or len(written) != 2 or words[0] == written[0]:
        return name
    surname = words[1]
    if surname != written[1] or not surname.endswith("а") or len(surname) < 4 or surname[-2] in _VOWELS:
        return name
    return f"{words[0]} {surname[:-1]}"


def _renamed(name: str, nominative: set[str]) -> str:
    *first, surname = name.split()
    folded = _fold(surname)
    if folded in nominative:
        return name
    bases = [n for n in nominative if len(n) >= 3 and folded.startswith(n) and folded[len(n) :] in _ENDINGS]
    if len(bases) != 1:
        return name
    return " ".join([*first, surname[: len(bases[0])]])


def _joined(mention: Mention, name: str, full_names: Sequence[str], language: str) -> Person:
    """A mention and its name → a Person under the full name a lone surname or first name stands for."""
    if " " in name:
        return Person(mention.text, name, mention.start, mention.end, "name")
    if full := _by_word(name, full_names, -1):
        return Person(mention.text, full, mention.start, mention.end, "surname")
    if is_first_name(name, language) and (full := _by_word(name, full_names, 0)):
        return Person(mention.text, full, mention.start, mention.end, "first name")
    return Person(mention.text, name, mention.start, mention.end, "name")


@lru_cache(maxsize=100_000)
def is_first_name(word: str, language: str) -> bool:
    """A word → whether it may be a first name: pymorphy's `Name` tag in Russian (so «Акихито» of a
    wrongly joined «Акихито Нарухито» is not), any word in English, where no dictionary says."""
    if language != "ru":
        return True
    return any("Name" in parse.tag for parse in morph_vocab().parse(word))


def _by_word(word: str, full_names: Sequence[str], at: int) -> str | None:
    """A lone word → the article's one full name with that word at position `at` (-1 surname, 0 first name)."""
    matches = [name for name in full_names if _fold(name.split()[at]) == _fold(word)]
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
