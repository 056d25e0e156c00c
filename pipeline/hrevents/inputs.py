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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from stat import S_ISREG

from hrevents.errors import ReportError
from hrevents.ledger import Ledger
from hrevents.manifest import Manifest, inputs_hash
from hrevents.reader import SUPPORTED_SUFFIXES, check_supported, file_kind
from hrevents.work import ReportOutcome, Task


@dataclass
class InputScan:
    paths: list[Path]
    ignored: Counter[str]  # unsupported file types passed over in folders, by suffix
    hidden: int = 0  # hidden files (and files in hidden folders) passed over in folders
    unreadable: list[tuple[Path, str]] = field(default_factory=list)  # folders that could not be listed
    missing: list[Path] = field(default_factory=list)  # inputs named on the command line that do not exist


def scan_inputs(inputs: Iterable[Path]) -> InputScan:
    """Files and folders (recursively) to report files in a stable order, each file once.

    In folders, hidden files and files of unsupported types are passed over (and counted);
    a folder that cannot be listed is recorded (it becomes a failed entry of the batch, not a
    silent gap); a file named explicitly is always taken, so a wrong type gets a clear error.
    """
    scan = InputScan([], Counter())
    found: dict[str, Path] = {}
    for item in inputs:
        item = Path(item)
        if _is_dir(item):
            for path in sorted(_walk(item, scan)):
                if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                    scan.ignored[path.suffix.lower() or "(none)"] += 1
                    continue
                found.setdefault(ledger_key(path), path)  # dangling links too: they get "cannot read"
        elif not _exists(item):
            scan.missing.append(item)
        else:
            found.setdefault(ledger_key(item), item)
    scan.paths = list(found.values())
    return scan


def _is_dir(path: Path) -> bool:
    try:
        return os.path.isdir(path)
    except (OSError, ValueError):  # too long a name: a per-file error later, not a crash here
        return False


def _exists(path: Path) -> bool:
    """Whether `path` exists (a dangling link does: it gets "cannot read"); a path the system cannot
    even look up (too long) counts as existing, so it becomes a per-file error, not a usage error."""
    try:
        os.lstat(path)
    except FileNotFoundError:
        return False
    except (OSError, ValueError):
        return True
    return True


def _walk(folder: Path, scan: InputScan) -> Iterator[Path]:
    """The files under `folder`, hidden ones counted and left out; links to folders are not
    followed (so a link loop is read once), links to files are."""

    def unreadable(error: OSError) -> None:
        scan.unreadable.append((Path(error.filename or folder), error.strerror or str(error)))

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = [name for name in dirs if not os.path.islink(os.path.join(root, name))]
        scan.hidden += sum(name.startswith(".") for name in files)
        for name in dirs:
            if name.startswith("."):
                scan.hidden += _count_files(Path(root) / name)
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        for name in sorted(name for name in files if not name.startswith(".")):
            yield Path(root) / name


def _count_files(folder: Path) -> int:
    return sum(len(files) for _, _, files in os.walk(folder))


def find_inputs(inputs: Iterable[Path]) -> list[Path]:
    """Files and folders (recursively) to report files, in a stable order, each once."""
    return scan_inputs(inputs).paths


def ledger_key(path: Path) -> str:
    """The ledger key: the absolute path, links resolved, so one file has one key however it is reached
    (a path the system cannot resolve, too long for instance, keys as its absolute form)."""
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError, ValueError):
        return os.path.abspath(path)


def _shown(path: Path) -> str:
    """A path for a message: a path too long for the system (over 4,096 characters) is shortened."""
    text = str(path)
    return text if len(text) <= 300 else f"{text[:150]}…{text[-150:]} ({len(text):,} characters)"


def unreadable_outcomes(scan: InputScan, max_bytes: int) -> list[ReportOutcome]:
    """A failed entry per folder that could not be listed: its reports are missing from the batch."""
    outcomes = []
    for folder, reason in scan.unreadable:
        task = Task(ledger_key(folder), str(folder), folder.name, "", None, max_bytes)
        problem = f"{folder}: cannot read this folder ({reason}): the reports in it were not processed"
        outcomes.append(ReportOutcome(task, "failed", problem))
    return outcomes


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
    paths: list[Path],
    manifest: Manifest,
    ledger: Ledger,
    version: str,
    max_bytes: int,
    force: bool = False,
    encoding: str | None = None,
) -> Plan:
    """Sort the reports into current (skipped), to do, and refused; `force` redoes current ones."""
    plan = Plan()
    owners: dict[str, str] = {}  # report id -> path of the report that has it
    for path in paths:
        key = ledger_key(path)
        entry = manifest.find(path) if manifest else None
        report_id = (entry.report_id if entry else None) or path.stem
        task = Task(key, str(path), report_id, inputs_hash(report_id, entry, encoding), entry, max_bytes)
        task = replace(task, encoding=encoding)
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
            if not S_ISREG(stat.st_mode):  # never open a FIFO or device: reading it could hang the batch
                raise ReportError(str(path), f"not a regular file ({file_kind(stat.st_mode)}), not a report")
        except ReportError as error:
            plan.failed.append(ReportOutcome(task, "failed", str(error)))
            continue
        except (OSError, ValueError) as error:
            reason = (error.strerror if isinstance(error, OSError) else None) or error
            plan.failed.append(ReportOutcome(task, "failed", f"{_shown(path)}: cannot read: {reason}"))
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
