"""Writing tables: event files (CSV, JSON Lines or Parquet by extension) and plain CSVs, streaming and atomically.

There is one writer per format, `write_event_rows`, and it is the one `hrevents extract` uses:
rows stream from the ledger to the file without being held in memory. A half-written file never
exists under the final name: rows go to a temporary file in the same folder, which then
replaces the target in one rename (`atomic_path`).

CSV cells a spreadsheet would run as formulas are neutralised (`neutralise`), and a cell
holding a line break or a carriage return is quoted, so no value can end a row early.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import pandas as pd

from hrevents.tables import parquet_schema, typed_row, untyped_row, write_datapackage
from hrevents_models import EVENT_COLUMNS, Event

EVENT_FORMATS = (".csv", ".jsonl", ".parquet")
PARQUET_ROW_GROUP = 10_000
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CSV_SPECIAL = (",", '"', "\r", "\n")


# --- files ------------------------------------------------------------------------------------


def keep_mode(temporary: Path, path: Path) -> None:
    """Give a temporary file (mkstemp makes it 0600) the mode of the file it will replace, or,
    for a new file, the usual mode for this user (0666 less the umask)."""
    if path.exists():
        mode = path.stat().st_mode & 0o777
    else:
        mask = os.umask(0)
        os.umask(mask)
        mode = 0o666 & ~mask
    os.chmod(temporary, mode)


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; rename it over `path` only on success."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    keep_mode(Path(temporary), path)
    try:
        yield Path(temporary)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


# --- CSV cells --------------------------------------------------------------------------------


def neutralise(value: object) -> object:
    """OWASP CSV-injection guidance, reversible: a formula-like cell gets a leading quote.

    A cell is formula-like when, after any leading quotes, it starts with a formula character.
    Counting the quotes makes the scheme exact: `'=x` is written `''=x` and `''=x` is written
    `'''=x`, so `unneutralise` gives back every value as it was.
    """
    if isinstance(value, str) and value.lstrip("'").startswith(FORMULA_START):
        return "'" + value
    return value


def unneutralise(value: str) -> str:
    """The inverse of `neutralise`."""
    if value.startswith("'") and value.lstrip("'").startswith(FORMULA_START):
        return value[1:]
    return value


def csv_line(values: Iterable[object]) -> str:
    """One CSV row ending in "\\n": cells neutralised, and quoted when they hold a comma, a quote,
    a line feed or a carriage return (the csv module leaves a bare carriage return unquoted
    when rows end in "\\n", and readers then split the row there)."""
    cells = []
    for value in values:
        text = "" if value is None else str(neutralise(value))
        if any(special in text for special in _CSV_SPECIAL):
            text = '"' + text.replace('"', '""') + '"'
        cells.append(text)
    return ",".join(cells) + "\n"


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Iterable[object]], bom: bool = False) -> int:
    """A CSV with `header` and `rows`, streamed, neutralised and atomic; returns the row count."""
    count = 0
    with atomic_path(path) as temporary, _text(temporary, bom) as handle:
        handle.write(csv_line(header))
        for row in rows:
            handle.write(csv_line(row))
            count += 1
    return count


def _text(path: Path, bom: bool) -> IO[str]:
    return path.open("w", newline="", encoding="utf-8-sig" if bom else "utf-8")


# --- event files ------------------------------------------------------------------------------


def check_event_format(path: Path) -> None:
    """Refuse an unknown extension (and .parquet without pyarrow) before any work is done."""
    suffix = Path(path).suffix.lower()
    if suffix not in EVENT_FORMATS:
        raise ValueError(f"{path}: unknown output format {suffix!r} (use {', '.join(EVENT_FORMATS)})")
    if suffix == ".parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError as error:
            raise ValueError("writing .parquet needs pyarrow: pip install pyarrow") from error


def write_event_rows(rows: Iterable[dict[str, Any]], path: Path, bom: bool = False) -> int:
    """Write event dicts (SPEC section 4 fields) as CSV, JSON Lines or Parquet, by extension,
    without holding them all; returns the number of events written. `bom` applies to CSV only."""
    path = Path(path)
    check_event_format(path)
    suffix = path.suffix.lower()
    columns = list(EVENT_COLUMNS)
    count = _write_event_file(rows, path, suffix, columns, bom)
    write_datapackage(path, columns)  # the column types, beside the table (hrevents.tables)
    return count


def _write_event_file(rows: Iterable[dict[str, Any]], path: Path, suffix: str, columns: list[str], bom: bool) -> int:
    if suffix == ".csv":
        return write_csv(path, columns, ([row[name] for name in columns] for row in rows), bom)
    count = 0
    with atomic_path(path) as temporary:
        if suffix == ".parquet":
            return _write_parquet(rows, temporary, columns)
        with _text(temporary, bom=False) as handle:  # the BOM is for spreadsheets; JSON Lines has none
            for row in rows:
                handle.write(json.dumps({name: row[name] for name in columns}, ensure_ascii=False) + "\n")
                count += 1
    return count


def write_events(events: Iterable[Event], path: str | Path, bom: bool = False) -> Path:
    """Write event records with `write_event_rows` (the writer `hrevents extract` uses)."""
    path = Path(path)
    write_event_rows((event.row() for event in events), path, bom)
    return path


def _write_parquet(rows: Iterable[dict[str, Any]], path: Path, columns: list[str]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema(columns)  # typed, NULL for empty, date_start/date_end (hrevents.tables)
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        group: list[dict[str, Any]] = []
        for row in rows:
            group.append(typed_row(row, columns))
            if len(group) == PARQUET_ROW_GROUP:
                writer.write_table(pa.Table.from_pylist(group, schema=schema))
                count += len(group)
                group = []
        if group or not count:
            writer.write_table(pa.Table.from_pylist(group, schema=schema))
            count += len(group)
    return count


# --- reading event files ----------------------------------------------------------------------


def read_events(path: str | Path) -> list[Event]:
    """Read an events CSV, JSONL or Parquet file written by `write_event_rows` (or by another tool
    to SPEC section 4)."""
    path = Path(path)
    suffix = path.suffix.lower()
    rows: list[dict[str, Any]]
    if suffix == ".jsonl":
        rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    elif suffix == ".parquet":
        rows = [untyped_row(row) for row in pd.read_parquet(path).to_dict(orient="records")]
    else:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        rows = frame.to_dict(orient="records")
    events = []
    for row in rows:
        for name in ("start_char", "end_char"):
            row[name] = int(row[name] or 0)
        row["confidence"] = float(row.get("confidence") or 0)
        for key, value in list(row.items()):
            if isinstance(value, str) and suffix not in (".jsonl", ".parquet"):
                row[key] = unneutralise(value)
            elif value is None:
                row[key] = ""
        events.append(Event.model_validate(row))
    return events
