"""Organisation kinds against a reviewed gold: random samples of dev-set organisations, judged by hand.

    .venv/bin/python bench/halves.py nerel OUT --workers 1          # Russian: NEREL dev
    .venv/bin/python bench/halves.py crosslingual CROSS --workers 1  # English: the parallel set's /en side
    newsfacts run CONLL_INPUT --out CONLL --workers 1                # English: CoNLL dev (see below)
    newsfacts run AEB_INPUT --out AEB --workers 1                    # English: article-extraction pages
    newsfacts run DANIEL_INPUT --out DANIEL --workers 1              # Russian: DAnIEL pages
    newsfacts run FACTRU_INPUT --out FACTRU --workers 1              # Russian: factRuEval dev
    .venv/bin/python bench/org_kinds.py OUT CROSS CONLL AEB DANIEL FACTRU [--sheet]
    .venv/bin/python bench/org_kinds.py OUT CROSS --draw 40 --lang ru --seed 2026   # names to judge

The inputs are ../shared/eval's files as newsfacts input, one line per document: CONLL_INPUT from
en_conll_dev.jsonl, {"url": "conll://ID", "text", "language": "en"}; AEB_INPUT and DANIEL_INPUT
from extraction/aeb_en_dev/gold.jsonl and extraction/daniel_ru_dev/gold.jsonl, {"url":
"aeb://ID" or "daniel://ID", "text": articleBody, "language": "en" or "ru"}; FACTRU_INPUT from
ru_factru_dev.jsonl, {"url": "factru://ID", "text", "language": "ru"}. A run counts by its
articles' language, the parallel set by its English side only.

The gold (`bench/org_kinds_gold.csv`) keys each judged organisation by the SHA-1 of its `org_key`
and its language (`ru`, `en`), so no dev-set text is kept in the project. Its `sample` column:

- `tuning`: the organisations the kind lists were corrected on: 160 NEREL ones (draws of 80 and
  40, then `OUT CROSS --draw 40 --lang ru --seed 7`), 80 spans of the parallel set's English side
  (`OUT CROSS --draw 80 --lang en --seed 7`) and 120 CoNLL spans (`CONLL --draw 60 --lang en`
  with seeds 7 and 8, from a CoNLL run alone; the second scored .780 on its 41 organisations
  before the corrections it led to);
- `held-out`: 40 NEREL organisations drawn after the first corrections and held out from them,
  then looked at and used for the next ones (so no longer blind: kept to show the drift);
- `held-out-2`: a fresh draw judged by hand from the names (and their sentences) before any
  prediction was looked at, and not used for any correction: 40 NEREL spans (`OUT CROSS --draw 40
  --lang ru --seed 2026`) and 110 spans of the parallel set's English side (`OUT CROSS --draw 110
  --lang en --seed 2026`; many English spans are no organisation), drawn from the organisations
  not judged before (sorted by key hash, then `DataFrame.sample(random_state=seed)`) of the runs
  at the commit that added them. Scored once, blind, after the corrections on `tuning` (Russian
  .892 on 37 organisations, English .717 on 53), then looked at and used for the next corrections
  (news agencies' short names, embassies, military units, associations): no longer blind either;
- `held-out-3`: the last fresh draw, from news sets no correction looked at, judged by hand from the
  names and their sentences before any prediction was looked at, and scored once: 60 spans of
  DAnIEL (`DANIEL --draw 60 --lang ru --seed 2027`) and 160 of the article-extraction benchmark
  (`AEB --draw 160 --lang en --seed 2027`; many of its pages are in other languages, whose spans
  are `none`), from the runs at commit dbddf28. Scored once, blind (Russian .589 on 56
  organisations, English .444 on 54; .429 and .407 before any correction), then looked at and used
  for the next corrections (brands' inner capitals, prosecutors and prisons, UN agencies, research
  centres, the words after a company's name): no longer blind either;
- `held-out-4`: the last fresh draw, judged like the others before any prediction was looked at and
  scored once at commit 109c664: 50 factRuEval spans (`FACTRU --draw 50 --lang ru --seed 2028`),
  130 more of the article-extraction benchmark (`AEB --draw 130 --lang en --seed 2028`) and 40
  more CoNLL ones (`CONLL --draw 40 --lang en --seed 2028`), drawn from the runs at that commit.
  Its blind score: Russian .756 on 45 organisations, English .754 on 57 (.600 and .561 before any
  correction). Its errors then led to a last few list entries (the European Union by its full name,
  МАГАТЕ, биржа, «канал X», "X newspapers"), so the figures after them are no longer blind;
- `held-out-5`: a last blind draw after all the corrections, judged the same way and scored once at
  commit 036e4a3: 30 factRuEval and 30 DAnIEL spans (`--draw 30 --lang ru --seed 2029` from each
  run alone), 130 article-extraction-benchmark and 30 CoNLL ones (`--draw 130` and `--draw 30
  --lang en --seed 2029`), none judged before. Scored once more, blind, at commit caecbb3 (the
  embedding's kinds for names no word tells): Russian .717 on 53 organisations, English .692 on 52
  (.660 and .692 before);
- `held-out-6`: a blind draw judged the same way before any prediction was looked at, from the runs
  at commit 849c799: 62 DAnIEL and factRuEval spans (`DANIEL FACTRU --draw 62 --lang ru --seed
  2031`, 53 organisations) and 130 article-extraction-benchmark and CoNLL ones (`AEB CONLL --draw
  130 --lang en --seed 2031`, 51 organisations), none judged before. Hospitals, orphanages and
  archives are "other", research centres "education". Scored once, blind, at commit caecbb3 (the
  embedding's kinds): Russian .811 on 53 organisations, English .843 on 51 (.755 and .843 before);
- `held-out-7`: an English draw judged the same way, to measure the English side further: 130 spans
  of the article-extraction benchmark, CoNLL and the parallel set's English side (`AEB CONLL CROSS
  --draw 130 --lang en --seed 2032`, 57 organisations) from the runs at commit caecbb3, none judged
  before. National and club teams named by their place or sponsor ("Hyundai" in baseball results)
  are "other".

`--sheet` prints the names beside the gold and the prediction, for review. Kind `none` marks a span
that is no organisation (an album, a person, a place, a fragment): it is left out of the accuracy.
Accuracy is the share of judged organisations found in the runs whose `kind` is the gold one, per
sample and language, on the whole and on halves A and B (by `pipeline.quality.text.half` of the
NEREL, CoNLL or pair id of the document that first names it).
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
SAMPLES = ("tuning", "held-out", "held-out-2", "held-out-3", "held-out-4", "held-out-5", "held-out-6", "held-out-7")
log = logging.getLogger("bench.org_kinds")


def key_hash(org_key: str) -> str:
    """An org_key → the first 16 hex digits of its SHA-1, the gold's key."""
    return hashlib.sha1(org_key.encode("utf-8")).hexdigest()[:16]


def read_gold(path: Path = GOLD) -> dict[tuple[str, str], tuple[str, str]]:
    """The gold CSV → (language, key hash) → (kind, sample)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return {(row["lang"], row["key"]): (row["kind"], row["sample"]) for row in csv.DictReader(fh)}


def _document(url: str) -> str:
    """ "gold://ID" (NEREL), "conll://ID" (CoNLL), "aeb://ID", "daniel://ID", "factru://ID" or "pair://ID/en"
    (parallel set) → ID, the string the halves split on."""
    scheme, _, rest = url.partition("://")
    return rest.rsplit("/", 1)[0] if scheme == "pair" else rest


def organisations(out: Path, language: str | None = None) -> pd.DataFrame:
    """OUT's organisations of one language (all when None), one row per org_key (its first mention),
    with the language, the key hash and the document's half."""
    orgs = pd.read_parquet(out / "organisations.parquet")
    articles = pd.read_parquet(out / "articles.parquet", columns=["article_id", "url", "language", "text"])
    articles = articles.rename(columns={"text": "article_text"})
    orgs = orgs.merge(articles, on="article_id")
    if language:
        orgs = orgs[orgs.language == language]
    orgs = orgs.drop_duplicates(["language", "org_key"])
    return orgs.assign(key=orgs.org_key.map(key_hash), half=orgs.url.map(_document).map(half))


def accuracy(rows: pd.DataFrame) -> str:
    right = int((rows.kind == rows.gold).sum())
    return f"{right / len(rows):.3f} ({right}/{len(rows)})" if len(rows) else "n/a"


def draw(orgs: pd.DataFrame, gold: dict[tuple[str, str], tuple[str, str]], n: int, seed: int) -> pd.DataFrame:
    """n organisations not judged yet, drawn with a fixed seed from those sorted by key hash."""
    judged = [(lang, key) in gold for lang, key in zip(orgs.language, orgs.key, strict=True)]
    fresh = orgs[[not j for j in judged]].sort_values("key")
    return fresh.sample(n=min(n, len(fresh)), random_state=seed)


def _context(row: pd.Series, width: int = 80) -> str:
    start, end = int(row["start"]), int(row["end"])
    text = str(row["article_text"]) if row["part"] != "title" else ""
    return " ".join(text[max(0, start - width) : end + width].split())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outs", type=Path, nargs="+", help="`bench/halves.py nerel` / `crosslingual` output folders")
    parser.add_argument("--sheet", action="store_true", help="print name, gold and predicted kind")
    parser.add_argument("--draw", type=int, default=0, help="print N unjudged names (and their sentences) to judge")
    parser.add_argument("--lang", default="ru", help="the language to --draw from")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    gold = read_gold()
    # the parallel set counts by its English side only; other runs by their articles' language
    orgs = pd.concat([organisations(out, "en" if _first_url(out).startswith("pair://") else None) for out in args.outs])
    orgs = orgs.drop_duplicates(["language", "key"])  # a name of both English sets counts once
    if args.draw:
        for row in draw(orgs[orgs.language == args.lang], gold, args.draw, args.seed).itertuples():
            sys.stdout.write(f"{row.language},{row.key}  {row.name}  |  {_context(pd.Series(row._asdict()))}\n")
        return 0
    judged = orgs[[(lang, key) in gold for lang, key in zip(orgs.language, orgs.key, strict=True)]]
    found = [gold[(lang, key)] for lang, key in zip(judged.language, judged.key, strict=True)]
    judged = judged.assign(gold=[kind for kind, _ in found], sample=[sample for _, sample in found])
    if args.sheet:
        for row in judged.sort_values(["sample", "language", "gold"]).itertuples():
            sys.stdout.write(f"{row.sample:<10} {row.language} {row.gold:<11} {row.kind:<11} {row.name}\n")
    kinds = judged[judged.gold != "none"]
    sys.stdout.write(f"judged {len(judged)} of {len(gold)} (none: {len(judged) - len(kinds)})\n")
    for sample in SAMPLES:
        for language in ("ru", "en"):
            rows = kinds[(kinds["sample"] == sample) & (kinds.language == language)]
            if rows.empty:
                continue
            for part, part_rows in (("all", rows), ("A", rows[rows.half == "A"]), ("B", rows[rows.half == "B"])):
                sys.stdout.write(f"{sample:<10} {language} {part:>3} kind accuracy {accuracy(part_rows)}\n")
    sys.stdout.write(f"every      -- all kind accuracy {accuracy(kinds)}\n")
    return 0


def _first_url(out: Path) -> str:
    return str(pd.read_parquet(out / "articles.parquet", columns=["url"]).url.iloc[0])


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    sys.exit(main())
