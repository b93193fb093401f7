"""Incremental runs: a re-run on an unchanged input tree against the first run, through the CLI.

    .venv/bin/python bench/incremental.py [--articles N] [--workers N]

Builds the corpus of bench/throughput.py, then times `newsfacts run CORPUS --out OUT` as a user
runs it (a fresh process each time, start-up included): the first run, a re-run on the same
tree (every input already stored under the current fingerprint), and a re-run with `--force`.
Prints the seconds and the re-run's share of the first run (the target: under 5 %).
"""

from __future__ import annotations

import argparse
import logging
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import build_corpus  # noqa: E402

log = logging.getLogger("bench.incremental")


def timed_run(corpus: Path, out: Path, workers: int, *extra: str) -> float:
    """One `newsfacts run` in a fresh process → its wall-clock seconds."""
    command = [str(Path(sys.executable).with_name("newsfacts")), "run", str(corpus), "--out", str(out)]
    command += ["--workers", str(workers), *extra]
    started = time.perf_counter()
    subprocess.run(command, capture_output=True, text=True, check=True)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    with tempfile.TemporaryDirectory() as tmp:
        corpus, out = Path(tmp) / "corpus", Path(tmp) / "out"
        corpus.mkdir()
        build_corpus(corpus, args.articles)
        first = timed_run(corpus, out, args.workers)
        again = timed_run(corpus, out, args.workers)
        forced = timed_run(corpus, out, args.workers, "--force")
    log.info("%d articles, %d worker(s), `newsfacts run` in a fresh process each time", args.articles, args.workers)
    log.info("first run %.1f s, re-run unchanged %.1f s (%.1f %% of the first; target < 5 %%), --force %.1f s",
             first, again, 100 * again / first, forced)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
