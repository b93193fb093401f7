"""Compare the entities stage's keys with the record-linkage tools of the field on a scored dev-set run.

    .venv/bin/python bench/resolvers.py nerel OUT [--thresholds 95 90 85] [--splink 0.1 0.5 0.9]
        [--splink-sound 0.1 0.5] [--nomenklatura er-unstable:0.7 name-based:0.7] [--only keys splink]
        [--keys-for organisations]
    .venv/bin/python bench/resolvers.py crosslingual OUT
    .venv/bin/python bench/resolvers.py nerel OUT --scale 20000

OUT is a `newsfacts run` of the dev set (bench/halves.py writes one). For each resolver the script
gives every distinct person and organisation name an id, writes the tables with those ids into a
temporary copy of OUT, scores it with ../shared/eval's scorer (all / A / B, as bench/halves.py)
and prints the scorer's figures and the seconds the resolver took (both tables, training included;
in brackets those of a first call on the names varied, which pays a library's loading):
- `keys`: the entities stage (`pipeline.entities.person_keys`, `organisation_keys`);
- `rapidfuzz T`: names transliterated to Latin (`pipeline.entities.sound.latin`, as the keys do),
  casefolded, blocked by the first two letters of their last word, and joined (union-find) when
  rapidfuzz's `token_set_ratio` is at least T; the id is the cluster's smallest name;
- `splink P`: splink's Fellegi-Sunter model on its DuckDB backend, `dedupe_only`, one record per
  distinct name transliterated and casefolded as for rapidfuzz. Persons: first word and last word,
  each with splink's `NameComparison` (exact with term-frequency adjustment, Jaro-Winkler .92 /
  .88 / .70); organisations: the whole name (`NameComparison`), its words
  (`ArrayIntersectAtSizes` 2 / 1) and its first word (`ExactMatch`, term-frequency adjusted).
  Pairs are blocked by the first two letters of the last (persons) or first (organisations) word.
  Training is unsupervised, on the names alone, as splink's tutorial does it: the prior from a
  deterministic rule taken to find 70% of the matches (the same surname; the same whole name),
  u by random sampling (every pair of a dev set), m by expectation maximisation in passes
  blocked on one field each. Names are then clustered (connected components) at match
  probability P; the id is the cluster's smallest name;
- `splink+sound P`: the same, a person's first word and last word also compared on the entities
  stage's sound keys (`skeleton`, `sound`) in `NameComparison`'s phonetic level (the one splink
  fills from a dmetaphone column, which DuckDB has no function for), and pairs blocked on the
  last word's key too;
- `nomenklatura A:T`: each distinct name as a FollowTheMoney `Person` or `Organization` (its
  `name` as written: FtM and rigour transliterate and normalise names themselves), cross-referenced
  by `nomenklatura.xref` (its DuckDB blocking index, scoring algorithm A, e.g. `er-unstable`, the
  dedupe default, or `name-based`), pairs scoring over T merged automatically (`auto_threshold`,
  no discount for entities of one dataset, as its command line); the id is the canonical id.

--keys-for persons|organisations leaves that table to the keys (one tool's persons with the stage's
organisations, say). --scale N only times each resolver on the run's names grown to N distinct
names a table (each name copied with a syllable of its own, as bench/entities_scale.py grows a store).

splink and nomenklatura are optional: `pip install -e '.[compare]'` (splink, rapidfuzz) and
`pip install -e '.[compare-ftm]'` (nomenklatura, which pins duckdb < 2); a resolver whose library
is missing is skipped with a logged message.
"""

from __future__ import annotations

import argparse
import importlib.util
import logging
import re
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd
from entities_scale import SYLLABLES
from halves import EVAL, SETS, scorer, split

from pipeline.entities import person_keys
from pipeline.entities.organisations import organisation_keys
from pipeline.entities.sound import latin, skeleton, sound

log = logging.getLogger("resolvers")
Resolver = Callable[[list[str]], dict[str, str]]
Factory = Callable[[str], Resolver]  # table name → the resolver for its names
INSTALL = {
    "rapidfuzz": "pip install -e '.[compare]'",
    "splink": "pip install -e '.[compare]'",
    "nomenklatura": "pip install -e '.[compare-ftm]'",
}
_WORD = re.compile(r"[^\W_][\w'’-]*")


def keys_resolver(table: str) -> Resolver:
    """The entities stage's keys for the names of one table → {name: key}."""
    return person_keys if table == "persons" else organisation_keys


def _words(name: str) -> list[str]:
    return _WORD.findall(latin(name).casefold())


class _Clusters:
    """Union-find over names; a cluster's id is its smallest name."""

    def __init__(self, names: Iterable[str]) -> None:
        self.parent = {name: name for name in names}

    def root(self, name: str) -> str:
        while self.parent[name] != name:
            self.parent[name] = self.parent[self.parent[name]]
            name = self.parent[name]
        return name

    def join(self, a: str, b: str) -> None:
        ra, rb = self.root(a), self.root(b)
        self.parent[max(ra, rb)] = min(ra, rb)

    def ids(self) -> dict[str, str]:
        return {name: self.root(name) for name in self.parent}


def fuzzy_resolver(threshold: float) -> Resolver:
    """rapidfuzz token_set_ratio ≥ threshold within blocks → {name: cluster id}."""
    from rapidfuzz import fuzz

    def resolve(names: list[str]) -> dict[str, str]:
        folded = {name: latin(name).casefold() for name in names}
        clusters = _Clusters(names)
        for block in _blocks(folded).values():
            for i, a in enumerate(block):
                for b in block[i + 1 :]:
                    if fuzz.token_set_ratio(folded[a], folded[b]) >= threshold:
                        clusters.join(a, b)
        return clusters.ids()

    return resolve


def _blocks(folded: dict[str, str]) -> dict[str, list[str]]:
    blocks: dict[str, list[str]] = defaultdict(list)
    for name, text in sorted(folded.items()):
        words = text.split()
        if words:
            blocks[words[-1][:2]].append(name)
    return blocks


def splink_frame(table: str, names: list[str]) -> pd.DataFrame:
    """Distinct names → splink's input records (unique_id, features), Latin and casefolded; a
    person's words also as the entities stage's sound keys (arrays, as splink takes dmetaphones)."""
    rows = []
    for uid, name in enumerate(names):
        words = _words(name) or [latin(name).casefold()]
        if table == "persons":
            first = words[0] if len(words) > 1 else None
            last = sound(words[-1])
            sounds = {"first_sound": [skeleton(first)] if first else None, "surname_sound": [last], "surname_key": last}
            rows.append({"unique_id": uid, "first_name": first, "surname": words[-1], **sounds})
        else:
            rows.append({"unique_id": uid, "name": " ".join(words), "tokens": words, "first_word": words[0]})
    return pd.DataFrame(rows)


def splink_settings(table: str, phonetic: bool) -> tuple[object, list[object], list[object]]:
    """The table's splink settings, its prior rule and its EM training rules."""
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    if table == "persons":
        first, last = ("first_sound", "surname_sound") if phonetic else (None, None)
        comparisons = [
            cl.NameComparison("first_name", dmeta_col_name=first),
            cl.NameComparison("surname", dmeta_col_name=last),
        ]
        blocking = [block_on("substr(surname, 1, 2)")] + ([block_on("surname_key")] if phonetic else [])
        prior, training = block_on("surname"), [block_on("surname"), block_on("first_name")]
    else:
        comparisons = [
            cl.NameComparison("name"),
            cl.ArrayIntersectAtSizes("tokens", [2, 1]),
            cl.ExactMatch("first_word").configure(term_frequency_adjustments=True),
        ]
        blocking, prior = [block_on("substr(first_word, 1, 2)")], block_on("name")
        training = [block_on("first_word"), block_on("substr(name, 1, 4)")]
    settings = SettingsCreator(
        link_type="dedupe_only", comparisons=comparisons, blocking_rules_to_generate_predictions=blocking
    )
    return settings, [prior], training


def splink_resolver(table: str, probability: float, phonetic: bool = False) -> Resolver:
    """splink's trained model, clustered at a match probability → {name: cluster id}."""

    def resolve(names: list[str]) -> dict[str, str]:
        from splink import DuckDBAPI, Linker

        settings, prior, training = splink_settings(table, phonetic)
        frame = splink_frame(table, names)
        # ERROR: EM's notes on the levels no pair of the sample reaches are not failures
        linker = Linker(DuckDBAPI().register(frame), settings, log_level=logging.ERROR)
        linker.training.estimate_probability_two_random_records_match(prior, recall=0.7)
        linker.training.estimate_u_using_random_sampling(max_pairs=1e7, seed=1)
        for rule in training:
            linker.training.estimate_parameters_using_expectation_maximisation(rule)
        pairs = linker.inference.predict(threshold_match_probability=probability)
        found = linker.clustering.cluster_pairwise_predictions_at_threshold(pairs, probability)
        clusters = _Clusters(names)
        for uid, cluster in found.as_pandas_dataframe()[["unique_id", "cluster_id"]].itertuples(index=False):
            clusters.join(names[int(uid)], names[int(cluster)])
        return clusters.ids()

    return resolve


def nomenklatura_resolver(table: str, algorithm: str, threshold: float) -> Resolver:
    """nomenklatura's xref with auto-merge over threshold → {name: canonical id}."""

    def resolve(names: list[str]) -> dict[str, str]:
        from followthemoney import Dataset, StatementEntity
        from nomenklatura.db import close_db, make_session
        from nomenklatura.matching import get_algorithm
        from nomenklatura.resolver import Resolver as Judged
        from nomenklatura.store import MemoryStore
        from nomenklatura.xref import xref

        logging.getLogger("nomenklatura").setLevel(logging.WARNING)
        scoring = get_algorithm(algorithm)
        if scoring is None:
            raise SystemExit(f"no nomenklatura algorithm {algorithm!r}")
        schema = "Person" if table == "persons" else "Organization"
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite:///{folder}/resolver.db"
            with make_session(url) as session:
                resolver = Judged[StatementEntity](session, create=True)
                dataset = Dataset.make({"name": "names", "title": "names"})
                store = MemoryStore(dataset, resolver)
                with store.writer() as writer:
                    for uid, name in enumerate(names):
                        entity = StatementEntity(dataset, {"schema": schema, "id": f"n{uid}"})
                        entity.add("name", name)
                        writer.add_entity(entity)
                # discount_internal 1.0: every name is of one dataset (the command line's default too)
                index = Path(folder) / "index"
                xref(
                    resolver, session, store, index, auto_threshold=threshold, discount_internal=1.0, algorithm=scoring
                )
                ids = {name: resolver.get_canonical(f"n{uid}") for uid, name in enumerate(names)}
            close_db(url)
        return ids

    return resolve


def rewrite(out: Path, target: Path, resolver: Factory) -> tuple[float, float]:
    """OUT's tables → target with persons' and organisations' entity_id from the resolver; its
    seconds, and those of a first call on the names varied (which pays a library's loading)."""
    shutil.copytree(out, target, ignore=shutil.ignore_patterns("*.duckdb", "*.jsonl"))
    seconds = loading = 0.0
    for table in ("persons", "organisations"):
        frame = pd.read_parquet(out / f"{table}.parquet")
        names = sorted(set(frame["name"].dropna()))
        started = time.perf_counter()
        resolver(table)(varied(names, 1))  # other strings: no cache of the stage's serves the call timed
        loading += time.perf_counter() - started
        started = time.perf_counter()
        ids = resolver(table)(names)
        seconds += time.perf_counter() - started
        frame["entity_id"] = [f"{table[0]}:{ids[n]}" if n in ids else None for n in frame["name"]]
        frame.to_parquet(target / f"{table}.parquet")
    return seconds, loading


def varied(names: list[str], copy: int) -> list[str]:
    """The names of one copy, with letters of their own after copy 0 (as bench/entities_scale.py varies them)."""
    tag = SYLLABLES[copy % len(SYLLABLES)] + "".join("bdfgklmnpr"[int(d)] for d in str(copy))
    return names if copy == 0 else [name + tag for name in names]


def scaled(names: list[str], size: int) -> list[str]:
    """Names repeated, varied, to `size` distinct names."""
    out = [name for copy in range(-(-size // len(names))) for name in varied(names, copy)]
    return sorted(set(out[:size]))


def time_at_scale(out: Path, size: int, compared: dict[str, Factory]) -> None:
    """Each resolver's seconds on the run's person and organisation names grown to `size` distinct names each."""
    for table in ("persons", "organisations"):
        names = scaled(sorted(set(pd.read_parquet(out / f"{table}.parquet")["name"].dropna())), size)
        for label, resolver in compared.items():
            started = time.perf_counter()
            ids = resolver(table)(names)
            took = time.perf_counter() - started
            entities = len(set(ids.values()))
            sys.stdout.write(f"{label:>28} {table} names={len(names)} ids={entities} seconds={took:.1f}\n")


def installed(module: str) -> bool:
    """Whether an optional library is there; logs what to install when not."""
    if importlib.util.find_spec(module) is not None:
        return True
    log.warning("%s is not installed (%s): its resolvers are skipped", module, INSTALL[module])
    return False


def resolvers(args: argparse.Namespace) -> dict[str, Factory]:
    """The resolvers to compare, by label, those whose library is missing left out."""
    compared: dict[str, Factory] = {"keys": keys_resolver}
    if installed("rapidfuzz"):
        for t in args.thresholds:
            compared[f"rapidfuzz {t:g}"] = lambda table, t=t: fuzzy_resolver(t)
    if installed("splink"):
        for p in args.splink:
            compared[f"splink {p:g}"] = lambda table, p=p: splink_resolver(table, p)
        for p in args.splink_sound:
            compared[f"splink+sound {p:g}"] = lambda table, p=p: splink_resolver(table, p, phonetic=True)
    if installed("nomenklatura"):
        for spec in args.nomenklatura:
            algorithm, _, threshold = spec.partition(":")
            compared[f"nomenklatura {spec}"] = lambda table, a=algorithm, t=float(threshold or 0.7): (
                nomenklatura_resolver(table, a, t)
            )
    chosen = {label: factory for label, factory in compared.items() if label.split()[0].split("+")[0] in args.only}
    if not args.keys_for:
        return chosen
    kept = f" ({'/'.join(args.keys_for)}: keys)"
    return {label + kept: _keys_for(args.keys_for, factory) for label, factory in chosen.items() if label != "keys"}


def _keys_for(tables: list[str], factory: Factory) -> Factory:
    """The factory, but the keys for the tables named."""
    return lambda table: keys_resolver(table) if table in tables else factory(table)


def main(argv: list[str] | None = None) -> None:
    """Parse the arguments, resolve, score."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set", choices=sorted(SETS))
    parser.add_argument("out", type=Path)
    parser.add_argument("--thresholds", type=float, nargs="+", default=[95, 90, 85], help="rapidfuzz's")
    parser.add_argument("--splink", type=float, nargs="+", default=[0.1, 0.5, 0.9], help="match probabilities")
    parser.add_argument("--splink-sound", type=float, nargs="+", default=[0.1, 0.5], help="with the sound keys")
    parser.add_argument("--nomenklatura", nargs="+", default=["er-unstable:0.7", "name-based:0.7", "name-based:0.5"])
    parser.add_argument("--only", nargs="+", default=["keys", "rapidfuzz", "splink", "nomenklatura"])
    parser.add_argument(
        "--keys-for", nargs="+", default=[], choices=["persons", "organisations"], help="tables left to the keys"
    )
    parser.add_argument("--scale", type=int, help="only time the resolvers on this many distinct names a table")
    args = parser.parse_args(argv)
    if args.scale:
        time_at_scale(args.out, args.scale, resolvers(args))
        return
    name, script = SETS[args.set]
    gold = EVAL / name
    if not gold.exists():
        sys.exit(f"no dev set at {gold}")
    with tempfile.TemporaryDirectory() as folder:
        parts = split(gold, Path(folder))
        for label, resolver in resolvers(args).items():
            target = Path(folder) / re.sub(r"\W", "_", label)
            seconds, loading = rewrite(args.out, target, resolver)
            for part, path in parts.items():
                line = scorer(script, "score", str(path), str(target))
                sys.stdout.write(f"{label:>28} {seconds:6.2f}s ({loading:5.2f}s) {part:>3} {line}\n")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    main()
