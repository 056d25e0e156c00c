"""Geocoding accuracy against place gold (corpus/places_gold.jsonl).

Beside the scorer rather than in `hrevents.geo`: it measures the geocoder and so is not part
of what extraction runs (nor of the pipeline version the ledger keeps). `geo_accuracy` needs
only the records; `geocoder_accuracy` runs the geocoder itself, so it imports it when called.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from hrevents_models import Event, Report

# --- accuracy against place gold ------------------------------------------------------------


class PlaceGold(BaseModel):
    """One line of corpus/places_gold.jsonl."""

    model_config = ConfigDict(extra="forbid")

    report_id: str
    action: str
    victim: str
    field: str = Field(pattern=r"^(place|destination)$")
    text: str
    # Empty where the place lies in no one country (a continent: "exile in Europe"); a geocoder
    # answer naming a country is then wrong, and no country is correct.
    country: str = Field(pattern=r"^([A-Z]{2})?$")
    geonames_id: int | None = None
    geo_name: str | None = None
    admin1: str | None = None
    note: str | None = None


def load_places_gold(path: str | Path) -> list[PlaceGold]:
    rows = []
    for number, line in enumerate(Path(path).read_text("utf-8").splitlines(), start=1):
        if line.strip():
            try:
                rows.append(PlaceGold.model_validate(json.loads(line)))
            except (ValueError, json.JSONDecodeError) as error:
                raise ValueError(f"{path}:{number}: {error}") from error
    return rows


def judge(gold: PlaceGold, country: str, geonames_id: str) -> str:
    """correct / wrong / unresolved for one answer (see docs/GEO.md, 'Measuring')."""
    if geonames_id:
        return "correct" if gold.geonames_id is not None and int(geonames_id) == gold.geonames_id else "wrong"
    if country and country != gold.country:
        return "wrong"
    if gold.geonames_id is None:
        return "correct" if country == gold.country else "unresolved"
    return "unresolved"


def geo_accuracy(
    events: Iterable[Event], places_gold_path: str | Path, report_ids: Iterable[str] | None = None
) -> dict:
    """Geocoding accuracy on the gold places of the events that were extracted.

    Each gold line is matched to a predicted event of the same report and action whose victim
    is the same person (SPEC section 6 rules). Its answer (`country`/`geonames_id` for a place,
    `destination_country`/`destination_geonames_id` for a destination) is *correct* when it
    names the gold GeoNames entity (or, where the gold has no entity, the gold country and no
    entity), *wrong* when it names another entity or another country, and *unresolved* when it
    gives no entity where the gold has one, or nothing at all. Gold lines without a matching
    event count as `unmatched` and are not scored. `report_ids` limits the gold to those reports
    (as `evaluate --report/--exclude` do).
    """
    by_report: dict[str, list[Event]] = {}
    for event in events:
        by_report.setdefault(event.report_id, []).append(event)
    counts: Counter[str] = Counter()
    rows = []
    wanted = None if report_ids is None else set(report_ids)
    for gold in load_places_gold(places_gold_path):
        if wanted is None or gold.report_id in wanted:
            row, country_correct = _judged_row(gold, by_report.get(gold.report_id, []))
            counts[row["outcome"]] += 1
            counts["country_correct"] += country_correct
            rows.append(row)
    return _summary(counts) | {"rows": rows}


def _judged_row(gold: PlaceGold, events: list[Event]) -> tuple[dict[str, str], bool]:
    """The verdict on one gold line against the event of its report that matches it, if any,
    and whether that event has the gold country."""
    from hrevents.scoring.scorer import same_person
    from hrevents_models import GoldEvent

    probe = GoldEvent(action=gold.action, victim=gold.victim, evidence="-")
    match = next((e for e in events if e.action == gold.action and same_person(e.victim, probe)), None)
    if match is None:
        return {"report_id": gold.report_id, "victim": gold.victim, "field": gold.field, "outcome": "unmatched"}, False
    if gold.field == "place":
        country, gid = getattr(match, "country", ""), getattr(match, "geonames_id", "")
    else:
        country, gid = getattr(match, "destination_country", ""), getattr(match, "destination_geonames_id", "")
    row = {
        "report_id": gold.report_id,
        "action": gold.action,
        "victim": gold.victim,
        "field": gold.field,
        "gold": f"{gold.country} {gold.geonames_id or ''}".strip(),
        "predicted": f"{country} {gid}".strip(),
        "outcome": judge(gold, country, gid),
        "reason": getattr(match, "geo_reason", ""),
    }
    return row, country == gold.country


def _summary(counts: Counter[str]) -> dict[str, int | float | None]:
    scored = counts["correct"] + counts["wrong"] + counts["unresolved"]
    resolved = counts["correct"] + counts["wrong"]

    def share(n: int, d: int) -> float | None:
        return round(n / d, 4) if d else None

    return {
        "gold": scored + counts["unmatched"],
        "scored": scored,
        "unmatched": counts["unmatched"],
        "correct": counts["correct"],
        "wrong": counts["wrong"],
        "unresolved": counts["unresolved"],
        "correct_share": share(counts["correct"], scored),
        "wrong_share": share(counts["wrong"], scored),
        "unresolved_share": share(counts["unresolved"], scored),
        "accuracy_resolved": share(counts["correct"], resolved),
        "country_accuracy": share(counts["country_correct"], scored),
    }


def gold_place_events(gold_path: str | Path) -> tuple[list[Event], list[Report]]:
    """The gold events with a place or destination as event records, with their reports:
    geocoding these measures the geocoder on the gold place text, apart from extraction."""
    from hrevents.reader import read_report
    from hrevents_models import load_gold

    gold = load_gold(gold_path)
    events, reports = [], []
    for labelled in gold.reports:
        chosen = [e for e in labelled.events if e.place or e.destination]
        if not chosen:
            continue
        report = read_report(gold.text_path(labelled), report_id=labelled.report_id)
        reports.append(report)
        for number, item in enumerate(chosen):
            events.append(item.as_event(labelled.report_id, f"gold-{labelled.report_id}-{number}", "gold"))
    return events, reports


def geocoder_accuracy(places_gold_path: str | Path, gold_path: str | Path) -> dict:
    """`geo_accuracy` of the geocoder run on the gold place text itself (extraction left out)."""
    from hrevents.geo import geocode_events

    events, reports = gold_place_events(gold_path)
    geocoded: list[Event] = []
    for report in reports:
        geocoded.extend(geocode_events([e for e in events if e.report_id == report.report_id], report))
    return geo_accuracy(geocoded, places_gold_path)
