"""Pages → content hashes and simhashes; exact and near duplicates (syndicated copies) are flagged."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

import trafilatura

from ..read.decode import decode

BITS = 64
_MASK = (1 << BITS) - 1
_WORD = re.compile(r"\w+", re.UNICODE)


def content_hash(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def cleaned_text(body: bytes, charset: str | None = None) -> str:
    """HTML bytes → main text (trafilatura), so that site templates do not hide a syndicated copy."""
    html, _ = decode(body, charset)
    return trafilatura.extract(html, include_comments=False, include_tables=False) or ""


def shingles(text: str, size: int = 3) -> list[str]:
    words = _WORD.findall(text.lower())
    return [" ".join(words[i : i + size]) for i in range(max(1, len(words) - size + 1))] if words else []


def simhash(text: str) -> int | None:
    """Text → 64-bit simhash of its word 3-shingles (as a signed integer, for SQLite); None for no words."""
    grams = shingles(text)
    if not grams:
        return None
    weights = [0] * BITS
    for gram in grams:
        value = int.from_bytes(hashlib.blake2b(gram.encode(), digest_size=8).digest(), "big")
        for bit in range(BITS):
            weights[bit] += 1 if value >> bit & 1 else -1
    value = sum(1 << bit for bit in range(BITS) if weights[bit] > 0)
    return value - (1 << BITS) if value >= 1 << (BITS - 1) else value


def distance(a: int, b: int) -> int:
    """Hamming distance of two simhashes."""
    return ((a ^ b) & _MASK).bit_count()


def find_duplicate(
    digest: str, fingerprint: int | None, stored: Iterable[tuple[str, str | None, int | None]], max_bits: int
) -> tuple[str, str] | None:
    """A page's (hash, simhash) against stored (url, hash, simhash) → ('exact' | 'near', url) or None."""
    stored = list(stored)
    exact = next((url for url, other, _ in stored if other == digest), None)
    if exact:
        return "exact", exact
    if fingerprint is None:
        return None
    near = next(
        (url for url, _, other in stored if other is not None and distance(fingerprint, other) <= max_bits), None
    )
    return ("near", near) if near else None
