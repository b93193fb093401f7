"""Stage 1, read: files and folders → one `Page` per file, JSON line or WARC record, or a `Skip` row.

Bytes are decoded here (BOM, declared charset, UTF-8, Cyrillic code pages); ids are hashes of the bytes."""

from .files import page_from_json, read
from .ids import content_id

__all__ = ["content_id", "page_from_json", "read"]
