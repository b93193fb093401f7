"""Stage 4, NER: Articles → Analyses, English through spaCy and Russian through Natasha.

Both back-ends' mentions then go through one document-level repair (pipeline/relabel.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property
from itertools import islice
from typing import TYPE_CHECKING

from ..faults import fault_point
from ..knowledge.places import region_names
from ..records import Analysis, Article, Skip, Status, failed
from ..settings import NerSettings
from .english import analyse_english, load_english
from .headline import headline, with_title
from .repair import first_names, repair, title_by_text
from .russian import RussianModels, analyse_russian, load_russian

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)


class Models:
    """The NER models, each loaded on first use and then kept."""

    def __init__(self, settings: NerSettings = NerSettings()) -> None:
        self.settings = settings

    @cached_property
    def english(self) -> Language:
        settings = self.settings
        names, exclude = settings.english_models, settings.english_exclude
        return load_english(names, exclude, settings.english_attribute_lookup, settings.english_gemm)

    @cached_property
    def russian(self) -> RussianModels:
        return load_russian(self.settings.russian_morph_batch, self.settings.russian_ner_batch)

    def prepare(self) -> Models:
        """Load both back-ends and the repair's lexicons now rather than on first use."""
        self.english, self.russian  # noqa: B018 - cached properties, loaded by reading them
        region_names()
        first_names()
        return self


def recognise(articles: Iterable[Article | Skip], models: Models) -> Iterator[Analysis | Skip]:
    """Articles → Analyses in input order, batched per language inside each chunk."""
    stream = iter(articles)
    while chunk := list(islice(stream, models.settings.batch_size)):
        yield from _recognise_chunk(chunk, models)


_Backend = Callable[[list[Article], "Models"], Iterator[tuple[int, Analysis]]]


def _recognise_chunk(chunk: list[Article | Skip], models: Models) -> Iterator[Analysis | Skip]:
    """A chunk → Analyses in its order; each headline is read in the same batch, apart from its text."""
    chunk = [too_long(item, models.settings.max_chars) or item for item in chunk]
    done: dict[int, Analysis | Skip] = {id(item): item for item in chunk if isinstance(item, Skip)}
    titles = {id(item): headline(item) for item in chunk if isinstance(item, Article)}
    for language, analyse in (("en", _english), ("ru", _russian)):
        texts = [a for a in chunk if isinstance(a, Article) and a.language == language]
        batch = texts + [t for a in texts if (t := titles[id(a)]) is not None]
        if batch:
            done.update(_guarded(analyse, batch, models))
    names = region_names()
    for item in chunk:
        result = done.get(id(item)) or _unrouted(item)
        if isinstance(result, Analysis):
            title = done.get(id(titles[id(item)]))
            yield _guarded_repair(result, title if isinstance(title, Analysis) else None, item, names)
        else:
            yield result


def _guarded_repair(
    analysis: Analysis, title: Analysis | None, item: Article | Skip, names: frozenset[str]
) -> Analysis | Skip:
    """Repair the text's reading and the title's and put them together; a failure is that article's row."""
    try:
        text = repair(analysis, names)
        return with_title(text, title_by_text(repair(title, names), text) if title else None)
    except Exception as err:  # noqa: BLE001 - one article must not stop the batch; the reason is kept
        log.warning("%s: NER repair failed: %r", item.source, err)
        return failed(item, "ner", err)  # type: ignore[arg-type]


def too_long(item: Article | Skip, max_chars: int) -> Skip | None:
    """An article longer than the `ner.max_chars` setting → its `skipped` row (time and memory grow with the length)."""
    if isinstance(item, Skip) or len(item.text) <= max_chars:
        return None
    reason = f"text too long: {len(item.text)} characters (ner.max_chars = {max_chars})"
    return Skip(item.article_id, item.source, "ner", reason, Status.SKIPPED, article=item)


def _guarded(analyse: _Backend, batch: list[Article], models: Models) -> Iterator[tuple[int, Analysis | Skip]]:
    """Run a back-end on a batch; if it raises, retry one by one so only the culprit fails."""
    fault_point("ner")
    try:
        yield from list(analyse(batch, models))
    except Exception as err:  # noqa: BLE001 - model internals raise anything; the reason is kept
        if len(batch) == 1:
            log.warning("%s: NER failed: %r", batch[0].source, err)
            failed = Skip(batch[0].article_id, batch[0].source, "ner", f"NER failed: {err!r}", Status.FAILED, batch[0])
            yield id(batch[0]), failed
            return
        for article in batch:
            yield from _guarded(analyse, [article], models)


def _english(batch: list[Article], models: Models) -> Iterator[tuple[int, Analysis]]:
    for analysis in analyse_english(models.english, batch, models.settings.batch_size):
        yield id(analysis.article), analysis


def _russian(batch: list[Article], models: Models) -> Iterator[tuple[int, Analysis]]:
    for analysis in analyse_russian(models.russian, batch):
        yield id(analysis.article), analysis


def _unrouted(item: Article | Skip) -> Skip:
    assert isinstance(item, Article)
    reason = f"no NER back-end for language: {item.language}"
    return Skip(item.article_id, item.source, "ner", reason, Status.SKIPPED, article=item)
