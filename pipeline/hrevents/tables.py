"""Column types of the event table, for the files that can carry them (Parquet) and a schema beside the others.

CSV has no types, and readers guess: pandas and DuckDB read `cameo` "0841" as the number 841
and `date` "2001-07" as a timestamp; JSON Lines keeps the strings but says nothing of what
they mean. So every events file `extract` writes gets a Frictionless Data Package
(`datapackage.json`, https://specs.frictionlessdata.io/) beside it, which names each
column's type; `frictionless validate datapackage.json` checks a file against it. Parquet
carries the types itself: latitude and longitude as doubles, GeoNames ids and offsets as
integers, an empty value as NULL (so `avg(latitude)` works in DuckDB). Every format has two
derived columns after the record's, `date_start` and `date_end` (typed `date` in the schema,
date32 in Parquet): the days that `date`, at its precision, covers ("2001-07" is 2001-07-01 to
2001-07-31), to the end of a range the date words give (`date_span`).

The records themselves (`hrevents_models.Event`) keep their text fields: this module maps
them to types at the edge and back (`untyped_row`), exactly.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from hrevents_models import INTERVAL_COLUMNS, date_interval

TYPES: dict[str, str] = {
    "start_char": "integer",
    "end_char": "integer",
    "confidence": "number",
    "latitude": "number",
    "longitude": "number",
    "geonames_id": "integer",
    "destination_geonames_id": "integer",
    "victim_count": "integer",
    "date_start": "date",
    "date_end": "date",
}
DESCRIPTIONS: dict[str, str] = {
    "cameo": "CAMEO code, text: leading zeros matter (0841)",
    "date": "ISO 8601 at the precision the text gives (2020, 2020-05, 2020-08-24), text",
    "date_start": "first day of the days `date` covers at its precision (derived from `date`)",
    "date_end": "last day of the days `date` covers, or of the range its date words give (derived)",
    "start_char": "offset of `evidence` in the report text",
    "end_char": "end offset of `evidence` in the report text",
}
# The two tables `extract` writes beside the events (hrevents.batch): a row per report, and a
# row per failed report or warning. Their own column types and allowed values, for the same
# datapackage.json (`describe_run_tables`).
RUN_TABLES: dict[str, dict[str, dict[str, Any]]] = {
    "reports.csv": {
        "path": {"description": "the report file as given"},
        "status": {"constraints": {"enum": ["ok", "failed"], "required": True}},
        "events": {"type": "integer", "description": "events extracted (named and group)"},
        "words": {"type": "integer"},
        "seconds": {"type": "number", "description": "time spent on the report"},
        "encoding": {"description": "how the file was decoded (utf-8, cp1252 ...)"},
        "error": {"description": "why the report failed, empty when it did not"},
    },
    "errors.csv": {
        "severity": {"constraints": {"enum": ["error", "warning"], "required": True}},
        "error": {"description": "what went wrong, naming the file"},
    },
}
DATAPACKAGE = "datapackage.json"
FORMATS = {".csv": ("csv", "text/csv"), ".jsonl": ("jsonl", "application/jsonl"), ".parquet": ("parquet", None)}


def date_span(date: str, date_text: str = "") -> tuple[str, str]:
    """The derived date_start/date_end of an event (hrevents_models.INTERVAL_COLUMNS), ISO text.

    The days `date` covers at its precision, and, where the date words are a range or a pair
    ("June 6 to 9", "from May to July 2004", "between June 10 and 16"; the event is dated by
    its start, hrevents.dates), up to the range's last day. An end the words do not give, or
    one before the start, leaves the date's own interval."""
    first, last = date_interval(date)
    end = range_end(date_text, date) if first else ""
    return first, max(last, end)


def range_end(date_text: str, date: str) -> str:
    """The last day of the range `date_text` writes, read in the year (and month) of `date`; ""."""
    from hrevents import dates

    if not date_text or len(date_text) > 200:
        return ""
    g = dates.grammar()
    year = int(date[:4])
    match = g.day_range.search(date_text) or g.month_day_range.search(date_text)
    if match:
        if match.re is g.day_range:
            day, month, explicit = match.group(2), match.group(3), match.group(4)
        else:
            month, day, explicit = match.group(1), match.group(3), match.group(4)
        try:
            return dt.date(int(explicit or year), g.month_number[month.lower().rstrip(".")], int(day)).isoformat()
        except (ValueError, KeyError):
            return ""
    match = g.range.match(date_text)
    if not match:
        return ""
    reading = dates.read_date(match.group("second"), year=year)
    return date_interval(reading.value)[1] if reading else ""


def parquet_schema(columns: Sequence[str]) -> Any:
    import pyarrow as pa

    kinds = {"integer": pa.int64(), "number": pa.float64(), "date": pa.date32()}
    return pa.schema([(name, kinds.get(TYPES.get(name, ""), pa.string())) for name in columns])


def with_interval(row: dict[str, Any]) -> dict[str, Any]:
    """An event row with its derived date_start/date_end (recomputed, whatever the row held)."""
    start, end = date_span(str(row.get("date") or ""), str(row.get("date_text") or ""))
    return {**row, "date_start": start, "date_end": end}


def typed_row(row: dict[str, Any], columns: Sequence[str]) -> dict[str, Any]:
    """A row with its types, for Parquet: numbers parsed, ISO days as dates, "" as None."""
    typed: dict[str, Any] = {}
    for name in columns:
        value = row.get(name)
        kind = TYPES.get(name)
        if value is None or value == "":
            typed[name] = None
        elif kind == "integer":
            typed[name] = int(value)
        elif kind == "number":
            typed[name] = float(value)
        elif kind == "date":
            typed[name] = dt.date.fromisoformat(str(value))
        else:
            typed[name] = value
    return typed


def untyped_row(row: dict[str, Any]) -> dict[str, Any]:
    """The inverse of `typed_row`: the record's text fields back, exactly as they were written
    (the interval as ISO text, for the record to check against its date)."""
    plain: dict[str, Any] = {}
    for name, value in row.items():
        if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
            plain[name] = None if name in ("start_char", "end_char", "confidence", "victim_count") else ""
        elif name in INTERVAL_COLUMNS:
            plain[name] = value.isoformat() if isinstance(value, dt.date) else str(value)
        elif name in ("latitude", "longitude"):
            plain[name] = f"{float(value):.5f}".rstrip("0").rstrip(".")
        elif name in ("geonames_id", "destination_geonames_id"):
            plain[name] = str(int(value))
        else:
            plain[name] = value.item() if hasattr(value, "item") else value
    return plain


def table_schema(columns: Sequence[str], csv: bool = False) -> dict[str, Any]:
    """A Frictionless Table Schema: every column typed, empty cells missing, text kept as text.

    In CSV a negative number ("-3.25", a longitude) is written "'-3.25" by the CSV-injection
    guard (`hrevents.writers.neutralise`); `bareNumber: false` tells a Frictionless reader to
    read past the quote. Other CSV readers see text there: use the Parquet file for numbers.
    """
    fields = []
    for name in columns:
        field: dict[str, Any] = {"name": name, "type": TYPES.get(name, "string")}
        if name in DESCRIPTIONS:
            field["description"] = DESCRIPTIONS[name]
        if csv and field["type"] == "number":
            field["bareNumber"] = False
        fields.append(field)
    return {"fields": fields, "missingValues": [""]}


def run_table_resource(path: Path, columns: Sequence[str]) -> dict[str, Any]:
    """The datapackage resource of reports.csv or errors.csv (RUN_TABLES), columns in file order."""
    described = RUN_TABLES.get(path.name, {})
    fields = [{"name": name, "type": "string", **described.get(name, {})} for name in columns]
    return {
        "name": _resource_name(path),
        "path": path.name,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {"fields": fields, "missingValues": [""]},
    }


def describe_run_tables(folder: Path, tables: dict[str, Sequence[str]]) -> None:
    """Add reports.csv and errors.csv (name -> columns) to the folder's datapackage.json."""
    for name, columns in tables.items():
        path = Path(folder) / name
        write_datapackage(path, columns, run_table_resource(path, columns))


def resource(path: Path, columns: Sequence[str]) -> dict[str, Any]:
    suffix = path.suffix.lower()
    fmt, mediatype = FORMATS.get(suffix, ("csv", "text/csv"))
    shown = list(columns)
    described: dict[str, Any] = {
        "name": _resource_name(path),
        "path": path.name,
        "profile": "tabular-data-resource",
        "format": fmt,
        "encoding": "utf-8",
        "schema": table_schema(shown, csv=suffix == ".csv"),
    }
    if mediatype:
        described["mediatype"] = mediatype
    return described


def _resource_name(path: Path) -> str:
    name = "".join(ch if ch.isalnum() or ch in "-._" else "-" for ch in path.name.lower())
    return name.strip("-.") or "events"


def write_datapackage(path: Path, columns: Sequence[str], described: dict[str, Any] | None = None) -> Path:
    """Describe the table at `path` in the `datapackage.json` of its folder (other resources kept).

    `described` is a resource made elsewhere (an export's, hrevents.exports) to add instead."""
    from hrevents.writers import atomic_path

    path = Path(path)
    target = path.parent / DATAPACKAGE
    package: dict[str, Any] = {"profile": "tabular-data-package", "resources": []}
    if target.exists():
        try:
            found = json.loads(target.read_text("utf-8"))
            if isinstance(found, dict) and isinstance(found.get("resources"), list):
                package = found
        except ValueError:
            pass
    mine = described or resource(path, columns)
    package["resources"] = [r for r in package["resources"] if r.get("path") != path.name] + [mine]
    with atomic_path(target) as temporary:
        temporary.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return target
