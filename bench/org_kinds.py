"""Organisation kinds against a reviewed gold: a random sample of NEREL dev organisations, judged by hand.

    .venv/bin/python bench/halves.py nerel OUT --workers 1   # writes OUT
    .venv/bin/python bench/org_kinds.py OUT [--sheet]

The gold (`bench/org_kinds_gold.csv`) keys each judged organisation by the SHA-1 of its `org_key`,
so no dev-set text is kept in the project. Its `sample` column tells the 120 organisations the
kind lists were corrected on (`tuning`, two draws of 80 and 40) from 40 drawn after the last
corrections and not used for them (`held-out`). `--sheet` prints the names beside the gold and
the prediction, for review. Kind `none` marks a span that is no organisation (an album, a person,
a fragment): it is left out of the accuracy. Accuracy is the share of judged organisations found in
OUT whose `kind` is the gold one, on the whole sample and on its halves A and B (by
`pipeline.quality.text.half` of the NEREL id of the document that first names it).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import logging
import sys
from pathlib import Path

import pandas as pd

from pipeline.quality.text import half

GOLD = Path(__file__).resolve().parent / "org_kinds_gold.csv"
log = logging.getLogger("bench.org_kinds")


def key_hash(org_key: str) -> str:
    """An org_key → the first 16 hex digits of its SHA-1, the gold's key."""
    return hashlib.sha1(org_key.encode("utf-8")).hexdigest()[:16]


def read_gold(path: Path = GOLD) -> dict[str, tuple[str, str]]:
    """The gold CSV → key hash → (kind, sample)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["key"]: (row["kind"], row["sample"]) for row in csv.DictReader(fh)}


def organisations(out: Path) -> pd.DataFrame:
    """OUT's organisations, one row per org_key (its first mention), with the NEREL id's half."""
    orgs = pd.read_parquet(out / "organisations.parquet")
    articles = pd.read_parquet(out / "articles.parquet", columns=["article_id", "url"])
    orgs = orgs.merge(articles, on="article_id").drop_duplicates("org_key")
    return orgs.assign(key=orgs.org_key.map(key_hash), half=orgs.url.str.removeprefix("gold://").map(half))


def accuracy(rows: pd.DataFrame) -> str:
    right = int((rows.kind == rows.gold).sum())
    return f"{right / len(rows):.3f} ({right}/{len(rows)})" if len(rows) else "n/a"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="a `bench/halves.py nerel` output folder")
    parser.add_argument("--sheet", action="store_true", help="print name, gold and predicted kind")
    args = parser.parse_args(argv)
    gold = read_gold()
    orgs = organisations(args.out)
    judged = orgs[orgs.key.isin(gold)]
    judged = judged.assign(gold=judged.key.map(lambda k: gold[k][0]), sample=judged.key.map(lambda k: gold[k][1]))
    if args.sheet:
        for row in judged.sort_values(["sample", "gold"]).itertuples():
            sys.stdout.write(f"{row.sample:<9} {row.gold:<11} {row.kind:<11} {row.name}\n")
    kinds = judged[judged.gold != "none"]
    sys.stdout.write(f"judged {len(judged)} of {len(gold)} (none: {len(judged) - len(kinds)})\n")
    for sample in ("tuning", "held-out"):
        rows = kinds[kinds["sample"] == sample]
        for part, part_rows in (("all", rows), ("A", rows[rows.half == "A"]), ("B", rows[rows.half == "B"])):
            sys.stdout.write(f"{sample:<9} {part:>3} kind accuracy {accuracy(part_rows)}\n")
    sys.stdout.write(f"both      all kind accuracy {accuracy(kinds)}\n")
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    sys.exit(main())
