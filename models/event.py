"""The event record of SPEC section 4: one CSV row, one JSON object."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, field_validator

from hrevents.models.vocabulary import check_action

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
)


class Event(BaseModel):
    """One act done to one named person, with provenance back to the report text."""

    model_config = ConfigDict(extra="forbid")

    event_id: str
    report_id: str
    action: str
    trigger: str
    cameo: str = ""
    victim: str = Field(min_length=1)
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

    _check_action = field_validator("action")(classmethod(lambda cls, v: check_action(v)))

    @field_validator("date")
    @classmethod
    def _iso_at_written_precision(cls, value: str) -> str:
        if value and not ISO_DATE.match(value):
            raise ValueError(f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        return value

    def row(self) -> dict[str, object]:
        """The record in SPEC column order, for CSV and JSON writers."""
        data = self.model_dump()
        return {column: data[column] for column in EVENT_COLUMNS}
