"""Running batches on a local process pool (`hrevents extract --workers N`).

On Linux the pipeline is loaded once, in the parent, and the workers are forked with it
(they start at once and share its memory until they write to it); elsewhere each worker
process loads its own. A worker that dies (a crash, the out-of-memory killer) breaks the
pool: its batches are retried one report at a time on a fresh pool, and a report that kills
a worker on its own is recorded as failed.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

from hrevents.work import ReportOutcome, Task, batches, process_batch

if TYPE_CHECKING:
    from hrevents.extract import Extractor

# A worker process keeps one loaded pipeline for all its batches.
_WORKER: dict[str, Extractor] = {}
_WORKER_ERROR: list[BaseException] = []


def _init_worker(model: str | None) -> None:
    """Set up a pool worker; `model` None: the pipeline came with the fork, already loaded."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    if model is None:
        return
    _WORKER.clear()
    _WORKER_ERROR.clear()
    try:
        from hrevents.extract import Extractor

        _WORKER["extractor"] = Extractor(model)
    except Exception as error:  # re-raised with each task, so the parent sees why
        _WORKER_ERROR.append(error)


def _exit_with_parent(parent: int) -> None:
    """A killed parent leaves its pool workers waiting for work forever: stop with it."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _pool_batch(tasks: list[Task]) -> list[ReportOutcome]:
    if _WORKER_ERROR:
        raise _WORKER_ERROR[0]
    return process_batch(tasks, _WORKER["extractor"])


def pool_outcomes(
    tasks: list[Task], model: str, workers: int, extractor: Extractor | None = None
) -> Iterator[ReportOutcome]:
    """Batches on a pool of `workers` processes, at most two batches per worker in flight."""
    if sys.platform.startswith("linux"):
        context = multiprocessing.get_context("fork")
        if extractor is None:
            from hrevents.extract import Extractor

            extractor = Extractor(model)
        _WORKER.clear()
        _WORKER_ERROR.clear()
        _WORKER["extractor"] = extractor  # inherited by the forked workers
        initargs: tuple[str | None] = (None,)
    else:  # macOS and Windows: fork is unsafe or missing
        context = multiprocessing.get_context("spawn")
        initargs = (model,)
    queue: deque[list[Task]] = deque(batches(tasks))
    suspects: deque[Task] = deque()

    def new_pool(size: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(size, mp_context=context, initializer=_init_worker, initargs=initargs)

    while queue or suspects:
        if suspects:  # alone, so a crash points at its report
            task = suspects.popleft()
            with new_pool(1) as pool:
                try:
                    yield from pool.submit(_pool_batch, [task]).result()
                except BrokenProcessPool:
                    yield ReportOutcome(
                        task,
                        "failed",
                        f"{task.path}: the worker process died while extracting this "
                        "report (a crash, or out of memory)",
                    )
            continue
        pool = new_pool(workers)
        running: dict[Future[list[ReportOutcome]], list[Task]] = {}
        try:
            while queue or running:
                while queue and len(running) < 2 * workers:
                    batch = queue.popleft()
                    running[pool.submit(_pool_batch, batch)] = batch
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    batch = running.pop(future)
                    try:
                        results = future.result()
                    except BrokenProcessPool:
                        suspects.extend(batch)
                        raise
                    yield from results
        except BrokenProcessPool:
            for batch in running.values():
                suspects.extend(batch)
            running.clear()
        finally:
            _stop_pool(pool, bool(running))
    _WORKER.clear()


def _stop_pool(pool: ProcessPoolExecutor, abort: bool) -> None:
    if abort:  # interrupted: do not wait for batches in flight, the next run redoes them
        for process in list(getattr(pool, "_processes", {}).values()):
            process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)
