"""Stage 2, clean: Page → Article (main text and metadata) or Skip."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from importlib.metadata import version

import trafilatura

from .read import parse_date
from .records import Article, Page, Skip, Status
from .settings import CleanSettings

log = logging.getLogger(__name__)

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_TRAFILATURA = f"trafilatura {version('trafilatura')}"


def clean(pages: Iterable[Page | Skip], settings: CleanSettings = CleanSettings()) -> Iterator[Article | Skip]:
    """Pages → cleaned Articles; Skips pass through untouched."""
    for page in pages:
        yield page if isinstance(page, Skip) else clean_page(page, settings)


def clean_page(page: Page, settings: CleanSettings) -> Article | Skip:
    """One Page → Article, or Skip when no main text can be found."""
    if page.kind == "html":
        return clean_html(page, settings)
    return _article(page, normalise_text(str(page.content)), "text")


def clean_html(page: Page, settings: CleanSettings) -> Article | Skip:
    try:
        doc = trafilatura.bare_extraction(
            page.content,
            url=page.url,
            with_metadata=True,
            include_comments=False,
            include_tables=settings.include_tables,
            favor_precision=settings.favor_precision,
            favor_recall=settings.favor_recall,
        )
    except (ValueError, TypeError, AttributeError) as err:  # malformed markup deep inside lxml
        return Skip(page.article_id, page.source, "clean", f"HTML extraction failed: {err}", Status.FAILED)
    text = normalise_text(getattr(doc, "text", None) or "") if doc else ""
    if not text:
        return Skip(page.article_id, page.source, "clean", "no main text found in HTML")
    return replace(
        _article(page, text, _TRAFILATURA),
        title=page.title or getattr(doc, "title", None),
        url=page.url or getattr(doc, "url", None),
        published=page.published or _metadata_date(getattr(doc, "date", None), page.source),
        site=getattr(doc, "sitename", None),
    )


def _metadata_date(value: str | None, source: str) -> date | None:
    return parse_date(value, source) if value else None


def _article(page: Page, text: str, extractor: str) -> Article:
    return Article(
        article_id=page.article_id,
        source=page.source,
        text=text,
        url=page.url,
        title=page.title,
        published=page.published,
        language=page.language,
        extractor=extractor,
    )


def normalise_text(text: str) -> str:
    """Raw text → paragraphs with collapsed spaces and no repeated paragraph.

    Case and spacing are folded when comparing paragraphs: news pages repeat their
    lead with small differences ("Governor" / "governor").
    """
    seen: set[str] = set()
    paragraphs = []
    for line in text.splitlines():
        paragraph = _SPACES.sub(" ", line).strip()
        key = paragraph.casefold()
        if paragraph and key not in seen:
            seen.add(key)
            paragraphs.append(paragraph)
    return "\n".join(paragraphs)
