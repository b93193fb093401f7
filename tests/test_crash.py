"""Fault injection: a run killed (SIGKILL) during NER, inside a store write or during the Parquet
export, then run again, ends with the same tables as a run that was never killed."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipeline import run
from pipeline.faults import VARIABLE
from pipeline.ner.recognise import Models
from pipeline.settings import DEFAULT_SETTINGS, load_settings
from pipeline.store.tables import SCHEMAS

from .conftest import RAW

# small batches, so that a kill falls between writes: two articles a chunk and a store write
# (neither is part of the fingerprint, so a run with the shipped values gives the same rows)
SMALL = {"batch_articles = 200": "batch_articles = 2", "chunk_articles = 16": "chunk_articles = 2"}
SMALL |= {"workers = 0": "workers = 1", 'sites = "data/boilerplate"': 'sites = ""'}


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped settings with small batches, as a file for the command line."""
    text = DEFAULT_SETTINGS.read_text(encoding="utf-8")
    for old, new in SMALL.items():
        assert old in text
        text = text.replace(old, new)
    path = tmp_path_factory.mktemp("settings") / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


def table_hashes(out: Path) -> dict[str, str]:
    """Every table, in DuckDB and in Parquet, sorted by all its columns → a content hash."""
    hashes = {}
    with duckdb.connect(str(out / "newsfacts.duckdb"), read_only=True) as con:
        for name in SCHEMAS:
            hashes[name] = _digest(con.sql(f'SELECT * FROM "{name}" ORDER BY ALL').fetchall())
            parquet = con.sql("SELECT * FROM read_parquet(?) ORDER BY ALL", params=[str(out / f"{name}.parquet")])
            hashes[f"{name}.parquet"] = _digest(parquet.fetchall())
    return hashes


def _digest(rows: list[tuple[object, ...]]) -> str:
    return hashlib.sha256(repr(rows).encode()).hexdigest()


@pytest.fixture(scope="module")
def clean_hashes(tmp_path_factory: pytest.TempPathFactory, models: Models, small: Path) -> dict[str, str]:
    out = tmp_path_factory.mktemp("clean")
    run([RAW], out, models=models, settings=load_settings(small))
    return table_hashes(out)


# where the run is killed: a point and the hit it dies on (see pipeline/faults.py)
POINTS = [
    ("during NER", "ner:3"),
    ("inside the second store write", "store.write:11"),
    ("during the export, three files in", "export:3"),
]


@pytest.mark.parametrize("point", [p for _, p in POINTS], ids=[name for name, _ in POINTS])
def test_a_killed_run_then_a_rerun_gives_the_clean_tables(
    tmp_path: Path, models: Models, small: Path, clean_hashes: dict[str, str], point: str
) -> None:
    out = tmp_path / "out"
    exe = Path(sys.executable).with_name("newsfacts")
    command = [exe, "run", str(RAW), "--out", str(out), "--settings", str(small)]
    killed = subprocess.run(command, env={**os.environ, VARIABLE: point}, capture_output=True, check=False)
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()[-2000:]
    run([RAW], out, models=models, settings=load_settings(small))
    assert table_hashes(out) == clean_hashes
    assert not [p.name for p in out.iterdir() if p.name.endswith((".tmp", ".staging", "-stale"))]


def test_a_run_killed_while_replacing_a_finished_export_leaves_no_stale_set(
    tmp_path: Path, models: Models, small: Path, clean_hashes: dict[str, str]
) -> None:
    out = tmp_path / "out"
    run([RAW / "html"], out, models=models, settings=load_settings(small))  # a finished export of part of RAW
    exe = Path(sys.executable).with_name("newsfacts")
    command = [exe, "run", str(RAW), "--out", str(out), "--settings", str(small)]
    killed = subprocess.run(command, env={**os.environ, VARIABLE: "export:3"}, capture_output=True, check=False)
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()[-2000:]
    # the store holds all of RAW and the Parquet files the part: the re-run has nothing new and must export
    summary = run([RAW], out, models=models, settings=load_settings(small))
    assert summary.unchanged > 0 and not summary.rows.get("articles")
    assert table_hashes(out) == clean_hashes
    assert not [p.name for p in out.iterdir() if p.name.endswith((".tmp", ".staging", "-stale"))]
