"""Stage 3, detect: Article → Article with its language, or Skip when unsupported."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import replace

from langdetect import DetectorFactory, detect
from langdetect.lang_detect_exception import LangDetectException

from .records import Article, Skip
from .settings import LanguageSettings

log = logging.getLogger(__name__)

# langdetect samples n-grams at random; a prefix this long decides news text reliably.
SAMPLE_CHARS = 3000


def detect_language(text: str, seed: int = 0) -> str:
    """Text → ISO 639-1 code; deterministic for a given seed."""
    DetectorFactory.seed = seed
    return str(detect(text[:SAMPLE_CHARS]))


def detect_languages(
    articles: Iterable[Article | Skip], settings: LanguageSettings = LanguageSettings()
) -> Iterator[Article | Skip]:
    """Articles → Articles with `language` set; other languages and empty texts → Skip."""
    for article in articles:
        yield article if isinstance(article, Skip) else route(article, settings)


def route(article: Article, settings: LanguageSettings) -> Article | Skip:
    """One Article → the same with its language, or Skip with the reason."""
    if len(article.text.strip()) < settings.min_chars:
        return _skip(article, f"empty text ({len(article.text.strip())} chars after cleaning)")
    language = article.language
    if not language:
        try:
            language = detect_language(article.text, settings.seed)
        except LangDetectException as err:
            return _skip(article, f"language not detected: {err}")
    routed = replace(article, language=language)
    if language not in settings.supported:
        return _skip(routed, f"unsupported language: {language}")
    return routed


def _skip(article: Article, reason: str) -> Skip:
    return Skip(article.article_id, article.source, "detect", reason, article=article)
