"""Where the per-article work runs: in this process, in worker processes, or on a Dask cluster.

The parent reads the inputs and writes the store; a worker gets chunks of pages and returns
their tables, loading its models once (see `pipeline.run.process_chunk`). At most `window`
chunks are in flight at a time, so memory stays flat whatever the size of the corpus.
"""

from __future__ import annotations

import gc
import logging
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from multiprocessing import get_all_start_methods, get_context
from typing import Any, Protocol, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)
ENGINES = ("local", "dask")
START_METHODS = ("spawn", "forkserver")


class _Future(Protocol[R_co]):
    def result(self) -> R_co: ...


# The stages allocate many small records that hold no reference cycles (reference counting frees
# them), while the loaded models are hundreds of thousands of objects that live as long as the
# process: the cyclic collector only wastes time on both. Measured: about 3 % of a run.
YOUNG_COLLECTION_THRESHOLD = 50_000


def tune_collector() -> tuple[int, int, int]:
    """Freeze what is loaded now out of the collector's scans and collect young objects less often.

    Returns the previous thresholds, for `restore_collector`.
    """
    previous = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_COLLECTION_THRESHOLD, *previous[1:])
    return previous


def restore_collector(previous: tuple[int, int, int]) -> None:
    """Undo `tune_collector` (for runs inside a longer-lived process, such as a notebook)."""
    gc.set_threshold(*previous)
    gc.unfreeze()


@contextmanager
def tuned_collector() -> Iterator[None]:
    """`tune_collector` for the duration of a block."""
    previous = tune_collector()
    try:
        yield
    finally:
        restore_collector(previous)


def exit_with_parent(every: float = 1.0) -> None:
    """In a worker process: exit as soon as the process that started it is gone.

    A parent killed outright (SIGKILL, a scheduler's time limit, an out-of-memory kill) cannot shut
    its pool down, and its workers would go on with the chunks they hold, at full speed, for nobody.
    A forked worker's parent is the fork server, which exits when the run's process does.
    """
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def workers_for(requested: int) -> int:
    """0 → one worker per core."""
    return requested if requested > 0 else os.cpu_count() or 1


def in_order(submit: Callable[[T], _Future[R]], items: Iterable[T], window: int) -> Iterator[R]:
    """Submit items as the window allows and yield their results in input order."""
    pending: deque[_Future[R]] = deque()
    for item in items:
        pending.append(submit(item))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


class Engine(Protocol):
    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]: ...


class InProcess:
    """Everything in this process (one worker)."""

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        return (fn(item) for item in items)


class Processes:
    """A pool of worker processes on this machine."""

    def __init__(self, pool: ProcessPoolExecutor, workers: int) -> None:
        self.pool, self.window = pool, 2 * workers

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        return in_order(lambda item: self.pool.submit(fn, item), items, self.window)


class Dask:
    """A Dask cluster: the one at `scheduler`, or a LocalCluster started for the run."""

    def __init__(self, client: Any, workers: int) -> None:
        self.client, self.window = client, 2 * workers

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        return in_order(lambda item: self.client.submit(fn, item, pure=False), items, self.window)


def open_engine(
    kind: str, workers: int, scheduler: str | None = None, start_method: str = "spawn"
) -> AbstractContextManager[Engine]:
    """Engine name ("local" or "dask"), workers, a scheduler address and the local workers' start method → an engine."""
    if kind not in ENGINES:
        raise ValueError(f"unknown engine {kind!r}; available: {', '.join(ENGINES)}")
    if kind == "dask":
        return _dask(workers, scheduler)
    if scheduler:
        raise ValueError("--scheduler needs --engine dask")
    if start_method not in START_METHODS:
        raise ValueError(f"unknown run.start_method {start_method!r}; available: {', '.join(START_METHODS)}")
    return _local(workers, start_method)


@contextmanager
def _local(workers: int, start_method: str) -> Iterator[Engine]:
    if workers == 1:
        yield InProcess()
        return
    # never a plain fork: the parent holds a DuckDB connection and threads that must not be copied.
    # The fork server is a fresh interpreter that loads the default models once (pipeline.warm)
    # and forks every worker from itself, so the workers start with their models loaded.
    if start_method not in get_all_start_methods():  # no fork server on Windows
        log.info("start method %s not available here; workers are spawned", start_method)
        start_method = "spawn"
    context = get_context(start_method)
    if start_method == "forkserver":
        context.set_forkserver_preload(["pipeline.warm"])
    with ProcessPoolExecutor(workers, mp_context=context, initializer=exit_with_parent) as pool:
        log.info("local engine: %d worker processes (%s)", workers, start_method)
        yield Processes(pool, workers)


@contextmanager
def _dask(workers: int, scheduler: str | None) -> Iterator[Engine]:
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:
        raise RuntimeError("the dask engine needs Dask: pip install 'newsfacts[dask]'") from err

    if scheduler:
        with Client(scheduler) as client:
            found = len(client.scheduler_info().get("workers", {}))
            log.info("dask engine: scheduler %s with %d workers", scheduler, found)
            yield Dask(client, max(found, 1))
        return
    # no dashboard; the scheduler's own HTTP endpoints on a free port, not 8787 (another cluster may hold it)
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": ":0"},
    )
    with cluster, Client(cluster) as client:
        log.info("dask engine: local cluster of %d workers", workers)
        yield Dask(client, workers)
