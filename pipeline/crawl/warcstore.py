"""Fetched pages → WARC files under data/raw/crawl/DATE/, one per source and run; repair after a kill."""

from __future__ import annotations

import io
import logging
import os
import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .fetch import Fetched
from .state import State

log = logging.getLogger(__name__)

DEFAULT_RAW = Path("data/raw")
# the stored payload is the decoded body, so the headers that described the wire encoding go
DROPPED_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})
REQUESTED = "WARC-Newsfacts-Requested-URI"
SOURCE = "WARC-Newsfacts-Source"
DUPLICATE_OF = "WARC-Newsfacts-Duplicate-Of"
DUPLICATE = "WARC-Newsfacts-Duplicate"


def run_folder(raw: str | Path, started: datetime) -> Path:
    """data/raw + crawl start → data/raw/crawl/YYYY-MM-DD."""
    return Path(raw) / "crawl" / started.strftime("%Y-%m-%d")


@dataclass
class WarcStore:
    """Appends response records; every record is flushed to disk before the state records it."""

    folder: Path
    run_id: str
    state: State
    stamp: str
    _files: dict[str, tuple[BinaryIO, WARCWriter]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def path_for(self, source: str) -> Path:
        return self.folder / f"{source}-{self.stamp}-{self.run_id[:8]}.warc.gz"

    def write(self, source: str, fetched: Fetched, duplicate: tuple[str, str] | None) -> tuple[str, int, int]:
        """One fetched page → (WARC path, record offset, record end)."""
        with self._lock:
            fh, writer = self._open(source)
            offset = fh.tell()
            writer.write_record(_record(writer, source, fetched, duplicate))
            fh.flush()
            os.fsync(fh.fileno())
            return str(self.path_for(source)), offset, fh.tell()

    def _open(self, source: str) -> tuple[BinaryIO, WARCWriter]:
        if source not in self._files:
            path = self.path_for(source)
            path.parent.mkdir(parents=True, exist_ok=True)
            self.state.add_warc(str(path), self.run_id, source)
            fh = path.open("ab")
            self._files[source] = (fh, WARCWriter(fh, gzip=True))
        return self._files[source]

    def paths(self) -> list[str]:
        """The WARC files this run has written to."""
        return sorted(str(self.path_for(source)) for source in self._files)

    def close(self) -> None:
        with self._lock:
            for fh, _ in self._files.values():
                fh.close()


def _record(writer: WARCWriter, source: str, fetched: Fetched, duplicate: tuple[str, str] | None) -> object:
    headers = [(k, v) for k, v in fetched.headers if k.lower() not in DROPPED_HEADERS]
    headers.append(("Content-Length", str(len(fetched.body))))
    http = StatusAndHeaders(f"{fetched.status} {fetched.reason_phrase}".strip(), headers, protocol="HTTP/1.1")
    extra = {REQUESTED: fetched.url, SOURCE: source}
    if duplicate:
        extra |= {DUPLICATE: duplicate[0], DUPLICATE_OF: duplicate[1]}
    return writer.create_warc_record(
        fetched.final_url,
        "response",
        payload=io.BytesIO(fetched.body),
        length=len(fetched.body),  # known length: warcio digests in place instead of spooling to a temp file
        http_headers=http,
        warc_headers_dict=extra,
    )


def repair(state: State) -> list[str]:
    """Runs that never finished (killed): cut their WARC files back to the last record the state knows."""
    repaired = []
    for run_id, _ in state.unfinished_runs():
        for (path,) in state.query("SELECT path FROM warc_files WHERE run_id = ?", (run_id,)):
            _truncate(Path(path), _committed_end(state, path))
        repaired.append(run_id)
    return repaired


def _committed_end(state: State, path: str) -> int:
    rows = state.query("SELECT coalesce(max(warc_end), 0) FROM fetches WHERE warc_path = ?", (path,))
    return int(rows[0][0])


def _truncate(path: Path, end: int) -> None:
    if path.exists() and path.stat().st_size > end:
        log.warning("%s: dropping %d bytes written after the last recorded fetch", path, path.stat().st_size - end)
        with path.open("r+b") as fh:
            fh.truncate(end)
