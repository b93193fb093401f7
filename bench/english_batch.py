"""English spaCy: one document at a time against `nlp.pipe` at several batch sizes.

    .venv/bin/python bench/english_batch.py [--sizes 4,8,16,32] [--chunk 32] [--limit N]

On the English dev texts in ../shared/eval (CoNLL and the English side of the parallel set), cut
into chunks of `--chunk` texts (a run's chunk of 16 articles and their headlines is up to 32
texts): per document, `nlp(text)` as spaCy's own examples run it; batched, `nlp.pipe(chunk,
batch_size=B)`. The model is loaded with newsfacts' components (`ner.english_exclude`, the sentence
recogniser instead of the parser) and spaCy's own attribute_ruler; `newsfacts` is that model as
newsfacts loads it, the attribute_ruler applied by lookup and the lemmas cached
(`ner.english_attribute_lookup`, `pipeline.ner.attributes`), at `ner.batch_size`, once with
thinc's BLIS matrix products and once with `ner.english_gemm`'s (`pipeline.ner.english.use_gemm`:
numpy's BLAS by default); a model with the parser kept shows what
excluding it saves. All variants take turns on every chunk (CPU seconds of this process, one BLAS thread), and
every batched result is compared with the per-document one: each token's text, lemma and
part of speech, each sentence start and each entity must be identical.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

os.environ.update(dict.fromkeys(("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"), "1"))

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
log = logging.getLogger("bench.english_batch")


def texts(limit: int | None) -> list[str]:
    """The English dev texts: CoNLL's, then the English side of the parallel pairs."""
    found: list[str] = []
    for name in ("en_conll_dev.jsonl", "parallel_enru_dev.jsonl"):
        if (EVAL / name).exists():
            rows = [json.loads(line) for line in (EVAL / name).read_text(encoding="utf-8").splitlines()]
            found += [row["en"]["text"] if "en" in row else row["text"] for row in rows]
    return found[:limit]


def result(docs: list[Any]) -> list[object]:
    """What the model decided: tokens (text, lemma, pos, sentence start) and entities."""
    return [
        (
            [(t.text, t.lemma_, t.pos_, t.is_sent_start) for t in doc],
            [(e.start_char, e.end_char, e.label_) for e in doc.ents],
        )
        for doc in docs
    ]


def run(nlp: Any, chunk: list[str], size: int) -> tuple[float, list[object]]:
    """One variant on one chunk → CPU seconds and its result (size 0: one document at a time)."""
    started = time.process_time()
    docs = [nlp(text) for text in chunk] if size == 0 else list(nlp.pipe(chunk, batch_size=size))
    return time.process_time() - started, result(docs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="4,8,16,32")
    parser.add_argument("--chunk", type=int, default=32)
    parser.add_argument("--limit", type=int)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    from threadpoolctl import threadpool_limits

    from pipeline.ner.english import load_english
    from pipeline.settings import load_settings

    threadpool_limits(1)
    corpus = texts(args.limit)
    if not corpus:
        log.error("no English dev texts in %s", EVAL)
        return 1
    ner = load_settings().ner
    lookup = ner.english_attribute_lookup
    models = {
        "spaCy's ruler": load_english(ner.english_models, ner.english_exclude),
        "ruler by lookup, BLIS": load_english(ner.english_models, ner.english_exclude, lookup, "blis"),
        f"newsfacts (lookup, {ner.english_gemm})": load_english(
            ner.english_models, ner.english_exclude, lookup, ner.english_gemm
        ),
        "parser kept": load_english(ner.english_models, ()),
    }
    sizes = [("spaCy's ruler", int(s)) for s in args.sizes.split(",")]
    ours = [(name, ner.batch_size) for name in list(models)[1:3]]
    variants = [("spaCy's ruler", 0), *sizes, *ours, ("parser kept", 0)]
    seconds: Counter[tuple[str, int]] = Counter()
    differ: Counter[tuple[str, int]] = Counter()
    for n, start in enumerate(range(0, len(corpus), args.chunk)):
        chunk, results = corpus[start : start + args.chunk], {}
        for variant in variants[n % len(variants) :] + variants[: n % len(variants)]:
            spent, results[variant] = run(models[variant[0]], chunk, variant[1])
            seconds[variant] += spent
        for variant in variants[1:-1]:
            differ[variant] += sum(a != b for a, b in zip(results[variants[0]], results[variant], strict=True))
    report(seconds, differ, variants, len(corpus), args.chunk)
    return 0


def report(
    seconds: Counter[tuple[str, int]], differ: Counter[tuple[str, int]], variants: list[Any], docs: int, chunk: int
) -> None:
    chars = "load " + " ".join(f"{x:.1f}" for x in os.getloadavg())
    log.info("%d English dev texts in chunks of %d, CPU seconds (%s)", docs, chunk, chars)
    base = seconds[variants[0]]
    log.info("per document, nlp(text): %.2f s", base)
    for variant in variants[1:-1]:
        log.info(
            "nlp.pipe batch %3d, %s: %.2f s (%.2fx); documents that differ: %d",
            variant[1], variant[0], seconds[variant], base / seconds[variant], differ[variant],
        )  # fmt: skip
    kept = seconds[variants[-1]]
    log.info("per document with the parser kept: %.2f s (excluding it: %.2fx)", kept, kept / base)


if __name__ == "__main__":
    sys.exit(main())
