"""The headline through NER with its article: one pass over "title.\n\ntext", split back after.

The title goes in front of the text, ended like a sentence and a paragraph apart, so that each
back-end sees it as a sentence of its own, the document-level repair sees the title's names with
the text's, and the text's offsets are only shifted. After the pass the title's tokens and
mentions go to `Analysis.title_tokens` / `title_mentions` (offsets into the title), the text's get
their offsets back (into `articles.text`, unchanged); a mention across the seam is dropped.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from ..records import Analysis, Article, Mention, Token

Item = TypeVar("Item", Token, Mention)

_SEAM = "\n\n"
_ENDS = (".", "!", "?", "…")


def joined(article: Article) -> Article:
    """An article → the one NER reads: its title (if any) before its text."""
    title = (article.title or "").strip()
    if not title or not article.text:
        return article
    stop = "" if title.endswith(_ENDS) else "."
    return replace(article, text=f"{article.title}{stop}{_SEAM}{article.text}")


def split(analysis: Analysis, article: Article) -> Analysis:
    """The joined article's Analysis → the original article's, with the title's tokens and mentions apart."""
    if analysis.article.text == article.text:
        return replace(analysis, article=article)
    title_end = len(article.title or "")
    shift = len(analysis.article.text) - len(article.text)
    return Analysis(
        article,
        _moved(analysis.tokens, shift),
        _moved(analysis.mentions, shift),
        _within(analysis.tokens, title_end),
        _within(analysis.mentions, title_end),
    )


def _moved(items: tuple[Item, ...], shift: int) -> tuple[Item, ...]:
    """The text's items, offsets back into the text."""
    return tuple(replace(i, start=i.start - shift, end=i.end - shift) for i in items if i.start >= shift)


def _within(items: tuple[Item, ...], end: int) -> tuple[Item, ...]:
    """The title's items (offsets already into it)."""
    return tuple(i for i in items if i.end <= end)
