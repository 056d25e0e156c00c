"""Gold-set records of SPEC section 5, validated strictly so a typo in a gold file fails loudly."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from hrevents_models.event import ISO_DATE, Event
from hrevents_models.vocabulary import check_action


class GoldAct(BaseModel):
    """What a hand-labelled named event and a group event share: the act, its fields and its
    evidence; `date` may list acceptable alternatives."""

    model_config = ConfigDict(extra="forbid")

    action: str
    date: str | list[str] | None = None
    perpetrator: str | None = None
    place: str | None = None
    destination: str | None = None
    detail: str | None = None
    evidence: str = Field(min_length=1)
    optional: bool = False

    _check_action = field_validator("action")(classmethod(lambda cls, v: check_action(v)))

    @field_validator("date")
    @classmethod
    def _iso_dates(cls, value: str | list[str] | None) -> str | list[str] | None:
        values = value if isinstance(value, list) else [value] if value else []
        for item in values:
            if not ISO_DATE.match(item):
                raise ValueError(f"gold date {item!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        if isinstance(value, list) and not value:
            raise ValueError("an empty list of dates: use null")
        return value

    def dates(self) -> list[str]:
        """Acceptable date values (empty when the gold gives none)."""
        if self.date is None:
            return []
        return self.date if isinstance(self.date, list) else [self.date]

    def _event(self, report_id: str, event_id: str, rule: str, start: int, end: int, **victim: object) -> Event:
        """This act as an event record (first acceptable date, '' for null fields, no trigger),
        with the victim fields of its kind."""
        dates = self.dates()
        return Event.model_validate(
            {
                "event_id": event_id,
                "report_id": report_id,
                "action": self.action,
                "trigger": "",
                **victim,
                "perpetrator": self.perpetrator or "",
                "place": self.place or "",
                "destination": self.destination or "",
                "date": dates[0] if dates else "",
                "detail": self.detail or "",
                "evidence": self.evidence,
                "start_char": start,
                "end_char": end,
                "confidence": 1.0,
                "rule": rule,
            }
        )


class GoldEvent(GoldAct):
    """One hand-labelled event done to a named person."""

    victim: str = Field(min_length=1)
    victim_aliases: list[str] = []

    def as_event(self, report_id: str, event_id: str, rule: str) -> Event:
        """This gold event as an event record (first acceptable date), to score one labeller
        against another or to run later steps (geocoding) on gold fields."""
        return self._event(report_id, event_id, rule, 0, 0, victim=self.victim)


class GoldGroupEvent(GoldAct):
    """One hand-labelled group event (SPEC section 7): an act done to people the report does
    not name. Scored apart from named events, by action and evidence place."""

    victim_group: str = Field(min_length=1)
    victim_count: int | None = Field(None, ge=1)

    def as_event(self, report_id: str, event_id: str, rule: str, start: int, end: int) -> Event:
        """This group event as a group event record at characters `start`-`end` of its report
        (the group scorer matches by place), to score one labeller against another."""
        return self._event(
            report_id, event_id, rule, start, end, victim_group=self.victim_group, victim_count=self.victim_count
        )


class RejectedEvent(BaseModel):
    """A known false positive of an incomplete (review-labelled) report."""

    model_config = ConfigDict(extra="forbid")

    action: str
    victim: str

    _check_action = field_validator("action")(classmethod(lambda cls, v: check_action(v)))


class GoldReport(BaseModel):
    """One line of a gold file."""

    model_config = ConfigDict(extra="forbid")

    report_id: str
    text_file: str
    published: str | None = None
    complete: bool = True
    events: list[GoldEvent]
    rejected: list[RejectedEvent] = []
    # None: not labelled for group events, left out of their scores (SPEC section 7).
    group_events: list[GoldGroupEvent] | None = None


class GoldFile(BaseModel):
    """A whole gold file plus the folder its `text_file` paths are relative to."""

    path: Path
    reports: list[GoldReport]

    def text_path(self, report: GoldReport) -> Path:
        return self.path.parent / report.text_file


def load_gold(path: str | Path) -> GoldFile:
    """Read and validate a gold JSONL file, naming the line of any error."""
    path = Path(path)
    reports = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            reports.append(GoldReport.model_validate(json.loads(line)))
        except (ValueError, json.JSONDecodeError) as error:
            raise ValueError(f"{path}:{number}: {error}") from error
    return GoldFile(path=path, reports=reports)
