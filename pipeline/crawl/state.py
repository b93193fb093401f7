"""The crawl state store (SQLite, data/crawl.db): every URL, every fetch, every WARC file, every run."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

DEFAULT_STATE = Path("data/crawl.db")

SCHEMA = """
CREATE TABLE IF NOT EXISTS urls (
    url TEXT PRIMARY KEY, source TEXT NOT NULL, kind TEXT NOT NULL, via TEXT, seq INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending', http_status INTEGER, fetched_at TEXT, checked_at TEXT,
    etag TEXT, last_modified TEXT, content_hash TEXT, simhash INTEGER, duplicate_of TEXT,
    final_url TEXT, redirects TEXT, reason TEXT, warc_path TEXT, warc_offset INTEGER
);
CREATE INDEX IF NOT EXISTS urls_via ON urls (via);
CREATE INDEX IF NOT EXISTS urls_hash ON urls (content_hash);
CREATE TABLE IF NOT EXISTS fetches (
    run_id TEXT NOT NULL, url TEXT NOT NULL, source TEXT NOT NULL, kind TEXT NOT NULL, outcome TEXT NOT NULL,
    http_status INTEGER, at TEXT NOT NULL, bytes INTEGER NOT NULL, reason TEXT,
    warc_path TEXT, warc_offset INTEGER, warc_end INTEGER
);
CREATE TABLE IF NOT EXISTS warc_files (
    path TEXT PRIMARY KEY, run_id TEXT NOT NULL, source TEXT NOT NULL, extracted INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS runs (run_id TEXT PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT);
CREATE TABLE IF NOT EXISTS crawl_runs (
    run_id TEXT NOT NULL, source TEXT NOT NULL, status TEXT NOT NULL, started_at TEXT NOT NULL,
    finished_at TEXT, discovered INTEGER, fetched INTEGER NOT NULL, not_modified INTEGER NOT NULL,
    skipped INTEGER NOT NULL, failed INTEGER NOT NULL, bytes INTEGER NOT NULL, duration_s REAL,
    reasons TEXT NOT NULL, PRIMARY KEY (run_id, source)
);
"""


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class Known:
    """What the state knows about a URL before it is requested again."""

    url: str
    status: str
    etag: str | None
    last_modified: str | None
    reason: str | None


class State:
    """Thread-safe access to data/crawl.db; every method commits before it returns."""

    def __init__(self, path: str | Path = DEFAULT_STATE) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.con = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self.con.execute("PRAGMA journal_mode=WAL")
        self.con.executescript(SCHEMA)
        self.lock = threading.RLock()

    def close(self) -> None:
        self.con.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self.lock:
            self.con.execute("BEGIN IMMEDIATE")
            try:
                yield self.con
            except BaseException:
                self.con.execute("ROLLBACK")
                raise
            self.con.execute("COMMIT")

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self.lock:
            return self.con.execute(sql, params).fetchall()

    def add_urls(self, source: str, kind: str, via: str | None, urls: Sequence[str]) -> None:
        """Record newly discovered URLs as pending, in discovery order; known URLs are left alone."""
        with self.transaction() as con:
            _insert_urls(con, source, kind, via, urls)

    def known(self, url: str) -> Known | None:
        rows = self.query("SELECT url, status, etag, last_modified, reason FROM urls WHERE url = ?", (url,))
        return Known(*rows[0]) if rows else None

    def via(self, url: str) -> list[str]:
        """URLs first discovered through the feed or sitemap `url`, in discovery order."""
        return [row[0] for row in self.query("SELECT url FROM urls WHERE via = ? ORDER BY seq", (url,))]

    def pending(self, source: str) -> list[str]:
        rows = self.query(
            "SELECT url FROM urls WHERE source = ? AND kind = 'article' AND status = 'pending'", (source,)
        )
        return [row[0] for row in rows]

    def order(self, urls: Sequence[str]) -> list[str]:
        """URLs → the same URLs in discovery order."""
        seq = dict(self.query(f"SELECT url, seq FROM urls WHERE url IN ({','.join('?' * len(urls))})", urls))
        return sorted(urls, key=lambda u: seq.get(u, 0))

    def hashes(self, exclude: str) -> list[tuple[str, str | None, int | None]]:
        """(url, content_hash, simhash) of every stored page that is not itself a duplicate."""
        return self.query(
            "SELECT url, content_hash, simhash FROM urls WHERE content_hash IS NOT NULL"
            " AND duplicate_of IS NULL AND url != ? ORDER BY seq",
            (exclude,),
        )

    def start_run(self, run_id: str) -> None:
        with self.transaction() as con:
            con.execute("INSERT INTO runs (run_id, started_at) VALUES (?, ?)", (run_id, now()))

    def finish_run(self, run_id: str) -> None:
        with self.transaction() as con:
            con.execute("UPDATE runs SET finished_at = ? WHERE run_id = ?", (now(), run_id))

    def unfinished_runs(self) -> list[tuple[str, str]]:
        return self.query("SELECT run_id, started_at FROM runs WHERE finished_at IS NULL ORDER BY started_at")

    def add_warc(self, path: str, run_id: str, source: str) -> None:
        with self.transaction() as con:
            con.execute(
                "INSERT OR IGNORE INTO warc_files (path, run_id, source) VALUES (?, ?, ?)", (path, run_id, source)
            )

    def unextracted(self) -> list[str]:
        return [row[0] for row in self.query("SELECT path FROM warc_files WHERE extracted = 0 ORDER BY path")]

    def mark_extracted(self, paths: Sequence[str]) -> None:
        with self.transaction() as con:
            con.executemany("UPDATE warc_files SET extracted = 1 WHERE path = ?", [(p,) for p in paths])

    def write_report(self, row: dict[str, Any]) -> None:
        row = {**row, "reasons": json.dumps(row["reasons"], ensure_ascii=False, sort_keys=True)}
        names = ", ".join(row)
        with self.transaction() as con:
            con.execute(
                f"INSERT OR REPLACE INTO crawl_runs ({names}) VALUES ({', '.join('?' * len(row))})", list(row.values())
            )


def _insert_urls(con: sqlite3.Connection, source: str, kind: str, via: str | None, urls: Sequence[str]) -> None:
    start = con.execute("SELECT coalesce(max(seq), 0) FROM urls").fetchone()[0]
    rows = [(url, source, kind, via, start + n) for n, url in enumerate(urls, start=1)]
    con.executemany("INSERT OR IGNORE INTO urls (url, source, kind, via, seq) VALUES (?, ?, ?, ?, ?)", rows)


@dataclass(frozen=True)
class Outcome:
    """One request's result as the state records it (the fetch module's record, flattened)."""

    url: str
    source: str
    kind: str
    outcome: str
    http_status: int | None = None
    reason: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    final_url: str | None = None
    redirects: tuple[str, ...] = ()
    size: int = 0
    content_hash: str | None = None
    simhash: int | None = None
    duplicate_of: str | None = None
    warc: tuple[str, int, int] | None = None


def record(state: State, run_id: str, outcome: Outcome, links: dict[str, Sequence[str]] | None = None) -> None:
    """Store one request's outcome (and, for a feed or sitemap, the links it gave, by kind) in one transaction."""
    with state.transaction() as con:
        for kind, urls in (links or {}).items():
            _insert_urls(con, outcome.source, kind, outcome.url, urls)
        _insert_urls(con, outcome.source, outcome.kind, None, [outcome.url])
        _update_url(con, outcome)
        path, offset, end = outcome.warc or (None, None, None)
        con.execute(
            "INSERT INTO fetches VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                run_id,
                outcome.url,
                outcome.source,
                outcome.kind,
                outcome.outcome,
                outcome.http_status,
                now(),
                outcome.size,
                outcome.reason,
                path,
                offset,
                end,
            ),
        )


def _update_url(con: sqlite3.Connection, o: Outcome) -> None:
    at = now()
    if o.outcome == "not_modified":
        con.execute("UPDATE urls SET checked_at = ? WHERE url = ?", (at, o.url))
        return
    if o.outcome != "fetched":
        con.execute(
            "UPDATE urls SET status = ?, http_status = ?, reason = ?, checked_at = ?, final_url = ?, redirects = ?"
            " WHERE url = ?",
            (o.outcome, o.http_status, o.reason, at, o.final_url, json.dumps(o.redirects), o.url),
        )
        return
    path, offset, _ = o.warc or (None, None, None)
    con.execute(
        "UPDATE urls SET status = 'fetched', http_status = ?, reason = NULL, fetched_at = ?, checked_at = ?,"
        " etag = ?, last_modified = ?, content_hash = ?, simhash = ?, duplicate_of = ?, final_url = ?,"
        " redirects = ?, warc_path = ?, warc_offset = ? WHERE url = ?",
        (
            o.http_status,
            at,
            at,
            o.etag,
            o.last_modified,
            o.content_hash,
            o.simhash,
            o.duplicate_of,
            o.final_url,
            json.dumps(o.redirects),
            path,
            offset,
            o.url,
        ),
    )
