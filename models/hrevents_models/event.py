"""The event record of SPEC section 4: one CSV row, one JSON object."""

from __future__ import annotations

import re

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
