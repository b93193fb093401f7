"""Bytes → text: BOM, declared charset, UTF-8, then the Russian legacy encodings."""

from __future__ import annotations

import codecs
import re

# UTF-32's little-endian mark starts with UTF-16's: it is looked for first
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SNIFF = 65536  # bytes looked at to tell UTF-16/32 without a mark, or binary data, from text
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
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
            return data.decode(name, errors="replace"), name
    wide = wide_encoding(data)
    if wide:
        return data.decode(wide, errors="replace"), wide
    declared = declared_charset(data)
    for candidate in (charset, declared, "utf-8"):
        if candidate:
            try:
                return data.decode(candidate), candidate
            except (UnicodeDecodeError, LookupError):
                continue
    name = guess_legacy(data)
    return data.decode(name, errors="replace"), name


def wide_encoding(data: bytes) -> str | None:
    """UTF-32 or UTF-16 without a byte-order mark, told by where the zero bytes fall; else None.

    Text in them has zero bytes in fixed places (UTF-32: two of every four for any living script;
    UTF-16: the high byte of every Latin letter, space, digit and punctuation sign).
    """
    sample = data[: _SNIFF - _SNIFF % 4]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    zeros = [sample[k::4].count(0) / len(sample[k::4]) for k in range(4)]
    if zeros[2] > 0.99 and zeros[3] > 0.99:
        return "utf-32-le"
    if zeros[0] > 0.99 and zeros[1] > 0.99:
        return "utf-32-be"
    even, odd = (zeros[0] + zeros[2]) / 2, (zeros[1] + zeros[3]) / 2
    if odd > 0.1 and even < 0.01:
        return "utf-16-le"
    if even > 0.1 and odd < 0.01:
        return "utf-16-be"
    return None


def binary_reason(text: str) -> str | None:
    """Decoded text → why it is binary data rather than text (control characters in it), or None."""
    sample = text[: _SNIFF // 4]
    controls = len(_CONTROLS.findall(sample))
    if "\x00" in sample or controls > len(sample) / 100:
        return f"binary data, not text ({controls} control characters in the first {len(sample)})"
    return None
