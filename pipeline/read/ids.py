"""Article ids: raw input bytes → a stable hash."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def content_id(data: bytes) -> str:
    """Raw input bytes → stable article id (same bytes, same id, on any machine)."""
    return hashlib.sha256(data).hexdigest()[:16]


def source_name(path: Path) -> str:
    """A path → the name its rows carry: valid UTF-8 whatever the file system allows (bad bytes as \\xNN)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def valid_text(text: str) -> str:
    """A string with lone surrogates (JSON's "\\ud83d") → the same with U+FFFD in their place."""
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
