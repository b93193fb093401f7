"""Scoring against gold NER data: strict per-document multisets of (label, folded surface text)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

LABELS = ("PER", "ORG", "LOC")


@dataclass(frozen=True)
class Score:
    label: str
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def read_gold(path: str | Path, limit: int | None = None) -> list[dict[str, Any]]:
    """A gold .jsonl file → its documents (the first `limit` of them)."""
    with Path(path).open(encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh if line.strip()]
    return docs[:limit] if limit else docs


def fold(text: str) -> str:
    return " ".join(text.lower().split())


def spans(rows: Iterable[tuple[str, str]]) -> Counter[tuple[str, str]]:
    """(label, surface text) pairs → the multiset scored."""
    return Counter((label, fold(text)) for label, text in rows if label in LABELS)


def score(gold: list[Counter[tuple[str, str]]], predicted: list[Counter[tuple[str, str]]]) -> dict[str, Score]:
    """Per-document multisets → micro-averaged Score per label."""
    totals = {label: Counter[str]() for label in LABELS}
    for g, p in zip(gold, predicted, strict=True):
        for (label, _), n in (g & p).items():
            totals[label]["tp"] += n
        for (label, _), n in (p - g).items():
            totals[label]["fp"] += n
        for (label, _), n in (g - p).items():
            totals[label]["fn"] += n
    return {label: Score(label, t["tp"], t["fp"], t["fn"]) for label, t in totals.items()}


def gold_spans(docs: list[dict[str, Any]]) -> list[Counter[tuple[str, str]]]:
    return [spans((e["label"], e["text"]) for e in doc["entities"]) for doc in docs]


def mention_spans(mentions: pd.DataFrame, ids: list[str]) -> list[Counter[tuple[str, str]]]:
    """The mentions table → one multiset per article id, in `ids` order."""
    grouped = {key: spans(zip(df.label, df.text, strict=True)) for key, df in mentions.groupby("article_id")}
    return [grouped.get(i, Counter()) for i in ids]


def report(scores: dict[str, Score]) -> Iterator[str]:
    yield f"{'label':<14} {'P':>6} {'R':>6} {'F1':>6} {'tp':>6} {'fp':>6} {'fn':>6}"
    for s in scores.values():
        yield f"{s.label:<14} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:6d} {s.fp:6d} {s.fn:6d}"


def fact_keys(tables: Any, table: str, article_id: str) -> set[tuple[Any, ...]]:
    """One article's rows of a fact table → the keys gold facts are written in."""
    df = tables[table]
    df = df[df.article_id == article_id]
    rows = df.to_dict("records")
    return {_key(table, row) for row in rows}


def _none(value: Any) -> Any:
    return None if pd.isna(value) else value


def _key(table: str, row: dict[str, Any]) -> tuple[Any, ...]:
    if table == "organisations":
        return (row["name"],)
    if table == "officials":
        return (row["person"], row["position"], _none(row["affiliation_code"]) or _none(row["affiliation"]))
    if table == "regions":
        return (row["code"],)
    if table == "dates":
        return (row["text"].lower(), _none(row["year"]), _none(row["month"]), _none(row["day"]))
    return (round(float(row["value"]), 2), row["unit"])


def gold_keys(table: str, values: list[Any]) -> set[tuple[Any, ...]]:
    """Gold facts of one table (JSON values) → keys comparable with fact_keys."""
    if table == "amounts":
        return {(round(float(v[0]), 2), v[1]) for v in values}
    return {tuple(v) if isinstance(v, list) else (v,) for v in values}


def score_sets(pairs: Iterable[tuple[set[Any], set[Any]]], label: str) -> Score:
    """(gold, predicted) key sets per article → one micro-averaged Score."""
    tp = fp = fn = 0
    for gold, predicted in pairs:
        tp, fp, fn = tp + len(gold & predicted), fp + len(predicted - gold), fn + len(gold - predicted)
    return Score(label, tp, fp, fn)


def _person_key(name: str) -> frozenset[str]:
    return frozenset(fold(name).replace("ё", "е").split())


def score_officials(docs: list[dict[str, Any]], officials: pd.DataFrame, ids: list[str]) -> Score:
    """Officials rows against gold occupation facts: a hit is the same person (name words in any order)."""
    pairs = []
    for doc, article_id in zip(docs, ids, strict=True):
        gold = {_person_key(o["who"]) for o in doc.get("occupations", [])}
        rows = officials[officials.article_id == article_id]
        pairs.append((gold, {_person_key(p) for p in rows.person}))
    return score_sets(pairs, "officials")
