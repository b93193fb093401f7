"""Natasha's taggers over the documents of a chunk at once, their inputs sorted by length.

slovnet infers in batches padded to their longest item, so batches of similar lengths waste
little: the morphology tagger gets the sentences of every document of a chunk sorted by their
number of words, the NER tagger the documents sorted by theirs, and the results go back where
they came from. The CNN zeroes the padded positions after every layer and the CRF and the
morphology head read only the unpadded ones, so each input is tagged as it is alone
(tests/test_ner_batched.py compares both on real texts). The NER tagger reads the words of the
document's own razdel tokens instead of tokenising its text again.
"""

from __future__ import annotations

from collections.abc import Sequence

from natasha import Doc, NewsMorphTagger, NewsNERTagger
from natasha.doc import DocSpan, DocToken
from slovnet.bio import bio_spans


def set_batch_size(tagger: NewsMorphTagger | NewsNERTagger, size: int) -> None:
    """Inputs per slovnet batch, for both the tagger's `map` and its encoder."""
    if size < 1:
        raise ValueError(f"a slovnet batch size must be at least 1, not {size}")
    tagger.batch_size = size
    tagger.infer.encoder.batch_size = size


def by_length(items: Sequence[Sequence[object]]) -> list[int]:
    """Indexes of `items`, shortest first (stable: equal lengths keep their order)."""
    return sorted(range(len(items)), key=lambda i: len(items[i]))


def tag_morph(docs: Sequence[Doc], tagger: NewsMorphTagger) -> None:
    """Segmented Docs → the same with pos and feats on every token (as `Doc.tag_morph` sets them)."""
    sents = [sent.tokens for doc in docs for sent in doc.sents if sent.tokens]
    words = [[token.text for token in tokens] for tokens in sents]
    order = by_length(words)
    markups = tagger.infer([words[i] for i in order])
    for i, markup in zip(order, markups, strict=True):
        for token, tagged in zip(sents[i], markup.tokens, strict=True):
            token.pos, token.feats = tagged.pos, tagged.feats


def tag_ner(docs: Sequence[Doc], tagger: NewsNERTagger) -> None:
    """Segmented Docs → the same with NER spans (as `Doc.tag_ner` sets them)."""
    todo = [doc for doc in docs if doc.text.strip()]
    for doc in docs:
        if not doc.text.strip():
            doc.spans = []
    words = [[token.text for token in doc.tokens] for doc in todo]
    order = by_length(words)
    infer = tagger.infer
    tags = infer.decoder(infer.process(infer.encoder([words[i] for i in order])))
    for i, doc_tags in zip(order, tags, strict=True):
        doc = todo[i]
        doc.spans = _spans(doc, doc.tokens, doc_tags)
        doc.envelop_span_tokens()
        doc.envelop_sent_spans()


def _spans(doc: Doc, tokens: list[DocToken], tags: list[str]) -> list[DocSpan]:
    return [DocSpan(s.start, s.stop, s.type, doc.text[s.start : s.stop]) for s in bio_spans(tokens, tags)]
