"""Knowledge files in models/ (TOML and CSV) → cached Python values."""

from __future__ import annotations

import csv
import re
import tomllib
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from ..settings import MODELS_DIR


@cache
def load_toml(name: str, models_dir: Path = MODELS_DIR) -> dict[str, Any]:
    """models/NAME.toml → dict."""
    return tomllib.loads((models_dir / f"{name}.toml").read_text(encoding="utf-8"))


@cache
def word_set(name: str, *keys: str) -> frozenset[str]:
    """A list of words in models/NAME.toml, found by its keys (`word_set("places", "left_out", "names")`)."""
    found: Any = load_toml(name)
    for key in keys:
        found = found[key]
    return frozenset(found)


@cache
def load_csv(name: str, models_dir: Path = MODELS_DIR) -> tuple[dict[str, str], ...]:
    """models/NAME.csv → rows as dicts (empty cells as empty strings)."""
    with (models_dir / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return tuple({k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh))


@cache
def morph_vocab() -> Any:
    """Natasha's MorphVocab (pymorphy's Russian dictionary), loaded once per process for every rule that asks it."""
    from natasha import MorphVocab

    return MorphVocab()


_NOT_LETTERS = re.compile(r"[\W\d_]+")
# UTF-8 writes every code point of the Cyrillic block (U+0400-U+04FF) with one of these lead bytes
_CYRILLIC_LEADS = (b"\xd0", b"\xd1", b"\xd2", b"\xd3")


def cyrillic_share(text: str) -> float:
    """Share of the text's letters that are Cyrillic (0.0 when it has none).

    Counted on the UTF-8 bytes (a C loop per lead byte), not one regex match per character:
    this runs on every whole text.
    """
    letters = len(_NOT_LETTERS.sub("", text))
    if not letters:
        return 0.0
    encoded = text.encode("utf-8", "surrogatepass")
    return sum(map(encoded.count, _CYRILLIC_LEADS)) / letters


def is_cyrillic(word: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in word)


def alternation(words: Iterable[str], stems: bool = True) -> str:
    """Lexicon words → one regex alternation that prefers the longest word.

    With `stems`, Cyrillic entries are stems (any ending may follow, then an optional
    dot); Latin entries, and all entries without `stems`, are whole words. Both kinds are
    trie-shaped (see `trie_pattern`), so a position that starts no word fails at once.
    """
    words = list(words)
    stemmed = [w for w in words if stems and is_cyrillic(w)]
    whole = [w for w in words if not (stems and is_cyrillic(w))]
    parts = [trie_pattern(stemmed) + r"\w*\.?"] if stemmed else []
    parts += [trie_pattern(whole) + r"(?!\w)"] if whole else []
    return "(?:" + "|".join(parts) + ")"


def trie_pattern(words: Iterable[str], any_space: bool = True) -> str:
    """Literal words → one regex matching exactly them, shaped as a trie (longest match first).

    A flat alternation of many words makes the regex engine try every word at every position;
    a trie shares prefixes, so most positions fail on the first character. With `any_space`, a
    space in a word matches any run of white space.
    """
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return "(?:" + _trie(root, any_space) + ")"


def _trie(node: dict[str, Any], any_space: bool) -> str:
    branches = [_trie_char(char, any_space) + _trie(child, any_space) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _trie_char(char: str, any_space: bool) -> str:
    return r"\s+" if char == " " and any_space else re.escape(char)


# ---- a first-character guard for scanning regexes --------------------------------------------
# Python's regex engine tries a pattern at every position of a text; when the pattern opens with a
# look-behind or a group of words it has no quick test for a position, and most of a scan is spent
# failing. A look-ahead for the characters a match can start with fails in one step. The set is
# read off the parsed pattern, so it is exact; where it cannot be read the pattern stays as it is.

try:  # the parser behind re.compile, private to it: without it every pattern stays unguarded
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - a Python whose re is laid out differently
    _c = _parser = None

_Items = frozenset[str]  # parts of a character class: "a", "0-9", r"\d"
_CLASSES = {_c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_SPACE: r"\s", _c.CATEGORY_WORD: r"\w"} if _c else {}
_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT) if _c else ()
_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) if _c else ()


class _Unknown(Exception):
    """A construct whose first characters are not read (back-references, negated sets, "."...)."""


def first_char_guard(pattern: str, flags: int = 0) -> str:
    """A regex → the same regex behind a look-ahead for the characters its matches start with.

    Unchanged when the pattern can match the empty string or its first characters are not read.
    """
    if _parser is None:
        return pattern
    try:
        items, nullable = _first(_parser.parse(pattern, flags).data, flags)
    except (_Unknown, re.error, RecursionError):
        return pattern
    if nullable or not items:
        return pattern
    return f"(?=[{''.join(sorted(items))}])(?:{pattern})"


def _first(sequence: Any, flags: int) -> tuple[_Items, bool]:
    """Parsed items in sequence → (what a match of them can start with, whether they can match nothing)."""
    found: set[str] = set()
    for op, av in sequence:
        items, nullable = _first_of(op, av, flags)
        found |= items
        if not nullable:
            return frozenset(found), False
    return frozenset(found), True


def _first_of(op: Any, av: Any, flags: int) -> tuple[_Items, bool]:
    if op is _c.LITERAL:
        return frozenset({_char(av)}), False
    if op is _c.IN:
        return _set_items(av), False
    if op in _ZERO_WIDTH:
        return frozenset(), True
    if op is _c.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        if add_flags & re.IGNORECASE and not flags & re.IGNORECASE:
            raise _Unknown("case folding switched on inside")
        return _first(sub, flags)
    if op is _c.ATOMIC_GROUP:
        return _first(av, flags)
    if op is _c.BRANCH:
        parts = [_first(alternative, flags) for alternative in av[1]]
        return frozenset().union(*(p[0] for p in parts)), any(p[1] for p in parts)
    if op in _REPEATS:
        low, _high, sub = av
        items, nullable = _first(sub, flags)
        return items, nullable or low == 0
    raise _Unknown(str(op))


def _set_items(av: Any) -> _Items:
    items = set()
    for op, value in av:
        if op is _c.LITERAL:
            items.add(_char(value))
        elif op is _c.RANGE:
            items.add(f"{_char(value[0])}-{_char(value[1])}")
        elif op is _c.CATEGORY and value in _CLASSES:
            items.add(_CLASSES[value])
        else:  # a negated set or category
            raise _Unknown(str(op))
    return frozenset(items)


def _char(code: int) -> str:
    char = chr(code)
    return re.escape(char) if char.isprintable() and not char.isspace() else f"\\U{code:08x}"
