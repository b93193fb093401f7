"""Extraction quality: NER on the dev sets in ../shared/eval, and every fact table on the samples.

    .venv/bin/python bench/quality.py [--limit N] [--set factru|conll] [--no-samples]

NER: strict P/R/F1 per label of the mentions table (per document, the multiset of (label,
lower-cased whitespace-folded text) against the gold spans). Fact tables: per article, the set of
fact keys against tests/fixtures/samples_gold.json (hand-annotated samples). Each NER set is also
scored on its two halves A and B, split by `pipeline.quality.text.half` of the document id (a rule
is kept only when it gains on both).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

from pipeline import extract
from pipeline.ner.recognise import Models
from pipeline.quality.ner import (
    Score,
    fact_keys,
    gold_keys,
    gold_spans,
    mention_spans,
    read_gold,
    report,
    score,
    score_officials,
    score_sets,
)
from pipeline.quality.text import half

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
SAMPLES = ROOT / "data" / "raw" / "samples"
SAMPLES_GOLD = ROOT / "tests" / "fixtures" / "samples_gold.json"
SETS = {"ru_factru_dev.jsonl": "ru", "en_conll_dev.jsonl": "en"}
CHOICES = {"factru": "ru_factru_dev.jsonl", "conll": "en_conll_dev.jsonl"}
TABLES = ("organisations", "officials", "regions", "dates", "amounts")
log = logging.getLogger("bench.quality")


def ner(models: Models, limit: int | None, names: list[str]) -> None:
    for name in names:
        language = SETS[name]
        docs = read_gold(EVAL / name, limit)
        started = time.perf_counter()
        tables = extract([{"text": d["text"], "language": language} for d in docs], models=models)
        ids = list(tables.articles.article_id)
        gold, predicted = gold_spans(docs), mention_spans(tables.mentions, ids)
        scores = score(gold, predicted)
        elapsed = time.perf_counter() - started
        log.info("\n%s (%d docs, %.1fs)\n%s", name, len(docs), elapsed, "\n".join(report(scores)))
        for part in "AB":
            kept = [i for i, d in enumerate(docs) if half(str(d["id"])) == part]
            halved = score([gold[i] for i in kept], [predicted[i] for i in kept])
            log.info("%s (%d docs): %s", part, len(kept), f1_line(halved))
        regions = tables.regions[tables.regions.text.str[:1].str.isupper()].assign(label="LOC")
        loc = score(gold_spans(docs), mention_spans(regions, ids))["LOC"]
        log.info("regions table as LOC (capitalised matches): P %.3f R %.3f F1 %.3f", loc.precision, loc.recall, loc.f1)
        if any(d.get("occupations") for d in docs):
            occ = score_officials(docs, tables.officials, ids)
            log.info(
                "officials vs occupation facts (same person): P %.3f R %.3f F1 %.3f", occ.precision, occ.recall, occ.f1
            )


def f1_line(scores: dict[str, Score]) -> str:
    """Scores → "PER .959  ORG .785  LOC .917" (F1 per label)."""
    return "  ".join(f"{s.label} {s.f1:.3f}" for s in scores.values())


def samples(models: Models) -> None:
    gold = json.loads(SAMPLES_GOLD.read_text(encoding="utf-8"))
    files = sorted(SAMPLES.glob("*.txt"))
    tables = extract([{"title": p.stem, "text": p.read_text(encoding="utf-8")} for p in files], models=models)
    ids = dict(zip(tables.articles.title, tables.articles.article_id, strict=True))
    scores = {}
    for table in TABLES:
        pairs = [(gold_keys(table, gold[p.name][table]), fact_keys(tables, table, ids[p.stem])) for p in files]
        scores[table] = score_sets(pairs, table)
    log.info("\nfact tables on the samples (%d articles)\n%s", len(files), "\n".join(report(scores)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="score only the first N documents of each dev set")
    parser.add_argument("--set", choices=sorted(CHOICES), default=None, help="score only this NER dev set")
    parser.add_argument("--no-samples", action="store_true", help="skip the fact tables on the samples")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    models = Models()
    if not args.no_samples:
        samples(models)
    if EVAL.exists():
        ner(models, args.limit, [CHOICES[args.set]] if args.set else list(SETS))
    else:
        log.warning("no dev sets at %s: NER scores skipped", EVAL)
    return 0


if __name__ == "__main__":
    sys.exit(main())
