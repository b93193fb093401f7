"""newsfacts' overhead over its models, measured chunk by chunk in one process.

    .venv/bin/python bench/overhead.py [--articles N] [--corpus DIR]

The shared machines here slow down and speed up by 10-30 % from one minute to the next, which
drowns a 15 % overhead when the two sides run minutes apart (bench/throughput.py). Here both
sides take turns on every chunk of `run.chunk_articles` input files, alternating which goes
first, so each pair of timings sees the same machine:

- models: the irreducible stages on the chunk's files: reading and decoding them, trafilatura on
  the HTML pages (called as the clean stage calls it), spaCy with the components newsfacts loads
  (nlp.pipe: its lemmatizer among them; its own attribute_ruler, which newsfacts applies by
  lookup), Natasha segmentation + morphology + NER, where
  morphology is the tagger and the lemmas, as Natasha makes them (`token.lemmatize(vocab)`:
  pymorphy2's dictionary, the Russian counterpart of spaCy's lemmatizer). The lemmas are timed
  apart, and the ratio is also printed without them;
- newsfacts: the same files through `pipeline.run`'s own functions: read (hashing, decoding),
  clean, detect, NER, normalise, tables (each stage on the whole chunk, as `process_chunk` runs
  them, so that each can be timed), and the store (DuckDB writes every `store.batch_articles` articles, Parquet
  export at the end), with the same model objects (but the English model's attribute_ruler).

Both sides count CPU seconds of this process (one BLAS thread). Prints the totals, the ratio
(the target: newsfacts at least 0.85 of the models' throughput) and newsfacts' stages, and
how the model calls themselves compare: spaCy's and Natasha's as newsfacts makes them (batched,
the headlines too; timed by wrapping them) against the bare side's (without trafilatura and
the lemmas), which bounds what batching alone can gain.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

os.environ.update(dict.fromkeys(("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"), "1"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import build_corpus, trafilatura_text  # noqa: E402

log = logging.getLogger("bench.overhead")
T = TypeVar("T")


class Clock:
    """CPU seconds per named part."""

    def __init__(self) -> None:
        self.seconds: Counter[str] = Counter()

    def time(self, name: str, work: Callable[[], T]) -> T:
        started = time.process_time()
        result = work()
        self.seconds[name] += time.process_time() - started
        return result

    def timed(self, items: Iterable[T], name: str) -> Iterator[T]:
        """Items of a lazy iterable, the time spent producing each one counted under `name`."""
        stream = iter(items)
        while True:
            started = time.process_time()
            item = next(stream, None)
            self.seconds[name] += time.process_time() - started
            if item is None:
                return
            yield item


def bare_models(chunk: list[Any], models: Any, stock: Any, settings: Any, clock: Clock) -> int:
    """The irreducible stages on a chunk of pages → characters of text they analysed."""
    from natasha import Doc

    from pipeline.knowledge.lexicon import cyrillic_share
    from pipeline.read.decode import decode

    texts = []
    for page in chunk:
        content = page.content if isinstance(page.content, str) else decode(page.content)[0]
        html = page.kind == "html"
        extract = partial(trafilatura_text, content, settings.clean)
        texts.append(clock.time("trafilatura", extract) if html else content)
    english = [t for t in texts if cyrillic_share(t[:2000]) <= 0.5]
    russian = [t for t in texts if cyrillic_share(t[:2000]) > 0.5]
    for _ in stock.pipe(english, batch_size=settings.ner.batch_size):
        pass
    natasha = models.russian
    for text in russian:
        doc = Doc(text)
        doc.segment(natasha.segmenter)
        doc.tag_morph(natasha.morph)
        clock.time("lemmas", lambda d=doc: [token.lemmatize(natasha.vocab) for token in d.tokens])
        doc.tag_ner(natasha.ner)
    return sum(map(len, texts))


def stages(chunk: list[Any], settings: Any, models: Any, clock: Clock) -> Any:
    """A chunk through stages 2 to 6, as `pipeline.run.process_chunk` runs them, each one timed."""
    from pipeline.clean.extract import clean
    from pipeline.detect import detect_languages
    from pipeline.facts.normalise import normalise
    from pipeline.ner.recognise import recognise
    from pipeline.settings import fingerprint
    from pipeline.store.tables import build_tables

    articles = clock.time("clean", lambda: list(clean(chunk, settings.clean)))
    routed = clock.time("detect", lambda: list(detect_languages(articles, settings.language)))
    analyses = clock.time("ner", lambda: list(recognise(routed, models)))
    facts = clock.time("normalise", lambda: list(normalise(analyses)))
    return clock.time("tables", lambda: build_tables(facts, fingerprint(settings)))


def time_model_calls(models: Any, clock: Clock) -> None:
    """Count the model calls inside newsfacts' NER stage under "ner models" as well: spaCy's
    nlp.pipe and Natasha's segmentation and taggers, as newsfacts calls them (batched). What the
    stage spends besides them is its own (records, the repair, the headlines' extra calls)."""
    from natasha import Doc

    from pipeline.ner import russian

    english = models.english
    pipe, outer = english.pipe, []

    def timed_pipe(*args: Any, **kwargs: Any) -> Iterator[Any]:
        if outer:  # spaCy's pipe calls itself (as_tuples): the outer call is timed already
            yield from pipe(*args, **kwargs)
            return
        outer.append(True)
        try:
            yield from clock.timed(pipe(*args, **kwargs), "ner models")
        finally:
            outer.clear()

    english.pipe = timed_pipe
    for name in ("tag_morph", "tag_ner"):
        tag = getattr(russian, name)
        setattr(russian, name, lambda docs, tagger, _tag=tag: clock.time("ner models", lambda: _tag(docs, tagger)))

    class TimedDoc(Doc):  # type: ignore[misc]
        def segment(self, segmenter: Any) -> None:
            clock.time("ner models", lambda: Doc.segment(self, segmenter))

    russian.Doc = TimedDoc


def measure(corpus: Path, out: Path) -> tuple[Clock, Clock]:
    """Both sides over the corpus, taking turns per chunk → (models' clock, newsfacts' clock)."""
    from threadpoolctl import threadpool_limits

    from pipeline.engines import tune_collector
    from pipeline.ner.english import load_english
    from pipeline.read.files import read
    from pipeline.run import _concat, batched, prepare
    from pipeline.settings import load_settings
    from pipeline.store.database import Store

    settings = load_settings()
    models = prepare(settings)
    stock = load_english(settings.ner.english_models, settings.ner.english_exclude)  # spaCy's attribute_ruler
    bare, ours = Clock(), Clock()
    models.russian  # noqa: B018 - loaded before its calls are wrapped
    time_model_calls(models, ours)
    threadpool_limits(1)
    tune_collector()  # as `pipeline.run.run` does (both sides gain from it here)
    pages = ours.timed(read([corpus], settings.read), "read")  # hashing and decoding are newsfacts' own
    pending: list[Any] = []
    with Store(out, settings.store.memory_limit) as store:
        for n, chunk in enumerate(batched(pages, settings.run.chunk_articles)):
            sides = [
                lambda c=chunk: bare.time("models", lambda: bare_models(c, models, stock, settings, bare)),
                lambda c=chunk: pending.append(stages(c, settings, models, ours)),
            ]
            for side in sides if n % 2 else reversed(sides):
                side()
            if sum(t["articles"].num_rows for t in pending) >= settings.store.batch_articles:
                ours.time("store", lambda: store.write(_concat(pending)))
                pending.clear()
        if pending:
            ours.time("store", lambda: store.write(_concat(pending)))
        ours.time("store", store.export)
    return bare, ours


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--corpus", type=Path, help="an existing folder of inputs instead of a built corpus")
    parser.add_argument("--repeat", type=int, default=3, help="measurements, each in a fresh process")
    parser.add_argument("--once", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("pipeline").setLevel(logging.WARNING)
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = args.corpus or Path(tmp) / "corpus"
        if not args.corpus:
            corpus.mkdir()
            build_corpus(corpus, args.articles)
        if args.once:  # a child: one measurement, as one JSON line
            bare, ours = measure(corpus, Path(tmp) / "out")
            # the lemmas and trafilatura are inside the models' time, kept apart for the other ratios
            inside = {name: bare.seconds[name] for name in ("lemmas", "trafilatura")}
            print(json.dumps({"models": bare.seconds["models"], **inside, **ours.seconds}))
            return 0
        runs = [_fresh_measurement(corpus) for _ in range(args.repeat)]
        report(runs, sum(1 for _ in corpus.iterdir()))
    return 0


def _fresh_measurement(corpus: Path) -> dict[str, float]:
    """One measurement in a new process: no cache of an earlier one helps it."""
    command = [sys.executable, __file__, "--once", "--corpus", str(corpus)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def report(runs: list[dict[str, float]], files: int) -> None:
    """Each measurement's totals and newsfacts' stages, then the median ratio."""
    ratios, without, calls = [], [], []
    for n, run in enumerate(runs, 1):
        models, lemmas, inside = run.pop("models"), run.pop("lemmas"), run.pop("ner models", 0.0)
        extraction = run.pop("trafilatura", 0.0)
        ner_calls = models - lemmas - extraction
        total = sum(run.values())
        ratios.append(models / total)
        without.append((models - lemmas) / total)
        calls.append(ner_calls / inside if inside else float("nan"))
        stages = "  ".join(f"{name} {seconds:.1f}" for name, seconds in run.items())
        log.info(
            "run %d: models %.1f s (trafilatura %.1f, Russian lemmas %.1f), newsfacts %.1f s (%s; model calls "
            "inside ner %.1f): %.3f (%.3f without the lemmas)",
            n, models, extraction, lemmas, total, stages, inside, ratios[-1], without[-1],
        )  # fmt: skip
    log.info("%d input files, CPU seconds, %d fresh runs taking turns per chunk", files, len(runs))
    for label, values in (("", ratios), (" (models without Russian lemmas)", without)):
        log.info("newsfacts / models throughput%s: median %.3f of %s (target 0.85)", label,
                 statistics.median(values), ", ".join(f"{r:.3f}" for r in values))  # fmt: skip
    log.info("NER model calls, bare (per document, no headlines, no lemmas) / as newsfacts makes them "
             "(batched, headlines included): median %.3f of %s",
             statistics.median(calls), ", ".join(f"{r:.3f}" for r in calls))  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
