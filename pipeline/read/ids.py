"""Article ids: raw input bytes → a stable hash."""

from __future__ import annotations

import hashlib


def content_id(data: bytes) -> str:
    """Raw input bytes → stable article id (same bytes, same id, on any machine)."""
    return hashlib.sha256(data).hexdigest()[:16]
