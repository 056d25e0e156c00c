"""Writing event tables: CSV or JSON Lines by extension, always atomically.

A half-written file never exists under the final name: rows go to a temporary file in
the same folder, which then replaces the target in one rename.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from hrevents_models import EVENT_COLUMNS, Event

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@contextmanager
def atomic_path(path: Path):
    """Yield a temporary path beside `path`; rename it over `path` only on success."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    # mkstemp makes the file private (0600); outputs get the usual permissions.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temporary, 0o666 & ~umask)
    try:
        yield Path(temporary)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _formula_like(value: str) -> bool:
    """Starts with a formula character, or with a quote that protects one."""
    return value.startswith(FORMULA_START) or (value[:1] == "'" and value[1:2] in FORMULA_START)


def neutralise(value: object) -> object:
    """OWASP CSV-injection guidance: a cell a spreadsheet would run as a formula gets a quote.

    A value that already starts with a quote before a formula character gets one more, so
    `unneutralise` restores every value exactly.
    """
    if isinstance(value, str) and _formula_like(value):
        return "'" + value
    return value


def unneutralise(value: str) -> str:
    """The inverse of `neutralise`."""
    return value[1:] if value[:1] == "'" and _formula_like(value[1:]) else value


def events_frame(events: Iterable[Event]) -> pd.DataFrame:
    frame = pd.DataFrame([event.row() for event in events], columns=list(EVENT_COLUMNS))
    # A nullable integer: 24 stays 24 (not 24.0) and a missing count stays an empty cell.
    frame["victim_count"] = frame["victim_count"].astype("Int64")
    return frame


def write_events(events: Iterable[Event], path: str | Path, safe: bool = True, bom: bool = False) -> Path:
    """Write events as CSV (`.csv`), JSON Lines (`.jsonl`) or Parquet (`.parquet`)."""
    path = Path(path)
    suffix = path.suffix.lower()
    frame = events_frame(events)
    with atomic_path(path) as temporary:
        if suffix == ".csv":
            if safe:
                frame = frame.apply(lambda column: column.map(neutralise))
            # CRLF rows make pandas quote any value containing a bare "\r" (RFC 4180).
            frame.to_csv(temporary, index=False, encoding="utf-8-sig" if bom else "utf-8", lineterminator="\r\n")
        elif suffix == ".jsonl":
            with temporary.open("w", encoding="utf-8") as out:
                for row in frame.astype(object).where(frame.notna(), None).to_dict(orient="records"):
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
        elif suffix == ".parquet":
            frame.to_parquet(temporary, index=False)
        else:
            raise ValueError(f"{path}: unknown output format {suffix!r} (use .csv, .jsonl or .parquet)")
    return path


def read_events(path: str | Path) -> list[Event]:
    """Read an events CSV or JSONL written by `write_events` (or by another tool to SPEC section 4)."""
    path = Path(path)
    if path.suffix.lower() == ".jsonl":
        rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    else:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        rows = frame.to_dict(orient="records")
    events = []
    for row in rows:
        for name in ("start_char", "end_char"):
            row[name] = int(row[name] or 0)
        row["confidence"] = float(row.get("confidence") or 0)
        for key, value in list(row.items()):
            if isinstance(value, str) and path.suffix.lower() != ".jsonl":
                row[key] = unneutralise(value)
            elif value is None:
                row[key] = ""
        events.append(Event.model_validate(row))
    return events
