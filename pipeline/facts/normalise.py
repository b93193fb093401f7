"""Stage 5, normalise: Analyses → Facts (organisations, officials, persons, regions, dates, amounts)."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from ..knowledge import embedding
from ..knowledge.organisations import lexicon as organisation_lexicon
from ..records import Analysis, Facts, Mention, Region, Skip, failed
from .amounts.find import find_amounts
from .amounts.patterns import patterns as amount_patterns
from .bodies import public_bodies, qualified_keys
from .dates.find import find_dates
from .dates.find import prepare as prepare_dates
from .notorgs import without_non_organisations
from .officials import Context, find_officials, person_names
from .organisations import find_organisations, placed_bodies
from .persons import find_persons, namesakes, nominative_surnames
from .regions import Gazetteer, default_gazetteer, find_regions, place_names
from .titles import titles

log = logging.getLogger(__name__)


def prepare() -> Gazetteer:
    """Build the gazetteer and compile the grammars and lexicons once, before the first article."""
    prepare_dates()
    amount_patterns()
    organisation_lexicon()
    embedding.prepare()
    for language in ("en", "ru"):
        titles(language)
    gazetteer = default_gazetteer()
    place_names()
    return gazetteer


def normalise(analyses: Iterable[Analysis | Skip], gazetteer: Gazetteer | None = None) -> Iterator[Facts | Skip]:
    """Analyses → Facts; Skips pass through."""
    gaz = gazetteer or default_gazetteer()
    for analysis in analyses:
        yield analysis if isinstance(analysis, Skip) else _guarded_facts(analysis, gaz)


def _guarded_facts(analysis: Analysis, gazetteer: Gazetteer) -> Facts | Skip:
    try:
        return extract_facts(analysis, gazetteer)
    except Exception as err:  # noqa: BLE001 - one article must not stop the batch; the reason is kept
        log.warning("%s: facts failed: %r", analysis.article.source, err)
        return failed(analysis, "facts", err)


def extract_facts(analysis: Analysis, gazetteer: Gazetteer) -> Facts:
    """One Analysis → its Facts, with the headline's own Facts in `title` (offsets into the title)."""
    facts = _text_facts(analysis, gazetteer)
    article = analysis.article
    if not (article.title or "").strip() or not article.text:
        return facts
    headline = Analysis(replace(article, text=article.title or ""), analysis.title_tokens, analysis.title_mentions)
    return replace(facts, title=_text_facts(headline, gazetteer))


def _text_facts(analysis: Analysis, gazetteer: Gazetteer) -> Facts:
    """One text (the article's, or its title as a text) and its NER → its Facts."""
    article, tokens, mentions = analysis.article, analysis.tokens, analysis.mentions
    language = article.language or "en"
    places = find_regions(article.text, tokens, language, gazetteer, mentions)
    regions = tuple(r for r in places if not _in_name(r, mentions, language))
    region_spans = {(r.start, r.end) for r in regions}
    mentions = tuple(public_bodies(tokens, mentions, regions, language))
    mentions = tuple(without_non_organisations(mentions, tokens, article.text))
    # spaCy labels some region names ORG ("Volgograd Region"); the gazetteer has the last word
    found = [o for o in find_organisations(mentions, article.text) if (o.start, o.end) not in region_spans]
    organisations = tuple(qualified_keys(found, regions))
    taken = [(o.start, o.end) for o in organisations] + [(r.start, r.end) for r in regions]
    persons = [(m, name) for m, name in person_names(mentions) if not _overlaps(m, taken)]
    persons = nominative_surnames(persons, tokens) if language == "ru" else persons
    persons += namesakes(organisations, tokens) if language == "ru" else []
    dates = tuple(find_dates(article.text, mentions, article.published))
    amounts = tuple(find_amounts(article.text, tokens, language, [(d.start, d.end) for d in dates]))
    # the persons kept, not every PER span: "Perm Krai Governor" (PERSON to spaCy) is a region and a title
    spans = [(m.start, m.end) for m, _ in persons]
    context = Context(article.text, tokens, tuple(placed_bodies(organisations)), regions, spans, language)
    officials = tuple(find_officials(persons, context))
    return Facts(
        analysis,
        organisations=organisations,
        officials=officials,
        persons=tuple(find_persons(persons, officials, tokens, language)),
        regions=regions,
        dates=dates,
        amounts=amounts,
    )


def _in_name(region: Region, mentions: Sequence[Mention], language: str) -> bool:
    """A one-word place name inside a person's name («Владимир Путин», "Chad Smith") is not a place,
    nor in English one inside a longer organisation's ("Paris Hilton", tagged ORG by spaCy).

    Longer names stay: spaCy tags "Perm Krai" as a person. Russian names inside organisations stay:
    «парламент Японии» names Japan.
    """
    labels = ("PER",) if language == "ru" else ("PER", "ORG")
    return " " not in region.text.strip() and any(
        m.label in labels
        and m.start <= region.start
        and region.end <= m.end
        and (m.label == "PER" or m.text != region.text)
        for m in mentions
    )


def _overlaps(mention: Mention, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < mention.end and mention.start < e for s, e in spans)
