"""spaCy's attribute_ruler applied by lookup: the model's own rules, the same annotations, less time.

en_core_web_sm's `attribute_ruler` sets each token's coarse part of speech, morphology and some
lemmas from its fine tag and its word, with 179 Matcher rules; run through the Matcher they cost
about a sixth of the English model's time (docs/scale.md). Every rule of that model tests one or
two tokens for equality with, or membership of, their TAG, LOWER, DEP or IS_SPACE, so the same
rules can be applied by dictionary lookups: a token's annotation depends on those four values
(and, for the two-token rules, its neighbour's word) and is worked out once per distinct
combination. Later rules win, as in the ruler (it sorts its matches by rule number). A model
whose rules test anything else keeps its own component (`Unsupported`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

log = logging.getLogger(__name__)

FACTORY = "attribute_lookup"
LEMMA_FACTORY = "lemma_cache"
# Matcher key → the Token attribute it reads
_FIELDS = {"TAG": "tag_", "LOWER": "lower_", "DEP": "dep_", "IS_SPACE": "is_space"}
_OTHER = "\x00other"  # stands for any value that no rule names
_MAX_VALUES = 200_000  # distinct (tag, word, dep, space) values cached before the cache starts again


class Unsupported(ValueError):
    """A rule this lookup cannot apply exactly (another attribute, an operator, a regex...)."""


@dataclass(frozen=True)
class Test:
    """One condition of one pattern token: the attribute's value is in `values`, is not in them
    (`negated`), or is matched by the regular expression `regex`, as spaCy's Matcher reads them."""

    field: str
    values: frozenset[Any] = frozenset()
    negated: bool = False
    regex: re.Pattern[str] | None = None

    def passes(self, value: Any) -> bool:
        if self.regex is not None:
            return isinstance(value, str) and self.regex.search(value) is not None
        return (value in self.values) != self.negated


@dataclass(frozen=True)
class Rule:
    """One pattern of the ruler: its rule number, the tests of each token, the token it annotates."""

    order: int
    tokens: tuple[tuple[Test, ...], ...]
    target: int  # index into the matched tokens (negative from the end, as the ruler allows)
    attrs: Mapping[int, Any]  # normalised as the ruler stores them

    def annotates(self, doc: Doc, start: int) -> int | None:
        """The index of the token this rule annotates when it matches at start, else None."""
        if start + len(self.tokens) > len(doc):
            return None
        for offset, tests in enumerate(self.tokens):
            token = doc[start + offset]
            if not all(test.passes(getattr(token, _FIELDS[test.field])) for test in tests):
                return None
        return start + (self.target % len(self.tokens))


def compile_rules(patterns: Sequence[Mapping[str, Any]], vocab: Any) -> tuple[Rule, ...]:
    """The ruler's patterns (`AttributeRuler.patterns`, in rule order) → Rules; Unsupported if one can't be."""
    from spacy.tokens._retokenize import normalize_token_attrs

    rules = []
    for order, entry in enumerate(patterns):
        attrs = normalize_token_attrs(vocab, dict(entry["attrs"]))
        for pattern in entry["patterns"]:
            if not isinstance(pattern, list) or not pattern:
                raise Unsupported(f"rule {order}: pattern {pattern!r} is not a list of token tests")
            tokens = tuple(_tests(order, token) for token in pattern)
            rules.append(Rule(order, tokens, int(entry.get("index", 0)), attrs))
    return tuple(rules)


def _tests(order: int, token: Mapping[str, Any]) -> tuple[Test, ...]:
    tests = []
    for key, value in token.items():
        field = key.upper()
        if field not in _FIELDS:
            raise Unsupported(f"rule {order}: attribute {key!r}")
        if isinstance(value, dict):
            if len(value) != 1 or next(iter(value)) not in ("IN", "NOT_IN", "REGEX"):
                raise Unsupported(f"rule {order}: operator {value!r}")
            operator, operand = next(iter(value.items()))
            if operator == "REGEX":
                tests.append(Test(field, regex=re.compile(operand)))
            else:
                tests.append(Test(field, frozenset(operand), operator == "NOT_IN"))
        elif isinstance(value, str | bool):
            tests.append(Test(field, frozenset([value])))
        else:
            raise Unsupported(f"rule {order}: value {value!r}")
    return tuple(tests)


class AttributeLookup:
    """A pipeline component that applies compiled Rules as the attribute_ruler would."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        from spacy.strings import get_string_id
        from spacy.tokens._retokenize import set_token_attrs

        self._set = set_token_attrs
        self._single = [r for r in rules if len(r.tokens) == 1]
        # a rule of several tokens is tried only where one of its tokens is a word it names: keyed
        # by that word's hash (which a token gives without making a string), with its offset
        self._by_word: dict[int, list[tuple[Rule, int]]] = {}
        self._anywhere: list[Rule] = []
        for rule in (r for r in rules if len(r.tokens) > 1):
            named = [(offset, t) for offset, tests in enumerate(rule.tokens) for t in tests if _names_words(t)]
            if not named:
                self._anywhere.append(rule)
                continue
            offset, test = named[0]
            for word in test.values:
                self._by_word.setdefault(get_string_id(word), []).append((rule, offset))
        # the values each attribute is tested for, and its regular expressions: a value that no
        # rule names is known by which expressions match it, so the cache stays small
        one = [t for r in self._single for t in r.tokens[0]]
        self._named = {f: frozenset(v for t in one if t.field == f for v in t.values) for f in _FIELDS}
        self._regexes = {f: tuple(t.regex for t in one if t.field == f and t.regex) for f in _FIELDS}
        self._cache: dict[tuple[Any, ...], tuple[tuple[int, Mapping[int, Any]], ...]] = {}
        self._by_value: dict[tuple[int, int, int, bool], dict[int, Any]] = {}

    def __call__(self, doc: Doc) -> Doc:
        extra = self._longer_hits(doc) if self._by_word or self._anywhere else {}
        by_value = self._by_value
        for i, token in enumerate(doc):
            merged: dict[int, Any] | None
            if i in extra:
                hits = tuple(sorted((*self._single_hits(token), *extra[i]), key=lambda hit: hit[0]))
                merged = _merged(hits)
            else:
                # the values a one-token rule reads, as the integers spaCy stores: one dictionary
                # lookup for a token whose word and tags were seen before
                value = (token.tag, token.lower, token.dep, token.is_space)
                merged = by_value.get(value)  # {} for a token no rule annotates
                if merged is None:
                    merged = by_value[value] = _merged(self._single_hits(token))
                    if len(by_value) > _MAX_VALUES:  # a long run's vocabulary: start again
                        by_value.clear()
            if merged:
                self._set(token, merged)
        return doc

    def _single_hits(self, token: Token) -> tuple[tuple[int, Mapping[int, Any]], ...]:
        """(rule number, attrs) of every one-token rule the token meets, in rule order."""
        values = {field: getattr(token, attribute) for field, attribute in _FIELDS.items()}
        key = tuple(self._seen(field, value) for field, value in values.items())
        found = self._cache.get(key)
        if found is None:  # every token with this key meets the same rules
            met = (r for r in self._single if all(t.passes(values[t.field]) for t in r.tokens[0]))
            found = tuple((r.order, r.attrs) for r in met)
            self._cache[key] = found
        return found

    def _seen(self, field: str, value: Any) -> Any:
        if value in self._named[field]:
            return value
        return _OTHER, tuple(bool(rx.search(value)) for rx in self._regexes[field] if isinstance(value, str))

    def _longer_hits(self, doc: Doc) -> dict[int, list[tuple[int, Mapping[int, Any]]]]:
        """Token index → (rule number, attrs) of the rules of several tokens that annotate it."""
        hits: dict[int, list[tuple[int, Mapping[int, Any]]]] = {}
        by_word = self._by_word
        tries = [(rule, i, 0) for i in range(len(doc)) for rule in self._anywhere]
        for i, token in enumerate(doc):
            if found := by_word.get(token.lower):
                tries += ((rule, i, offset) for rule, offset in found)
        for rule, i, offset in tries:
            target = rule.annotates(doc, i - offset) if i >= offset else None
            if target is not None:
                hits.setdefault(target, []).append((rule.order, rule.attrs))
        return hits


def _names_words(test: Test) -> bool:
    """Whether a test holds only for the words it lists (LOWER equal to, or in, them)."""
    return test.field == "LOWER" and not test.negated and test.regex is None and bool(test.values)


def _merged(hits: Sequence[tuple[int, Mapping[int, Any]]]) -> dict[int, Any]:
    """The attrs of a token's rules, later ones winning."""
    merged: dict[int, Any] = {}
    for _, attrs in hits:
        merged.update(attrs)
    return merged


def use_lookup(nlp: Language) -> bool:
    """Replace the pipeline's attribute_ruler with an AttributeLookup of its rules; False (and the
    ruler kept) when there is none or a rule can't be applied by lookup."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    if isinstance(ruler, AttributeLookup):
        return True
    patterns = list(getattr(ruler, "patterns", ()))
    try:
        compile_rules(patterns, nlp.vocab)
    except Unsupported as error:
        log.info("attribute_ruler kept: %s", error)
        return False
    _register()
    nlp.replace_pipe("attribute_ruler", FACTORY, config={"patterns": patterns})
    return True


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(FACTORY):
        Language.factory(FACTORY, default_config={"patterns": []})(_make)
    if not Language.has_factory(LEMMA_FACTORY):
        Language.factory(LEMMA_FACTORY)(_make_lemma_cache)


def _make(nlp: Language, name: str, patterns: list[dict[str, Any]]) -> AttributeLookup:
    return AttributeLookup(compile_rules(patterns, nlp.vocab))


def _make_lemma_cache(nlp: Language, name: str) -> LemmaCache:
    return LemmaCache(nlp.get_pipe("lemmatizer"))  # the lemmatizer it stands in front of, still in place


class LemmaCache:
    """A pipeline component that gives each token the lemma of the model's own lemmatizer, worked
    out once per word, part of speech and morphology: what spaCy's rule lemmatizer reads of a
    token. Its own cache keeps only the forms its rules change, so every other token (the base
    forms, the proper nouns) goes through its rules again; this one keeps them all."""

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        self._overwrite = bool(getattr(lemmatizer, "overwrite", False))
        self._lemmas: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        lemmas, strings = self._lemmas, doc.vocab.strings
        for token in doc:
            if token.lemma and not self._overwrite:
                continue
            key = (token.orth, token.pos, token.morph.key)  # type: ignore[attr-defined]
            lemma = lemmas.get(key)
            if lemma is None:
                lemma = lemmas[key] = strings.add(self.lemmatizer.lemmatize(token)[0])
                if len(lemmas) > _MAX_VALUES:  # a long run's vocabulary: start again
                    lemmas.clear()
            token.lemma = lemma
        return doc


def use_lemma_cache(nlp: Language) -> bool:
    """Put a LemmaCache in front of the pipeline's lemmatizer, under its name; False when there is none."""
    from spacy.pipeline import Lemmatizer

    if "lemmatizer" not in nlp.pipe_names:
        return False
    if not isinstance(nlp.get_pipe("lemmatizer"), Lemmatizer):
        return isinstance(nlp.get_pipe("lemmatizer"), LemmaCache)
    _register()
    nlp.add_pipe(LEMMA_FACTORY, name="lemma_cache", after="lemmatizer")
    nlp.remove_pipe("lemmatizer")
    nlp.rename_pipe("lemma_cache", "lemmatizer")
    return True
