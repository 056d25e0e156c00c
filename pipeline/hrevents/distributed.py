"""Running extraction on a Dask distributed cluster (`hrevents extract --scheduler tcp://HOST:PORT`).

Needs the optional extra: `pip install 'hrevents[dask]'` on the client and on every worker,
and the spaCy model installed on every worker. The client reads the files and ships their
bytes, so workers need no access to the client's files. Each worker process loads the
pipeline once and keeps it; start workers with one thread each (`--nthreads 1`) and as many
processes as cores (`--nworkers N`): extraction is CPU-bound Python, threads would only
queue behind each other.

Batches of reports are processed by `hrevents.work.process_batch`, the same function as on
one machine, so a cluster run gives exactly the results of a local run. A batch whose worker
dies is retried by Dask; if it still fails, each of its reports is tried on its own and
only the one that fails alone is recorded as failed.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from hrevents.errors import ModelNotInstalledError, ReportError
from hrevents.reader import load_bytes
from hrevents.work import BATCH_SIZE, ReportOutcome, Task, batches, extract_isolated, extraction_error, process_batch
from hrevents_models import Event, Report

if TYPE_CHECKING:
    from hrevents.extract import Extracted, Extractor

C = TypeVar("C")
G = TypeVar("G")
R = TypeVar("R")
CONNECT_TIMEOUT = 30  # seconds to reach the scheduler and to see a first worker
IN_FLIGHT_PER_THREAD = 2  # batches queued per worker thread: keeps workers busy, memory bounded


class ClusterError(ValueError):
    """The cluster cannot run the job (no Dask, no scheduler, no workers, other code on workers).

    A ValueError so the command line reports it as a usage problem rather than a crash.
    """


# --- on the workers -------------------------------------------------------------------------

_LOCK = threading.Lock()  # one extraction at a time per worker process, whatever its thread count
_EXTRACTORS: dict[str, Extractor] = {}


def _extractor(model: str) -> Extractor:
    if model not in _EXTRACTORS:
        from hrevents.extract import Extractor

        _EXTRACTORS[model] = Extractor(model)
    return _EXTRACTORS[model]


def _check_version(model: str, version: str) -> None:
    from hrevents.ledger import pipeline_version

    here = pipeline_version(model)
    if here != version:
        raise ClusterError(
            f"a Dask worker runs hrevents pipeline {here}, the client {version}: "
            "install the same hrevents version, rules and model on the workers"
        )


def process_on_worker(model: str, version: str, tasks: list[Task]) -> list[ReportOutcome]:
    """Worker side of `run_batches`."""
    with _LOCK:
        _check_version(model, version)
        return process_batch(tasks, _extractor(model))


def extract_reports(model: str, reports: list[Report], batch_size: int) -> list[tuple[list[Event], list[str]] | str]:
    """Worker side of `results_on_cluster`: each report's (events, warnings), or the message of
    its failure. The warnings (a passage a component failed on, text not annotated) are the
    ones a local `Extractor.pipe_results` gives, so they reach the caller as they do locally."""
    with _LOCK:
        loaded = [(report, index) for index, report in enumerate(reports)]
        results = extract_isolated(_extractor(model), loaded, batch_size)
    done: list[tuple[list[Event], list[str]] | str] = []
    for index, report in enumerate(reports):
        result = results[index]
        done.append(extraction_error(report.path, result) if isinstance(result, BaseException) else result)
    return done


# --- on the client --------------------------------------------------------------------------


def connect(scheduler: str, timeout: float = CONNECT_TIMEOUT):
    """A Dask client for `scheduler`, once at least one worker has joined."""
    try:
        from dask.distributed import Client
    except ImportError as error:
        raise ClusterError("--scheduler needs Dask: pip install 'hrevents[dask]' (dask and distributed)") from error
    try:
        client = Client(scheduler, timeout=f"{timeout}s", set_as_default=False)
    except (OSError, TimeoutError) as error:
        raise ClusterError(f"cannot connect to the Dask scheduler at {scheduler}: {error}") from error
    try:
        client.wait_for_workers(1, timeout=timeout)
    except TimeoutError as error:
        client.close()
        raise ClusterError(
            f"no Dask worker joined the scheduler at {scheduler} within {timeout:.0f} s; "
            f"start some with: dask worker {scheduler} --nworkers N --nthreads 1"
        ) from error
    return client


def _window(client: Any) -> int:
    threads = sum(client.nthreads().values())
    return IN_FLIGHT_PER_THREAD * max(threads, 1)


def _ordered(
    client: Any, groups: Iterable[G], submit: Callable[[G], Any], collect: Callable[[Any, G], list[R]]
) -> Iterator[R]:
    """Submit groups with a bounded number in flight; collect results in submission order."""
    pending: deque[tuple[Any, G]] = deque()
    for group in groups:
        pending.append((submit(group), group))
        if len(pending) >= _window(client):
            yield from collect(*pending.popleft())
    while pending:
        yield from collect(*pending.popleft())


# Errors that would hit every batch alike: stop the run rather than fail every report.
FATAL = (ClusterError, ModelNotInstalledError, ImportError)


def cluster_outcomes(tasks: list[Task], scheduler: str, model: str, version: str) -> Iterator[ReportOutcome]:
    """Outcomes of `tasks` computed on a Dask cluster, in order. The files are read here and
    their bytes shipped, so workers need the package and the model but not the files."""
    refused: deque[ReportOutcome] = deque()

    def with_bytes() -> Iterator[list[Task]]:
        for batch in batches(tasks):
            ready = []
            for task in batch:
                try:
                    ready.append(replace(task, data=load_bytes(Path(task.key), task.max_bytes, task.path)))
                except ReportError as error:
                    refused.append(ReportOutcome(task, "failed", str(error)))
            if ready:
                yield ready

    for outcome in run_batches(scheduler, with_bytes(), model, version):
        while refused:
            yield refused.popleft()
        yield outcome
    yield from refused


def run_batches(scheduler: str, groups: Iterable[list[Task]], model: str, version: str) -> Iterator[ReportOutcome]:
    """Outcomes of `hrevents.work.process_batch` for each batch, computed on the cluster, in order."""
    with connect(scheduler) as client:

        def submit(batch: list[Task]) -> Any:
            return client.submit(process_on_worker, model, version, batch, pure=False)

        def collect(future: Any, batch: list[Task]) -> list[ReportOutcome]:
            try:
                return future.result()
            except ImportError as error:
                raise ClusterError(
                    f"a Dask worker cannot import what it needs ({error}): install hrevents and "
                    "its model on every worker, in the same version as here"
                ) from error
            except FATAL:
                raise
            except Exception as error:  # the worker died (KilledWorker) or the task could not run
                if len(batch) > 1:
                    return [outcome for task in batch for outcome in collect(submit([task]), [task])]
                task = batch[0]
                problem = f"{task.path}: the Dask task failed: {type(error).__name__}: {error}"
                return [ReportOutcome(task, "failed", problem)]
            finally:
                future.release()

        yield from _ordered(client, (batch for batch in groups if batch), submit, collect)


def run_on_cluster(
    scheduler: str,
    items: Iterable[tuple[Report, C]],
    model: str,
    batch_size: int | None = None,
    on_error: Callable[[Report, C, str], None] | None = None,
) -> Iterator[tuple[Report, list[Event], C]]:
    """As `Extractor.pipe_with_context`, on a Dask cluster: `(report, events, context)` in input order.

    Contexts stay on the client; only reports travel. A report whose extraction fails is
    passed to `on_error(report, context, message)` and not yielded; without `on_error` its
    failure raises `ReportError`. `results_on_cluster` also gives each report's warnings.
    """
    for result in results_on_cluster(scheduler, items, model, batch_size, on_error):
        yield result.report, result.events, result.context


def results_on_cluster(
    scheduler: str,
    items: Iterable[tuple[Report, C]],
    model: str,
    batch_size: int | None = None,
    on_error: Callable[[Report, C, str], None] | None = None,
) -> Iterator[Extracted[C]]:
    """As `Extractor.pipe_results`, on a Dask cluster: events and warnings per report, in input
    order (failures as in `run_on_cluster`)."""
    from hrevents.extract import Extracted

    size = batch_size or BATCH_SIZE

    with connect(scheduler) as client:

        def submit(group: list[tuple[Report, C]]) -> Any:
            return client.submit(extract_reports, model, [report for report, _ in group], size, pure=False)

        def collect(future: Any, group: list[tuple[Report, C]]) -> list[Extracted[C]]:
            try:
                results = future.result()
            except FATAL:
                raise
            except Exception as error:
                if len(group) > 1:
                    return [item for one in group for item in collect(submit([one]), [one])]
                results = [f"{group[0][0].path}: the Dask task failed: {type(error).__name__}: {error}"]
            finally:
                future.release()
            done = []
            for (report, context), result in zip(group, results, strict=True):
                if not isinstance(result, str):
                    events, warnings = result
                    done.append(Extracted(report, events, warnings, context))
                elif on_error is not None:
                    on_error(report, context, result)
                else:
                    raise ReportError(report.path, result.removeprefix(f"{report.path}: "))
            return done

        yield from _ordered(client, batches(items, size), submit, collect)
