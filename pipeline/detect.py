"""Stage 3, detect: Article → Article with its language, or Skip when unsupported."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from langdetect import DetectorFactory, detect
from langdetect.detector_factory import init_factory
from langdetect.lang_detect_exception import LangDetectException

from .knowledge.lexicon import cyrillic_share, load_toml
from .records import Article, Skip, failed
from .settings import LanguageSettings

log = logging.getLogger(__name__)

# langdetect samples n-grams at random; a prefix this long decides news text reliably.
SAMPLE_CHARS = 3000


_WORDS = re.compile(r"[^\W\d_]+")


def prepare() -> None:
    """Load the script check's lexicon and langdetect's 55 language profiles (once per process)."""
    load_toml("languages")
    init_factory()


def detect_language(text: str, seed: int = 0) -> str:
    """Text → ISO 639-1 code: the script check decides clear cases, langdetect (seeded) the rest."""
    sample = text[:SAMPLE_CHARS]
    clear = script_check(sample)
    if clear:
        return clear
    DetectorFactory.seed = seed
    return str(detect(sample))


def script_check(text: str) -> str | None:
    """ "en" or "ru" when the script and the function words leave no doubt, else None."""
    lex = load_toml("languages")
    written = _WORDS.findall(text)
    letters = "".join(written).lower()
    if not letters:
        return None
    cyrillic = cyrillic_share(letters)  # the words are the text's letters: the same share, one scan less
    language = (
        "ru" if cyrillic >= lex["min_script_share"] else "en" if 1 - cyrillic >= lex["min_script_share"] else None
    )
    if language is None or (language == "ru" and not _russian_letters(letters, lex)):
        return None
    if language == "en" and not letters.isascii():
        return None  # accents and umlauts: leave European languages to langdetect
    # names are capitalised and say nothing about the language: count among lower-case words only
    common = [w for w in written if w[:1].islower()]
    function = set(lex["function_words"][language])
    hits = sum(w in function for w in common)
    return language if hits and hits / len(common) >= lex["min_function_share"][language] else None


def _russian_letters(letters: str, lex: dict[str, Any]) -> bool:
    """Cyrillic letters that are Russian: none that only other languages use, and (past a few words) some ы or э."""
    if not set(lex["not_russian"]).isdisjoint(letters):
        return False
    return len(letters) < 60 or any(c in letters for c in lex["russian_markers"])


def detect_languages(
    articles: Iterable[Article | Skip], settings: LanguageSettings = LanguageSettings()
) -> Iterator[Article | Skip]:
    """Articles → Articles with `language` set; other languages and empty texts → Skip."""
    for article in articles:
        yield article if isinstance(article, Skip) else _guarded_route(article, settings)


def _guarded_route(article: Article, settings: LanguageSettings) -> Article | Skip:
    try:
        return route(article, settings)
    except Exception as err:  # noqa: BLE001 - one article must not stop the batch; the reason is kept
        log.warning("%s: language detection failed: %r", article.source, err)
        return failed(article, "detect", err)


def route(article: Article, settings: LanguageSettings) -> Article | Skip:
    """One Article → the same with its language, or Skip with the reason."""
    if len(article.text.strip()) < settings.min_chars:
        return _skip(article, f"empty text ({len(article.text.strip())} chars after cleaning)")
    language = (article.language or "").strip().lower().replace("_", "-").split("-")[0]  # "EN", "ru-RU"
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
