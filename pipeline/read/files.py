"""Stage 1, read: paths → Page records (or Skip records for what cannot be read)."""

from __future__ import annotations

import errno
import gzip
import io
import json
import logging
import os
import stat
import zlib
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from ..records import Page, Skip, Status
from ..settings import ReadSettings
from .decode import binary_reason, decode
from .ids import content_id, source_name, valid_text
from .warc import read_warc

log = logging.getLogger(__name__)

HTML_SUFFIXES = (".html", ".htm")
TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl",)
WARC_SUFFIXES = (".warc",)


def walk(paths: Iterable[str | Path]) -> Iterator[Path | Skip]:
    """Files and folders → every file, folders walked recursively in sorted order.

    A folder that cannot be listed is a Skip row; links to folders are not followed (no loops).
    """
    for path in map(Path, paths):
        if path.is_dir():
            yield from _walk_folder(path)
        else:
            yield path


def _walk_folder(root: Path) -> Iterator[Path | Skip]:
    found: list[Path] = []
    unreadable: list[Skip] = []

    def refused(err: OSError) -> None:
        source = source_name(Path(err.filename or root))
        unreadable.append(_skip(source, f"cannot read folder: {err.strerror}", Status.FAILED))

    for folder, folders, files in os.walk(root, onerror=refused):
        folders[:] = [name for name in folders if not name.startswith(".")]
        links = [name for name in folders if (Path(folder) / name).is_symlink()]
        found += [Path(folder) / name for name in (*files, *links) if not name.startswith(".")]
    yield from unreadable
    yield from sorted(found)


def special(path: Path) -> str | None:
    """Why a path is not a regular file that can be read (a FIFO, a dangling link, a loop...), or None."""
    try:
        mode = path.stat().st_mode
    except OSError as err:
        if path.is_symlink():
            return "symbolic link loop" if err.errno == errno.ELOOP else "dangling symbolic link"
        return f"cannot read file: {err.strerror}"
    if stat.S_ISDIR(mode):
        return "link to a folder (not followed)"
    if not stat.S_ISREG(mode):
        return f"not a regular file: {_KINDS.get(stat.S_IFMT(mode), 'special file')}"
    return None


_KINDS = {stat.S_IFIFO: "FIFO", stat.S_IFSOCK: "socket", stat.S_IFCHR: "character device", stat.S_IFBLK: "block device"}


def kind_of(path: Path) -> str | None:
    """File name → input kind (html, text, jsonl, warc) or None when unsupported."""
    name = path.name.lower().removesuffix(".gz")
    kinds = (("html", HTML_SUFFIXES), ("text", TEXT_SUFFIXES), ("jsonl", JSONL_SUFFIXES), ("warc", WARC_SUFFIXES))
    for kind, suffixes in kinds:
        if name.endswith(suffixes):
            return kind
    return None


def read(paths: Iterable[str | Path], settings: ReadSettings = ReadSettings()) -> Iterator[Page | Skip]:
    """Paths → one Page per article, or a Skip with the reason; never raises for one bad file."""
    seen: dict[str, str] = {}
    for entry in walk(paths):
        for item in [entry] if isinstance(entry, Skip) else _guarded_read(entry, settings):
            first = seen.setdefault(item.article_id, item.source)
            yield item if first == item.source else _duplicate(item, first)


def _duplicate(item: Page | Skip, first: str) -> Skip:
    """A second input with the same bytes as an earlier one: kept as a row, not re-extracted."""
    return _skip(item.source, f"duplicate of {first}")


def _guarded_read(path: Path, settings: ReadSettings) -> Iterator[Page | Skip]:
    """read_file, with anything it raises turned into a `failed` row for the file."""
    try:
        yield from read_file(path, settings)
    except Exception as err:  # noqa: BLE001 - one file must not stop the batch; the reason is kept
        log.warning("%s: read failed: %r", source_name(path), err)
        yield _skip(source_name(path), f"read failed: {type(err).__name__}: {err}", Status.FAILED)


def read_file(path: Path, settings: ReadSettings) -> Iterator[Page | Skip]:
    source = source_name(path)
    reason = special(path)
    if reason:
        yield _skip(source, reason, Status.FAILED if reason.startswith("cannot") else Status.SKIPPED)
        return
    kind = kind_of(path)
    if kind is None:
        yield _skip(source, f"unsupported file type: {''.join(path.suffixes) or path.name}")
        return
    if kind == "warc":  # streamed record by record: a crawl's WARC file may exceed max_bytes
        yield from read_warc(path, settings.max_bytes)
        return
    try:
        data = _load(path, settings.max_bytes)
    except _TooLarge as err:
        yield _skip(source, str(err))
        return
    except (OSError, EOFError, zlib.error) as err:
        yield _skip(source, f"cannot read file: {err}", Status.FAILED)
        return
    if kind == "jsonl":
        yield from read_jsonl(source, data)
    else:
        yield page_from_bytes(source, kind, data)


class _TooLarge(Exception):
    pass


def _load(path: Path, max_bytes: int) -> bytes:
    if path.stat().st_size > max_bytes:
        raise _TooLarge(f"file larger than {max_bytes} bytes")
    data = path.read_bytes()
    if path.name.lower().endswith(".gz"):
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            data = fh.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise _TooLarge(f"decompressed file larger than {max_bytes} bytes")
    return data


def page_from_bytes(source: str, kind: str, data: bytes) -> Page | Skip:
    """File bytes → Page (a text file's first line is its title), or a Skip for binary data."""
    text, _ = decode(data)
    binary = binary_reason(text)
    if binary:
        return Skip(content_id(data), source, "read", binary)
    title = None
    if kind == "text":
        title, _, text = text.lstrip("\ufeff").partition("\n")
        title = title.strip() or None
    return Page(article_id=content_id(data), source=source, kind=kind, content=text, title=title)


def read_jsonl(source: str, data: bytes) -> Iterator[Page | Skip]:
    """JSON Lines bytes → one Page (or Skip) per non-blank line."""
    for number, line in enumerate(data.splitlines(), start=1):
        if line.strip():
            yield page_from_json(f"{source}:{number}", line)


def page_from_json(source: str, line: bytes) -> Page | Skip:
    """One JSON line {"url", "title", "published", "text" | "html", "language"?} → Page."""
    article_id = content_id(line)
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        return Skip(article_id, source, "read", f"invalid JSON: {err}", Status.FAILED)
    if not isinstance(record, dict):
        return Skip(article_id, source, "read", "JSON line is not an object", Status.FAILED)
    body = record.get("html") or record.get("text")
    if not isinstance(body, str) or not body.strip():
        return Skip(article_id, source, "read", "JSON line has no 'text' or 'html'", Status.SKIPPED)
    return Page(
        article_id=article_id,
        source=source,
        kind="html" if record.get("html") else "text",
        content=valid_text(body),
        url=_str(record.get("url")),
        title=_str(record.get("title")),
        published=parse_date(record.get("published"), source),
        language=_str(record.get("language")),
    )


def _str(value: object) -> str | None:
    return valid_text(value).strip() or None if isinstance(value, str) else None


def parse_date(value: object, source: str) -> date | None:
    """An ISO date or datetime string → date; anything else → None (logged)."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        log.warning("%s: ignoring unparseable published date %r", source, value)
        return None


def _skip(source: str, reason: str, status: Status = Status.SKIPPED) -> Skip:
    return Skip(content_id(source.encode()), source, "read", reason, status)
