"""Knowledge files in models/ (TOML and CSV) → cached Python values."""

from __future__ import annotations

import csv
import re
import tomllib
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from .settings import MODELS_DIR


@cache
def load_toml(name: str, models_dir: Path = MODELS_DIR) -> dict[str, Any]:
    """models/NAME.toml → dict."""
    return tomllib.loads((models_dir / f"{name}.toml").read_text(encoding="utf-8"))


@cache
def load_csv(name: str, models_dir: Path = MODELS_DIR) -> tuple[dict[str, str], ...]:
    """models/NAME.csv → rows as dicts (empty cells as empty strings)."""
    with (models_dir / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return tuple({k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh))


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
    branches = [_char(char, any_space) + _trie(child, any_space) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _char(char: str, any_space: bool) -> str:
    return r"\s+" if char == " " and any_space else re.escape(char)
