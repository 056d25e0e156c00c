"""The SQLite ledger: what was processed, from which content, by which pipeline version.

Each report's result is committed as soon as it is known, so a crash or kill loses at most
the reports in progress; the output files are rebuilt from the ledger, so a resumed run
writes exactly what a clean run would. A lock file keeps two runs off one ledger.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

from hrevents.errors import OutputError
from hrevents_models import Event

SCHEMA_VERSION = 3
SCHEMA = """
CREATE TABLE IF NOT EXISTS reports (
    key TEXT PRIMARY KEY,               -- the file's absolute path
    path TEXT NOT NULL,                 -- the path as the user gave it (shown in outputs)
    report_id TEXT NOT NULL,
    content_hash TEXT NOT NULL,         -- sha256 of the bytes extracted from ('' if never read)
    inputs_hash TEXT NOT NULL,          -- report id and manifest metadata the result depends on
    pipeline_version TEXT NOT NULL,
    status TEXT NOT NULL,               -- 'ok' or 'failed'
    error TEXT NOT NULL DEFAULT '',
    encoding TEXT NOT NULL DEFAULT '',
    events INTEGER NOT NULL DEFAULT 0,
    words INTEGER NOT NULL DEFAULT 0,
    seconds REAL NOT NULL DEFAULT 0,
    size INTEGER NOT NULL DEFAULT -1,   -- size and mtime when last hashed: an unchanged
    mtime_ns INTEGER NOT NULL DEFAULT -1,  -- pair lets a re-run skip re-hashing
    warnings TEXT NOT NULL DEFAULT '[]', -- JSON list: read, but doubtfully (not UTF-8, front matter typos)
    events_json TEXT NOT NULL DEFAULT '[]',
    updated REAL NOT NULL
)
"""
# What shapes extracted events, and only that: the reading of a report, the spaCy pipeline and
# its components and rules, assembly, dates, geocoding and the records. An allowlist, so that
# editing the review page, the scorer or the batch runner keeps earlier results current; a new
# module that extraction imports must be added here (tests/test_ledger.py checks that).
# Entries ending in "/" are folders; paths are relative to each package's folder.
IN_VERSION: dict[str, tuple[str, ...]] = {
    "hrevents": (
        "__init__.py",
        "assemble.py",
        "chunks.py",
        "components/",
        "dates.py",
        "errors.py",
        "extract.py",
        "formats.py",
        "geo/",
        "mappings/__init__.py",
        "mappings/covers.yaml",
        "mappings/places.yaml",
        "news.py",
        "nlp.py",
        "ocr.py",
        "pdf_margins.py",
        "prefilter.py",
        "reader.py",
        "repair.py",
        "rules/",
        "syntax.py",
        "webpage.py",
    ),
    "hrevents_models": ("",),
}
VERSION_SUFFIXES = (".py", ".yaml", ".txt")


class LedgerBusyError(ValueError):
    """Another run holds the ledger (a ValueError so the CLI reports it as a usage problem)."""


@dataclass(frozen=True)
class LedgerRow:
    key: str
    path: str
    report_id: str
    content_hash: str
    inputs_hash: str
    pipeline_version: str
    status: str
    error: str = ""
    encoding: str = ""
    events: int = 0
    words: int = 0
    seconds: float = 0.0
    size: int = -1
    mtime_ns: int = -1
    warnings: str = "[]"  # JSON list of strings


ROW_COLUMNS = tuple(f.name for f in fields(LedgerRow))


def version_files(root: Path, allowed: tuple[str, ...]) -> list[Path]:
    """The source and data files under `root` that the allowlist `allowed` names, sorted."""
    found = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if path.suffix not in VERSION_SUFFIXES or "__pycache__" in relative:
            continue
        if any(_names(entry, relative) for entry in allowed):
            found.append(path)
    return found


def _names(entry: str, relative: str) -> bool:
    """An allowlist entry names a file exactly, a folder ("rules/") or, "", the whole package."""
    return relative.startswith(entry) if entry.endswith("/") or not entry else relative == entry


def source_digest(roots: dict[str, Path]) -> str:
    """sha256 over the allowlisted files of each package (name -> its folder), names included."""
    digest = hashlib.sha256()
    for name, root in sorted(roots.items()):
        for path in version_files(root, IN_VERSION[name]):
            digest.update(f"|{name}/{path.relative_to(root).as_posix()}|".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=8)
def pipeline_version(model: str) -> str:
    """Changes whenever the code that shapes results, the rule data, spaCy or the model changes.

    Hashes the files of `IN_VERSION` (what extraction runs), so a rule or component edit makes
    earlier results stale even without a release, and an edit elsewhere does not.
    """
    import spacy

    import hrevents
    import hrevents_models
    from hrevents import __version__
    from hrevents.prefilter import prefilter_enabled

    digest = hashlib.sha256(f"{__version__}|{model}|spacy {spacy.__version__}".encode())
    digest.update(f"|prefilter {prefilter_enabled()}".encode())
    try:
        from importlib.metadata import version

        digest.update(f"|model {version(model)}".encode())
    except Exception:  # a model given as a folder, or not installed (loading will say so)
        digest.update(f"|model {model}".encode())
    roots = {package.__name__: Path(next(iter(package.__path__))) for package in (hrevents, hrevents_models)}
    digest.update(source_digest(roots).encode())
    return f"{__version__}+{digest.hexdigest()[:12]}"


class LedgerCorruptError(ValueError):
    """The ledger file is not a readable SQLite database (a ValueError: the CLI says how to rebuild)."""


def _connect(path: Path) -> sqlite3.Connection:
    try:
        db = sqlite3.connect(path, timeout=30)
        db.execute("PRAGMA journal_mode=WAL")
        return db
    except sqlite3.OperationalError as error:
        if is_write_problem(str(error)):
            raise OutputError(
                f"cannot write the ledger {path}: {error} (a read-only folder or a full disk?)"
            ) from error
        raise corrupt_ledger_error(path, error) from error
    except sqlite3.DatabaseError as error:
        raise corrupt_ledger_error(path, error) from error


def is_write_problem(message: str) -> bool:
    """Whether an sqlite error means the ledger cannot be written (rather than that it is damaged)."""
    return any(words in message for words in ("unable to open", "readonly", "read-only", "disk", "full"))


def corrupt_ledger_error(path: Path, error: Exception) -> LedgerCorruptError:
    return LedgerCorruptError(
        f"{path}: the ledger is damaged or not a ledger ({error}); delete it (and any {path.name}-wal and "
        f"{path.name}-shm beside it) and run again: every report is then processed afresh and the outputs rebuilt"
    )


class RunLock:
    """An advisory lock file held for a run (fcntl.flock) and removed when the run ends.

    The file is unlinked on release, so no `.lock` is left behind; a run that opened the file
    just before it was unlinked notices (the path no longer names its file) and tries again.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._handle: int | None = None

    def acquire(self, busy_message: str) -> None:
        try:
            import fcntl
        except ImportError:  # Windows: no advisory locks; run one batch at a time
            return
        for _ in range(3):
            handle = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as error:
                os.close(handle)
                raise LedgerBusyError(busy_message) from error
            try:
                same = os.stat(self.path).st_ino == os.fstat(handle).st_ino
            except FileNotFoundError:
                same = False
            if same:
                self._handle = handle
                return
            os.close(handle)  # the previous holder removed it meanwhile: lock the new file
        raise LedgerBusyError(busy_message)

    def release(self) -> None:
        if self._handle is not None:
            try:
                self.path.unlink(missing_ok=True)
            finally:
                os.close(self._handle)  # releases the flock
                self._handle = None


class Ledger:
    def __init__(self, path: Path) -> None:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock: RunLock | None = None
        self.db = _connect(path)
        # NORMAL in WAL mode: a killed process loses no committed row; only a power cut may
        # lose the last few, which a re-run then redoes.
        self.db.execute("PRAGMA synchronous=NORMAL")
        try:
            self._migrate()
        except sqlite3.DatabaseError as error:
            self.db.close()
            raise corrupt_ledger_error(path, error) from error

    def _migrate(self) -> None:
        (version,) = self.db.execute("PRAGMA user_version").fetchone()
        if version == 2:  # version 3 only adds the warnings column: keep the results
            self.db.execute("ALTER TABLE reports ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]'")
            self.db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        elif version != SCHEMA_VERSION:
            # An older layout holds nothing we can trust to be current: start afresh.
            self.db.execute("DROP TABLE IF EXISTS reports")
            self.db.execute(SCHEMA)
            self.db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        self.db.commit()

    def lock(self) -> None:
        """Hold `<ledger>.lock` until close(); a second run on the same ledger is refused."""
        lock = RunLock(self.path.with_name(self.path.name + ".lock"))
        lock.acquire(
            f"{self.path}: another hrevents run is using this ledger (lock held on {lock.path}); "
            "wait for it or use --ledger"
        )
        self._lock = lock

    def close(self) -> None:
        self.db.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def lookup(self, key: str) -> LedgerRow | None:
        found = self.db.execute(f"SELECT {', '.join(ROW_COLUMNS)} FROM reports WHERE key=?", (key,)).fetchone()
        return LedgerRow(*found) if found else None

    def record(self, row: LedgerRow, events_json: str = "[]") -> None:
        """Store one report's outcome (replacing any earlier one) and commit it at once."""
        self.db.execute(
            f"INSERT OR REPLACE INTO reports ({', '.join(ROW_COLUMNS)}, events_json, updated) "
            f"VALUES ({', '.join('?' * (len(ROW_COLUMNS) + 2))})",
            (*(getattr(row, name) for name in ROW_COLUMNS), events_json, time.time()),
        )
        self.db.commit()

    def touch(self, key: str, size: int, mtime_ns: int) -> None:
        """The file's bytes are unchanged though its mtime moved: remember the new stat."""
        self.db.execute("UPDATE reports SET size=?, mtime_ns=? WHERE key=?", (size, mtime_ns, key))
        self.db.commit()

    def rows(self, keys: Iterable[str]) -> Iterator[LedgerRow]:
        for key in keys:
            row = self.lookup(key)
            if row is not None:
                yield row

    def event_dicts(self, key: str) -> list[dict]:
        """A report's events as plain dicts (SPEC section 4 fields), in extraction order."""
        found = self.db.execute("SELECT events_json FROM reports WHERE key=? AND status='ok'", (key,)).fetchone()
        return json.loads(found[0]) if found else []

    def events(self, key: str) -> list[Event]:
        return [Event.model_validate(item) for item in self.event_dicts(key)]
