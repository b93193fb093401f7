"""Extracted text → text without template lines: section tails, widgets, and a second opinion."""

from __future__ import annotations

import logging
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import justext
from lxml.etree import ParserError

from .lexicon import cyrillic_share

log = logging.getLogger(__name__)

_WORDS = re.compile(r"\w+")
_STOPLISTS = {"en": "English", "ru": "Russian"}


@dataclass(frozen=True)
class Markers:
    """Patterns from models/clean_markers.toml."""

    comment_attributes: re.Pattern[str]
    tail: re.Pattern[str]
    line: re.Pattern[str]


@lru_cache(maxsize=4)
def load_markers(path: Path) -> Markers:
    """clean_markers.toml → compiled, case-insensitive patterns."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return Markers(
        comment_attributes=re.compile(data["comment_attributes"], re.IGNORECASE),
        tail=re.compile("|".join(f"(?:{p})" for p in data["tail"]), re.IGNORECASE),
        line=re.compile("|".join(f"(?:{p})" for p in data["line"]), re.IGNORECASE),
    )


def drop_template_lines(text: str, markers: Markers, tail_min_share: float, max_chars: int) -> str:
    """Text → text without widget lines, cut at the first heading that opens a trailing section."""
    lines = text.splitlines()
    total = sum(map(len, lines))
    kept: list[str] = []
    seen = 0
    for line in lines:
        short = len(line) <= max_chars
        if short and seen >= tail_min_share * total and markers.tail.match(line):
            log.debug("tail cut at %r", line)
            break
        seen += len(line)
        if not (short and markers.line.fullmatch(line)):
            kept.append(line)
    return "\n".join(kept)


def words(text: str) -> list[str]:
    """Text → lower-cased \\w+ tokens."""
    return _WORDS.findall(text.lower())


def second_opinion(html: str, language: str) -> str:
    """HTML → the paragraphs jusText keeps (its stop-word list for the language)."""
    try:
        paragraphs = justext.justext(html.encode("utf-8"), stoplist(language), encoding="utf-8")
    except (ValueError, ParserError) as err:  # an empty or unparsable document
        log.debug("jusText found no document: %s", err)
        return ""
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


@lru_cache(maxsize=4)
def stoplist(language: str) -> frozenset[str]:
    """ISO 639-1 code → jusText's stop words for it (English for a language it has none for)."""
    return frozenset(justext.get_stoplist(_STOPLISTS.get(language, "English")))


def vote(text: str, other: str, min_share: float) -> str:
    """Text → its lines whose words the other extractor also kept (at least min_share of them).

    When the other extractor kept nothing, or the vote would leave nothing, the text stays whole:
    a second opinion that found no article is no evidence against the first.
    """
    vocabulary = set(words(other))
    if not vocabulary:
        return text
    kept = [line for line in text.splitlines() if _share(words(line), vocabulary) >= min_share]
    return "\n".join(kept) or text


def _share(tokens: list[str], vocabulary: set[str]) -> float:
    return sum(t in vocabulary for t in tokens) / len(tokens) if tokens else 0.0


def script_language(text: str) -> str:
    """Text → "ru" when most of its letters are Cyrillic, else "en" (a guess before detect)."""
    return "ru" if cyrillic_share(text) > 0.5 else "en"
