"""Column types of the event table, for the files that can carry them (Parquet) and a schema beside the others.

CSV has no types, and readers guess: pandas and DuckDB read `cameo` "0841" as the number 841
and `date` "2001-07" as a timestamp; JSON Lines keeps the strings but says nothing of what
they mean. So every events file `extract` writes gets a Frictionless Data Package
(`datapackage.json`, https://specs.frictionlessdata.io/) beside it, which names each
column's type; `frictionless validate datapackage.json` checks a file against it. Parquet
carries the types itself: latitude and longitude as doubles, GeoNames ids and offsets as
integers, an empty value as NULL (so `avg(latitude)` works in DuckDB), and two more
columns, `date_start` and `date_end`: the interval that `date`, at its precision, covers
("2001-07" is 2001-07-01 to 2001-07-31).

The records themselves (`hrevents_models.Event`) keep their text fields: this module maps
them to types at the edge and back (`untyped_row`), exactly.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

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
    "date_start": "first day of the interval `date` covers",
    "date_end": "last day of the interval `date` covers",
    "start_char": "offset of `evidence` in the report text",
    "end_char": "end offset of `evidence` in the report text",
}
INTERVAL_COLUMNS = ("date_start", "date_end")
DATAPACKAGE = "datapackage.json"
FORMATS = {".csv": ("csv", "text/csv"), ".jsonl": ("jsonl", "application/jsonl"), ".parquet": ("parquet", None)}


def date_interval(value: str) -> tuple[dt.date | None, dt.date | None]:
    """First and last day of an ISO date at year, month or day precision; (None, None) if empty."""
    if not value:
        return None, None
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], last)
    day = dt.date(parts[0], parts[1], parts[2])
    return day, day


def parquet_columns(columns: Sequence[str]) -> list[str]:
    return [*columns, *INTERVAL_COLUMNS] if "date" in columns else list(columns)


def parquet_schema(columns: Sequence[str]) -> Any:
    import pyarrow as pa

    kinds = {"integer": pa.int64(), "number": pa.float64(), "date": pa.date32()}
    return pa.schema([(name, kinds.get(TYPES.get(name, ""), pa.string())) for name in parquet_columns(columns)])


def typed_row(row: dict[str, Any], columns: Sequence[str]) -> dict[str, Any]:
    """A record's row with its types: numbers parsed, "" as None, the date interval added."""
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
        else:
            typed[name] = value
    if "date" in columns:
        typed["date_start"], typed["date_end"] = date_interval(str(row.get("date") or ""))
    return typed


def untyped_row(row: dict[str, Any]) -> dict[str, Any]:
    """The inverse of `typed_row`: the record's text fields back, exactly as they were written."""
    plain: dict[str, Any] = {}
    for name, value in row.items():
        if name in INTERVAL_COLUMNS:
            continue
        if value is None or (isinstance(value, float) and math.isnan(value)):
            plain[name] = None if name in ("start_char", "end_char", "confidence", "victim_count") else ""
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


def resource(path: Path, columns: Sequence[str]) -> dict[str, Any]:
    suffix = path.suffix.lower()
    fmt, mediatype = FORMATS.get(suffix, ("csv", "text/csv"))
    shown = parquet_columns(columns) if suffix == ".parquet" else list(columns)
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
