"""scripts/agreement.py: two labellings of one invented report, named and group events (SPEC 5, 7)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from factories import load_script

ROOT = Path(__file__).resolve().parents[1]

TEXT = (
    '---\ntitle: Invented\npublished: 2024-03-01\ncovers: "2023"\n---\n'
    "On May 2, police arrested journalist Amina Toure in Lakeside. "
    "Soldiers detained 12 protesters at a checkpoint. "
    "Unknown men beat a shopkeeper."
)


@pytest.fixture(scope="module")
def agreement():
    return load_script("agreement")


def act(action: str, evidence: str, **fields: object) -> dict:
    base: dict = {"action": action, "date": None, "perpetrator": None, "place": None, "destination": None}
    return base | {"detail": None, "evidence": evidence} | fields


def write(folder: Path, name: str, group_events: list[dict] | None) -> Path:
    line = {
        "report_id": "invented",
        "text_file": "reports/invented.txt",
        "published": "2024-03-01",
        "events": [act("arrest", "police arrested journalist Amina Toure", victim="Amina Toure", date="2023-05-02")],
    }
    if group_events is not None:
        line["group_events"] = group_events
    path = folder / name
    path.write_text(json.dumps(line) + "\n", "utf-8")
    return path


def group(action: str, evidence: str, count: int | None, optional: bool = False) -> dict:
    return act(action, evidence, victim_group="people", victim_count=count, optional=optional)


def test_group_events_are_compared_by_action_and_place(tmp_path: Path, agreement) -> None:
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "invented.txt").write_text(TEXT, "utf-8")
    a = write(
        tmp_path,
        "a.jsonl",
        [group("detention", "detained 12 protesters", 12), group("ill_treatment", "beat a shopkeeper", 1)],
    )
    second = tmp_path / "second"
    second.mkdir()  # a second labelling kept elsewhere: its text_file does not resolve beside it
    b = write(second, "b.jsonl", [group("detention", "Soldiers detained 12 protesters", 12)])
    first, other = agreement.shared_reports(agreement.load_gold(a), agreement.load_gold(b), [])
    result = agreement.measure(first, other)
    assert result.a_as_gold.overall.f1 == 1.0
    assert (result.groups_a_as_gold.overall.tp, result.groups_a_as_gold.overall.fn) == (1, 1)
    assert (result.groups_b_as_gold.overall.tp, result.groups_b_as_gold.overall.fp) == (1, 1)
    assert result.groups_a_as_gold.count_correct == 1


def test_a_labelling_without_group_events_is_left_out_of_the_group_score(tmp_path: Path, agreement) -> None:
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "invented.txt").write_text(TEXT, "utf-8")
    a = write(tmp_path, "a.jsonl", [group("detention", "detained 12 protesters", 12)])
    b = write(tmp_path, "b.jsonl", None)
    result = agreement.measure(*agreement.shared_reports(agreement.load_gold(a), agreement.load_gold(b), []))
    assert result.groups_a_as_gold.reports == 0
