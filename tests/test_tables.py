"""Typed outputs: Parquet keeps numbers and NULLs, a Frictionless schema sits beside every events file."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from hrevents.tables import date_interval
from hrevents.writers import read_events, write_events
from hrevents_models import Event


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
        ("2001", dt.date(2001, 1, 1), dt.date(2001, 12, 31)),
        ("2001-07", dt.date(2001, 7, 1), dt.date(2001, 7, 31)),
        ("2020-02", dt.date(2020, 2, 1), dt.date(2020, 2, 29)),
        ("2020-08-24", dt.date(2020, 8, 24), dt.date(2020, 8, 24)),
        ("", None, None),
    ],
)
def test_date_interval(value: str, start: dt.date | None, end: dt.date | None) -> None:
    assert date_interval(value) == (start, end)


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
