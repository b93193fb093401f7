"""Russian NER with Natasha: Articles → Analyses (Token and Mention records)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache, partial
from typing import NamedTuple

from natasha import (
    DatesExtractor,
    Doc,
    MoneyExtractor,
    MorphVocab,
    NewsMorphTagger,
    NewsNERTagger,
    Segmenter,
)
from natasha.doc import DocSpan
from natasha.morph.lemma import lemmatize, normal_word
from natasha.norm import form_match, inflect_word, recover_shape

from ..knowledge.embedding import news_taggers
from ..knowledge.lexicon import first_char_guard, load_toml, morph_vocab
from ..records import Analysis, Article, Label, Mention, Token
from .batched import set_batch_size, tag_morph, tag_ner
from .inflect import adjective_nominative, nominatives

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
    lemma: Callable[[str, str | None, tuple[tuple[str, str], ...]], str]


def load_russian(morph_batch: int = 32, ner_batch: int = 4) -> RussianModels:
    """Natasha's bundled models (shipped inside the PyPI packages); slovnet's batches: `morph_batch`
    sentences, `ner_batch` documents (`pipeline.ner.batched`)."""
    vocab = morph_vocab()  # the one dictionary the facts and entities rules ask too
    # the process's one pair, whose vectors the organisation kinds look names up in (batch sizes:
    # the last load's; the tags are the same at any size)
    morph, ner = news_taggers()
    set_batch_size(morph, morph_batch)
    set_batch_size(ner, ner_batch)
    return RussianModels(
        Segmenter(),
        morph,
        ner,
        vocab,
        DatesExtractor(vocab),
        MoneyExtractor(vocab),
        # news repeats its words: a lemma is looked up once per form and tag, not once per token;
        # the frequent forms fit in 50,000 entries (about 25 MB), so memory stays flat on long runs
        lru_cache(maxsize=50_000)(partial(_lemmatize, vocab)),
    )


def _lemmatize(vocab: MorphVocab, word: str, pos: str | None, feats: tuple[tuple[str, str], ...]) -> str:
    return str(lemmatize(vocab, word, pos, dict(feats)))


def analyse_russian(models: RussianModels, articles: Sequence[Article]) -> Iterator[Analysis]:
    """Russian Articles → Analyses, in input order; the taggers see all the articles at once."""
    docs = [Doc(article.text) for article in articles]
    for doc in docs:
        doc.segment(models.segmenter)
    tag_morph(docs, models.morph)
    tag_ner(docs, models.ner)
    for article, doc in zip(articles, docs, strict=True):
        found = [*ner_mentions(doc, models.vocab), *fact_mentions(doc, models)]
        yield Analysis(article, tuple(tokens(doc, models.lemma)), tuple(sorted(found, key=_order)))


def _order(mention: Mention) -> tuple[int, int]:
    return mention.start, mention.end


def tokens(doc: Doc, lemma: Callable[[str, str | None, tuple[tuple[str, str], ...]], str]) -> Iterable[Token]:
    """Natasha Doc → Token records with pymorphy lemmas (Natasha's choice among pymorphy's parses).

    Natasha lemmatises the lower-cased word with ё as е, so that form is the cache key: «Москва»
    at a sentence start and «москва» share one entry.
    """
    for index, sent in enumerate(doc.sents):
        for tok in sent.tokens:
            feats = tuple(tok.feats.items())
            word = lemma(normal_word(tok.text), tok.pos, feats)
            yield Token(tok.text, tok.start, tok.stop, word, tok.pos, index, tok.feats.get("Case", ""))


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
    feats = tuple(token.feats.items())  # type: ignore[attr-defined]
    return _nominative(vocab, token.text, token.pos, feats)  # type: ignore[attr-defined]


class _Form(NamedTuple):
    """What `inflect_word` reads of a token."""

    text: str
    pos: str | None
    feats: dict[str, str]


@lru_cache(maxsize=20_000)
def _nominative(vocab: MorphVocab, text: str, pos: str | None, feats: tuple[tuple[str, str], ...]) -> str:
    """A word with its tag → its nominative as written (shape and ё kept), once per form and tag."""
    form = _Form(text, pos, dict(feats))
    inflected = inflect_word(vocab, form)
    if pos == "ADJ" and form.feats.get("Case") not in ("Nom", None):
        fits = partial(form_match, pos=pos, feats=form.feats)
        candidates = nominatives(vocab(normal_word(text)), fits)
        inflected = adjective_nominative(normal_word(text), form.feats, candidates) if candidates else inflected
    return keep_yo(recover_shape(inflected, text), text)


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
# the sentences where one of their rules can start. Every DatesExtractor rule needs a day before a
# month name, a month name before a year, a dotted day.month.year or a year before «г»/«год»
# (month names from models/dates.toml); every MoneyExtractor rule needs a number before a currency.
@cache
def _date_cue() -> re.Pattern[str]:
    dates = load_toml("dates")
    month = "(?:" + "|".join(map(re.escape, [*dates["months_ru"], *dates["months_ru_words"]])) + r")\w*"
    rules = [rf"\d\s*{month}", rf"{month}\s*\d{{4}}", r"\d\s*\.\s*\d{1,2}\s*\.\s*\d\d", r"\d{4}\s*г"]
    return re.compile(first_char_guard("|".join(rules), re.IGNORECASE), re.IGNORECASE)


# a number (digit groups, decimals), an optional multiplier and bracketed numeral, then the currency
_MONEY_CUE = re.compile(
    first_char_guard(
        r"\d(?:[\d\s.,]*\d)?\s*(?:(?:тыс|млн|млрд|миллион|миллиард|т\.)\w*\.?\s*)?"
        r"(?:[(/][^)/\n]{0,80}[)/]\s*)?(?:руб|долл|евро|[$€₽])",
        re.IGNORECASE,
    ),
    re.IGNORECASE,
)


def fact_mentions(doc: Doc, models: RussianModels) -> Iterable[Mention]:
    """Natasha's rule-based extractors, around the cues of each sentence → DATE and MONEY mentions."""
    text = doc.text
    for sent in doc.sents:
        for start, end in cue_windows(sent.text, _date_cue()):
            yield from _dates(text, sent.start + start, sent.text[start:end], models)
        for start, end in cue_windows(sent.text, _MONEY_CUE):
            yield from _money(text, sent.start + start, sent.text[start:end], models)


def cue_windows(sentence: str, cue: re.Pattern[str], margin: int = 20) -> list[tuple[int, int]]:
    """The cues of a sentence → merged (start, end) windows, `margin` wider on each side, in whole words.

    A match of any extractor rule lies inside one window (every rule is a few words long), and the
    chart parser's cost falls with the length of what it parses.
    """
    windows: list[tuple[int, int]] = []
    for match in cue.finditer(sentence):
        start, end = _word_start(sentence, match.start() - margin), _word_end(sentence, match.end() + margin)
        if windows and start <= windows[-1][1]:
            start = windows.pop()[0]
        windows.append((start, end))
    return windows


def _word_start(text: str, index: int) -> int:
    index = max(index, 0)
    while _inside_word(text, index):
        index -= 1
    return index


def _word_end(text: str, index: int) -> int:
    index = min(index, len(text))
    while _inside_word(text, index):
        index += 1
    return index


def _inside_word(text: str, index: int) -> bool:
    """Whether `index` falls between two characters of one word."""
    return 0 < index < len(text) and not text[index - 1].isspace() and not text[index].isspace()


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
