"""Whole runs into an output folder: tables on disk, idempotent re-runs, the CLI entry point."""

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipeline import extract, load, run
from pipeline.ner.recognise import Models
from pipeline.settings import Settings
from pipeline.store.tables import SCHEMAS

from .conftest import RAW


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory, models: Models, settings: Settings) -> Path:
    out = tmp_path_factory.mktemp("out")
    run([RAW], out, models=models, settings=settings)
    return out


def test_every_table_is_written_as_parquet_and_duckdb(first_run: Path) -> None:
    tables = load(first_run)
    with duckdb.connect(str(first_run / "newsfacts.duckdb"), read_only=True) as con:
        for name in SCHEMAS:
            assert len(tables[name]) > 0, name
            assert con.execute(f"SELECT count(*) FROM {name}").fetchone() == (len(tables[name]),)


def test_articles_report_every_input_with_status(first_run: Path) -> None:
    articles = load(first_run).articles
    by_status = articles.groupby("status").size().to_dict()
    assert by_status["ok"] == 6  # 3 samples, 2 HTML pages, 1 JSON line
    skipped = articles[articles.status == "skipped"]
    assert set(skipped.reason) == {"unsupported file type: .md", "unsupported language: de"}
    assert articles.article_id.is_unique


def test_rerun_gives_the_same_rows(first_run: Path, tmp_path: Path, models: Models, settings: Settings) -> None:
    out = tmp_path / "out"
    shutil.copytree(first_run, out)
    run([RAW], out, models=models, settings=settings)
    before, after = load(first_run), load(out)
    for name in SCHEMAS:
        pd.testing.assert_frame_equal(before[name], after[name], check_like=False)


def test_a_changed_input_replaces_its_old_rows(tmp_path: Path, models: Models, settings: Settings) -> None:
    source = tmp_path / "in" / "a.txt"
    source.parent.mkdir()
    source.write_text("Title\nPerm Krai Governor Dmitry Makhonin visited Perm.", encoding="utf-8")
    run([source.parent], tmp_path / "out", models=models, settings=settings)
    source.write_text("Title\nThe governor of Mordovia visited Saransk.", encoding="utf-8")
    run([source.parent], tmp_path / "out", models=models, settings=settings)
    tables = load(tmp_path / "out")
    assert len(tables.articles) == 1
    assert set(tables.regions.code) == {"RU-MO"}


def test_extract_works_in_memory(models: Models, settings: Settings) -> None:
    tables = extract(
        [
            "Perm Krai Governor Dmitry Makhonin signed the roadmap.",
            {"text": "Губернатор Пермского края Дмитрий Махонин подписал соглашение.", "published": "2024-05-01"},
        ],
        models=models,
        settings=settings,
    )
    assert list(tables.articles.language) == ["en", "ru"]
    assert set(tables.regions.code) == {"RU-PER"}
    assert tables.articles.published.iloc[1] == pd.Timestamp("2024-05-01")


def test_load_names_a_missing_output(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="run `newsfacts run` first"):
        load(tmp_path)


def test_cli_entry_point(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("newsfacts")
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text("Title\nPerm Krai Governor Dmitry Makhonin visited Perm.", encoding="utf-8")
    (inputs / "b.pdf").write_bytes(b"%PDF-1.4")
    result = subprocess.run(
        [exe, "run", str(inputs), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "en   ok" in result.stdout and "unsupported file type" in result.stdout
    assert "officials" in result.stdout
    assert (tmp_path / "out" / "officials.parquet").exists()


def test_cli_refuses_a_missing_path(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("newsfacts")
    result = subprocess.run([exe, "run", str(tmp_path / "nope")], capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "no such file or folder" in result.stderr
