"""Compare the entities stage's keys with a fuzzy-matching resolver on a scored dev-set run.

    .venv/bin/python bench/resolvers.py nerel OUT [--thresholds 95 90 85]
    .venv/bin/python bench/resolvers.py crosslingual OUT

OUT is a `newsfacts run` of the dev set (bench/halves.py writes one). For each resolver the script
gives every distinct person and organisation name an id, writes the tables with those ids into a
temporary copy of OUT, scores it with ../shared/eval's scorer (all / A / B, as bench/halves.py)
and prints the scorer's figures and the seconds the resolver took:
- `keys`: the entities stage (`pipeline.entities.person_keys`, `organisation_keys`);
- `rapidfuzz T`: names transliterated to Latin (iuliia, as the keys do), casefolded, blocked by
  the first two letters of their last word, and joined (union-find) when rapidfuzz's
  `token_set_ratio` is at least T; the id is the cluster's smallest name.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from halves import EVAL, SETS, scorer, split

from pipeline.entities import person_keys
from pipeline.entities.organisations import organisation_keys
from pipeline.entities.sound import latin

log = logging.getLogger("resolvers")
Resolver = Callable[[list[str]], dict[str, str]]


def keys_resolver(table: str) -> Resolver:
    """The entities stage's keys for the names of one table → {name: key}."""
    return person_keys if table == "persons" else organisation_keys


def fuzzy_resolver(threshold: float) -> Resolver:
    """rapidfuzz token_set_ratio ≥ threshold within blocks → {name: cluster id}."""
    from rapidfuzz import fuzz

    def resolve(names: list[str]) -> dict[str, str]:
        folded = {name: latin(name).casefold() for name in names}
        parent = {name: name for name in names}

        def root(name: str) -> str:
            while parent[name] != name:
                parent[name] = parent[parent[name]]
                name = parent[name]
            return name

        for block in _blocks(folded).values():
            for i, a in enumerate(block):
                for b in block[i + 1 :]:
                    if fuzz.token_set_ratio(folded[a], folded[b]) >= threshold:
                        parent[max(root(a), root(b))] = min(root(a), root(b))
        return {name: root(name) for name in names}

    return resolve


def _blocks(folded: dict[str, str]) -> dict[str, list[str]]:
    blocks: dict[str, list[str]] = defaultdict(list)
    for name, text in sorted(folded.items()):
        words = text.split()
        if words:
            blocks[words[-1][:2]].append(name)
    return blocks


def rewrite(out: Path, target: Path, resolver: Callable[[str], Resolver]) -> float:
    """OUT's tables → target with persons' and organisations' entity_id from the resolver; its seconds."""
    shutil.copytree(out, target, ignore=shutil.ignore_patterns("*.duckdb", "*.jsonl"))
    seconds = 0.0
    for table in ("persons", "organisations"):
        frame = pd.read_parquet(out / f"{table}.parquet")
        names = sorted(set(frame["name"].dropna()))
        started = time.perf_counter()
        ids = resolver(table)(names)
        seconds += time.perf_counter() - started
        frame["entity_id"] = [f"{table[0]}:{ids[n]}" if n in ids else None for n in frame["name"]]
        frame.to_parquet(target / f"{table}.parquet")
    return seconds


def main(argv: list[str] | None = None) -> None:
    """Parse the arguments, resolve, score."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set", choices=sorted(SETS))
    parser.add_argument("out", type=Path)
    parser.add_argument("--thresholds", type=float, nargs="+", default=[95, 90, 85])
    args = parser.parse_args(argv)
    name, script = SETS[args.set]
    gold = EVAL / name
    if not gold.exists():
        sys.exit(f"no dev set at {gold}")
    with tempfile.TemporaryDirectory() as folder:
        parts = split(gold, Path(folder))
        compared: dict[str, Callable[[str], Resolver]] = {"keys": keys_resolver}
        for threshold in args.thresholds:
            compared[f"rapidfuzz {threshold:g}"] = lambda table, t=threshold: fuzzy_resolver(t)
        for label, resolver in compared.items():
            target = Path(folder) / label.replace(" ", "_")
            seconds = rewrite(args.out, target, resolver)
            for part, path in parts.items():
                line = scorer(script, "score", str(path), str(target))
                sys.stdout.write(f"{label:>14} {seconds:6.2f}s {part:>3} {line}\n")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    main()
