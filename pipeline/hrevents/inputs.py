"""Finding the reports of a batch and planning which of them need processing.

Inputs are files and folders (searched recursively) in a stable order, each file once. Each
report gets its id (file name or manifest) and the ledger is asked whether its result is
current: same bytes (size and mtime, else a content hash), same id and manifest metadata, same
pipeline version. Current reports are skipped; the rest become `Task`s; a report that cannot
be processed at all (a duplicate id, an unreadable or oversized file) becomes a failed outcome
before any work starts.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from hrevents.errors import ReportError
from hrevents.ledger import Ledger
from hrevents.manifest import Manifest, inputs_hash
from hrevents.reader import SUPPORTED_SUFFIXES, check_supported
from hrevents.work import ReportOutcome, Task


@dataclass
class InputScan:
    paths: list[Path]
    ignored: Counter[str]  # unsupported file types passed over in folders, by suffix


def scan_inputs(inputs: Iterable[Path]) -> InputScan:
    """Files and folders (recursively) to report files in a stable order, each file once.

    In folders, hidden files and files of unsupported types are passed over (and counted);
    a file named explicitly is always taken, so a wrong type gets a clear error.
    """
    found: dict[str, Path] = {}
    ignored: Counter[str] = Counter()
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
                found.setdefault(ledger_key(path), path)  # dangling links too: they get "cannot read"
        else:
            found.setdefault(ledger_key(item), item)
    return InputScan(list(found.values()), ignored)


def find_inputs(inputs: Iterable[Path]) -> list[Path]:
    """Files and folders (recursively) to report files, in a stable order, each once."""
    return scan_inputs(inputs).paths


def ledger_key(path: Path) -> str:
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
    failed: list[ReportOutcome] = field(default_factory=list)  # refused before processing
    skipped: int = 0


def plan_batch(
    paths: list[Path], manifest: Manifest, ledger: Ledger, version: str, max_bytes: int, force: bool = False
) -> Plan:
    """Sort the reports into current (skipped), to do, and refused; `force` redoes current ones."""
    plan = Plan()
    owners: dict[str, str] = {}  # report id -> path of the report that has it
    for path in paths:
        key = ledger_key(path)
        entry = manifest.find(path) if manifest else None
        report_id = (entry.report_id if entry else None) or path.stem
        task = Task(key, str(path), report_id, inputs_hash(report_id, entry), entry, max_bytes)
        plan.keys.append(key)
        if report_id in owners:
            problem = (
                f"{path}: report id {report_id!r} is already the id of {owners[report_id]}; "
                "give one of them another id in a --manifest"
            )
            plan.failed.append(ReportOutcome(task, "failed", problem))
            continue
        owners[report_id] = str(path)
        try:
            stat = os.stat(key)
            check_supported(path)
        except ReportError as error:
            plan.failed.append(ReportOutcome(task, "failed", str(error)))
            continue
        except OSError as error:
            plan.failed.append(ReportOutcome(task, "failed", f"{path}: cannot read: {error.strerror or error}"))
            continue
        task = replace(task, size=stat.st_size, mtime_ns=stat.st_mtime_ns)
        if stat.st_size > max_bytes:
            problem = f"{path}: file is {stat.st_size:,} bytes, over the limit of {max_bytes:,} (see --max-bytes)"
            plan.failed.append(ReportOutcome(task, "failed", problem))
            continue
        if not force and is_current(ledger, task, version):
            plan.skipped += 1
        else:
            plan.todo.append(task)
    return plan


def is_current(ledger: Ledger, task: Task, version: str) -> bool:
    """The ledger holds a good result of this pipeline version for these bytes and inputs."""
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
