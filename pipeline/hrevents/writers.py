"""Writing tables: event files (CSV, JSON Lines or Parquet by extension) and plain CSVs, streaming and atomically.

There is one writer per format, `write_event_rows`, and it is the one `hrevents extract` uses:
rows stream from the ledger to the file without being held in memory. A half-written file never
exists under the final name: rows go to a temporary file in the same folder, which then
replaces the target in one rename (`atomic_path`).

CSV cells a spreadsheet would run as formulas are neutralised (`neutralise`), and a cell
holding a line break or a carriage return is quoted, so no value can end a row early.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import pandas as pd

from hrevents.tables import parquet_schema, typed_row, untyped_row, with_interval, write_datapackage
from hrevents_models import OUTPUT_COLUMNS, Event

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


def echo_error_rows(path: Path, stream: IO[str]) -> int:
    """Write the rows of an errors.csv to `stream` as "severity: message" lines (for `extract
    --out -`, whose errors.csv is not kept); returns how many. A missing file has none."""
    if not Path(path).exists():
        return 0
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    for row in frame.to_dict(orient="records"):
        where, message = unneutralise(str(row.get("path", ""))), unneutralise(str(row.get("error", "")))
        if where and not message.startswith(where):
            message = f"{where}: {message}"
        stream.write(f"{row.get('severity') or 'error'}: {message}\n")
    return len(frame)


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
    without holding them all; returns the number of events written. `bom` applies to CSV only.

    Every format gets the record's columns (EVENT_COLUMNS) and then the derived date_start and
    date_end (hrevents_models.INTERVAL_COLUMNS), computed here from each row's date."""
    path = Path(path)
    check_event_format(path)
    suffix = path.suffix.lower()
    columns = list(OUTPUT_COLUMNS)
    count = _write_event_file((with_interval(row) for row in rows), path, suffix, columns, bom)
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

    schema = parquet_schema(columns)  # typed, NULL for empty, date_start/date_end as dates (hrevents.tables)
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
    to SPEC section 4): the one reader of `evaluate --pred`, `export`, `review` and `annotate`."""
    return read_event_table(path)[0]


def read_event_table(path: str | Path) -> tuple[list[Event], set[str]]:
    """The events of a file and the columns it had (an older file may lack the geo columns or
    the derived date_start/date_end; those that are there are checked against `date`)."""
    path = Path(path)
    try:
        rows, columns = _event_table(path)
    except (OSError, ValueError, UnicodeDecodeError) as error:  # pandas' parser errors are ValueErrors
        raise ValueError(f"{path}: not an events table written by `hrevents extract`: {error}") from error
    if rows:
        missing = [name for name in REQUIRED_EVENT_COLUMNS if name not in rows[0]]
        if missing:
            raise ValueError(
                f"{path}: not an events table written by `hrevents extract`: no column {', '.join(missing)} "
                f"(it has {', '.join(map(str, list(rows[0])[:8]))})"
            )
    try:
        return [_event(row, path.suffix.lower()) for row in rows], columns
    except (ValueError, TypeError) as error:  # pydantic's ValidationError is a ValueError
        raise ValueError(f"{path}: a row is not an event record (SPEC section 4): {error}") from error


# The columns without which a row cannot be an event (the others may be empty).
REQUIRED_EVENT_COLUMNS = ("event_id", "report_id", "action", "start_char", "end_char")


def check_events_table(path: str | Path) -> None:
    """Refuse, with a message that says so, a file that is not an events table (its header, or
    its first JSON line, lacks the event columns): a reports.csv or a gold file given by mistake."""
    path = Path(path)
    problem = f"{path}: not an events table written by `hrevents extract`"
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            if path.suffix.lower() == ".jsonl":
                first = next((line for line in handle if line.strip()), "{}")
                row = json.loads(first)
                columns = list(row) if isinstance(row, dict) else None
            else:
                columns = next(csv.reader(handle), [])
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, csv.Error) as error:
        raise ValueError(f"{problem}: {error}") from error
    if columns is None:
        raise ValueError(f"{problem}: its lines are not JSON objects")
    missing = [name for name in REQUIRED_EVENT_COLUMNS if name not in columns]
    if missing and columns:
        raise ValueError(f"{problem}: no column {', '.join(missing)} (it has {', '.join(map(str, columns[:8]))})")


def _event_table(path: Path) -> tuple[list[dict[str, Any]], set[str]]:
    """The rows of an events file, as it holds them, and its columns."""
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
        if not all(isinstance(row, dict) for row in rows):
            raise ValueError("a line is not a JSON object")
        return rows, set().union(*(row.keys() for row in rows))
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        # nulls stay None (pandas would make a missing count NaN); typed values back to the record's text
        table = pq.read_table(path)
        return [untyped_row(row) for row in table.to_pylist()], set(table.column_names)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    return list(frame.to_dict(orient="records")), {str(column) for column in frame.columns}


def _event(row: dict[str, Any], suffix: str) -> Event:
    for name in ("start_char", "end_char"):
        row[name] = int(row[name] or 0)
    row["confidence"] = float(row.get("confidence") or 0)
    for key, value in list(row.items()):
        if isinstance(value, str) and suffix not in (".jsonl", ".parquet"):
            row[key] = unneutralise(value)
        elif value is None:
            row[key] = ""
    return Event.model_validate(row)
