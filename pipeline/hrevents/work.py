"""The work of one batch of reports, the same function on every back-end.

A batch (`BATCH_SIZE` reports) is read, converted and extracted by `process_batch` whether it
runs in this process, in a pool worker or on a Dask worker, so every back-end gives the same
results. A report that fails becomes a failed `ReportOutcome` naming the file; it never stops
the batch. `Task` and `ReportOutcome` are small and picklable so they can travel.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from hrevents.errors import ReportError
from hrevents.ledger import LedgerRow
from hrevents.manifest import ManifestEntry
from hrevents.reader import load_bytes, report_from_bytes
from hrevents_models import Event, Report

if TYPE_CHECKING:
    from hrevents.extract import Extractor

# Reports per unit of work and per spaCy batch. Fixed (never derived from --workers), so the
# documents batched together are the same whichever back-end runs them.
BATCH_SIZE = 4

T = TypeVar("T")
C = TypeVar("C")


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
    encoding: str | None = None  # --encoding: how to decode text files that are not UTF-8


@dataclass
class ReportOutcome:
    """What processing one report gave: its events (as JSON, ready for the ledger) or its error."""

    task: Task
    status: str  # "ok" or "failed"
    error: str = ""
    content_hash: str = ""
    encoding: str = ""
    events: int = 0
    events_json: str = "[]"
    words: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)  # read, but doubtfully: not UTF-8, front matter typos

    def __post_init__(self) -> None:
        self.error = " ".join(self.error.split())  # one line, for logs and errors.csv
        self.warnings = [" ".join(warning.split()) for warning in self.warnings]

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
            json.dumps(self.warnings, ensure_ascii=False),
        )


def batches(items: Iterable[T], size: int = BATCH_SIZE) -> Iterator[list[T]]:
    """Consecutive lists of `size` items (the last one shorter), in order."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def process_batch(tasks: list[Task], extractor: Extractor) -> list[ReportOutcome]:
    """Read, convert and extract a few reports; every failure becomes a failed outcome."""
    outcomes: dict[int, ReportOutcome] = {}
    loaded: list[tuple[Report, int]] = []
    for index, task in enumerate(tasks):
        started = time.perf_counter()
        digest = ""
        warnings: list[str] = []
        try:
            data = task.data if task.data is not None else load_bytes(Path(task.key), task.max_bytes, task.path)
            digest = hashlib.sha256(data).hexdigest()
            report = report_from_bytes(data, task.path, task.report_id, task.encoding, warnings)
            if task.entry is not None:
                report = task.entry.apply(report)
        except ReportError as error:
            outcomes[index] = ReportOutcome(task, "failed", str(error), digest)
            continue
        except Exception as error:  # a converter bug must not stop the batch either
            outcomes[index] = ReportOutcome(
                task, "failed", f"{task.path}: cannot convert: {type(error).__name__}: {error}", digest
            )
            continue
        words = len(report.text[report.body_start :].split())
        outcomes[index] = ReportOutcome(task, "ok", "", digest, report.encoding, words=words, warnings=warnings)
        outcomes[index].seconds = time.perf_counter() - started
        loaded.append((report, index))
    started = time.perf_counter()
    results = extract_isolated(extractor, loaded)
    elapsed = time.perf_counter() - started
    total_words = sum(outcomes[index].words for _, index in loaded) or 1
    for index, result in results.items():
        outcome = outcomes[index]
        outcome.seconds += elapsed * outcome.words / total_words  # its share of the batch, by words
        if isinstance(result, BaseException):
            outcome.status, outcome.error = "failed", " ".join(extraction_error(outcome.task.path, result).split())
        else:
            outcome.events = len(result)
            outcome.events_json = json.dumps([event.model_dump() for event in result], ensure_ascii=False)
    return [outcomes[index] for index in range(len(tasks))]


def extract_isolated(
    extractor: Extractor, loaded: list[tuple[Report, C]], batch_size: int = BATCH_SIZE
) -> dict[C, list[Event] | BaseException]:
    """Events per report (keyed by its context); if the batch fails, each report again on its own
    to isolate the culprit, whose entry is then its exception."""
    results: dict[C, list[Event] | BaseException] = {}
    try:
        for _, events, context in extractor.pipe_with_context(loaded, batch_size=batch_size):
            results[context] = events
    except Exception:
        for report, context in loaded:
            if context in results:
                continue
            try:
                results[context] = next(extractor.pipe_with_context([(report, context)], batch_size=1))[1]
            except Exception as error:
                results[context] = error
    return results


def extraction_error(path: str, error: BaseException) -> str:
    """The message for a report whose extraction raised `error`."""
    text = str(error)
    too_long = re.search(r"\[E088\] Text of length (\d+) exceeds maximum of (\d+)", text)
    if too_long:  # spaCy's nlp.max_length
        length, limit = (int(number) for number in too_long.groups())
        return (
            f"{path}: the text has {length:,} characters, more than the spaCy pipeline takes in one piece "
            f"({limit:,}, nlp.max_length); split the report"
        )
    return f"{path}: extraction failed: {type(error).__name__}: {text}"
