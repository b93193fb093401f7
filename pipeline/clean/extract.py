"""Stage 2, clean: Page → Article (main text and metadata) or Skip."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from datetime import date
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

import trafilatura
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from ..read.decode import decode
from ..read.files import parse_date
from ..records import Article, Page, Skip, Status, failed
from ..settings import MODELS_DIR, CleanSettings
from .boilerplate import BoilerplateModel, load_sites, model_for
from .htmltree import drop_comment_elements, flatten_deep
from .postfilter import Markers, cut_tail, load_markers, script_language, second_opinion, stoplist, vote

log = logging.getLogger(__name__)

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# zero-width and bidirectional controls, soft hyphens and stray byte-order marks: invisible, but they
# split words for the language detector and stay inside names ("Дми\u200dтрий")
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")
_TRAFILATURA = f"trafilatura {version('trafilatura')}"
_JUSTEXT = f"justext {version('justext')}"


def clean(
    pages: Iterable[Page | Skip],
    settings: CleanSettings = CleanSettings(),
    sites: Mapping[str, BoilerplateModel] | None = None,
) -> Iterator[Article | Skip]:
    """Pages → cleaned Articles; Skips pass through untouched.

    `sites`: boilerplate models by host; by default those learnt into the `sites` folder of the settings.
    """
    models = site_models(settings.sites) if sites is None else sites
    for page in pages:
        yield page if isinstance(page, Skip) else _guarded_clean(page, settings, models)


def _guarded_clean(page: Page, settings: CleanSettings, models: Mapping[str, BoilerplateModel]) -> Article | Skip:
    try:
        return clean_page(page, settings, model_for(page.url, models))
    except Exception as err:  # noqa: BLE001 - one page must not stop the batch; the reason is kept
        log.warning("%s: clean failed: %r", page.source, err)
        return failed(page, "clean", err)


def site_models(folder: str) -> Mapping[str, BoilerplateModel]:
    """The boilerplate models in a folder, read again only when its files change."""
    if not folder or not Path(folder).is_dir():
        return {}
    stamp = tuple((p.name, p.stat().st_mtime_ns) for p in sorted(Path(folder).glob("*.json")))
    return _load_sites(folder, stamp)


@lru_cache(maxsize=2)
def _load_sites(folder: str, stamp: tuple[tuple[str, int], ...]) -> Mapping[str, BoilerplateModel]:
    models = load_sites(folder)
    log.info("%d site boilerplate models from %s", len(models), folder)
    return models


def clean_page(page: Page, settings: CleanSettings, site: BoilerplateModel | None = None) -> Article | Skip:
    """One Page → Article, or Skip when no main text can be found."""
    if page.kind == "html":
        return clean_html(page, settings, site)
    return _article(page, normalise_text(str(page.content)), "text")


def prepare(settings: CleanSettings) -> None:
    """Compile the post-filter's patterns, load jusText's stop lists and warm the date parser."""
    markers(settings)
    for language in settings.vote_languages:
        stoplist(language)
    site_models(settings.sites)
    _warm_date_parser()


def _warm_date_parser() -> None:
    """trafilatura's date search hands hard cases to dateparser, whose first look at a string
    compiles the patterns of all its 200 locales (seconds of work): do it now, not mid-run."""
    try:
        from htmldate.extractors import get_external_parser
    except ImportError:  # another htmldate: it warms up on its first hard date instead
        log.debug("htmldate has no external date parser to warm up")
        return
    get_external_parser().get_date_data("-")


def markers(settings: CleanSettings) -> Markers:
    """Settings → the post-filter patterns of their markers file (a bare name is looked up in models/)."""
    return load_markers(MODELS_DIR / settings.markers if "/" not in settings.markers else Path(settings.markers))


def clean_html(page: Page, settings: CleanSettings, site: BoilerplateModel | None = None) -> Article | Skip:
    """An HTML Page → Article with trafilatura's text refined by the enabled filters, or Skip."""
    html = flatten_deep(page.content if isinstance(page.content, str) else decode(page.content)[0])
    try:
        # parsed once, by trafilatura's own loader: the comment filter, trafilatura (which works
        # on a copy) and jusText (which cleans a copy) all read this tree
        tree = load_html(html)
        if tree is not None and settings.strip_comments:
            drop_comment_elements(tree, markers(settings).comment_attributes)
        doc = _extract(html if tree is None else tree, page.url, settings)
    except (ValueError, TypeError, AttributeError) as err:  # malformed markup deep inside lxml
        return Skip(page.article_id, page.source, "clean", f"HTML extraction failed: {err}", Status.FAILED)
    text = normalise_text(getattr(doc, "text", None) or "") if doc else ""
    text, steps = refine(text, html if tree is None else tree, page.language, settings, site)
    if not text:
        return Skip(page.article_id, page.source, "clean", "no main text found in HTML")
    return replace(
        _article(page, text, describe(settings, steps)),
        title=page.title or getattr(doc, "title", None),
        url=page.url or getattr(doc, "url", None),
        published=page.published or _metadata_date(getattr(doc, "date", None), page.source),
        site=getattr(doc, "sitename", None),
    )


def _extract(html: str | HtmlElement, url: str | None, settings: CleanSettings) -> Any:
    return trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=settings.include_tables,
        favor_precision=settings.favor_precision,
        favor_recall=settings.favor_recall,
    )


def refine(
    text: str, html: str | HtmlElement, language: str | None, settings: CleanSettings, site: BoilerplateModel | None
) -> tuple[str, list[str]]:
    """trafilatura's text → (text after the enabled filters, the names of the filters that ran)."""
    steps = []
    language = language or script_language(text)
    if text and language in settings.vote_languages:
        siblings = settings.vote_sibling_max_link_density if settings.vote_siblings else None
        text = vote(text, second_opinion(html, language, siblings), settings.vote_min_share)
        steps.append(f"vote({_JUSTEXT}{'+siblings' if settings.vote_siblings else ''})")
    if text and settings.postfilter:
        text = cut_tail(text, markers(settings), settings.tail_min_share, settings.marker_max_chars)
        steps.append("postfilter")
    if text and site is not None:
        text = site.strip(text) or text
        steps.append(f"boilerplate({site.host})")
    return text, steps


def describe(settings: CleanSettings, steps: list[str]) -> str:
    """Settings and the filters that ran → the Article's `extractor` ("trafilatura 2.3.1 favor_precision+...")."""
    options = [name for name in ("favor_precision", "favor_recall", "include_tables") if getattr(settings, name)]
    options += ["strip_comments"] if settings.strip_comments else []
    return " ".join([_TRAFILATURA, "+".join(options + steps)]).strip()


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
    for line in _INVISIBLE.sub("", text).splitlines():
        paragraph = _SPACES.sub(" ", line).strip()
        key = paragraph.casefold()
        if paragraph and key not in seen:
            seen.add(key)
            paragraphs.append(paragraph)
    return "\n".join(paragraphs)
