"""Label Studio export and import: gold → tasks → gold is lossless; pre-annotations; edits."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hrevents.annotation import AnnotationError, export_tasks, import_tasks, label_config, write_json
from hrevents.cli import app
from hrevents.review import collapse
from hrevents.writers import write_events
from hrevents_models import Event, GoldReport, load_actions, load_gold

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "corpus" / "reports", tmp_path / "reports")
    shutil.copy(REPO / "corpus" / "gold.jsonl", tmp_path / "gold.jsonl")
    return tmp_path


def comparable(report: GoldReport) -> list[dict]:
    return [{**event.model_dump(), "evidence": collapse(event.evidence)} for event in report.events]


def write_gold(path: Path, reports: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in reports), encoding="utf-8")
    return path


def test_label_config_is_xml_with_every_action() -> None:
    root = ET.fromstring(label_config())
    labels = {label.get("value") for label in root.iter("Label")}
    assert set(load_actions()) <= labels and {"VICTIM", "EVIDENCE", "DATE"} <= labels
    assert {t.get("name") for t in root.iter("TextArea")} == {"date_iso", "value", "aliases", "extra"}


def test_shipped_gold_round_trips_through_label_studio(corpus: Path) -> None:
    exported = export_tasks(gold=corpus / "gold.jsonl")
    assert exported.warnings == []
    tasks = corpus / "tasks.json"
    write_json(exported.tasks, tasks)
    assert all(task["annotations"][0]["result"] for task in exported.tasks)

    fresh = corpus / "round.jsonl"
    result = import_tasks(tasks, fresh)
    assert result.warnings == [] and len(result.added) == len(exported.tasks)
    original, back = load_gold(corpus / "gold.jsonl"), load_gold(fresh)
    assert [r.report_id for r in back.reports] == [r.report_id for r in original.reports]
    for before, after in zip(original.reports, back.reports, strict=True):
        assert after.text_file == before.text_file and after.complete == before.complete
        assert sorted(comparable(after), key=json.dumps) == sorted(comparable(before), key=json.dumps)

    # importing over the same gold replaces each report's line with an equal one: the file does not change
    before_bytes = (corpus / "gold.jsonl").read_bytes()
    again = import_tasks(tasks, corpus / "gold.jsonl")
    assert len(again.replaced) == len(exported.tasks) and not again.added
    assert (corpus / "gold.jsonl").read_bytes() == before_bytes


def test_round_trip_keeps_optional_aliases_date_choices_and_incomplete(tmp_path: Path, write_emoji_gold) -> None:
    gold = write_emoji_gold(rejected=[{"action": "killing", "victim": "Syarhei Dyleusky"}])
    text = (tmp_path / "reports" / "r.txt").read_text("utf-8")
    exported = export_tasks(gold=gold)
    results = exported.tasks[0]["annotations"][0]["result"]
    spans = [r for r in results if r["type"] == "labels"]
    for span in spans:  # offsets are UTF-16 units: the emoji counts twice
        value = span["value"]
        assert text.encode("utf-16-le")[value["start"] * 2 : value["end"] * 2].decode("utf-16-le") == value["text"]
    assert {tuple(r["value"]["labels"]) for r in spans} >= {("arrest",), ("VICTIM",), ("EVIDENCE",), ("sentence",)}
    extras = [r for r in results if r.get("from_name") == "extra"]
    assert extras and "perpetrator: a judge" in extras[0]["value"]["text"][0]  # not in the text: kept as a value

    tasks = tmp_path / "tasks.json"
    write_json(exported.tasks, tasks)
    result = import_tasks(tasks, gold)
    assert result.warnings == [] and result.replaced == ["r"]
    report = load_gold(gold).reports[0]
    assert report.complete is False
    assert report.rejected[0].victim == "Syarhei Dyleusky"  # kept: the report is still incomplete
    assert comparable(report) == [
        {
            "action": "arrest",
            "victim": "Maryia Kalesnikava",
            "date": ["2020-09-07", "2020-09-08"],
            "perpetrator": "police",
            "place": "Minsk",
            "destination": None,
            "detail": None,
            "evidence": "police arrested Masha Kolesnikova in Minsk.",
            "optional": True,
            "victim_aliases": ["Masha Kolesnikova"],
        },
        {
            "action": "sentence",
            "victim": "Syarhei Dyleusky",
            "date": None,
            "perpetrator": "a judge",
            "place": None,
            "destination": None,
            "detail": None,
            "evidence": "Dyleusky was fined.",
            "optional": False,
            "victim_aliases": [],
        },
    ]


def test_predictions_export_and_annotator_edits(tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    text = "On 3 May the police arrested Ivan Petrov and Olga Smirnova in Minsk. They were released.\n"
    (tmp_path / "reports" / "p.txt").write_text(text, encoding="utf-8")
    evidence = "On 3 May the police arrested Ivan Petrov and Olga Smirnova in Minsk."
    events = [
        Event(
            event_id="a",
            report_id="p",
            action="arrest",
            trigger="arrested",
            victim=victim,
            perpetrator="the police",
            place="Minsk",
            date="2020-05-03",
            date_text="On 3 May",
            evidence=evidence,
            start_char=0,
            end_char=len(evidence),
            confidence=0.8,
            rule="t",
        )
        for victim in ("Ivan Petrov", "Olga Smirnova")
    ]
    events_csv = tmp_path / "events.csv"
    write_events(events, events_csv)
    tasks = tmp_path / "tasks.json"
    config = tmp_path / "config.xml"
    runner = CliRunner()
    out = runner.invoke(
        app,
        [
            "annotate",
            "export",
            "--events",
            str(events_csv),
            "--reports",
            str(tmp_path / "reports"),
            "--out",
            str(tasks),
            "--config",
            str(config),
        ],
    )
    assert out.exit_code == 0, out.output
    assert ET.parse(config).getroot().tag == "View"
    task = json.loads(tasks.read_text("utf-8"))[0]
    assert "annotations" not in task and task["predictions"][0]["model_version"].startswith("hrevents-")
    result = task["predictions"][0]["result"]
    triggers = [r for r in result if r["type"] == "labels" and r["value"]["labels"] == ["arrest"]]
    assert [t["value"]["text"] for t in triggers] == ["arrested", "arrested"]
    assert {r["value"]["text"] for r in result if r["type"] == "labels" and r["value"]["labels"] == ["DATE"]} == {
        "On 3 May"
    }

    gold = tmp_path / "gold.jsonl"
    without = runner.invoke(app, ["annotate", "import", str(tasks), "--gold", str(gold)])
    assert without.exit_code == 0 and "not annotated" in without.output and not gold.exists()

    # The annotator accepts the pre-annotation, drops the second arrest span, joins both victims to the first
    # and adds a release with no EVIDENCE span (the sentence around it is taken).
    accepted = [dict(r) for r in result]
    second = triggers[1]["id"]
    accepted = [r for r in accepted if r.get("id") != second and r.get("from_id") != second]
    olga = next(r["id"] for r in result if r["type"] == "labels" and r["value"]["text"] == "Olga Smirnova")
    accepted.append({"from_id": triggers[0]["id"], "to_id": olga, "type": "relation", "direction": "right"})
    start = text.index("released")
    accepted.append(
        {
            "id": "rel",
            "from_name": "label",
            "to_name": "text",
            "type": "labels",
            "value": {"start": start, "end": start + 8, "text": "released", "labels": ["release"]},
        }
    )
    victim_start = text.index("Ivan")
    accepted.append(
        {
            "id": "v9",
            "from_name": "label",
            "to_name": "text",
            "type": "labels",
            "value": {"start": victim_start, "end": victim_start + 11, "labels": ["VICTIM"]},
        }
    )
    accepted.append({"from_id": "v9", "to_id": "rel", "type": "relation", "direction": "left"})
    task["annotations"] = [
        {"result": [], "was_cancelled": True, "updated_at": "2030-01-01"},
        {"result": accepted, "updated_at": "2024-01-01"},
    ]
    tasks.write_text(json.dumps([task]), encoding="utf-8")
    done = runner.invoke(app, ["annotate", "import", str(tasks), "--gold", str(gold), "-r", str(tmp_path / "reports")])
    assert done.exit_code == 0, done.output
    report = load_gold(gold).reports[0]
    assert report.text_file == "reports/p.txt" and report.complete
    assert [(e.action, e.victim, e.date, e.place, e.perpetrator) for e in report.events] == [
        ("arrest", "Ivan Petrov", "2020-05-03", "Minsk", "the police"),
        ("arrest", "Olga Smirnova", "2020-05-03", "Minsk", "the police"),
        ("release", "Ivan Petrov", None, None, None),
    ]
    assert report.events[2].evidence == "They were released."
    assert report.events[0].evidence == evidence


def test_import_refuses_what_it_cannot_use(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(AnnotationError):
        import_tasks(bad, tmp_path / "gold.jsonl")
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "q.txt").write_text("The police arrested Ivan Petrov.\n", encoding="utf-8")
    task = {
        "data": {"text": "The police detained Ivan Petrov.\n", "report_id": "q", "text_file": "reports/q.txt"},
        "annotations": [
            {
                "result": [
                    {
                        "id": "a",
                        "from_name": "label",
                        "to_name": "text",
                        "type": "labels",
                        "value": {"start": 11, "end": 19, "labels": ["arrest"]},
                    },
                    {
                        "id": "v",
                        "from_name": "label",
                        "to_name": "text",
                        "type": "labels",
                        "value": {"start": 20, "end": 31, "labels": ["VICTIM"]},
                    },
                    {"from_id": "a", "to_id": "v", "type": "relation"},
                    {
                        "id": "x",
                        "from_name": "label",
                        "to_name": "text",
                        "type": "labels",
                        "value": {"start": 0, "end": 3, "labels": ["flogging"]},
                    },
                    {
                        "id": "b",
                        "from_name": "label",
                        "to_name": "text",
                        "type": "labels",
                        "value": {"start": 4, "end": 10, "labels": ["release"]},
                    },
                ]
            }
        ],
    }
    tasks = tmp_path / "tasks.json"
    tasks.write_text(json.dumps([task, {"data": {}}]), encoding="utf-8")
    result = import_tasks(tasks, tmp_path / "gold.jsonl")
    warnings = "\n".join(result.warnings)
    assert "differs from reports/q.txt" in warnings
    assert "evidence not found in reports/q.txt" in warnings  # the task's text said "detained"
    assert "unknown label 'flogging'" in warnings
    assert "release span 'police' has no VICTIM" in warnings
    assert "no data.text" in warnings
    assert load_gold(tmp_path / "gold.jsonl").reports[0].events == []


def test_aliases_of_a_victim_the_evidence_does_not_name_survive_the_round_trip(tmp_path: Path) -> None:
    """'They were charged': the victim has no span to carry the aliases, so the extra box does."""
    (tmp_path / "reports").mkdir()
    text = "Police arrested Ann “Duck” Boe and Carl Dee. They were charged with sedition.\n"
    (tmp_path / "reports" / "r.txt").write_text(text, encoding="utf-8")
    event = {
        "action": "charge",
        "victim": "Ann Boe",
        "date": None,
        "perpetrator": None,
        "place": None,
        "destination": None,
        "detail": "sedition",
        "evidence": "They were charged with sedition.",
        "victim_aliases": ["Duck"],
    }
    gold = write_gold(
        tmp_path / "gold.jsonl",
        [{"report_id": "r", "text_file": "reports/r.txt", "published": None, "events": [event]}],
    )
    exported = export_tasks(gold=gold)
    tasks = tmp_path / "tasks.json"
    write_json(exported.tasks, tasks)
    fresh = tmp_path / "round.jsonl"
    result = import_tasks(tasks, fresh)
    assert result.warnings == []
    (back,) = load_gold(fresh).reports[0].events
    assert back.victim == "Ann Boe" and back.victim_aliases == ["Duck"]
