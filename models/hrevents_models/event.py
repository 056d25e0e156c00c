"""The event record of SPEC section 4: one CSV row, one JSON object."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from hrevents_models.vocabulary import check_action

ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

EVENT_COLUMNS: tuple[str, ...] = (
    "event_id",
    "report_id",
    "action",
    "trigger",
    "cameo",
    "victim",
    "perpetrator",
    "place",
    "destination",
    "date",
    "date_text",
    "detail",
    "evidence",
    "start_char",
    "end_char",
    "confidence",
    "rule",
    # Geocoding of `place` and `destination` (offline gazetteer; see README).
    "country",
    "admin1",
    "geo_name",
    "geonames_id",
    "latitude",
    "longitude",
    "feature_class",
    "destination_country",
    "destination_geonames_id",
    "geo_reason",
    # Group events (SPEC section 7): empty for a named event.
    "victim_group",
    "victim_count",
)

# Derived output columns, not fields of the record: the days `date` covers at its precision
# ("2001-07" is 2001-07-01 to 2001-07-31), widened to the end of a range the date words give
# ("June 6 to 9": 06-06 to 06-09; the event is dated by the range's start). Every events file
# `extract` writes has them after EVENT_COLUMNS, typed; on reading they are checked against
# `date` and dropped, so a file written before them, or by another tool without them, reads the
# same, and a record can never hold an interval that disagrees with its date.
INTERVAL_COLUMNS: tuple[str, ...] = ("date_start", "date_end")
OUTPUT_COLUMNS: tuple[str, ...] = (*EVENT_COLUMNS, *INTERVAL_COLUMNS)


def date_interval(value: str | Sequence[str]) -> tuple[str, str]:
    """First and last day (ISO) of the days an ISO date at year, month or day precision covers.

    A list of dates (a gold date that leaves a choice) or an ISO 8601 interval "A/B" gives the
    span from its earliest first day to its latest last day; no date gives ("", "")."""
    values = [value] if isinstance(value, str) else list(value)
    values = [part for item in values for part in str(item).split("/") if part]
    if not values:
        return "", ""
    days = [_one_interval(item) for item in values]
    return min(first for first, _ in days).isoformat(), max(last for _, last in days).isoformat()


def _one_interval(value: str) -> tuple[dt.date, dt.date]:
    if not ISO_DATE.match(value):
        raise ValueError(f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        following = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return dt.date(parts[0], parts[1], 1), following - dt.timedelta(days=1)
    day = dt.date(parts[0], parts[1], parts[2])
    return day, day


def _day_text(value: object) -> str:
    """A date_start/date_end cell as ISO text: "" / None, a date (Parquet) or a timestamp (pandas)."""
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)[:10] if hasattr(value, "isoformat") else str(value)


def check_interval(date: str, start: object, end: object) -> None:
    """Raise ValueError unless `start`..`end` is what `date` covers: its first day, and its last
    day or later (a written range ends after the day it is dated by). Both empty is always
    accepted: the columns are recomputed when the record is written again."""
    start_text, end_text = _day_text(start), _day_text(end)
    if not start_text and not end_text:
        return
    if not date:
        raise ValueError(f"date_start/date_end {start_text!r}/{end_text!r} given for an event with no date")
    first, last = date_interval(date)
    if start_text != first or not end_text or end_text < last:
        raise ValueError(
            f"date_start/date_end {start_text!r}/{end_text!r} disagree with date {date!r} "
            f"(it covers {first}/{last}): correct them or empty both cells"
        )


class Event(BaseModel):
    """One act done to one named person, or (SPEC section 7) to a group the report does not
    name, with provenance back to the report text."""

    model_config = ConfigDict(extra="forbid")

    event_id: str
    report_id: str
    action: str
    trigger: str
    cameo: str = ""
    victim: str = ""
    perpetrator: str = ""
    place: str = ""
    destination: str = ""
    date: str = ""
    date_text: str = ""
    detail: str = ""
    evidence: str
    start_char: int = Field(ge=0)
    end_char: int = Field(ge=0)
    confidence: float = Field(ge=0.0, le=1.0)
    rule: str
    # Geo fields are text, "" when unknown: numbers would become 3.0 / NaN through pandas.
    country: str = Field("", pattern=r"^([A-Z]{2})?$")
    admin1: str = ""
    geo_name: str = ""
    geonames_id: str = Field("", pattern=r"^\d*$")
    latitude: str = ""
    longitude: str = ""
    feature_class: str = Field("", pattern=r"^[AP]?$")
    destination_country: str = Field("", pattern=r"^([A-Z]{2})?$")
    destination_geonames_id: str = Field("", pattern=r"^\d*$")
    geo_reason: str = ""
    victim_group: str = ""
    victim_count: int | None = Field(None, ge=1)

    @model_validator(mode="before")
    @classmethod
    def _derived_interval(cls, data: Any) -> Any:
        """Accept the derived date_start/date_end columns (INTERVAL_COLUMNS) when they agree with
        `date`, and drop them: they are output, recomputed from the date on every write."""
        if not isinstance(data, dict) or not any(name in data for name in INTERVAL_COLUMNS):
            return data
        data = dict(data)
        start, end = (data.pop(name, "") for name in INTERVAL_COLUMNS)
        date = data.get("date") or ""
        if isinstance(date, str) and (not date or ISO_DATE.match(date)):  # a bad date is the date validator's
            check_interval(date, start, end)
        return data

    _check_action = field_validator("action")(classmethod(lambda cls, v: check_action(v)))

    @field_validator("date")
    @classmethod
    def _iso_at_written_precision(cls, value: str) -> str:
        if value and not ISO_DATE.match(value):
            raise ValueError(f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        return value

    @field_validator("victim_count", mode="before")
    @classmethod
    def _empty_count(cls, value: object) -> object:
        """An empty CSV cell (or a JSON "") is no count."""
        return None if value == "" else value

    @model_validator(mode="after")
    def _one_kind_of_victim(self) -> Event:
        """A named event names its victim; a group event (SPEC 7) names none but gives the group."""
        if bool(self.victim) == bool(self.victim_group):
            raise ValueError("an event has either a victim or a victim_group (SPEC section 7), not both or neither")
        if self.victim and self.victim_count is not None:
            raise ValueError("a named event has no victim_count")
        return self

    @property
    def is_group(self) -> bool:
        return not self.victim

    @field_validator("latitude", "longitude")
    @classmethod
    def _decimal_degrees(cls, value: str, info: ValidationInfo) -> str:
        if value == "":
            return value
        limit = 90.0 if info.field_name == "latitude" else 180.0
        try:
            number = float(value)
        except ValueError as error:
            raise ValueError(f"{value!r} is not a decimal degree") from error
        if not -limit <= number <= limit:
            raise ValueError(f"{value!r} is outside -{limit}..{limit}")
        return value

    def row(self) -> dict[str, object]:
        """The record in SPEC column order, for CSV and JSON writers."""
        data = self.model_dump()
        return {column: data[column] for column in EVENT_COLUMNS}
