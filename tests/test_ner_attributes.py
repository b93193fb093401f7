"""The English model as newsfacts loads it (the attribute_ruler applied by lookup, the lemmas cached,
numpy's matrix products: pipeline.ner.attributes, pipeline.ner.english.use_gemm) annotates exactly
as spaCy's own."""

from __future__ import annotations

import json
from typing import Any

import pytest
from spacy.language import Language

from pipeline.ner.attributes import AttributeLookup, LemmaCache, Unsupported, compile_rules, use_lemma_cache, use_lookup
from pipeline.ner.english import load_english, use_gemm
from pipeline.ner.recognise import Models
from pipeline.settings import Settings

from .conftest import SAMPLES, SHARED

CONLL = SHARED / "eval" / "en_conll_dev.jsonl"
# the shapes the model's multi-token, regular-expression and dependency rules are written for
EDGE_CASES = [
    "",
    "  \n\n  ",
    "I'm gonna sign it, and y'all know we gotta ship. Let's go, c'mon!",
    "There is no plan and there are no funds; it ain't over, and nothin' changed.",
    "The U.S. Dept. of Commerce said Tuesday's $1.2bn deal -- 3.5% of GDP -- was 'final'.",
    "Gov. Kristi Noem (R-S.D.) signed HB 1001 at 10:30 a.m.\n\nShe didn't comment.",
]


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("en_*.txt"))] + EDGE_CASES
    if CONLL.exists():
        texts += [json.loads(line)["text"] for line in CONLL.read_text(encoding="utf-8").splitlines()[:60]]
    return texts


def _annotations(nlp: Language, texts: list[str]) -> list[list[tuple[Any, ...]]]:
    return [
        [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.ent_iob_, t.ent_type_) for t in doc]
        for doc in nlp.pipe(texts, batch_size=4)
    ]


@pytest.fixture(scope="module")
def stock(settings: Settings) -> Language:
    return load_english(settings.ner.english_models, settings.ner.english_exclude)


def test_the_pipeline_uses_the_lookup(models: Models) -> None:
    assert isinstance(models.english.get_pipe("attribute_ruler"), AttributeLookup)


def test_the_pipeline_caches_its_lemmas(models: Models) -> None:
    assert isinstance(models.english.get_pipe("lemmatizer"), LemmaCache)
    assert models.english.pipe_names.index("lemmatizer") > models.english.pipe_names.index("attribute_ruler")


@pytest.mark.parametrize(
    ("text", "word", "lemmas"),
    [
        # one word, two parts of speech: the cache keys each form by its tags, not by its spelling
        ("The meeting ended late. They are meeting the governor today.", "meeting", ["meeting", "meet"]),
        ("Exports rose 5%. The region exports grain and timber.", "exports", ["export", "export"]),
        ("The ministers met twice. Two ministers said the talks were over.", "ministers", ["minister", "minister"]),
    ],
)
def test_a_cached_lemma_follows_the_tags(
    models: Models, stock: Language, text: str, word: str, lemmas: list[str]
) -> None:
    for nlp in (models.english, stock):
        (doc,) = nlp.pipe([text])
        assert [t.lemma_ for t in doc if t.lower_ == word] == lemmas


def test_a_pipeline_without_a_lemmatizer_is_left_alone(settings: Settings) -> None:
    nlp = load_english(settings.ner.english_models, (*settings.ner.english_exclude, "lemmatizer"))
    assert not use_lemma_cache(nlp)
    assert "lemmatizer" not in nlp.pipe_names


@pytest.mark.parametrize(("gemm", "blis"), [("numpy", False), ("blis", True)])
def test_the_layers_multiply_as_the_setting_says(settings: Settings, gemm: str, blis: bool) -> None:
    nlp = load_english(settings.ner.english_models, settings.ner.english_exclude, gemm=gemm)
    for name in ("tok2vec", "tagger", "ner"):
        assert {node.ops.use_blis for node in nlp.get_pipe(name).model.walk()} == {blis}


def test_the_default_is_numpy(models: Models) -> None:
    assert not models.english.get_pipe("tok2vec").model.ops.use_blis


def test_an_unknown_gemm_is_refused(stock: Language) -> None:
    with pytest.raises(ValueError, match="english_gemm"):
        use_gemm(stock, "mkl")


def test_lookup_annotates_every_token_as_the_ruler(models: Models, stock: Language) -> None:
    assert not isinstance(stock.get_pipe("attribute_ruler"), AttributeLookup)
    texts = _texts()
    assert _annotations(models.english, texts) == _annotations(stock, texts)


def test_a_two_token_rule_reaches_its_second_word(models: Models) -> None:
    (doc,) = models.english.pipe(["Let's go, and we're gonna win."])
    lemmas = {t.text: t.lemma_ for t in doc}
    assert (lemmas["'s"], lemmas["gon"], lemmas["na"]) == ("us", "go", "to")


@pytest.mark.parametrize(
    "pattern",
    [
        [{"ORTH": "Mr."}],  # an attribute the lookup does not read
        [{"TAG": "NNP", "OP": "+"}],  # a quantifier
        [{"LOWER": {"FUZZY": "govenor"}}],  # an operator
        [{"LENGTH": {">=": 3}}],
        [],
    ],
)
def test_a_rule_the_lookup_cannot_apply_is_refused(stock: Language, pattern: list[dict[str, Any]]) -> None:
    with pytest.raises(Unsupported):
        compile_rules([{"patterns": [pattern], "attrs": {"POS": "PROPN"}, "index": 0}], stock.vocab)


def test_a_model_with_such_a_rule_keeps_its_ruler(settings: Settings) -> None:
    nlp = load_english(settings.ner.english_models, settings.ner.english_exclude)
    nlp.get_pipe("attribute_ruler").add([[{"ORTH": "Gov.", "OP": "?"}]], {"LEMMA": "governor"})
    assert not use_lookup(nlp)
    assert not isinstance(nlp.get_pipe("attribute_ruler"), AttributeLookup)
