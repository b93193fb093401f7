"""Russian NER with Natasha: Articles → Analyses (Token and Mention records)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from natasha import (
    DatesExtractor,
    Doc,
    MoneyExtractor,
    MorphVocab,
    NewsEmbedding,
    NewsMorphTagger,
    NewsNERTagger,
    Segmenter,
)
from natasha.doc import DocSpan
from natasha.norm import inflect_word, recover_shape

from .lexicon import load_toml
from .records import Analysis, Article, Label, Mention, Token

LABELS = {"PER": Label.PER, "ORG": Label.ORG, "LOC": Label.LOC}
_NOUNS = ("NOUN", "PROPN")


@dataclass(frozen=True)
class RussianModels:
    segmenter: Segmenter
    morph: NewsMorphTagger
    ner: NewsNERTagger
    vocab: MorphVocab
    dates: DatesExtractor
    money: MoneyExtractor


def load_russian() -> RussianModels:
    """Natasha's bundled models (shipped inside the PyPI packages)."""
    embedding = NewsEmbedding()
    vocab = MorphVocab()
    return RussianModels(
        Segmenter(),
        NewsMorphTagger(embedding),
        NewsNERTagger(embedding),
        vocab,
        DatesExtractor(vocab),
        MoneyExtractor(vocab),
    )


def analyse_russian(models: RussianModels, articles: Sequence[Article]) -> Iterator[Analysis]:
    """Russian Articles → Analyses, in input order."""
    for article in articles:
        doc = Doc(article.text)
        doc.segment(models.segmenter)
        doc.tag_morph(models.morph)
        doc.tag_ner(models.ner)
        found = [*ner_mentions(doc, models.vocab), *fact_mentions(doc, models)]
        yield Analysis(article, tuple(tokens(doc, models.vocab)), tuple(sorted(found, key=_order)))


def _order(mention: Mention) -> tuple[int, int]:
    return mention.start, mention.end


def tokens(doc: Doc, vocab: MorphVocab) -> Iterable[Token]:
    """Natasha Doc → Token records with pymorphy lemmas."""
    for index, sent in enumerate(doc.sents):
        for tok in sent.tokens:
            tok.lemmatize(vocab)
            yield Token(tok.text, tok.start, tok.stop, tok.lemma, tok.pos, index)


def ner_mentions(doc: Doc, vocab: MorphVocab) -> Iterable[Mention]:
    """NER spans → Mentions with nominative normal forms."""
    for span in doc.spans:
        label = LABELS.get(span.type, Label.MISC)
        yield Mention(label, span.text, span.start, span.stop, normal_form(span, vocab), span.type)


def normal_form(span: DocSpan, vocab: MorphVocab) -> str:
    """Span → nominative form; organisations inflect only up to their head noun.

    «Центре развития промышленности» → «Центр развития промышленности»: the words after
    the head noun are its dependants and keep their case.
    """
    tokens = list(span.tokens)
    if span.type == "ORG":
        head = next((i for i, t in enumerate(tokens) if t.pos in _NOUNS), len(tokens) - 1)
        inflected = [_inflect(vocab, t) if i <= head else t.text for i, t in enumerate(tokens)]
    else:
        inflected = [_inflect(vocab, t) for t in tokens]
    return _join(inflected, tokens)


def _inflect(vocab: MorphVocab, token: object) -> str:
    text: str = token.text  # type: ignore[attr-defined]
    word = recover_shape(inflect_word(vocab, token), text)
    return keep_yo(word, text)


def keep_yo(word: str, written: str) -> str:
    """Restore ё where the text wrote it and normalisation folded it to е."""
    letters = list(word)
    for i, (a, b) in enumerate(zip(word, written, strict=False)):
        if a in "еЕ" and b in "ёЁ":
            letters[i] = b
    return "".join(letters)


def _join(words: list[str], tokens: list[object]) -> str:
    parts: list[str] = []
    for i, (word, tok) in enumerate(zip(words, tokens, strict=True)):
        if i:
            gap = tok.start - tokens[i - 1].stop  # type: ignore[attr-defined]
            parts.append(" " * gap)
        parts.append(word)
    return "".join(parts)


# Natasha's extractors are chart parsers whose cost grows faster than the text; they only run on
# the sentences that can hold what they look for: a month name (models/dates.toml) or a date-like
# number for dates, one of the currencies Natasha's MoneyExtractor knows for money.
_MONEY_CUE = re.compile(r"руб|долл|евро|юан|тенге|[$€₽£¥]", re.IGNORECASE)


@cache
def _date_cue() -> re.Pattern[str]:
    dates = load_toml("dates")
    months = [*dates["months_ru"], *dates["months_ru_words"]]
    return re.compile("|".join(map(re.escape, months)) + r"|\b(?:1[89]|20)\d\d\b|\d\.\d", re.IGNORECASE)


def fact_mentions(doc: Doc, models: RussianModels) -> Iterable[Mention]:
    """Natasha's rule-based extractors, sentence by sentence → DATE and MONEY mentions."""
    text = doc.text
    for sent in doc.sents:
        if _date_cue().search(sent.text):
            yield from _dates(text, sent.start, sent.text, models)
        if _MONEY_CUE.search(sent.text):
            yield from _money(text, sent.start, sent.text, models)


def _dates(text: str, offset: int, sentence: str, models: RussianModels) -> Iterator[Mention]:
    for match in models.dates(sentence):
        fact = match.fact
        normal = "-".join(str(v) if v else "?" for v in (fact.year, fact.month, fact.day))
        yield _fact(Label.DATE, text, offset + match.start, offset + match.stop, normal, "DatesExtractor")


def _money(text: str, offset: int, sentence: str, models: RussianModels) -> Iterator[Mention]:
    for match in models.money(sentence):
        normal = f"{match.fact.amount} {match.fact.currency}"
        yield _fact(Label.MONEY, text, offset + match.start, offset + match.stop, normal, "MoneyExtractor")


def _fact(label: Label, text: str, start: int, end: int, normal: str, source: str) -> Mention:
    return Mention(label, text[start:end], start, end, normal, source)
