"""The SQLite ledger: what was processed, from which content, by which pipeline version.

Each report's result is committed on its own, so a crash or kill loses at most the report
in progress; the output files are rebuilt from the ledger, so a resumed run writes
exactly what a clean run would.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from hrevents.models import Event

SCHEMA = """
CREATE TABLE IF NOT EXISTS reports (
    path TEXT PRIMARY KEY,
    report_id TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    pipeline_version TEXT NOT NULL,
    status TEXT NOT NULL,
    error TEXT NOT NULL DEFAULT '',
    encoding TEXT NOT NULL DEFAULT '',
    events INTEGER NOT NULL DEFAULT 0,
    words INTEGER NOT NULL DEFAULT 0,
    seconds REAL NOT NULL DEFAULT 0,
    events_json TEXT NOT NULL DEFAULT '[]',
    updated REAL NOT NULL
)
"""


@dataclass(frozen=True)
class LedgerRow:
    path: str
    report_id: str
    content_hash: str
    pipeline_version: str
    status: str
    error: str
    encoding: str
    events: int
    words: int
    seconds: float


class Ledger:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute(SCHEMA)
        self.db.commit()

    def close(self) -> None:
        self.db.close()

    def current(self, path: str, content_hash: str, version: str) -> bool:
        """True when this content was processed successfully by this pipeline version."""
        row = self.db.execute(
            "SELECT status FROM reports WHERE path=? AND content_hash=? AND pipeline_version=?",
            (path, content_hash, version),
        ).fetchone()
        return row is not None and row[0] == "ok"

    def record(self, path: str, report_id: str, content_hash: str, version: str, *, status: str,
               error: str = "", encoding: str = "", events: list[Event] | None = None, words: int = 0,
               seconds: float = 0.0) -> None:
        payload = json.dumps([e.model_dump() for e in events or []], ensure_ascii=False)
        self.db.execute(
            "INSERT OR REPLACE INTO reports VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (path, report_id, content_hash, version, status, error, encoding, len(events or []), words, seconds,
             payload, time.time()),
        )
        self.db.commit()

    def rows(self, paths: list[str]) -> Iterator[LedgerRow]:
        for path in paths:
            found = self.db.execute(
                "SELECT path, report_id, content_hash, pipeline_version, status, error, encoding, events, words, seconds "
                "FROM reports WHERE path=?", (path,),
            ).fetchone()
            if found:
                yield LedgerRow(*found)

    def events(self, path: str) -> list[Event]:
        found = self.db.execute("SELECT events_json FROM reports WHERE path=? AND status='ok'", (path,)).fetchone()
        return [Event.model_validate(item) for item in json.loads(found[0])] if found else []
