"""Regression gates: quality must not fall below the floors measured when each gate was set.

Floors are the measured scores minus 0.02 for noise. NER: first 25 documents of each dev set in
../shared/eval (skips when absent); the full dev run is `bench/quality.py`. Fact tables: the
hand-annotated samples in tests/fixtures/samples_gold.json (always run).
"""

import json
from typing import Any

import pytest

from pipeline import extract
from pipeline.ner.recognise import Models
from pipeline.quality.ner import (
    fact_keys,
    gold_keys,
    gold_spans,
    mention_spans,
    read_gold,
    score,
    score_officials,
    score_sets,
)
from pipeline.store.database import Tables

from .conftest import FIXTURES, SAMPLES, SHARED

EVAL = SHARED / "eval"
NER_FLOORS = {
    ("ru_factru_dev.jsonl", "ru"): {"PER": 0.89, "ORG": 0.75, "LOC": 0.90},
    ("en_conll_dev.jsonl", "en"): {"PER": 0.75, "ORG": 0.21, "LOC": 0.77},
}
OFFICIALS_RECALL_FLOOR = 0.59  # against factRuEval occupation facts, first 25 documents
SAMPLE_FLOORS = {"organisations": 0.71, "officials": 0.98, "regions": 0.98, "dates": 0.98, "amounts": 0.98}
needs_eval = pytest.mark.skipif(not EVAL.exists(), reason="dev sets not present (../shared/eval)")


def _dev(models: Models, name: str, language: str) -> tuple[list[dict[str, Any]], Tables, list[str]]:
    docs = read_gold(EVAL / name, limit=25)
    tables = extract([{"text": d["text"], "language": language} for d in docs], models=models)
    return docs, tables, list(tables.articles.article_id)


@needs_eval
@pytest.mark.parametrize(("dev_set", "floors"), NER_FLOORS.items(), ids=[name for name, _ in NER_FLOORS])
def test_ner_f1_floors(models: Models, dev_set: tuple[str, str], floors: dict[str, float]) -> None:
    docs, tables, ids = _dev(models, *dev_set)
    scores = score(gold_spans(docs), mention_spans(tables.mentions, ids))
    below = {label: round(scores[label].f1, 3) for label, floor in floors.items() if scores[label].f1 < floor}
    assert not below, f"F1 below floor {floors}: {below}"


@needs_eval
def test_officials_recall_floor(models: Models) -> None:
    docs, tables, ids = _dev(models, "ru_factru_dev.jsonl", "ru")
    recall = score_officials(docs, tables.officials, ids).recall
    assert recall >= OFFICIALS_RECALL_FLOOR, recall


@pytest.mark.parametrize(("table", "floor"), SAMPLE_FLOORS.items())
def test_fact_tables_on_the_samples(models: Models, table: str, floor: float) -> None:
    gold = json.loads((FIXTURES / "samples_gold.json").read_text(encoding="utf-8"))
    files = sorted(SAMPLES.glob("*.txt"))
    tables = extract([{"title": p.stem, "text": p.read_text(encoding="utf-8")} for p in files], models=models)
    ids = dict(zip(tables.articles.title, tables.articles.article_id, strict=True))
    pairs = [(gold_keys(table, gold[p.name][table]), fact_keys(tables, table, ids[p.stem])) for p in files]
    result = score_sets(pairs, table)
    assert result.f1 >= floor, (table, result)
