"""Nothing is lost silently in the store: moved JSON lines, former twins, half exports, readers, writers."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipeline import load, run
from pipeline.ner.recognise import Models
from pipeline.settings import Settings
from pipeline.store.access import writer_lock
from pipeline.store.parquet import read_set

TEXTS = [
    "The governor of the Volgograd region said the bridge will open in May.",
    "Губернатор Пермского края Дмитрий Махонин посетил Березники в среду.",
    "The Bank of Russia raised its key rate to 16 percent on Friday.",
    "Мэр Москвы Сергей Собянин открыл новую станцию метро в понедельник.",
]
NEW = "Apple said on Tuesday that its revenue in China fell by 8 percent."


def _lines(texts: list[str]) -> str:
    return "".join(json.dumps({"text": t}) + "\n" for t in texts)


# how the JSON Lines file changes between two runs → the texts the store must then hold
EDITS = [
    ("line added at the top", [NEW, *TEXTS]),
    ("line added at the end", [*TEXTS, NEW]),
    ("line removed in the middle", [TEXTS[0], *TEXTS[2:]]),
    ("lines reordered", TEXTS[::-1]),
]


@pytest.mark.parametrize(("edit", "after"), EDITS, ids=[e for e, _ in EDITS])
def test_jsonl_rows_follow_the_file(
    tmp_path: Path, models: Models, settings: Settings, edit: str, after: list[str]
) -> None:
    source = tmp_path / "in" / "news.jsonl"
    source.parent.mkdir()
    source.write_text(_lines(TEXTS), encoding="utf-8")
    run([source.parent], tmp_path / "out", models=models, settings=settings)
    source.write_text(_lines(after), encoding="utf-8")
    for _ in range(2):  # the second re-run has nothing to do and must keep everything
        run([source.parent], tmp_path / "out", models=models, settings=settings)
        articles = load(tmp_path / "out").articles
        assert sorted(articles.text) == sorted(after)
        assert sorted(articles.source) == [f"{source}:{n}" for n in range(1, len(after) + 1)]


def test_an_edited_original_leaves_its_twin_whole(tmp_path: Path, models: Models, settings: Settings) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(f"Title\n{TEXTS[0]}", encoding="utf-8")
    run([folder], tmp_path / "out", models=models, settings=settings)
    (folder / "a.txt").write_text(f"Title\n{TEXTS[2]}", encoding="utf-8")
    run([folder], tmp_path / "out", models=models, settings=settings)
    tables = load(tmp_path / "out")
    rows = tables.articles.set_index(tables.articles.source.map(lambda s: Path(s).name))
    assert (rows.loc["a.txt", "text"], rows.loc["b.txt", "text"]) == (TEXTS[2], TEXTS[0])
    assert set(rows.status) == {"ok"}
    twin = tables.regions[tables.regions.article_id == rows.loc["b.txt", "article_id"]]
    assert "RU-VGG" in set(twin.code)


def test_an_out_folder_with_a_quote_in_its_name(tmp_path: Path, models: Models, settings: Settings) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(f"Title\n{TEXTS[0]}", encoding="utf-8")
    out = tmp_path / 'it\'s "out"; DROP TABLE articles; --'
    run([tmp_path / "in"], out, models=models, settings=settings)
    assert load(out).articles.status.tolist() == ["ok"]


@pytest.fixture
def small_out(tmp_path: Path, models: Models, settings: Settings) -> Path:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(f"Title\n{TEXTS[0]}", encoding="utf-8")
    run([tmp_path / "in"], tmp_path / "out", models=models, settings=settings)
    return tmp_path / "out"


READER = """
import sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
print("open", flush=True)
sys.stdin.read()
print(con.execute("SELECT count(*) FROM articles").fetchall())
"""


def test_a_reader_holding_the_database_does_not_stop_a_run(small_out: Path, models: Models, settings: Settings) -> None:
    database = str(small_out / "newsfacts.duckdb")
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, database], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert reader.stdout is not None and reader.stdout.readline().strip() == "open"
    (small_out.parent / "in" / "b.txt").write_text(f"Title\n{TEXTS[2]}", encoding="utf-8")
    run([small_out.parent / "in"], small_out, models=models, settings=settings)
    seen, _ = reader.communicate("", timeout=60)
    assert seen.strip() == "[(1,)]"  # the reader kept the database it opened
    with duckdb.connect(database, read_only=True) as again:
        assert again.execute("SELECT count(*) FROM articles").fetchall() == [(2,)]
    assert len(load(small_out).articles) == 2
    assert not list(small_out.glob(".*staging*"))


def test_a_reader_in_this_process_does_not_stop_a_run(small_out: Path, models: Models, settings: Settings) -> None:
    reader = duckdb.connect(str(small_out / "newsfacts.duckdb"), read_only=True)  # a notebook's
    try:
        (small_out.parent / "in" / "b.txt").write_text(f"Title\n{TEXTS[2]}", encoding="utf-8")
        run([small_out.parent / "in"], small_out, models=models, settings=settings)
    finally:
        reader.close()
    assert len(load(small_out).articles) == 2


def test_a_second_writer_gets_one_line_and_a_non_zero_exit(small_out: Path) -> None:
    exe = Path(sys.executable).with_name("newsfacts")
    with writer_lock(small_out):
        result = subprocess.run(
            [exe, "run", str(small_out.parent / "in"), "--out", str(small_out)],
            capture_output=True,
            text=True,
            check=False,
        )
    assert result.returncode == 3
    assert "being written by another newsfacts process" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_mixed_parquet_set_is_refused(small_out: Path, tmp_path: Path, models: Models, settings: Settings) -> None:
    other = tmp_path / "other"
    (tmp_path / "in2").mkdir()
    (tmp_path / "in2" / "c.txt").write_text(f"Title\n{TEXTS[3]}", encoding="utf-8")
    run([tmp_path / "in2"], other, models=models, settings=settings)
    shutil.copyfile(other / "articles.parquet", small_out / "articles.parquet")
    with pytest.raises(RuntimeError, match="different exports"):
        read_set(small_out, tries=2)


def test_no_temporary_files_are_left(small_out: Path) -> None:
    assert sorted(p.name for p in small_out.iterdir() if p.name.startswith(".") and p.name != ".newsfacts.lock") == []


def test_any_other_error_is_one_line_and_its_traceback_only_with_v(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(f"Title\n{TEXTS[0]}", encoding="utf-8")
    (tmp_path / "out").write_text("a file where the output folder should be", encoding="utf-8")
    exe = Path(sys.executable).with_name("newsfacts")
    command = [exe, "run", str(tmp_path / "in"), "--out", str(tmp_path / "out")]
    plain = subprocess.run(command, capture_output=True, text=True, check=False)
    assert plain.returncode == 1
    assert plain.stderr.strip().splitlines() == [
        f"newsfacts: error: FileExistsError: [Errno 17] File exists: '{tmp_path / 'out'}'"
    ]
    verbose = subprocess.run([exe, "-v", *command[1:]], capture_output=True, text=True, check=False)
    assert verbose.returncode == 1 and "Traceback" in verbose.stderr
