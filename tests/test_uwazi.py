"""Uwazi export: CSV columns are the template's property names, title required, lat|lon geolocation."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from hrevents.cli import app
from hrevents.writers import write_events
from hrevents_models import Event


def events() -> list[Event]:
    base = Event(
        event_id="a",
        report_id="lakeland",
        action="arrest",
        trigger="arrested",
        cameo="173",
        victim="Jana Orlova",
        perpetrator="police",
        place="Port Vell",
        date="2021-05",
        date_text="in May",
        evidence="In May police arrested Jana Orlova in Port Vell.",
        start_char=0,
        end_char=48,
        confidence=0.9,
        rule="test",
        country="LK",
        latitude="12.5",
        longitude="-3.25",
        geonames_id="1",
        geo_name="Port Vell",
        feature_class="P",
    )
    other = base.model_copy(
        update={"event_id": "b", "action": "release", "cameo": "0841", "date": "2021", "latitude": "", "longitude": ""}
    )
    return [base, other]


def test_uwazi_csv_and_template(tmp_path: Path) -> None:
    source = write_events(events(), tmp_path / "events.csv")
    out = tmp_path / "uwazi.csv"
    result = CliRunner().invoke(app, ["export", str(source), "--format", "uwazi", "--out", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    template = json.loads((tmp_path / "uwazi.template.json").read_text("utf-8"))
    names = ["title"] + [p["name"] for p in template["properties"]]
    assert list(rows[0]) == names  # every column is a property of the template, title first
    assert all(row["title"] for row in rows)
    assert rows[0]["title"] == "Arrest: Jana Orlova (2021-05)"
    assert (rows[0]["geolocation"], rows[1]["geolocation"]) == ("12.5|-3.25", "")
    assert (rows[0]["event_date"], rows[0]["date_precision"]) == ("2021/05/01", "month")
    assert (rows[1]["event_date"], rows[1]["date_precision"]) == ("2021/01/01", "year")
    assert rows[1]["cameo"] == "0841"
    action = next(p for p in template["properties"] if p["name"] == "action")
    assert action["type"] == "select" and {"arrest", "release"} <= set(action["thesaurus"]["values"])
    kinds = {p["type"] for p in template["properties"]}
    assert kinds <= {"text", "select", "date", "geolocation", "markdown", "numeric"}
