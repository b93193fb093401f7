"""NER quality on the dev sets in ../shared/eval: strict P/R/F1 per label of the mentions table.

.venv/bin/python bench/quality.py [--limit N]
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from pipeline import extract
from pipeline.evaluate import gold_spans, mention_spans, read_gold, report, score
from pipeline.ner import Models

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
SETS = {"ru_factru_dev.jsonl": "ru", "en_conll_dev.jsonl": "en"}
log = logging.getLogger("bench.quality")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="score only the first N documents of each set")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not EVAL.exists():
        log.error("no dev sets at %s", EVAL)
        return 1
    models = Models()
    for name, language in SETS.items():
        docs = read_gold(EVAL / name, args.limit)
        started = time.perf_counter()
        tables = extract([{"text": d["text"], "language": language} for d in docs], models=models)
        ids = list(tables.articles.article_id)
        scores = score(gold_spans(docs), mention_spans(tables.mentions, ids))
        log.info("\n%s (%d docs, %.1fs)\n%s", name, len(docs), time.perf_counter() - started, "\n".join(report(scores)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
