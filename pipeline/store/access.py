"""Who may write an output folder: one writer at a time, and readers never in its way.

A writer takes `out/.newsfacts.lock` (an advisory lock the kernel drops when the process dies,
killed or not). When a reader holds `newsfacts.duckdb` open (a notebook, the DuckDB shell), the
writer works on a copy and swaps it in when it closes: the reader keeps the file it opened.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
from pathlib import Path
from typing import IO

import duckdb
from duckdb import DuckDBPyConnection

log = logging.getLogger(__name__)

LOCK = ".newsfacts.lock"


class StoreBusy(Exception):
    """Another process is writing to the output folder."""


def writer_lock(out: Path) -> IO[str]:
    """Take the folder's writer lock (kept until the returned file is closed) or raise StoreBusy."""
    handle = (out / LOCK).open("a+", encoding="utf-8")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "?"
        handle.close()
        raise StoreBusy(
            f"{out} is being written by another newsfacts process (pid {holder}); try again later"
        ) from None
    handle.truncate(0)
    handle.write(str(os.getpid()))
    handle.flush()
    return handle


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def staging_path(database: Path) -> Path:
    return database.with_name(f".{database.name}.staging")


def connect(
    database: Path, config: dict[str, str | bool | int | float | list[str]]
) -> tuple[DuckDBPyConnection, Path | None]:
    """Open the database to write; when a reader holds it, a staging copy → (connection, staging path or None)."""
    staging = staging_path(database)
    for leftover in (staging, _wal(staging)):  # from a writer that was killed: we hold the lock now
        leftover.unlink(missing_ok=True)
    try:
        return duckdb.connect(str(database), config=config), None
    except (duckdb.IOException, duckdb.ConnectionException) as err:
        # another process's lock, or a read-only connection to it in this very process
        if "lock" not in str(err).lower() and "different configuration" not in str(err):
            raise
    log.warning("%s is open in another process: writing to a copy, swapped in at the end", database)
    shutil.copyfile(database, staging)
    if _wal(database).exists():
        shutil.copyfile(_wal(database), _wal(staging))
    return duckdb.connect(str(staging), config=config), staging


def swap(staging: Path, database: Path) -> None:
    """The closed staging copy → the database (readers that have the old one open keep reading it)."""
    _wal(database).unlink(missing_ok=True)  # its transactions are in the copy
    os.replace(staging, database)
