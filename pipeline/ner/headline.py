"""The headline through NER: read as a short document of its own, in the same batch as the texts.

The title goes through the same back-end and the same repair as its article's text, but apart
from it, so that the text's tokens and mentions (and every row read from them) are exactly what
they are without a title: a headline in front of the text changes the models' reading of the
text's first sentence (spaCy tags "Perm Krai Governor" as a person after "A visit."). The
title's tokens and mentions go to `Analysis.title_tokens` / `title_mentions`, offsets into the title.
"""

from __future__ import annotations

from dataclasses import replace

from ..records import Analysis, Article


def headline(article: Article) -> Article | None:
    """An article → its title as an article of its own for NER (None without a title or a text)."""
    title = (article.title or "").strip()
    if not title or not article.text:
        return None
    return replace(article, text=article.title or "", title=None)


def with_title(text: Analysis, title: Analysis | None) -> Analysis:
    """The text's Analysis + the title's → one Analysis, the title's tokens and mentions apart."""
    if title is None:
        return text
    return replace(text, title_tokens=title.tokens, title_mentions=title.mentions)
