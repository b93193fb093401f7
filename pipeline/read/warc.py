"""WARC files → one Page per HTML response record (a Skip row for anything else a crawl kept)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from ..records import Page, Skip, Status
from .decode import decode
from .ids import content_id, source_name

log = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")
DUPLICATE = "WARC-Newsfacts-Duplicate"
DUPLICATE_OF = "WARC-Newsfacts-Duplicate-Of"


def charset_of(content_type: str | None) -> str | None:
    """'text/html; charset=windows-1251' → 'windows-1251'."""
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def read_warc(path: Path, max_bytes: int) -> Iterator[Page | Skip]:
    """A .warc or .warc.gz file → Pages (source 'file.warc.gz:N', N counting response records)."""
    number, name = 0, source_name(path)
    try:
        with path.open("rb") as fh:
            for item in ArchiveIterator(fh):
                if item.rec_type == "response":
                    number += 1
                    yield page_from_record(f"{name}:{number}", item, max_bytes)
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as err:
        source = f"{name}:{number + 1}"
        yield Skip(content_id(source.encode()), source, "read", f"cannot read WARC record: {err}", Status.FAILED)


def page_from_record(source: str, item: ArcWarcRecord, max_bytes: int) -> Page | Skip:
    """One WARC response record → Page (URL from WARC-Target-URI, text decoded by the HTTP charset)."""
    data = item.content_stream().read(max_bytes + 1)
    article_id = content_id(data)
    content_type = item.http_headers.get_header("Content-Type") if item.http_headers else None
    if len(data) > max_bytes:
        return Skip(article_id, source, "read", f"record larger than {max_bytes} bytes")
    if (content_type or "").split(";")[0].strip().lower() not in HTML_TYPES:
        return Skip(article_id, source, "read", f"not HTML: {content_type or 'no Content-Type'}")
    duplicate = item.rec_headers.get_header(DUPLICATE)
    if duplicate:
        reason = f"{'near-' if duplicate == 'near' else ''}duplicate of {item.rec_headers.get_header(DUPLICATE_OF)}"
        return Skip(article_id, source, "read", reason)
    text, _ = decode(data, charset_of(content_type))
    return Page(article_id, source, "html", text, url=item.rec_headers.get_header("WARC-Target-URI"))
