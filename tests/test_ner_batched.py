"""Batched Russian tagging (pipeline.ner.batched) decides exactly what Natasha's per-document path does."""

from __future__ import annotations

import json
from typing import Any

import pytest
from natasha import Doc, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

from pipeline.ner.batched import by_length, set_batch_size, tag_morph, tag_ner
from pipeline.ner.recognise import Models
from pipeline.ner.russian import analyse_russian
from pipeline.records import Article

from .conftest import SAMPLES, SHARED

FACTRU = SHARED / "eval" / "ru_factru_dev.jsonl"
EDGE_CASES = ["", "   \n ", "Путин.", "Москва\n\n\nСанкт-Петербург — «Газпром» 1,5 млрд руб."]


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("ru_*.txt"))] + EDGE_CASES
    if FACTRU.exists():
        texts += [json.loads(line)["text"] for line in FACTRU.read_text(encoding="utf-8").splitlines()[:30]]
    return texts


def _decided(docs: list[Doc]) -> list[Any]:
    return [
        ([(t.start, t.stop, t.text, t.pos, t.feats) for t in d.tokens], [(s.start, s.stop, s.type) for s in d.spans])
        for d in docs
    ]


def _segmented(texts: list[str], segmenter: Segmenter) -> list[Doc]:
    docs = [Doc(text) for text in texts]
    for doc in docs:
        doc.segment(segmenter)
    return docs


@pytest.fixture(scope="module")
def natasha() -> tuple[Segmenter, NewsEmbedding]:
    return Segmenter(), NewsEmbedding()


@pytest.fixture(scope="module")
def per_document(natasha: tuple[Segmenter, NewsEmbedding]) -> list[Any]:
    """Natasha's own path, one document at a time, with slovnet's default batches."""
    segmenter, emb = natasha
    morph, ner = NewsMorphTagger(emb), NewsNERTagger(emb)
    docs = _segmented(_texts(), segmenter)
    for doc in docs:
        doc.tag_morph(morph)
        doc.tag_ner(ner)
    return _decided(docs)


@pytest.mark.parametrize(("morph_batch", "ner_batch"), [(1, 1), (3, 2), (32, 4), (200, 64)], ids=str)
def test_batched_taggers_decide_what_the_per_document_path_does(
    natasha: tuple[Segmenter, NewsEmbedding], per_document: list[Any], morph_batch: int, ner_batch: int
) -> None:
    segmenter, emb = natasha
    morph, ner = NewsMorphTagger(emb), NewsNERTagger(emb)
    set_batch_size(morph, morph_batch)
    set_batch_size(ner, ner_batch)
    docs = _segmented(_texts(), segmenter)
    tag_morph(docs, morph)
    tag_ner(docs, ner)
    batched = _decided(docs)
    assert any(spans for _, spans in batched)  # the texts do have names
    assert batched == per_document


def test_a_chunk_gives_each_article_the_analysis_it_gets_alone(models: Models) -> None:
    articles = [Article(str(i), "s", text, language="ru") for i, text in enumerate(_texts())]
    together = list(analyse_russian(models.russian, articles))
    alone = [next(analyse_russian(models.russian, [article])) for article in articles]
    assert [a.article for a in together] == articles
    assert together == alone


@pytest.mark.parametrize(
    ("items", "order"),
    [([["a", "b"], [], ["c"]], [1, 2, 0]), ([["a"], ["b"], ["c", "d"], ["e"]], [0, 1, 3, 2])],
    ids=["by-length", "stable"],
)
def test_by_length_sorts_shortest_first_keeping_ties_in_order(items: list[list[str]], order: list[int]) -> None:
    assert by_length(items) == order


def test_a_batch_size_below_one_is_refused(natasha: tuple[Segmenter, NewsEmbedding]) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        set_batch_size(NewsMorphTagger(natasha[1]), 0)
