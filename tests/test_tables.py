"""Typed outputs: Parquet keeps numbers and NULLs, a Frictionless schema sits beside every events file."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

from hrevents.tables import date_span
from hrevents.writers import read_events, write_events
from hrevents_models import EVENT_COLUMNS, OUTPUT_COLUMNS, Event, date_interval


def events() -> list[Event]:
    placed = Event(
        event_id="e1",
        report_id="r",
        action="release",
        trigger="was released",
        cameo="0841",
        victim="Ana Lind",
        place="Port Vell",
        date="2001-07",
        evidence="Ana Lind was released in July 2001.",
        start_char=0,
        end_char=35,
        confidence=0.8,
        rule="release.verb",
        country="LK",
        geo_name="Port Vell",
        geonames_id="123456",
        latitude="12.5",
        longitude="-3.25",
        feature_class="P",
    )
    unplaced = placed.model_copy(
        update={
            "event_id": "e2",
            "date": "",
            "place": "",
            "geo_name": "",
            "geonames_id": "",
            "latitude": "",
            "longitude": "",
            "feature_class": "",
            "country": "",
        }
    )
    return [placed, unplaced]


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        ("2001", "2001-01-01", "2001-12-31"),
        ("2001-07", "2001-07-01", "2001-07-31"),
        ("2020-02", "2020-02-01", "2020-02-29"),
        ("2001-12", "2001-12-01", "2001-12-31"),
        ("2020-08-24", "2020-08-24", "2020-08-24"),
        (["2020-09-08", "2020-09-07"], "2020-09-07", "2020-09-08"),  # a list: its span
        (["2020-09", "2020-10-02"], "2020-09-01", "2020-10-02"),
        ("2004-05/2004-07", "2004-05-01", "2004-07-31"),  # an ISO interval
        ("", "", ""),
    ],
)
def test_date_interval(value: str | list[str], start: str, end: str) -> None:
    assert date_interval(value) == (start, end)


@pytest.mark.parametrize(
    ("date", "words", "start", "end"),
    [
        ("2005-06-06", "June 6 to 9", "2005-06-06", "2005-06-09"),
        ("2005-06-10", "between June 10 and 16", "2005-06-10", "2005-06-16"),
        ("2020-08-09", "on 9-10 August 2020", "2020-08-09", "2020-08-10"),
        ("2020-08-09", "the night of 9 to 10 August", "2020-08-09", "2020-08-10"),
        ("2004-05", "from May to July 2004", "2004-05-01", "2004-07-31"),
        ("2004-05", "in May", "2004-05-01", "2004-05-31"),
        ("2008", "throughout the year", "2008-01-01", "2008-12-31"),
        ("2020-08-24", "", "2020-08-24", "2020-08-24"),
        ("", "June 6 to 9", "", ""),
    ],
)
def test_date_span_widens_to_a_written_range(date: str, words: str, start: str, end: str) -> None:
    assert date_span(date, words) == (start, end)


def test_parquet_is_typed_and_reads_back_exactly(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow writes Parquet")
    path = write_events(events(), tmp_path / "events.parquet")
    table = pq.read_table(path)
    types = {field.name: str(field.type) for field in table.schema}
    assert types["latitude"] == types["longitude"] == "double"
    assert types["geonames_id"] == types["start_char"] == "int64"
    assert types["date_start"] == types["date_end"] == "date32[day]"
    assert types["cameo"] == types["date"] == "string"
    rows = table.to_pylist()
    assert rows[1]["latitude"] is None and rows[1]["place"] is None and rows[1]["date_start"] is None
    assert (rows[0]["date_start"], rows[0]["date_end"]) == (dt.date(2001, 7, 1), dt.date(2001, 7, 31))
    assert read_events(path) == events()


def test_duckdb_averages_parquet_coordinates(tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb", reason="DuckDB is a reader users have")
    path = write_events(events(), tmp_path / "events.parquet")
    assert duckdb.sql(f"select avg(latitude), count(latitude) from '{path}'").fetchall() == [(12.5, 1)]


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_datapackage_beside_every_events_file(tmp_path: Path, suffix: str) -> None:
    if suffix == ".parquet":
        pytest.importorskip("pyarrow", reason="pyarrow writes Parquet")
    path = write_events(events(), tmp_path / f"events{suffix}")
    package = json.loads((tmp_path / "datapackage.json").read_text("utf-8"))
    (described,) = package["resources"]
    assert described["path"] == path.name
    fields = {field["name"]: field["type"] for field in described["schema"]["fields"]}
    assert fields["cameo"] == fields["date"] == "string"
    assert fields["latitude"] == "number" and fields["geonames_id"] == "integer"


def test_two_tables_share_one_datapackage(tmp_path: Path) -> None:
    write_events(events(), tmp_path / "a.csv")
    write_events(events(), tmp_path / "b.jsonl")
    write_events(events(), tmp_path / "a.csv")
    package = json.loads((tmp_path / "datapackage.json").read_text("utf-8"))
    assert [r["path"] for r in package["resources"]] == ["b.jsonl", "a.csv"]


def test_frictionless_validates_and_reads_codes_as_text(tmp_path: Path) -> None:
    frictionless = pytest.importorskip("frictionless", reason="frictionless reads the schema")
    write_events(events(), tmp_path / "events.csv")
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = frictionless.Package(str(tmp_path / "datapackage.json"))
    rows = package.get_resource("events.csv").read_rows()
    assert (rows[0]["cameo"], rows[0]["date"], rows[0]["latitude"]) == ("0841", "2001-07", 12.5)
    assert rows[0]["longitude"] == -3.25  # written "'-3.25" by the CSV-injection guard
    assert rows[1]["latitude"] is None


def test_pandas_with_the_schema_keeps_codes_as_text(tmp_path: Path) -> None:
    import pandas as pd

    write_events(events(), tmp_path / "events.csv")
    fields = json.loads((tmp_path / "datapackage.json").read_text("utf-8"))["resources"][0]["schema"]["fields"]
    dtypes = {f["name"]: {"integer": "Int64", "number": "float64"}.get(f["type"], "string") for f in fields}
    dtypes["longitude"] = "string"  # "'-3.25": pandas has no bareNumber
    frame = pd.read_csv(tmp_path / "events.csv", dtype=dtypes)
    assert frame.loc[0, "cameo"] == "0841" and frame.loc[0, "date"] == "2001-07"
    assert frame["latitude"].mean() == 12.5 and frame.loc[0, "geonames_id"] == 123456


def test_every_reader_of_events_reads_parquet(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow", reason="pyarrow writes Parquet")
    from hrevents.exports import read_geo_events
    from hrevents.review import read_events_for_review

    path = write_events(events(), tmp_path / "events.parquet")
    assert read_geo_events(path) == (events(), True)  # export
    assert read_events_for_review(path) == (events(), {})  # review
    assert read_events(path) == events()  # evaluate --pred


def test_version_option() -> None:
    from typer.testing import CliRunner

    from hrevents import __version__
    from hrevents.cli import app

    result = CliRunner().invoke(app, ["--version"])
    assert (result.exit_code, result.output) == (0, f"hrevents {__version__}\n")


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_interval_columns_round_trip(tmp_path: Path, suffix: str) -> None:
    """Every format writes date_start/date_end after the record's columns, and reads back the records."""
    if suffix == ".parquet":
        pytest.importorskip("pyarrow", reason="pyarrow writes Parquet")
    ranged = events()[0].model_copy(update={"event_id": "e3", "date": "2001-07-06", "date_text": "July 6 to 9"})
    path = write_events([*events(), ranged], tmp_path / f"events{suffix}")
    frame = pd.read_parquet(path) if suffix == ".parquet" else None
    if suffix == ".csv":
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    elif suffix == ".jsonl":
        frame = pd.read_json(path, lines=True, dtype=False)
    assert frame is not None and tuple(frame.columns) == OUTPUT_COLUMNS
    cells = [
        (str(a)[:10] if a else "", str(b)[:10] if b else "")
        for a, b in zip(frame["date_start"], frame["date_end"], strict=True)
    ]
    assert cells == [("2001-07-01", "2001-07-31"), ("", ""), ("2001-07-06", "2001-07-09")]
    assert read_events(path) == [*events(), ranged]
    fields = {
        f["name"]: f["type"]
        for f in json.loads((tmp_path / "datapackage.json").read_text())["resources"][0]["schema"]["fields"]
    }
    assert fields["date_start"] == fields["date_end"] == "date"


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_files_written_before_the_interval_columns_still_read(tmp_path: Path, suffix: str) -> None:
    """An events file of the record's columns only (an older extract, another tool) reads the same."""
    rows = [event.row() for event in events()]
    path = tmp_path / f"old{suffix}"
    if suffix == ".csv":
        pd.DataFrame(rows, columns=list(EVENT_COLUMNS)).to_csv(path, index=False)
    elif suffix == ".jsonl":
        path.write_text("".join(json.dumps(row) + "\n" for row in rows), "utf-8")
    else:
        pytest.importorskip("pyarrow", reason="pyarrow writes Parquet")
        pd.DataFrame(rows, columns=list(EVENT_COLUMNS)).to_parquet(path)
    assert read_events(path) == events()


@pytest.mark.parametrize(
    ("start", "end", "ok"),
    [
        ("2001-07-01", "2001-07-31", True),
        ("2001-07-01", "2001-08-02", True),  # a range ending later
        ("", "", True),  # emptied: recomputed on the next write
        ("2001-07-02", "2001-07-31", False),
        ("2001-07-01", "2001-07-30", False),
        ("2001-07-01", "", False),
    ],
)
def test_interval_is_checked_against_the_date_on_read(tmp_path: Path, start: str, end: str, ok: bool) -> None:
    path = write_events(events()[:1], tmp_path / "events.csv")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[0, ["date_start", "date_end"]] = [start, end]
    frame.to_csv(path, index=False)
    if ok:
        assert read_events(path) == events()[:1]
    else:
        with pytest.raises(ValueError, match="disagree with date"):
            read_events(path)


def test_every_reader_of_events_reads_every_format(tmp_path: Path) -> None:
    """export, review, annotate and evaluate --pred read what extract writes, old and new."""
    from hrevents.annotation import events_for_export
    from hrevents.exports import read_geo_events
    from hrevents.review import read_events_for_review

    for suffix in (".csv", ".jsonl"):
        path = write_events(events(), tmp_path / f"events{suffix}")
        assert read_geo_events(path) == (events(), True)
        assert read_events_for_review(path)[0] == events()
        assert events_for_export([path]) == events()


@pytest.mark.model
def test_reports_and_errors_tables_are_described_and_valid(extractor, tmp_path: Path) -> None:
    """The tables extract writes beside the events are in the same datapackage.json, typed."""
    frictionless = pytest.importorskip("frictionless", reason="frictionless reads the schema")
    from hrevents.batch import BatchOptions, run_batch

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("On 24 August 2020, the police arrested Ana Lindqvist.\n", "utf-8")
    (folder / "empty.txt").write_text("", "utf-8")
    (folder / "latin.txt").write_bytes("Ana Lindqvist fue detenida en Montréal.\n".encode("cp1252"))
    out = tmp_path / "out" / "events.csv"
    run_batch(BatchOptions(inputs=[folder], out=out, quiet=True), extractor=extractor)
    package = json.loads((out.parent / "datapackage.json").read_text("utf-8"))
    assert sorted(r["path"] for r in package["resources"]) == ["errors.csv", "events.csv", "reports.csv"]
    report = frictionless.validate(str(out.parent / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    described = frictionless.Package(str(out.parent / "datapackage.json"))
    reports = {row["path"].rsplit("/", 1)[-1]: row for row in described.get_resource("reports.csv").read_rows()}
    assert reports["a.txt"]["events"] == 1 and reports["a.txt"]["seconds"] >= 0  # typed: int, Decimal
    assert reports["empty.txt"]["status"] == "failed"
    errors = described.get_resource("errors.csv").read_rows()
    assert {row["severity"] for row in errors} == {"error", "warning"}


def test_a_run_table_outside_its_schema_is_invalid(tmp_path: Path) -> None:
    frictionless = pytest.importorskip("frictionless", reason="frictionless reads the schema")
    from hrevents.batch import ERROR_COLUMNS
    from hrevents.tables import describe_run_tables
    from hrevents.writers import write_csv

    write_csv(tmp_path / "errors.csv", ERROR_COLUMNS, [["r.txt", "r", "fatal", "r.txt: broken"]])
    describe_run_tables(tmp_path, {"errors.csv": ERROR_COLUMNS})
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert not report.valid and "severity" in str(report.flatten(["fieldName"]))


def test_gold_import_reads_an_events_csv_marked_up_in_a_spreadsheet(tmp_path: Path) -> None:
    """`gold import` takes a reviewed CSV; an events CSV with a review_status column added is one."""
    from hrevents.review import read_reviewed

    path = write_events(events(), tmp_path / "events.csv")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame["review_status"] = "correct"
    frame.to_csv(path, index=False)
    assert [row.event() for row in read_reviewed(path)] == events()
