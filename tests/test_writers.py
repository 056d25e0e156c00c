"""The event writers as `hrevents extract` uses them: one streaming writer per format, exact round trips."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from hrevents.batch import BatchOptions, run_batch
from hrevents.reader import read_report
from hrevents.writers import FORMULA_START, neutralise, read_events, unneutralise, write_event_rows
from hrevents_models import OUTPUT_COLUMNS, Event

FORMATS = [".csv", ".jsonl", ".parquet"]
# Invented cells: formula starts, quotes before them, quotes alone, line breaks and commas.
CELLS = [
    "=1+1",
    "'=1+1",
    "''=x",
    "'''@y",
    "+3",
    "-",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "note\r=1+1",
    "two\nlines",
    'say "no", twice',
    "'",
    "''",
    "it's",
    "plain",
    "",
]


@pytest.mark.parametrize("value", CELLS)
def test_neutralising_round_trips_exactly(value: str) -> None:
    written = neutralise(value)
    assert isinstance(written, str) and not written.startswith(FORMULA_START)
    assert unneutralise(written) == value


def event(number: int, value: str) -> Event:
    return Event(
        event_id=f"e{number}",
        report_id="r",
        action="arrest",
        trigger=value,
        victim=value or "A. Person",
        perpetrator=value,
        place=value,
        detail=value,
        evidence=value,
        start_char=number,
        end_char=number + 5,
        confidence=0.85,
        rule=value,
    )


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("bom", [False, True])
def test_event_rows_from_the_ledger_read_back(tmp_path: Path, suffix: str, bom: bool) -> None:
    events = [event(number, value) for number, value in enumerate(CELLS)]
    path = tmp_path / f"events{suffix}"
    # The ledger holds `model_dump()` dicts; `write_event_rows` streams them as the batch runner does.
    assert write_event_rows((e.model_dump() for e in events), path, bom=bom) == len(events)
    assert read_events(path) == events
    if suffix == ".csv":
        data = path.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf") is bom
        cells = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        assert cells[0] == list(OUTPUT_COLUMNS) and len(cells) == 1 + len(events)  # no cell ended a row early
        assert not [cell for row in cells for cell in row if cell.startswith(FORMULA_START)]


@pytest.mark.parametrize("suffix", FORMATS)
def test_no_events_still_writes_a_readable_file(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"events{suffix}"
    assert write_event_rows(iter(()), path) == 0
    assert read_events(path) == []


def test_unknown_format_is_refused_before_writing(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown output format"):
        write_event_rows(iter(()), tmp_path / "events.xlsx")
    assert list(tmp_path.iterdir()) == []


HOSTILE_REPORT = """---
covers: "2020"
---
=HYPERLINK("http://example.invalid") On 3 May the police arrested Ivan Petrov in Minsk.

On 5 May police detained Olga Smirnova in Brest.
"""


@pytest.mark.model
@pytest.mark.parametrize("suffix", FORMATS)
def test_extract_writes_what_the_extractor_found(extractor, tmp_path: Path, suffix: str) -> None:
    """The whole path of `hrevents extract` (run_batch, the ledger, the writer) gives the events back exactly."""
    report_path = tmp_path / "reports" / "hostile.txt"
    report_path.parent.mkdir()
    report_path.write_text(HOSTILE_REPORT, encoding="utf-8")
    out = tmp_path / "out" / f"events{suffix}"
    summary = run_batch(BatchOptions(inputs=[report_path.parent], out=out, quiet=True), extractor=extractor)
    expected = extractor.extract(read_report(report_path))
    assert summary.events == len(expected) > 0
    assert read_events(out) == expected
