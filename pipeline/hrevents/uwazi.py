"""Uwazi export: one CSV row per event for Uwazi's CSV import, and the template it imports into.

OpenEvSys is retired; HURIDOCS users keep their cases in Uwazi, whose CSV import matches
columns to the property names of one template (https://github.com/huridocs/uwazi/wiki/Import-CSV):
`title` is required, `|` separates the values of a multi-value property, a geolocation is
one column `latitude|longitude`, and the column order does not matter. So the export is two
files: the CSV, and `<out>.template.json` describing the template (each property's name,
label and Uwazi type, and the values of its select lists) to create in Uwazi before the
import. Dates are written as the first day of what the text gives (Uwazi has no partial
dates); `date_precision` says whether that day is the day, the month or the year.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from hrevents_models import Event, load_actions

TEMPLATE_NAME = "Human rights event (hrevents)"
# (name, label, Uwazi property type): the CSV columns in order, `title` first.
PROPERTIES: tuple[tuple[str, str, str], ...] = (
    ("title", "Title", "title"),
    ("action", "Action", "select"),
    ("victim", "Victim", "text"),
    ("perpetrator", "Perpetrator", "text"),
    ("event_date", "Date", "date"),
    ("date_precision", "Date precision", "select"),
    ("date_as_written", "Date as written", "text"),
    ("place", "Place as written", "text"),
    ("geolocation", "Location", "geolocation"),
    ("country", "Country", "text"),
    ("destination", "Destination", "text"),
    ("detail", "Detail", "text"),
    ("cameo", "CAMEO code", "text"),
    ("evidence", "Evidence", "markdown"),
    ("source_report", "Source report", "text"),
    ("source_published", "Source published", "date"),
    ("event_id", "hrevents event id", "text"),
    ("confidence", "Extraction confidence", "numeric"),
)
UWAZI_COLUMNS = tuple(name for name, _, _ in PROPERTIES)
PRECISIONS = ("day", "month", "year")


class UwaziRow(BaseModel):
    """One row of the Uwazi CSV (all text, as Uwazi reads it)."""

    model_config = ConfigDict(extra="forbid")
    title: str
    action: str
    victim: str
    perpetrator: str
    event_date: str
    date_precision: str
    date_as_written: str
    place: str
    geolocation: str
    country: str
    destination: str
    detail: str
    cameo: str
    evidence: str
    source_report: str
    source_published: str
    event_id: str
    confidence: str


def _first_day(date: str) -> tuple[str, str]:
    if not date:
        return "", ""
    parts = date.split("-")
    precision = PRECISIONS[3 - len(parts)]
    return "/".join([*parts, *(["01"] * (3 - len(parts)))]), precision


def to_uwazi(events: Sequence[Event], titles: dict[str, str], published: dict[str, str]) -> list[UwaziRow]:
    rows = []
    for event in events:
        day, precision = _first_day(event.date)
        who = event.victim or getattr(event, "victim_group", "") or "unnamed"
        title = f"{event.action.replace('_', ' ').capitalize()}: {who}" + (f" ({event.date})" if event.date else "")
        where = f"{event.latitude}|{event.longitude}" if event.latitude and event.longitude else ""
        rows.append(
            UwaziRow(
                title=title,
                action=event.action,
                victim=event.victim,
                perpetrator=event.perpetrator,
                event_date=day,
                date_precision=precision,
                date_as_written=event.date_text,
                place=event.place,
                geolocation=where,
                country=event.country,
                destination=event.destination,
                detail=event.detail,
                cameo=event.cameo,
                evidence=event.evidence,
                source_report=titles.get(event.report_id, event.report_id),
                source_published=published.get(event.report_id, "").replace("-", "/"),
                event_id=event.event_id,
                confidence=f"{event.confidence:g}",
            )
        )
    return rows


def template() -> dict[str, Any]:
    """The Uwazi template the CSV imports into: create it (Settings → Templates) with these properties."""
    selects = {"action": sorted(load_actions()), "date_precision": list(PRECISIONS)}
    properties = []
    for name, label, kind in PROPERTIES:
        if kind == "title":
            continue
        described: dict[str, Any] = {"name": name, "label": label, "type": kind}
        if name in selects:
            described["thesaurus"] = {"name": f"hrevents {label.lower()}", "values": selects[name]}
        properties.append(described)
    return {
        "name": TEMPLATE_NAME,
        "commonProperties": [{"name": "title", "label": "Title", "type": "text"}],
        "properties": properties,
        "csv": {"date_format": "YYYY/MM/DD", "multiple_values_separator": "|", "geolocation": "latitude|longitude"},
    }


def template_path(out: Path) -> Path:
    return out.with_name(out.stem + ".template.json")


def write_template(out: Path) -> Path:
    from hrevents.writers import atomic_path

    path = template_path(out)
    with atomic_path(path) as temporary:
        temporary.write_text(json.dumps(template(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
