"""Fault injection for the crash tests: `NEWSFACTS_KILL_AT=POINT[:N]` kills the process (SIGKILL,
as the OOM killer or a power cut would) the Nth time it reaches POINT (default the first).

The points: `ner` (before a batch goes through a back-end), `store.write` (inside a store
transaction, between its delete and its insert) and `export` (after the first Parquet file of
an export is written). Unset, a point costs one dictionary look-up.
"""

from __future__ import annotations

import os
import signal
from collections import Counter

VARIABLE = "NEWSFACTS_KILL_AT"
_hits: Counter[str] = Counter()


def fault_point(name: str) -> None:
    """Kill this process here when the environment asks for it."""
    wanted = os.environ.get(VARIABLE)
    if not wanted:
        return
    point, _, nth = wanted.partition(":")
    if point != name:
        return
    _hits[name] += 1
    if _hits[name] >= int(nth or 1):
        os.kill(os.getpid(), signal.SIGKILL)
