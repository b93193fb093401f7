"""Run newsfacts on a dev set of ../shared/eval and score it whole and on two halves.

    .venv/bin/python bench/halves.py nerel OUT [--no-run] [--workers N]
    .venv/bin/python bench/halves.py crosslingual OUT [--no-run] [--workers N]

A rule is kept only when it gains on both halves of a dev set split by source: NEREL documents
and parallel pairs are split by `pipeline.quality.text.half` of their id (the first byte of its
SHA-1), so the split is stable and blind to the scores. The script writes the dev set as newsfacts
input, runs `newsfacts run` into OUT (unless --no-run), then prints the scorer's summary line for
the whole set and for each half, prefixed by `all`, `A` and `B`. The dev data stays in ../shared.
"""

from __future__ import annotations

import argparse
import json
import logging
import subprocess
import sys
import tempfile
from pathlib import Path

from pipeline.quality.text import half

log = logging.getLogger("halves")
EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
SETS = {
    "nerel": ("ru_nerel_dev.jsonl", "score_nerel.py"),
    "crosslingual": ("parallel_enru_dev.jsonl", "score_crosslingual.py"),
}


def split(gold: Path, folder: Path) -> dict[str, Path]:
    """The gold file → itself and its two halves, written under folder."""
    lines = gold.read_text(encoding="utf-8").splitlines()
    files = {"all": gold}
    for name in "AB":
        path = folder / f"gold_{name}.jsonl"
        kept = [line for line in lines if half(str(json.loads(line)["id"])) == name]
        path.write_text("\n".join(kept) + "\n", encoding="utf-8")
        files[name] = path
    return files


def scorer(script: str, *args: str) -> str:
    """Run one of ../shared/eval's scorers → its last output line."""
    done = subprocess.run([sys.executable, str(EVAL / script), *args], capture_output=True, text=True, check=True)
    return done.stdout.strip().splitlines()[-1]


def run(gold: Path, script: str, out: Path, workers: int) -> None:
    """Write the dev set as input and run `newsfacts run` on it into out."""
    out.mkdir(parents=True, exist_ok=True)
    source = out / "input.jsonl"
    subprocess.run([sys.executable, str(EVAL / script), "to-input", str(gold), str(source)], check=True)
    cli = Path(sys.executable).with_name("newsfacts")
    subprocess.run([str(cli), "run", str(source), "--out", str(out), "--workers", str(workers)], check=True)


def main(argv: list[str] | None = None) -> None:
    """Parse the arguments, run and score."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set", choices=sorted(SETS))
    parser.add_argument("out", type=Path)
    parser.add_argument("--no-run", action="store_true", help="score OUT as it is")
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)
    name, script = SETS[args.set]
    gold = EVAL / name
    if not gold.exists():
        sys.exit(f"no dev set at {gold}")
    if not args.no_run:
        run(gold, script, args.out, args.workers)
    with tempfile.TemporaryDirectory() as folder:
        for part, path in split(gold, Path(folder)).items():
            sys.stdout.write(f"{part:>3} {scorer(script, 'score', str(path), str(args.out))}\n")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    main()
