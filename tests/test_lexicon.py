"""Regex and script helpers shared by the stages: exact speed-ups of plain definitions."""

from __future__ import annotations

import re

import pytest

from pipeline.facts.amounts.patterns import patterns as amount_patterns
from pipeline.facts.dates.grammar import patterns as date_patterns
from pipeline.knowledge.lexicon import cyrillic_share, first_char_guard

GUARDED = [
    # (pattern, flags, the guard's character class)
    (r"(?<!\w)(?:may|june)(?!\w)", re.IGNORECASE, "[jm]"),
    (r"\d+|abc", 0, r"[\da]"),
    (r"(?:the\s+)?(?P<d>\d\d?)", 0, r"[\dt]"),
    (r"\s*x", 0, r"[\sx]"),
    (r"(?<![\w.])(?:[-−]|)\d", 0, r"[\-\d−]"),
    (r"\bQ[1-4]\b", 0, "[Q]"),
]

UNGUARDED = [
    # the empty string matches, so every position can start a match
    (r"a?", 0),
    (r"(?:x|)", 0),
    (r"\b", 0),
    # first characters that are not read: negated sets, any character, back-references
    (r"[^a]b", 0),
    (r".b", 0),
    (r"(a)?\1b", 0),
    (r"\Wx", 0),
    # case folding switched on inside a case-sensitive pattern
    (r"(?i:x)y", 0),
]

TEXTS = [
    "May 5, 2026 and 15 June; the 3rd of June; Q2 results",
    "Глава региона 12 мая 2025 г. подписал соглашение на 1,73 млрд рублей",
    "-5% then −3 %, x  x\tabc 42, MAY may Мая",
    "",
]


@pytest.mark.parametrize(("pattern", "flags", "guard"), GUARDED)
def test_the_guard_is_the_set_of_first_characters(pattern: str, flags: int, guard: str) -> None:
    assert first_char_guard(pattern, flags) == f"(?={guard})(?:{pattern})"


@pytest.mark.parametrize(("pattern", "flags"), UNGUARDED)
def test_patterns_whose_first_characters_are_unknown_stay_as_they_are(pattern: str, flags: int) -> None:
    assert first_char_guard(pattern, flags) == pattern


def _spans(rx: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in rx.finditer(text)]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize(("pattern", "flags", "_guard"), GUARDED)
def test_a_guarded_pattern_finds_what_the_pattern_finds(pattern: str, flags: int, _guard: str, text: str) -> None:
    plain, guarded = re.compile(pattern, flags), re.compile(first_char_guard(pattern, flags), flags)
    assert _spans(guarded, text) == _spans(plain, text)


def test_the_grammars_are_guarded() -> None:
    """The scanning patterns of the dates and amounts grammars all carry a guard."""
    scanning = [rule.regex for rule in date_patterns(True)] + [amount_patterns().number]
    assert all(rx.pattern.startswith("(?=[") for rx in scanning)


_LETTER = re.compile(r"[^\W\d_]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "123 — !",
        "Perm Krai",
        "Пермский край",
        "Пермь (Perm), 2026",
        "ёЁ ѣ ҂ ӿ Ա ü ß",  # the edges of the Cyrillic block, a sign inside it, other scripts
        "x\ud800y",  # a lone surrogate from a badly decoded page
    ],
)
def test_cyrillic_share_is_cyrillic_characters_over_letters(text: str) -> None:
    letters = len(_LETTER.findall(text))
    expected = len(_CYRILLIC.findall(text)) / letters if letters else 0.0
    assert cyrillic_share(text) == pytest.approx(expected)
