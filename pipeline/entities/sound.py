"""Names in either script → transliterated Latin and a phonetic key that both scripts share.

Cyrillic is transliterated with `iuliia`'s Wikipedia scheme (the one the English press mostly
follows); the key then folds what the schemes and the English spellings disagree on (Artyom /
Artem, Aleksei / Alexey, Krutoi / Krutoy) and how foreign names reach Russian by sound (Трамп ~
Trump, Кир ~ Keir, Нэнси ~ Nancy, Уильям ~ William): digraphs to one letter, c/q/x/w/ph/th
spelt as they sound, doubled letters collapsed, and every run of vowels one vowel.
"""

from __future__ import annotations

import re
from functools import lru_cache

import iuliia

_NON_LETTERS = re.compile(r"[^a-z]+")
_VOWEL_RUNS = re.compile(r"[aeiouy]+")
_VOWELS = re.compile(r"[aeiouy]")
_DOUBLES = re.compile(r"(.)\1+")
# order matters: longer spellings first; Cyrillic reaches here through the Wikipedia scheme
_SPELLINGS = (
    (re.compile(r"^mc"), "mak"),
    (re.compile(r"d?g(?=[eiy])"), "j"),  # George ~ Джордж, Ridge ~ Ридж (a scheme's ге gets the same)
    (re.compile(r"(?<=[aeiou])gh"), ""),  # Kayleigh ~ Кейли
    (re.compile(r"dzh|zh|dj"), "j"),
    (re.compile(r"shch|sch|sh"), "s"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"ch|ck"), "k"),
    (re.compile(r"c(?=[eiy])"), "s"),
    (re.compile(r"c|q"), "k"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"th"), "t"),
    (re.compile(r"(?<=[aeo])w"), "u"),  # Kudlow ~ Кудлоу, Bowen ~ Боуэн
    (re.compile(r"wh|w"), "v"),
    (re.compile(r"z"), "s"),  # Meadows ~ Медоуз
    (re.compile(r"^u(?=[aeio])"), "v"),  # Уильям, Уолтер, Уайт: Russian renders W as У
    (re.compile(r"h"), ""),  # Х and H both vanish: Хиллари ~ Hillary, Джонсон ~ Johnson
    (re.compile(r"(?<=[^aeiouy])e$"), ""),  # a silent final e: Mike ~ Майк
)


def is_cyrillic(text: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in text)


@lru_cache(maxsize=200_000)
def latin(text: str) -> str:
    """A name in either script → Latin (Cyrillic through iuliia's Wikipedia scheme)."""
    return iuliia.WIKIPEDIA.translate(text) if is_cyrillic(text) else text


@lru_cache(maxsize=200_000)
def spelled(word: str) -> str:
    """One word → lower-case Latin letters with the spellings folded, doubles collapsed."""
    out = _NON_LETTERS.sub("", latin(word).casefold().replace("ё", "е"))
    for pattern, value in _SPELLINGS:
        out = pattern.sub(value, out)
    return _DOUBLES.sub(r"\1", out)


def sound(word: str) -> str:
    """A word's phonetic key: vowel runs as one `a` (Трамп, Trump → tramp; Стармер → starmar)."""
    return _DOUBLES.sub(r"\1", _VOWEL_RUNS.sub("a", spelled(word)))


def skeleton(word: str) -> str:
    """A word's consonants only, for first names (Александр, Alexander → lksndr)."""
    return _DOUBLES.sub(r"\1", _VOWELS.sub("", spelled(word)))
