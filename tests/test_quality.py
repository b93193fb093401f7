"""Regression gate: NER F1 on the first 25 documents of each dev set must not fall below its floor.

The floors are the scores measured when the gate was set, minus 0.02 for noise; the full dev
run is `bench/quality.py`. Skips when ../shared/eval is not there.
"""

import pytest

from pipeline import extract
from pipeline.evaluate import gold_spans, mention_spans, read_gold, score
from pipeline.ner import Models

from .conftest import SHARED

EVAL = SHARED / "eval"
FLOORS = {
    ("ru_factru_dev.jsonl", "ru"): {"PER": 0.89, "ORG": 0.73, "LOC": 0.90},
    ("en_conll_dev.jsonl", "en"): {"PER": 0.72, "ORG": 0.17, "LOC": 0.76},
}


@pytest.mark.skipif(not EVAL.exists(), reason="dev sets not present (../shared/eval)")
@pytest.mark.parametrize(("dev_set", "floors"), FLOORS.items(), ids=[name for name, _ in FLOORS])
def test_ner_f1_floors(models: Models, dev_set: tuple[str, str], floors: dict[str, float]) -> None:
    name, language = dev_set
    docs = read_gold(EVAL / name, limit=25)
    tables = extract([{"text": d["text"], "language": language} for d in docs], models=models)
    scores = score(gold_spans(docs), mention_spans(tables.mentions, list(tables.articles.article_id)))
    below = {label: round(scores[label].f1, 3) for label, floor in floors.items() if scores[label].f1 < floor}
    assert not below, f"F1 below floor {floors}: {below}"
