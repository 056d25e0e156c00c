"""The geo columns of each event: its place and destination geocoded with the report's context.

Every event gets `country` when the report allows it: the country of its place, else the
country the report is about. A facility keeps its text and takes the place its sentence
names ("SIZO-1 in the capital Minsk" -> Minsk). `geo_reason` says which rule gave each answer.
"""

from __future__ import annotations

import re

from hrevents.geo.phrases import Answer, PhraseReader, ReportContext, country_mentions, report_context
from hrevents.news import find_dateline
from hrevents_models import EVENT_COLUMNS, Event, Report

# --- the event record's geo columns --------------------------------------------------------

# The geo columns close the event record (models/event.py); `geocode_events` fills them.
GEO_COLUMNS: tuple[str, ...] = EVENT_COLUMNS[EVENT_COLUMNS.index("country") : EVENT_COLUMNS.index("geo_reason") + 1]


# --- facilities named in the sentence -------------------------------------------------------

_CONTINUATION = re.compile(
    r"^\s*,?\s*(?:(?:which|that)\s+is\s+)?(?P<rel>in|at|near|outside)\s+(?P<rest>[^.;:()]{1,80})"
)


def _continuation(phrase: str, evidence: str) -> str:
    """The words after `phrase` in its sentence when they say where it is ("... in the capital Minsk")."""
    if not phrase or not evidence:
        return ""
    flat_phrase = " ".join(phrase.split())
    flat = " ".join(evidence.split())
    at = flat.lower().find(flat_phrase.lower())
    if at < 0:
        return ""
    match = _CONTINUATION.match(flat[at + len(flat_phrase) :])
    if not match:
        return ""
    rest = re.split(
        r",\s*(?:where|which|who|when|after|before|and|but)\b|\s+(?:where|which|who|when|after|before|on|since)\s",
        match.group("rest"),
    )[0]
    return f"{match.group('rel')} {rest.strip(' ,')}"


# --- events ---------------------------------------------------------------------------------


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.5f}".rstrip("0").rstrip(".")


def geocode_events(events: list[Event], report: Report) -> list[Event]:
    """The events of one report with the geo columns filled (see the module docstring)."""
    if not events:
        return []
    context = report_context(report)
    reader = PhraseReader(context)
    filed_from, filed_in = dateline_place(report, context)
    out = []
    for event in events:
        sentence_countries = list(dict.fromkeys(code for _, code, _ in country_mentions(event.evidence)))
        reasons = []
        geo: dict[str, str] = dict.fromkeys(GEO_COLUMNS, "")
        fallback = "" if event.place or any(c != filed_in for c in sentence_countries) else filed_from
        if fallback:
            reasons.append(f"place {fallback!r}: the dateline, the clause names none")
        place_answer = _read_field(reader, event.place or fallback, "place", event.evidence, sentence_countries)
        if place_answer.place is not None:
            place = place_answer.place
            geo.update(
                geo_name=place.name,
                geonames_id="" if place.geonames_id is None else str(place.geonames_id),
                latitude=_fmt(place.latitude),
                longitude=_fmt(place.longitude),
                feature_class=place.feature_class,
            )
        geo["admin1"] = place_answer.admin1
        if place_answer.country:
            geo["country"] = place_answer.country
        if event.place:
            reasons.append(f"place: {place_answer.reason}")
        if not geo["country"] and context.country:
            geo["country"] = context.country
            reasons.append(f"country {context.country}: from {context.reason}")
        elif not geo["country"]:
            reasons.append("country: the report does not say which country it is about")
        if event.destination:
            answer = _read_field(reader, event.destination, "destination", event.evidence, sentence_countries)
            geo["destination_country"] = answer.country
            if answer.place is not None and answer.place.geonames_id is not None:
                geo["destination_geonames_id"] = str(answer.place.geonames_id)
            reasons.append(f"destination: {answer.reason}")
        geo["geo_reason"] = "; ".join(reasons)
        fields = {**event.model_dump(), **geo}
        if fallback:
            fields["place"] = fallback
        out.append(Event.model_validate(fields))
    return out


def dateline_place(report: Report, context: ReportContext) -> tuple[str, str]:
    """The place of a news dateline and its country, for events whose clause names no place.

    A wire story is filed from where it happened unless it says otherwise, so the dateline
    ("LAKESIDE, Freedonia (AP) —") stands in for the clause's place, but only where the
    dateline lies in the country the article is about, and (checked by the caller) the
    event's sentence names no other country: a story filed in Geneva about an arrest
    elsewhere gives that arrest no place.
    """
    found = find_dateline(report.text, report.body_start)
    if found is None:
        return "", ""
    answer = PhraseReader(ReportContext()).read(found.place, "place", [])
    if answer.place is None or not answer.country or (context.country and answer.country != context.country):
        return "", ""
    return found.place, answer.country


def _read_field(
    reader: PhraseReader, text: str, field_name: str, evidence: str, sentence_countries: list[str]
) -> Answer:
    if not text.strip():
        return Answer()
    answer = reader.read(text, field_name, sentence_countries)
    if answer.place is None and not answer.country:
        more = _continuation(text, evidence)
        if more:
            extra = reader.read(more, field_name, sentence_countries)
            if extra.place is not None or extra.country:
                extra.reason = f"{text!r} is {more!r} (from the sentence); " + extra.reason
                return extra
    return answer
