"""Extracted text → text cut at a trailing section's heading, and the sentences a second extractor agrees with."""

from __future__ import annotations

import logging
import re
import tomllib
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import justext
import justext.core as jt
from justext.paragraph import Paragraph
from lxml.etree import ParserError
from lxml.html import HtmlElement

from ..knowledge.lexicon import cyrillic_share

log = logging.getLogger(__name__)

_WORDS = re.compile(r"\w+")
# the space after a sentence's end: ".", "!", "?" or "…", then a capital, a digit or an opening quote
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[«\"(]?[A-ZА-ЯЁ0-9])")
_STOPLISTS = {"en": "English", "ru": "Russian"}
_LENGTH_LOW = jt.LENGTH_LOW_DEFAULT  # jusText's "short" paragraph bound, 70 characters


@dataclass(frozen=True)
class Markers:
    """Patterns from models/clean_markers.toml."""

    comment_attributes: re.Pattern[str]
    tail: re.Pattern[str]


@lru_cache(maxsize=4)
def load_markers(path: Path) -> Markers:
    """clean_markers.toml → compiled, case-insensitive patterns."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return Markers(
        comment_attributes=re.compile(data["comment_attributes"], re.IGNORECASE),
        tail=_any(data["tail"]),
    )


def _any(patterns: list[str]) -> re.Pattern[str]:
    """Patterns → one case-insensitive alternation; no patterns → one that never matches."""
    return re.compile("|".join(f"(?:{p})" for p in patterns) or "(?!)", re.IGNORECASE)


def cut_tail(text: str, markers: Markers, min_share: float, max_chars: int) -> str:
    """Text → its lines before the first short line (at most max_chars) that opens a trailing
    section ("read also", comments, the legal footer), once min_share of the text has gone by."""
    lines = text.splitlines()
    total = sum(map(len, lines))
    seen = 0
    for n, line in enumerate(lines):
        if len(line) <= max_chars and seen >= min_share * total and markers.tail.match(line):
            log.debug("tail cut at %r", line)
            return "\n".join(lines[:n])
        seen += len(line)
    return text


def words(text: str) -> list[str]:
    """Text → lower-cased \\w+ tokens."""
    return _WORDS.findall(text.lower())


def second_opinion(html: str | HtmlElement, language: str, sibling_max_link_density: float | None = None) -> str:
    """HTML → the paragraphs jusText keeps (its stop-word list for the language, its default
    settings), and with `sibling_max_link_density` their siblings that read as prose (`with_siblings`)."""
    paragraphs = classified_paragraphs(html, language)
    if sibling_max_link_density is None:
        return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)
    return "\n".join(p.text for p in with_siblings(paragraphs, sibling_max_link_density))


def with_siblings(paragraphs: list[Paragraph], max_link_density: float) -> list[Paragraph]:
    """jusText's good paragraphs, and the paragraphs beside them in the same element that are long
    enough to judge (jusText's 70 characters) and carry at most max_link_density of their text in
    links.

    jusText judges a paragraph by its own stop words, links and length, then by its neighbours
    in reading order; a sentence full of names and figures, or with a few links, fails both even
    between two good paragraphs of the same element. The element that holds a good paragraph is
    the article's: its other prose paragraphs are the article too.
    """
    containers = {_parent(p) for p in paragraphs if not p.is_boilerplate}
    return [
        p
        for p in paragraphs
        if not p.is_boilerplate
        or (_parent(p) in containers and len(p.text) >= _LENGTH_LOW and p.links_density() <= max_link_density)
    ]


def _parent(paragraph: Paragraph) -> str:
    return str(paragraph.xpath).rpartition("/")[0]


def classified_paragraphs(html: str | HtmlElement, language: str) -> list[Paragraph]:
    """HTML (or its parsed tree, left as it is) → jusText's paragraphs with their classes, as
    `justext.justext` gives them.

    The same steps, with paragraphs that compute their text and path once instead of at every
    look (that was a third of jusText's time).
    """
    try:
        dom = (
            html if isinstance(html, HtmlElement) else jt.html_to_dom(html.encode("utf-8"), "utf-8", "utf-8", "strict")
        )
        dom = jt.preprocessor(dom)  # cleans a copy of a tree
    except (ValueError, ParserError) as err:  # an empty or unparsable document
        log.debug("jusText found no document: %s", err)
        return []
    paragraphs = _ParagraphMaker.make_paragraphs(dom)
    jt.classify_paragraphs(paragraphs, stoplist(language))
    jt.revise_paragraph_classification(paragraphs)
    return paragraphs


class _Paragraph(Paragraph):
    """jusText's paragraph, its text and DOM path computed once, when first asked for.

    jusText starts a paragraph at every block boundary (four in five stay empty) and spells
    out its DOM path and XPath each time; here the path is a snapshot of (tag, order) pairs
    until someone reads it, and the text is joined once per set of text nodes.
    """

    def __init__(self, path: jt.PathInfo) -> None:
        self._path = tuple(path._elements)  # (tag, order, children) triples; tag and order never change
        self.text_nodes: list[str] = []
        self.chars_count_in_links = 0
        self.tags_count = 0
        self.class_type = ""
        self._key, self._text = -1, ""

    @cached_property
    def dom_path(self) -> str:
        return ".".join(tag for tag, _, _ in self._path)

    @cached_property
    def xpath(self) -> str:
        return "/" + "/".join(f"{tag}[{order}]" for tag, order, _ in self._path)

    @property
    def text(self) -> str:
        if self._key != len(self.text_nodes):
            self._key, self._text = len(self.text_nodes), Paragraph.text.fget(self)
        return self._text


class _ParagraphMaker(jt.ParagraphMaker):
    paragraph: _Paragraph | None
    paragraphs: list[_Paragraph]

    def _start_new_pragraph(self) -> None:  # jusText's spelling
        if self.paragraph and self.paragraph.contains_text():
            self.paragraphs.append(self.paragraph)
        self.paragraph = _Paragraph(self.path)


@lru_cache(maxsize=4)
def stoplist(language: str) -> frozenset[str]:
    """ISO 639-1 code → jusText's stop words for it (English for a language it has none for)."""
    return frozenset(justext.get_stoplist(_STOPLISTS.get(language, "English")))


def vote(text: str, other: str, min_share: float) -> str:
    """Text → its sentences whose words the other extractor also kept (at least min_share of them).

    When the other extractor kept nothing, or the vote would leave nothing, the text stays whole:
    a second opinion that found no article is no evidence against the first.

    Sentences, not lines, are judged: trafilatura can return a whole page section as one line
    (a table cell holding the date, the article and the links under it).
    """
    vocabulary = set(words(other))
    if not vocabulary:
        return text
    kept = [voted for line in text.splitlines() if (voted := _voted(line, vocabulary, min_share))]
    return "\n".join(kept) or text


def _voted(text: str, vocabulary: set[str], min_share: float) -> str:
    """Text → its sentences with at least min_share of their words in the vocabulary."""
    return " ".join(s for s in _SENTENCE_END.split(text.strip()) if _share(words(s), vocabulary) >= min_share)


def _share(tokens: list[str], vocabulary: set[str]) -> float:
    return sum(t in vocabulary for t in tokens) / len(tokens) if tokens else 0.0


def script_language(text: str) -> str:
    """Text → "ru" when most of its letters are Cyrillic, else "en" (a guess before detect)."""
    return "ru" if cyrillic_share(text) > 0.5 else "en"
