"""Bytes → text: BOM, declared charset, UTF-8, then the Russian legacy encodings."""

from __future__ import annotations

import codecs
import re

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.-]+)""", re.IGNORECASE)
_XML = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.-]+)""", re.IGNORECASE)
_LEGACY = ("cp1251", "koi8_r")


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML/XML head declares, if it names one Python knows."""
    head = data[:8192]
    match = _META.search(head) or _XML.search(head)
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


def _cyrillic_lower_share(text: str) -> float:
    letters = [c for c in text if "\u0400" <= c <= "\u04ff"]
    if not letters:
        return 0.0
    return sum(c.islower() for c in letters) / len(letters)


def guess_legacy(data: bytes) -> str:
    """Pick the legacy Cyrillic codec whose decoding reads like running text.

    Russian prose is mostly lower case; KOI8-R bytes read as cp1251 (and the
    reverse) come out mostly upper case, which tells the two apart.
    """
    scores = {name: _cyrillic_lower_share(data.decode(name, errors="replace")) for name in _LEGACY}
    best = max(_LEGACY, key=lambda name: scores[name])
    return best if scores[best] > 0 else "cp1252"


def decode(data: bytes, charset: str | None = None) -> tuple[str, str]:
    """Bytes (and the charset an HTTP Content-Type header names, which wins over <meta>) → (text, encoding used)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name), name
    declared = declared_charset(data)
    for candidate in (charset, declared, "utf-8"):
        if candidate:
            try:
                return data.decode(candidate), candidate
            except (UnicodeDecodeError, LookupError):
                continue
    name = guess_legacy(data)
    return data.decode(name, errors="replace"), name
