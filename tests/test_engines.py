"""Where the work runs: worker processes and Dask give the same tables as one process; re-runs skip."""

import dataclasses
import gc
import os
import subprocess
import sys
import time
from concurrent.futures import Future
from pathlib import Path

import pandas as pd
import pytest

from pipeline import load, run
from pipeline.engines import YOUNG_COLLECTION_THRESHOLD, in_order, open_engine, tuned_collector, workers_for
from pipeline.ner.recognise import Models
from pipeline.settings import Settings
from pipeline.store import ALL_SCHEMAS

from .conftest import RAW


@pytest.fixture(scope="module")
def one_process(tmp_path_factory: pytest.TempPathFactory, models: Models, settings: Settings) -> Path:
    out = tmp_path_factory.mktemp("one")
    run([RAW], out, models=models, settings=settings)
    return out


def _same_tables(a: Path, b: Path) -> None:
    left, right = load(a), load(b)
    for name in set(ALL_SCHEMAS) - {"entity_merges"}:  # entity ids and the entity tables included
        pd.testing.assert_frame_equal(left[name], right[name], obj=name)


@pytest.mark.parametrize("method", ["forkserver", "spawn"])
def test_worker_processes_give_the_same_tables(
    one_process: Path, tmp_path: Path, settings: Settings, method: str
) -> None:
    started = dataclasses.replace(settings, run=dataclasses.replace(settings.run, start_method=method))
    summary = run([RAW], tmp_path, settings=started, workers=2)
    assert summary.rows["articles"] == len(load(one_process).articles)
    _same_tables(one_process, tmp_path)


@pytest.mark.parametrize(("method", "loaded"), [("spawn", 0), ("forkserver", 1)])
def test_forked_workers_start_with_their_models_loaded(method: str, loaded: int) -> None:
    with open_engine("local", 2, None, method) as engine:
        assert list(engine.map(_preloaded, range(2))) == [loaded, loaded]


def test_without_a_fork_server_workers_are_spawned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pipeline.engines.get_all_start_methods", lambda: ["spawn"])  # as on Windows
    with open_engine("local", 2, None, "forkserver") as engine:
        assert list(engine.map(_preloaded, range(2))) == [0, 0]


def _preloaded(_: int) -> int:
    """In a worker: how many NER model sets it holds before its first chunk."""
    from pipeline.run import loaded_models

    return loaded_models.cache_info().currsize


def test_dask_local_cluster_gives_the_same_tables(one_process: Path, tmp_path: Path, settings: Settings) -> None:
    run([RAW], tmp_path, settings=settings, workers=2, engine="dask")
    _same_tables(one_process, tmp_path)


def test_an_unchanged_tree_is_skipped(tmp_path: Path, models: Models, settings: Settings) -> None:
    first = run([RAW], tmp_path, models=models, settings=settings)
    stamps = {p.name: p.stat().st_mtime_ns for p in tmp_path.glob("*.parquet")}
    again = run([RAW], tmp_path, models=models, settings=settings)
    assert again.unchanged == sum(first.articles.values())
    assert sum(again.rows.values()) == 0
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.glob("*.parquet")} == stamps


def test_a_rerun_on_an_unchanged_tree_loads_no_model(tmp_path: Path, models: Models, settings: Settings) -> None:
    run([RAW], tmp_path, models=models, settings=settings)
    unloaded = Models(settings.ner)  # its back-ends load on first use
    again = run([RAW], tmp_path, models=unloaded, settings=settings)
    assert again.unchanged > 0 and sum(again.rows.values()) == 0
    assert "english" not in vars(unloaded) and "russian" not in vars(unloaded)
    new = "A visit\nPerm Krai Governor Dmitry Makhonin visited the chemical plant in Gubakha on Monday.\n"
    (tmp_path / "new.txt").write_text(new, encoding="utf-8")
    extra = run([RAW, tmp_path / "new.txt"], tmp_path, models=unloaded, settings=settings)
    assert extra.rows["articles"] == 1 and extra.rows["officials"] == 1 and "english" in vars(unloaded)


def test_new_settings_or_force_process_everything_again(tmp_path: Path, models: Models, settings: Settings) -> None:
    first = run([RAW], tmp_path, models=models, settings=settings)
    changed = dataclasses.replace(settings, clean=dataclasses.replace(settings.clean, postfilter=False))
    redone = run([RAW], tmp_path, models=models, settings=changed)
    assert redone.unchanged == 0 and redone.rows["articles"] == first.rows["articles"]
    forced = run([RAW], tmp_path, models=models, settings=changed, force=True)
    assert forced.unchanged == 0 and forced.rows["articles"] == first.rows["articles"]
    assert len(load(tmp_path).articles) == first.rows["articles"]  # replaced, not added


def test_only_new_inputs_are_processed(tmp_path: Path, models: Models, settings: Settings) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text("Title\nPerm Krai Governor Dmitry Makhonin visited Perm.", encoding="utf-8")
    run([inputs], tmp_path / "out", models=models, settings=settings)
    (inputs / "b.txt").write_text("Title\nThe governor of Mordovia visited Saransk.", encoding="utf-8")
    summary = run([inputs], tmp_path / "out", models=models, settings=settings)
    assert summary.unchanged == 1 and summary.rows["articles"] == 1
    assert set(load(tmp_path / "out").regions.code) == {"RU-PER", "RU-MO"}


def _done(value: int) -> "Future[int]":
    future: Future[int] = Future()
    future.set_result(value)
    return future


@pytest.mark.parametrize("window", [1, 2, 5])
def test_results_come_back_in_input_order_with_a_bounded_window(window: int) -> None:
    submitted: list[int] = []

    def submit(item: int) -> "Future[int]":
        submitted.append(item)
        return _done(item * 10)

    results = in_order(submit, range(7), window)
    assert next(results) == 0
    assert len(submitted) == window  # no more than the window was handed out before the first result
    assert [0, *results] == [0, 10, 20, 30, 40, 50, 60]


@pytest.mark.parametrize(
    ("kind", "scheduler", "method", "message"),
    [
        ("spark", None, "spawn", "unknown engine 'spark'; available: local, dask"),
        ("local", "tcp://x:1", "spawn", "needs --engine dask"),
        ("local", None, "fork", "unknown run.start_method 'fork'; available: spawn, forkserver"),
    ],
)
def test_engine_arguments_are_checked(kind: str, scheduler: str | None, method: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        open_engine(kind, 1, scheduler, method)


def test_workers_default_to_the_cores() -> None:
    assert workers_for(0) == (os.cpu_count() or 1)
    assert workers_for(3) == 3


def test_cli_runs_with_workers_and_reports_unchanged_inputs(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("newsfacts")
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text("Title\nPerm Krai Governor Dmitry Makhonin visited Perm.", encoding="utf-8")
    command = [exe, "run", str(inputs), "--out", str(tmp_path / "out"), "--workers", "2"]
    first = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert first.returncode == 0, first.stderr
    second = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert "Unchanged since the last run (skipped; --force to redo): 1" in second.stdout
    bad = subprocess.run([exe, "run", str(inputs), "--engine", "spark"], capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and "unknown engine" in bad.stderr


def test_the_tuned_collector_is_restored() -> None:
    before = gc.get_threshold()
    with tuned_collector():
        assert gc.get_threshold()[0] == YOUNG_COLLECTION_THRESHOLD and gc.get_freeze_count() > 0
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


# A parent that opens the local engine, has a worker report its pid and then start a long task,
# and waits; the test kills it with SIGKILL, so no shutdown code of the pool runs.
_ORPHAN_PARENT = """
import os, sys, time
from pipeline.engines import open_engine

def busy(_):
    print(os.getpid(), flush=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        pass

if __name__ == "__main__":
    with open_engine("local", 2) as engine:
        for _ in engine.map(busy, [1]):
            pass
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").exists() and Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
def test_workers_exit_when_their_parent_is_killed(tmp_path: Path) -> None:
    script = tmp_path / "parent.py"
    script.write_text(_ORPHAN_PARENT)
    with subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True) as parent:
        try:
            assert parent.stdout is not None
            worker = int(parent.stdout.readline())  # the worker is in its long task now
            assert _alive(worker)
        finally:
            parent.kill()
    deadline = time.monotonic() + 15
    while _alive(worker) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _alive(worker), "the worker outlived its parent"
