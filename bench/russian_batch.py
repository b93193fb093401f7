"""Russian morphology and NER: one document at a time against the chunk's documents batched.

    .venv/bin/python bench/russian_batch.py [--sizes 8/1,32/1,32/4] [--chunk 16] [--limit N]

On the Russian dev texts in ../shared/eval (factRuEval and NEREL), cut into chunks of `--chunk`
documents as a run cuts them: per document, Natasha's own `Doc.tag_morph` and `Doc.tag_ner`
(slovnet's default batches of 8, the sentences of one document as they come, NER on the whole
text); batched, `pipeline.ner.batched` at each batch size. All variants take turns on every chunk
(CPU seconds of this process, one BLAS thread), and every batched result is compared with the
per-document one: tokens' pos and feats and the NER spans must be identical. A size `M/N` is
M sentences per morphology batch and N documents per NER batch.
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
log = logging.getLogger("bench.russian_batch")


def texts(limit: int | None) -> list[str]:
    found = []
    for name in ("ru_factru_dev.jsonl", "ru_nerel_dev.jsonl"):
        if (EVAL / name).exists():
            found += [json.loads(line)["text"] for line in (EVAL / name).read_text(encoding="utf-8").splitlines()]
    return found[:limit]


def result(docs: list[object]) -> list[object]:
    """What the taggers decided: each token's pos and feats, each NER span."""
    return [
        (
            [(t.start, t.stop, t.pos, t.feats) for t in doc.tokens],  # type: ignore[attr-defined]
            [(s.start, s.stop, s.type) for s in doc.spans],  # type: ignore[attr-defined]
        )
        for doc in docs
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="8/1,16/1,32/1,64/1,32/2,32/4")
    parser.add_argument("--chunk", type=int, default=16)
    parser.add_argument("--limit", type=int)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    from natasha import Doc, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter
    from threadpoolctl import threadpool_limits

    from pipeline.ner.batched import set_batch_size

    threadpool_limits(1)
    corpus = texts(args.limit)
    if not corpus:
        log.error("no Russian dev texts in %s", EVAL)
        return 1
    segmenter, emb = Segmenter(), NewsEmbedding()
    sizes = args.sizes.split(",")
    taggers = {"": (NewsMorphTagger(emb), NewsNERTagger(emb))}  # "": per document, Natasha's defaults
    for size in sizes:
        morph, ner = NewsMorphTagger(emb), NewsNERTagger(emb)
        set_batch_size(morph, int(size.split("/")[0]))
        set_batch_size(ner, int(size.split("/")[1]))
        taggers[size] = (morph, ner)
    seconds: Counter[tuple[str, str]] = Counter()
    differ: Counter[str] = Counter()
    for n, start in enumerate(range(0, len(corpus), args.chunk)):
        chunk, results = corpus[start : start + args.chunk], {}
        variants = list(taggers)
        for variant in variants[n % len(variants) :] + variants[: n % len(variants)]:
            docs = [Doc(text) for text in chunk]
            for doc in docs:
                doc.segment(segmenter)
            morph_s, ner_s = tag(docs, *taggers[variant], per_document=not variant)
            seconds[(variant, "morph")] += morph_s
            seconds[(variant, "ner")] += ner_s
            results[variant] = result(docs)
        for size in sizes:
            differ[size] += sum(a != b for a, b in zip(results[""], results[size], strict=True))
    report(seconds, differ, sizes, len(corpus), args.chunk)
    return 0


def tag(docs: list[Any], morph: Any, ner: Any, per_document: bool) -> tuple[float, float]:
    """Morphology then NER on the segmented docs → the CPU seconds of each."""
    from pipeline.ner.batched import tag_morph, tag_ner

    started = time.process_time()
    if per_document:
        for doc in docs:
            doc.tag_morph(morph)
    else:
        tag_morph(docs, morph)
    middle = time.process_time()
    if per_document:
        for doc in docs:
            doc.tag_ner(ner)
    else:
        tag_ner(docs, ner)
    return middle - started, time.process_time() - middle


def report(seconds: Counter[tuple[str, str]], differ: Counter[str], sizes: list[str], docs: int, chunk: int) -> None:
    log.info("%d Russian dev texts in chunks of %d, CPU seconds (load %s)", docs, chunk, _load())
    base_m, base_n = seconds[("", "morph")], seconds[("", "ner")]
    log.info("per document: morphology %.2f s, NER %.2f s", base_m, base_n)
    for size in sizes:
        m, n = seconds[(size, "morph")], seconds[(size, "ner")]
        log.info(
            "batch %5s: morphology %.2f s (%.2fx), NER %.2f s (%.2fx), both %.2fx; documents that differ: %d",
            size, m, base_m / m, n, base_n / n, (base_m + base_n) / (m + n), differ[size],
        )  # fmt: skip


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


if __name__ == "__main__":
    sys.exit(main())
