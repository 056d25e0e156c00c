"""Exports of an events table to the formats other tools read (issue 6).

    hrevents export EVENTS.csv --format huridocs|plover|acled --out FILE [--reports PATH ...]

- ``huridocs``: one JSON document in the shape of the HURIDOCS Events Standard Formats (ESF):
  events, acts, persons, involvements and information records that point at each other by
  record number, our actions mapped to the standard's Types of Acts.
- ``plover``: one row per event with its PLOVER event type and mode and its CAMEO code, in
  POLECAT-style columns.
- ``acled``: one row per event in ACLED's columns (event_date, time_precision, disorder_type,
  event_type, sub_event_type, actor1, actor2, country, location, latitude, longitude,
  geo_precision, source, notes ...).

Each shape is a pydantic model here (``extra="forbid"``): the exporter validates every record
it writes against it, and the tests do the same with the files. The mapping tables are data
(``hrevents/mappings/*.yaml``). ``--reports`` adds what only the reports know: the title,
publisher and date of each source, and the geo columns when the events file has none.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from hrevents import __version__
from hrevents.geo import GEO_COLUMNS, geocode_events
from hrevents.geo.gazetteer import fold, gazetteer
from hrevents.mappings import (
    ACLED_DISORDER_TYPES,
    PLOVER_QUAD_CODES,
    AcledRow,
    PloverRow,
    Term,
    huridocs_acts,
    load_acled,
    load_acled_context,
    load_huridocs,
    load_huridocs_places,
    load_plover,
    refined,
    refined_plover,
)
from hrevents.writers import atomic_path, neutralise
from hrevents_models import Event, Report


class ExportFormat(str, Enum):
    huridocs = "huridocs"
    plover = "plover"
    acled = "acled"
    uwazi = "uwazi"
    polecat = "polecat"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- the documented shapes ------------------------------------------------------------------


class PloverRecord(Strict):
    """One PLOVER-coded event (POLECAT-style columns; see docs/GEO.md)."""

    event_id: str
    event_date: str
    date_precision: Literal["day", "month", "year", ""]
    event_type: str
    event_mode: str
    quad_code: int = Field(ge=1, le=4)
    contexts: str  # POLECAT's contexts, ";"-separated
    cameo: str
    actor_name: str
    recipient_name: str
    country: str = Field(pattern=r"^([A-Z]{3})?$")
    place_name: str
    raw_placename: str
    geonames_id: str = Field(pattern=r"^\d*$")
    feature_type: str
    latitude: float | None
    longitude: float | None
    source: str
    report_id: str
    hrevents_action: str
    trigger: str
    text: str


PLOVER_COLUMNS = tuple(PloverRecord.model_fields)


class PolecatRecord(Strict):
    """One event in the columns of POLECAT's published tab-separated files, in their order.

    The field names are snake_case; POLECAT_HEADERS gives POLECAT's own headers ("Event ID",
    "Quad Code" ...), which the file carries. What the report does not say is left empty,
    never guessed: actor and recipient countries, sectors and titles, Wikipedia ids, the
    event's intensity, the language."""

    event_id: str
    event_date: str  # ISO at the text's precision (POLECAT's are days)
    event_type: str
    event_mode: str
    intensity: str
    quad_code: int = Field(ge=1, le=4)
    contexts: str  # ";"-separated, as in POLECAT
    actor_name: str
    actor_country: str
    actor_cow: str
    primary_actor_sector: str
    actor_sectors: str
    actor_title: str
    actor_name_raw: str
    wikipedia_actor_id: str
    recipient_name: str
    recipient_country: str
    recipient_cow: str
    primary_recipient_sector: str
    recipient_sectors: str
    recipient_title: str
    recipient_name_raw: str
    wikipedia_recipient_id: str
    placename: str
    city: str
    district: str
    province: str
    country: str = Field(pattern=r"^([A-Z]{3})?$")
    latitude: float | None
    longitude: float | None
    geonames_id: str = Field(pattern=r"^\d*$")
    raw_placename: str
    feature_type: str
    source: str
    publication_date: str
    story_people: str
    story_organizations: str
    story_locations: str
    language: str
    version: str


_POLECAT_HEADER_WORDS = {"cow": "COW", "id": "ID", "geonames": "GeoNames"}
POLECAT_COLUMNS = tuple(PolecatRecord.model_fields)
POLECAT_HEADERS = tuple(
    " ".join(_POLECAT_HEADER_WORDS.get(word, word.capitalize()) for word in name.split("_")) for name in POLECAT_COLUMNS
)


class AcledRecord(Strict):
    """One event in ACLED's columns (a subset, in ACLED's order; see docs/GEO.md)."""

    event_id_cnty: str
    event_date: str
    year: int | None
    time_precision: int | None = Field(ge=1, le=3)
    disorder_type: str
    event_type: str
    sub_event_type: str
    actor1: str
    inter1: int | None = Field(ge=1, le=8)
    actor2: str
    inter2: int | None = Field(ge=1, le=8)
    interaction: int | None
    civilian_targeting: Literal["Civilian targeting", ""]
    iso: int | None
    region: str  # ACLED's region of the country (mappings/acled_context.yaml), "" if not known
    country: str
    admin1: str
    admin2: str  # a second-level ISO 3166-2 division the place names (`_second_level`), else "" (never guessed)
    location: str
    latitude: float | None
    longitude: float | None
    geo_precision: int | None = Field(ge=1, le=3)
    source: str
    source_scale: str  # from the publisher (acled_context.yaml), "" if not known
    notes: str
    fatalities: int = Field(ge=0)


ACLED_COLUMNS = tuple(AcledRecord.model_fields)


class HuridocsLocation(Strict):
    geonames_id: int | None
    name: str
    country: str
    admin1: str
    latitude: float | None
    longitude: float | None


class HuridocsEvent(Strict):
    event_record_number: str
    event_title: str
    geographical_term: Term | None  # Micro-thesaurus 15; None for a country it has no term for
    local_geographical_area: str
    initial_date: str
    initial_date_type: Term | None  # Micro-thesaurus 48; None for an exact date (it has no term)
    final_date: str
    final_date_type: Term | None
    event_description: str
    acts: list[str]
    involvements: list[str]
    information: list[str]
    proceedings: list[str]


class HuridocsAct(Strict):
    act_record_number: str
    event: str
    victim: str
    type_of_act: Term
    initial_date: str
    initial_date_type: Term | None
    exact_location: str
    location: HuridocsLocation | None
    stated_reason: str
    remarks: str


class HuridocsProceeding(Strict):
    """An action that is not a violation in Micro-thesaurus 4 (a charge, a sentence, a release):
    not an ESF act, which must have a Type of Act, but a record of the same event that keeps
    the victim, the date, the detail and why no Type of Act applies (huridocs.yaml `reason`)."""

    proceeding_record_number: str
    event: str
    victim: str
    action: str
    by: str  # person record of who did it (the perpetrator as written), or ""
    initial_date: str
    initial_date_type: Term | None
    stated_reason: str
    no_type_of_act: str
    remarks: str


class HuridocsPerson(Strict):
    person_record_number: str
    counting_unit: Term
    name: str
    roles: list[Literal["victim", "perpetrator", "source"]]


class HuridocsInvolvement(Strict):
    involvement_record_number: str
    event: str
    act: str
    perpetrator: str
    degree_of_involvement: Term
    type_of_perpetrator: Term | None


class HuridocsInformation(Strict):
    information_record_number: str
    event: str
    source: str
    source_name: str
    date_of_source_material: str
    source_document: str
    excerpt: str
    start_char: int
    end_char: int


class HuridocsDocument(Strict):
    """The whole export: ESF records that refer to each other by record number."""

    standard: Literal["HURIDOCS Events Standard Formats"] = "HURIDOCS Events Standard Formats"
    generated_by: str
    events: list[HuridocsEvent]
    acts: list[HuridocsAct]
    persons: list[HuridocsPerson]
    involvements: list[HuridocsInvolvement]
    information: list[HuridocsInformation]
    proceedings: list[HuridocsProceeding]


# --- reading the events table ---------------------------------------------------------------


def read_geo_events(path: str | Path) -> tuple[list[Event], bool]:
    """Events from any events file `extract` writes (`hrevents.writers.read_event_table`, the one
    reader), and whether it had the geo columns (an older file is geocoded by the exporter)."""
    from hrevents.writers import read_event_table

    events, columns = read_event_table(path)
    return events, all(column in columns for column in GEO_COLUMNS)


@dataclass
class Sources:
    """What the reports say about themselves, by report id."""

    reports: dict[str, Report] = field(default_factory=dict)

    def title(self, report_id: str) -> str:
        report = self.reports.get(report_id)
        return (report.meta.title if report else None) or report_id

    def publisher(self, report_id: str) -> str:
        report = self.reports.get(report_id)
        return (report.meta.source if report else None) or ""

    def published(self, report_id: str) -> str:
        report = self.reports.get(report_id)
        return report.meta.published.isoformat() if report and report.meta.published else ""


def load_sources(paths: Iterable[Path]) -> Sources:
    from hrevents.inputs import find_inputs
    from hrevents.reader import read_report

    sources = Sources()
    for path in find_inputs(list(paths)):
        report = read_report(path)
        sources.reports[report.report_id] = report
    return sources


def with_geo(events: list[Event], sources: Sources) -> list[Event]:
    """Geocode events whose file had no geo columns, report by report (needs the reports)."""
    out: list[Event] = []
    for report_id in dict.fromkeys(e.report_id for e in events):
        mine = [e for e in events if e.report_id == report_id]
        report = sources.reports.get(report_id)
        out.extend(geocode_events(mine, report) if report else mine)
    return out


# --- shared helpers -------------------------------------------------------------------------


def _precision(date: str) -> Literal["day", "month", "year", ""]:
    return {10: "day", 7: "month", 4: "year"}.get(len(date), "")  # type: ignore[return-value]


def _first_day(date: str) -> str:
    if len(date) == 4:
        return f"{date}-01-01"
    if len(date) == 7:
        return f"{date}-01"
    return date


def _float(value: str) -> float | None:
    return float(value) if value else None


def _digest(*parts: str) -> str:
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:12]


def _country_name(code: str) -> str:
    place = gazetteer().countries.get(code) if code else None
    return place.name if place else code


# --- PLOVER ---------------------------------------------------------------------------------


def to_plover(events: Iterable[Event], sources: Sources | None = None) -> list[PloverRecord]:
    sources = sources or Sources()
    table = load_plover()
    return [_plover_record(event, table[event.action], sources) for event in events]


def _plover_record(event: Event, row: PloverRow, sources: Sources) -> PloverRecord:
    refinement = refined_plover(row, event.trigger, event.evidence)
    event_type = (refinement.event_type or row.event_type) if refinement else row.event_type
    mode = refinement.mode if refinement else row.mode
    return PloverRecord(
        event_id=event.event_id,
        event_date=event.date,
        date_precision=_precision(event.date),
        event_type=event_type,
        event_mode=mode,
        quad_code=PLOVER_QUAD_CODES[event_type],
        contexts=";".join(row.contexts),
        cameo=event.cameo,
        actor_name=event.perpetrator,
        recipient_name=event.victim or event.victim_group,
        country=gazetteer().iso3.get(event.country, "") if event.country else "",
        place_name=event.geo_name,
        raw_placename=event.place,
        geonames_id=event.geonames_id,
        feature_type=event.feature_class,
        latitude=_float(event.latitude),
        longitude=_float(event.longitude),
        source=sources.title(event.report_id),
        report_id=event.report_id,
        hrevents_action=event.action,
        trigger=event.trigger,
        text=event.evidence,
    )


def to_polecat(events: Iterable[Event], sources: Sources | None = None) -> list[PolecatRecord]:
    """The PLOVER coding of each event (to_plover) in POLECAT's columns."""
    sources = sources or Sources()
    records = []
    for event, plover in zip(events := list(events), to_plover(events, sources), strict=True):
        records.append(
            PolecatRecord(
                event_id=plover.event_id,
                event_date=plover.event_date,
                event_type=plover.event_type,
                event_mode=plover.event_mode,
                intensity="",
                quad_code=plover.quad_code,
                contexts=plover.contexts,
                actor_name=event.perpetrator,
                actor_country="",
                actor_cow="",
                primary_actor_sector="",
                actor_sectors="",
                actor_title="",
                actor_name_raw=event.perpetrator,
                wikipedia_actor_id="",
                recipient_name=plover.recipient_name,
                recipient_country="",
                recipient_cow="",
                primary_recipient_sector="",
                recipient_sectors="",
                recipient_title="",
                recipient_name_raw=plover.recipient_name,
                wikipedia_recipient_id="",
                placename=event.geo_name,
                city=event.geo_name if event.feature_class == "P" else "",
                district="",
                province=event.geo_name if event.feature_class == "A" and "-" in event.admin1 else "",
                country=plover.country,
                latitude=plover.latitude,
                longitude=plover.longitude,
                geonames_id=plover.geonames_id,
                raw_placename=event.place,
                feature_type=event.feature_class,
                source=plover.source,
                publication_date=sources.published(event.report_id),
                story_people=plover.recipient_name,
                story_organizations="",
                story_locations=event.place,
                language="",
                version=f"hrevents {__version__}",
            )
        )
    return records


# --- ACLED ----------------------------------------------------------------------------------


def _geo_precision(event: Event) -> int | None:
    if event.geonames_id and event.feature_class == "P":
        return 1
    if event.admin1:
        return 2 if "near" in event.geo_reason else 3
    return 3 if event.country else None


def _location(event: Event) -> str:
    if event.feature_class == "P" and event.geo_name:
        return event.geo_name
    if event.admin1 and event.feature_class == "A" and event.geo_name:
        return event.geo_name
    return _country_name(event.country)


@lru_cache(maxsize=256)
def _second_level_divisions(country: str) -> dict[str, tuple[str, str]]:
    """Folded names of a country's second-level ISO 3166-2 divisions (pycountry, offline), bare
    and with their own type ("Wakiso District", "District of Wakiso"), to (admin1, admin2) names."""
    import pycountry

    subdivisions = {sub.code: sub for sub in pycountry.subdivisions.get(country_code=country) or []}
    names: dict[str, tuple[str, str]] = {}
    for sub in subdivisions.values():
        parent = subdivisions.get(sub.parent_code or "")
        if parent is None or parent.parent_code is not None:  # first level, or deeper than the second
            continue
        for written in (sub.name, f"{sub.name} {sub.type}", f"{sub.type} of {sub.name}"):
            names.setdefault(fold(written), (parent.name, sub.name))
    return names


def _second_level(place: str, country: str, town: bool = False) -> tuple[str, str] | None:
    """(admin1, admin2) when the place as written is a second-level division of the event's
    country: a district, province or department the text names ("Wakiso District", "the province
    of Granada", "Essonne"). Where the geocoder found a town, only a division named with its type
    counts ("in Masaka" is the town; "in Masaka District" the district). A town's own district is
    not in the offline gazetteer (GeoNames' cities carry the first level only): not guessed."""
    if not place or not country:
        return None
    key = fold(place)
    key = key[4:] if key.startswith("the ") else key
    found = _second_level_divisions(country).get(key)
    if found and town and fold(found[1]) == key:
        return None
    return found


def to_acled(events: Iterable[Event], sources: Sources | None = None) -> list[AcledRecord]:
    sources = sources or Sources()
    table = load_acled()
    return [_acled_record(event, table[event.action], sources) for event in events]


def _acled_record(event: Event, row: AcledRow, sources: Sources) -> AcledRecord:
    refinement = refined(row, event.trigger)
    event_type = refinement.event_type if refinement else row.event_type
    sub_event_type = refinement.sub_event_type if refinement else row.sub_event_type
    precision = _precision(event.date)
    country = _country_name(event.country)
    date = _acled_day(event.date)
    inter1 = _acled_inter1(event.perpetrator)
    admin1 = event.geo_name if event.admin1 and "-" in event.admin1 and event.feature_class == "A" else ""
    division = _second_level(event.place, event.country, town=event.feature_class == "P")
    location = _location(event)
    if division:  # the place is a district, province or department: its region is admin1
        admin1 = admin1 or division[0]
        location = division[1] if location == country else location
    who = event.victim or event.victim_group
    notes = (
        f"{who}: {event.action.replace('_', ' ')} ({event.trigger})." if event.trigger else f"{who}: {event.action}."
    )
    return AcledRecord(
        event_id_cnty=f"{gazetteer().iso3.get(event.country) or 'XXX'}-HRE-{event.event_id}",
        event_date=date,
        year=int(event.date[:4]) if event.date else None,
        time_precision={"day": 1, "month": 3}.get(precision),  # ACLED has no precision for a year
        disorder_type=row.disorder_type if not refinement else _disorder(event_type),
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor1=event.perpetrator,
        inter1=inter1,
        actor2=f"Civilians ({country})" if country else "Civilians",
        inter2=ACLED_CIVILIANS,
        interaction=int(f"{inter1}{ACLED_CIVILIANS}") if inter1 else None,
        civilian_targeting="Civilian targeting" if event_type == "Violence against civilians" else "",
        iso=gazetteer().iso_numeric.get(event.country) if event.country else None,
        region=load_acled_context().region(event.country),
        country=country,
        admin1=admin1,
        admin2=division[1] if division else "",
        location=location,
        latitude=_float(event.latitude),
        longitude=_float(event.longitude),
        geo_precision=_geo_precision(event),
        source=sources.title(event.report_id),
        source_scale=load_acled_context().source_scale(
            f"{sources.publisher(event.report_id)} {sources.title(event.report_id)}"
        ),
        notes=f"{notes} {event.evidence}".strip(),
        # A group killing (SPEC 7) counts its victims; an uncounted one ("dozens") gives 0.
        fatalities=(event.victim_count or 0) * row.fatalities if event.is_group else row.fatalities,
    )


# ACLED's actor codes (inter1/inter2): 1 State forces … 7 Civilians. A victim is a civilian;
# a perpetrator is state forces when the HURIDOCS perpetrator types (huridocs.yaml, codes
# 01…: governmental entities) recognise it, and uncoded otherwise rather than guessed.
ACLED_STATE_FORCES, ACLED_CIVILIANS = 1, 7


def _acled_inter1(perpetrator: str) -> int | None:
    kind = _perpetrator_type(perpetrator) if perpetrator else None
    return ACLED_STATE_FORCES if kind is not None and kind.huri_code.startswith("01") else None


def _acled_day(date: str) -> str:
    """ACLED's event_date: the day; a month's middle (the 15th, time_precision 3); nothing for a
    year alone, which ACLED cannot date (the `year` column keeps it)."""
    if len(date) == 7:
        return f"{date}-15"
    return date if len(date) == 10 else ""


def _disorder(event_type: str) -> str:
    return ACLED_DISORDER_TYPES[event_type]


# --- HURIDOCS -------------------------------------------------------------------------------


def _perpetrator_type(text: str) -> Term | None:
    for row in load_huridocs().perpetrator_types:
        if re.search(row.pattern, text, flags=re.IGNORECASE):
            return row.type_of_perpetrator
    return None


def _is_group(name: str) -> bool:
    words = fold(name).split()
    return bool(words) and (words[0] in load_huridocs().group_first_words or words[-1].endswith("s"))


def to_huridocs(events: Iterable[Event], sources: Sources | None = None) -> HuridocsDocument:
    """One HURIDOCS event per evidence sentence, one act per hrevents event, persons shared by name."""
    builder = _HuridocsBuilder(sources or Sources())
    for event in events:
        builder.add(event)
    return builder.document()


class _HuridocsBuilder:
    """Collects the HURIDOCS records of events as they come, merging what they share."""

    def __init__(self, sources: Sources) -> None:
        self.sources = sources
        self.table = load_huridocs()
        self.acts_table = huridocs_acts()
        self.persons: dict[str, HuridocsPerson] = {}
        self.events: dict[str, HuridocsEvent] = {}
        self.acts: list[HuridocsAct] = []
        self.involvements: list[HuridocsInvolvement] = []
        self.information: dict[str, HuridocsInformation] = {}
        self.proceedings: list[HuridocsProceeding] = []

    def person(
        self, report_id: str, name: str, role: Literal["victim", "perpetrator", "source"], group: bool, key: str = ""
    ) -> str:
        number = f"P-{_digest(report_id, key or fold(name))}"
        unit = self.table.counting_unit_group if group else self.table.counting_unit_individual
        if number not in self.persons:
            self.persons[number] = HuridocsPerson(
                person_record_number=number, counting_unit=unit, name=name, roles=[role]
            )
        elif role not in self.persons[number].roles:
            self.persons[number].roles.append(role)
        return number

    def add(self, event: Event) -> None:
        number = f"E-{_digest(event.report_id, str(event.start_char), str(event.end_char))}"
        precision = _precision(event.date)
        date_type = self.table.date_types.get(precision) if precision else None
        if number not in self.events:
            self._new_event(number, event, date_type)
        esf = self.events[number]
        if event.date and (not esf.initial_date or len(event.date) > len(esf.initial_date)):
            esf.initial_date, esf.initial_date_type = event.date, date_type
        row = self.acts_table[event.action]
        refinement = refined(row, event.trigger)
        act_type = refinement.type_of_act if refinement else row.type_of_act
        if act_type is None:
            esf.proceedings.append(self._proceeding(number, event, date_type, row.reason))
            return
        act_number = self._act(number, event, date_type, act_type)
        esf.acts.append(act_number)
        if event.perpetrator:
            esf.involvements.append(self._involvement(number, act_number, event.report_id, event.perpetrator))

    def _new_event(self, number: str, event: Event, date_type: Term | None) -> None:
        """The HURIDOCS event of an evidence sentence, and its source information record."""
        sources = self.sources
        self.events[number] = HuridocsEvent(
            event_record_number=number,
            event_title="",
            geographical_term=load_huridocs_places().countries.get(event.country) if event.country else None,
            local_geographical_area=event.geo_name,
            initial_date=event.date,
            initial_date_type=date_type,
            final_date="",
            final_date_type=None,
            event_description=event.evidence,
            acts=[],
            involvements=[],
            information=[],
            proceedings=[],
        )
        publisher = sources.publisher(event.report_id) or sources.title(event.report_id)
        source_number = self.person(event.report_id, publisher, "source", True)
        info_number = f"S-{_digest(number)}"
        self.information[info_number] = HuridocsInformation(
            information_record_number=info_number,
            event=number,
            source=source_number,
            source_name=sources.title(event.report_id),
            date_of_source_material=sources.published(event.report_id),
            source_document=event.report_id,
            excerpt=event.evidence,
            start_char=event.start_char,
            end_char=event.end_char,
        )
        self.events[number].information.append(info_number)

    def _victim(self, event: Event) -> str:
        if event.is_group:  # one unnamed group of one act (SPEC 7): counting unit "group"
            return self.person(event.report_id, event.victim_group, "victim", True, key=f"group {event.event_id}")
        return self.person(event.report_id, event.victim, "victim", False)

    @staticmethod
    def _remarks(event: Event) -> str:
        return (
            f"hrevents action={event.action}; trigger={event.trigger!r}; "
            f"confidence={event.confidence}; rule={event.rule}"
        )

    def _proceeding(self, number: str, event: Event, date_type: Term | None, reason: str) -> str:
        record = f"R-{event.event_id}"
        self.proceedings.append(
            HuridocsProceeding(
                proceeding_record_number=record,
                event=number,
                victim=self._victim(event),
                action=event.action,
                by=self.person(event.report_id, event.perpetrator, "perpetrator", _is_group(event.perpetrator))
                if event.perpetrator
                else "",
                initial_date=event.date,
                initial_date_type=date_type,
                stated_reason=event.detail,
                no_type_of_act=reason,
                remarks=self._remarks(event),
            )
        )
        return record

    def _act(self, number: str, event: Event, date_type: Term | None, act_type: Term) -> str:
        victim = self._victim(event)
        act_number = f"A-{event.event_id}"
        location = None
        if event.country or event.geo_name:
            location = HuridocsLocation(
                geonames_id=int(event.geonames_id) if event.geonames_id else None,
                name=event.geo_name,
                country=event.country,
                admin1=event.admin1,
                latitude=_float(event.latitude),
                longitude=_float(event.longitude),
            )
        self.acts.append(
            HuridocsAct(
                act_record_number=act_number,
                event=number,
                victim=victim,
                type_of_act=act_type,
                initial_date=event.date,
                initial_date_type=date_type,
                exact_location=event.place,
                location=location,
                stated_reason=event.detail,
                remarks=self._remarks(event),
            )
        )
        return act_number

    def _involvement(self, number: str, act_number: str, report_id: str, perpetrator_text: str) -> str:
        perpetrator = self.person(report_id, perpetrator_text, "perpetrator", _is_group(perpetrator_text))
        involvement = f"I-{_digest(act_number, perpetrator)}"
        self.involvements.append(
            HuridocsInvolvement(
                involvement_record_number=involvement,
                event=number,
                act=act_number,
                perpetrator=perpetrator,
                degree_of_involvement=self.table.degree_of_involvement,
                type_of_perpetrator=_perpetrator_type(perpetrator_text),
            )
        )
        return involvement

    def document(self) -> HuridocsDocument:
        """The document, each event titled from its acts: "Arrest and detention of A, B, Minsk, 2020-08-24"."""
        by_event: dict[str, list[HuridocsAct | HuridocsProceeding]] = {}
        records: list[HuridocsAct | HuridocsProceeding] = [*self.acts, *self.proceedings]
        for record in records:
            by_event.setdefault(record.event, []).append(record)
        for esf in self.events.values():
            mine = by_event.get(esf.event_record_number, [])
            names = list(dict.fromkeys(self.persons[a.victim].name for a in mine))
            actions = list(
                dict.fromkeys(a.remarks.split(";")[0].removeprefix("hrevents action=").replace("_", " ") for a in mine)
            )
            title = f"{' and '.join(actions).capitalize()} of {', '.join(names)}"
            if esf.local_geographical_area or esf.geographical_term:
                title += f", {esf.local_geographical_area or esf.geographical_term}"
            if esf.initial_date:
                title += f", {esf.initial_date}"
            esf.event_title = title
        return HuridocsDocument(
            generated_by=f"hrevents {__version__}",
            events=list(self.events.values()),
            acts=self.acts,
            persons=list(self.persons.values()),
            involvements=self.involvements,
            information=list(self.information.values()),
            proceedings=self.proceedings,
        )


# --- writing --------------------------------------------------------------------------------


def _write_rows(
    records: Sequence[BaseModel], columns: tuple[str, ...], path: Path, headers: tuple[str, ...] = (), sep: str = ","
) -> None:
    """CSV (`sep` "\\t" for TSV), or JSON Lines for .jsonl; `headers` renames the columns in the file."""
    rows = [record.model_dump() for record in records]
    with atomic_path(path) as temporary:
        if path.suffix.lower() == ".jsonl":
            with temporary.open("w", encoding="utf-8") as out:
                for row in rows:
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            frame = pd.DataFrame(rows, columns=list(columns), dtype=object)  # object: 3 stays 3, not 3.0
            frame = frame.where(frame.notna(), "")
            frame = frame.apply(lambda column: column.map(neutralise))
            if headers:
                frame.columns = list(headers)
            frame.to_csv(temporary, index=False, encoding="utf-8", sep=sep)


def _field_type(annotation: object) -> str:
    """The Frictionless type of a pydantic field: integer, number or string (Optional unwrapped)."""
    kinds = set(getattr(annotation, "__args__", ()) or (annotation,)) - {type(None)}
    if kinds == {int}:
        return "integer"
    if kinds == {float}:
        return "number"
    return "string"


def export_resource(
    path: Path, model: type[BaseModel], headers: Sequence[str] = (), sep: str = ","
) -> dict[str, object]:
    """A Frictionless tabular resource for an export file: each column typed from its pydantic
    field, empty cells missing, so `frictionless validate` checks the file and readers keep
    `cameo` "0841" as text. Negative numbers carry the CSV-injection quote (writers.neutralise):
    `bareNumber: false` reads past it."""
    names = list(headers) or list(model.model_fields)
    fields = []
    for name, model_field in zip(names, model.model_fields.values(), strict=True):
        kind = _field_type(model_field.annotation)
        described: dict[str, object] = {"name": name, "type": kind}
        if kind == "number":
            described["bareNumber"] = False
        fields.append(described)
    resource: dict[str, object] = {
        "name": "".join(ch if ch.isalnum() or ch in "-._" else "-" for ch in path.name.lower()).strip("-.") or "export",
        "path": path.name,
        "profile": "tabular-data-resource",
        "format": "tsv" if sep == "\t" else "csv",
        "encoding": "utf-8",
        "schema": {"fields": fields, "missingValues": [""]},
    }
    if sep == "\t":
        resource["dialect"] = {"delimiter": "\t"}
    return resource


def _describe(path: Path, model: type[BaseModel], headers: Sequence[str] = (), sep: str = ",") -> None:
    """The export's schema in the datapackage.json of its folder; CSV and TSV only (a JSON Lines
    export keeps its types in JSON itself)."""
    from hrevents.tables import write_datapackage

    if path.suffix.lower() != ".jsonl":
        write_datapackage(path, [], export_resource(path, model, headers, sep))


def export(
    events_path: str | Path,
    fmt: ExportFormat | str,
    out: str | Path,
    reports: Iterable[Path] = (),
) -> tuple[Path, int]:
    """Write `events_path` as `fmt` to `out`; returns the path and the number of records."""
    fmt = ExportFormat(fmt)
    out = Path(out)
    events, had_geo = read_geo_events(events_path)
    sources = load_sources(reports) if reports else Sources()
    if not had_geo and sources.reports:
        events = with_geo(events, sources)
    if fmt is ExportFormat.huridocs:
        document = to_huridocs(events, sources)
        with atomic_path(out) as temporary:
            temporary.write_text(
                json.dumps(document.model_dump(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
        return out, len(document.acts) + len(document.proceedings)
    records: Sequence[BaseModel]
    if fmt is ExportFormat.uwazi:  # CSV plus the template it imports into (hrevents.uwazi)
        from hrevents.uwazi import UWAZI_COLUMNS, UwaziRow, to_uwazi, write_template

        ids = {event.report_id for event in events}
        records = to_uwazi(events, {i: sources.title(i) for i in ids}, {i: sources.published(i) for i in ids})
        _write_rows(records, UWAZI_COLUMNS, out)
        write_template(out)
        _describe(out, UwaziRow)
        return out, len(records)
    if fmt is ExportFormat.polecat:  # always tab-separated with POLECAT's headers
        records = to_polecat(events, sources)
        _write_rows(records, POLECAT_COLUMNS, out, POLECAT_HEADERS, sep="\t")
        _describe(out, PolecatRecord, POLECAT_HEADERS, sep="\t")
        return out, len(records)
    if fmt is ExportFormat.plover:
        records = to_plover(events, sources)
        _write_rows(records, PLOVER_COLUMNS, out)
        _describe(out, PloverRecord)
    else:
        records = to_acled(events, sources)
        _write_rows(records, ACLED_COLUMNS, out)
        _describe(out, AcledRecord)
    return out, len(records)


__all__ = [
    "ACLED_COLUMNS",
    "PLOVER_COLUMNS",
    "POLECAT_COLUMNS",
    "POLECAT_HEADERS",
    "AcledRecord",
    "ExportFormat",
    "HuridocsDocument",
    "PloverRecord",
    "PolecatRecord",
    "Sources",
    "export",
    "load_sources",
    "read_geo_events",
    "to_acled",
    "to_huridocs",
    "to_plover",
    "to_polecat",
]
