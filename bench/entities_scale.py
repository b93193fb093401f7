"""Time the entities stage on a large store: a run's tables repeated with varied names.

    .venv/bin/python bench/entities_scale.py OUT_OF_A_RUN --articles 20000 100000

Each copy of the run's articles gets new article ids and, for three copies in four, its person
surnames and organisation names varied (a syllable added, so distinct names grow with the
corpus, as they do in news); the stage then runs over the whole store (`pipeline.entities.resolve`)
and the script prints articles, distinct names, entities and seconds.
"""

from __future__ import annotations

import argparse
import logging
import tempfile
import time
from pathlib import Path

from pipeline.entities import resolve
from pipeline.store import Store

log = logging.getLogger("entities_scale")
SYLLABLES = ("ов", "ин", "ский", "er", "son", "ko")


def _vary(column: str, copy: int) -> str:
    """SQL: the name in copy 0 and every fourth copy, else with letters of its own (digits make no sound)."""
    tag = "'" + SYLLABLES[copy % len(SYLLABLES)] + "".join("bdfgklmnpr"[int(d)] for d in str(copy)) + "'"
    return f"CASE WHEN {copy} % 4 = 0 THEN {column} ELSE {column} || {tag} END"


def grow(source: Path, out: Path, articles: int) -> None:
    """The run in `source` repeated into a store in `out` until it holds `articles` articles."""
    with Store(out) as store:
        store.con.execute(f"ATTACH '{source / 'newsfacts.duckdb'}' AS src (READ_ONLY)")
        n = store.con.execute("SELECT count(*) FROM src.articles").fetchone()[0]  # type: ignore[index]
        for name in ("articles", "persons", "officials", "organisations"):
            store.con.execute(f"CREATE OR REPLACE TEMP TABLE base AS SELECT * FROM src.{name}")
            for copy in range(-(-articles // n)):
                column = {"persons": "name", "officials": "person", "organisations": "name"}.get(name)
                replace = f"article_id || '{copy}' AS article_id" + (
                    f", {_vary(column, copy)} AS {column}" if column else ""
                )
                store.con.execute(f"INSERT INTO {name} BY NAME SELECT * REPLACE ({replace}) FROM base")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("--articles", type=int, nargs="+", default=[20_000, 100_000])
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    for articles in args.articles:
        with tempfile.TemporaryDirectory() as folder:
            grow(args.source, Path(folder), articles)
            with Store(folder) as store:
                rows = store.con.execute("SELECT count(*), (SELECT count(DISTINCT name) FROM persons) FROM articles")
                total, names = rows.fetchone()  # type: ignore[misc]
                started = time.perf_counter()
                counts = resolve(store.con)
                took = time.perf_counter() - started
            print(f"articles={total} distinct_person_names={names} entities={sum(counts.values())} seconds={took:.1f}")


if __name__ == "__main__":
    main()
