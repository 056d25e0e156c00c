"""Exports (hrevents.exports): each format validated against its documented shape.

The shapes are the pydantic models of hrevents.exports (extra="forbid"); a test reads the
written file back and validates every record, and checks what links records together.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from hrevents import cli_export
from hrevents.exports import (
    ACLED_COLUMNS,
    PLOVER_COLUMNS,
    POLECAT_COLUMNS,
    POLECAT_HEADERS,
    AcledRecord,
    HuridocsDocument,
    PloverRecord,
    PolecatRecord,
    export,
    read_geo_events,
    to_acled,
    to_huridocs,
    to_plover,
)
from hrevents.geo import GEO_COLUMNS, geocode_events
from hrevents.reader import report_from_text
from hrevents_models import EVENT_COLUMNS, Event

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "outputs" / "examples"
SPEC_COLUMNS = tuple(c for c in EVENT_COLUMNS if c not in GEO_COLUMNS)  # the same before and after the wiring

REPORT_TEXT = """---
title: "Kenya - annual report (Example Watch)"
published: 2009-02-25
source: Example Watch
---
On February 25, police officers arrested Jane Doe in Nairobi. Officers tortured Jane Doe.
Police released John Roe on March 3. =HYPERLINK("http://x") was the slogan.
"""


def make_events() -> list[Event]:
    def ev(event_id, action, trigger, victim, **kw):
        return Event(
            event_id=event_id,
            report_id="ke-2008",
            action=action,
            trigger=trigger,
            victim=victim,
            cameo=kw.pop("cameo", ""),
            start_char=kw.pop("start", 80),
            end_char=kw.pop("end", 135),
            confidence=0.9,
            rule="test",
            **kw,
        )

    return [
        ev(
            "e1",
            "arrest",
            "arrested",
            "Jane Doe",
            cameo="173",
            perpetrator="police officers",
            place="Nairobi",
            date="2008-02-25",
            date_text="On February 25",
            evidence="On February 25, police officers arrested Jane Doe in Nairobi.",
        ),
        ev(
            "e2",
            "ill_treatment",
            "tortured",
            "Jane Doe",
            cameo="182",
            perpetrator="Officers",
            evidence="Officers tortured Jane Doe.",
            start=136,
            end=164,
        ),
        ev(
            "e3",
            "release",
            "released",
            "John Roe",
            cameo="0841",
            perpetrator="Police",
            date="2008-03",
            evidence='=HYPERLINK("http://x") Police released John Roe.',
            start=165,
            end=200,
        ),
        ev(
            "e4",
            "expulsion",
            "expelled",
            "Ann Smith",
            cameo="174",
            destination="Nigeria",
            date="2008",
            evidence="The authorities expelled Ann Smith to Nigeria.",
            start=201,
            end=240,
        ),
    ]


@pytest.fixture(scope="module")
def report():
    return report_from_text(REPORT_TEXT, report_id="ke-2008", path="ke-2008.txt")


@pytest.fixture(scope="module")
def events(report):
    return geocode_events(make_events(), report)


@pytest.fixture
def events_csv(tmp_path, events) -> Path:
    path = tmp_path / "events.csv"
    pd.DataFrame([e.row() for e in events]).to_csv(path, index=False)
    return path


@pytest.fixture
def report_file(tmp_path) -> Path:
    path = tmp_path / "reports" / "ke-2008.txt"
    path.parent.mkdir()
    path.write_text(REPORT_TEXT, encoding="utf-8")
    return path


# --- PLOVER -------------------------------------------------------------------------------


def test_plover_rows(events):
    rows = {r.event_id: r for r in to_plover(events)}
    assert (rows["e1"].event_type, rows["e1"].event_mode, rows["e1"].cameo) == ("COERCE", "arrest", "173")
    assert (rows["e2"].event_type, rows["e2"].event_mode) == ("ASSAULT", "torture")  # refined by the trigger
    assert (rows["e3"].event_type, rows["e3"].event_mode) == ("RETREAT", "release")
    assert (rows["e4"].event_type, rows["e4"].event_mode) == ("COERCE", "deport")
    assert (rows["e1"].country, rows["e1"].geonames_id, rows["e1"].place_name) == ("KEN", "184745", "Nairobi")
    assert rows["e1"].latitude is not None and rows["e1"].date_precision == "day"
    assert rows["e3"].date_precision == "month" and rows["e4"].date_precision == "year"


def test_plover_file_matches_its_shape(tmp_path, events_csv):
    out, count = export(events_csv, "plover", tmp_path / "p.csv")
    with out.open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames) == PLOVER_COLUMNS
        rows = list(reader)
    assert count == len(rows) == 4
    for row in rows:
        PloverRecord.model_validate(
            {k: (v if v != "" or k not in ("latitude", "longitude") else None) for k, v in row.items()}
        )


# In THREATEN the mode is the content of the threat, read from the words after the trigger.
@pytest.mark.parametrize(
    ("trigger", "evidence", "mode"),
    [
        ("threatened", "Officers threatened her with arrest if she spoke again.", "arrest"),
        ("had threatened", "They had threatened that she would remain in prison for years.", "arrest"),
        ("threatened", "Unknown men threatened to kill his children.", "violence"),
        ("received death threats", "The lawyer received death threats by telephone.", "violence"),
        ("threatened", "Police threatened the editor. He was later beaten in custody.", ""),
        ("threatened", "The governor threatened the editor.", ""),
    ],
)
def test_plover_threat_mode(trigger, evidence, mode):
    event = Event(
        event_id="t1",
        report_id="r",
        action="threat",
        trigger=trigger,
        victim="Ann Example",
        cameo="130",
        evidence=evidence,
        start_char=0,
        end_char=len(evidence),
        confidence=0.5,
        rule="test",
    )
    (row,) = to_plover([event])
    assert (row.event_type, row.event_mode, row.quad_code) == ("THREATEN", mode, 3)


# POLECAT's published tab-separated files carry these 40 headers, in this order.
POLECAT_PUBLISHED_HEADERS = (
    "Event ID\tEvent Date\tEvent Type\tEvent Mode\tIntensity\tQuad Code\tContexts\tActor Name\t"
    "Actor Country\tActor COW\tPrimary Actor Sector\tActor Sectors\tActor Title\tActor Name Raw\t"
    "Wikipedia Actor ID\tRecipient Name\tRecipient Country\tRecipient COW\tPrimary Recipient Sector\t"
    "Recipient Sectors\tRecipient Title\tRecipient Name Raw\tWikipedia Recipient ID\tPlacename\tCity\t"
    "District\tProvince\tCountry\tLatitude\tLongitude\tGeoNames ID\tRaw Placename\tFeature Type\tSource\t"
    "Publication Date\tStory People\tStory Organizations\tStory Locations\tLanguage\tVersion"
)


def test_polecat_tsv_has_polecats_headers_and_the_plover_coding(tmp_path, events_csv, report_file):
    out, count = export(events_csv, "polecat", tmp_path / "events.polecat.tsv", [report_file])
    first_line = out.read_text("utf-8").splitlines()[0]
    assert first_line == POLECAT_PUBLISHED_HEADERS
    frame = pd.read_csv(out, sep="\t", dtype=str, keep_default_na=False)
    assert tuple(frame.columns) == POLECAT_HEADERS and count == len(frame) == 4
    rows = {row["Event ID"]: row for row in frame.to_dict(orient="records")}
    arrest = rows["e1"]
    assert (arrest["Event Type"], arrest["Event Mode"], arrest["Quad Code"], arrest["Country"]) == (
        "COERCE",
        "arrest",
        "4",
        "KEN",
    )
    assert (arrest["Recipient Name"], arrest["Actor Name"], arrest["City"], arrest["GeoNames ID"]) == (
        "Jane Doe",
        "police officers",
        "Nairobi",
        "184745",
    )
    assert arrest["Publication Date"] == "2009-02-25" and arrest["Contexts"] == "legal;repression;human_rights"
    # what the report does not say stays empty
    assert arrest["Actor Country"] == arrest["Intensity"] == arrest["Wikipedia Actor ID"] == arrest["Language"] == ""
    for row in frame.to_dict(orient="records"):
        values = dict(zip(POLECAT_COLUMNS, row.values(), strict=True))
        for name in ("latitude", "longitude"):
            values[name] = values[name] or None
        PolecatRecord.model_validate(values)
    assert rows["e3"]["Event Type"] == "RETREAT"  # a formula-like evidence cell stays harmless
    assert not any(cell.startswith("=") for cell in frame.to_numpy().ravel())


# --- ACLED --------------------------------------------------------------------------------


def test_acled_rows(events, report):
    from hrevents.exports import Sources

    rows = {e.action: r for e, r in zip(events, to_acled(events, Sources({"ke-2008": report})), strict=True)}
    arrest = rows["arrest"]
    assert (arrest.event_type, arrest.sub_event_type, arrest.disorder_type) == (
        "Strategic developments",
        "Arrests",
        "Strategic developments",
    )
    assert (arrest.event_date, arrest.year, arrest.time_precision) == ("2008-02-25", 2008, 1)
    assert (arrest.country, arrest.iso, arrest.location, arrest.geo_precision) == ("Kenya", 404, "Nairobi", 1)
    assert arrest.actor1 == "police officers" and arrest.actor2 == "Civilians (Kenya)"
    assert (arrest.inter1, arrest.inter2, arrest.interaction) == (1, 7, 17)  # state forces on civilians
    assert arrest.source == "Kenya - annual report (Example Watch)"
    assert arrest.event_id_cnty == "KEN-HRE-e1"
    torture = rows["ill_treatment"]
    assert (torture.event_type, torture.sub_event_type, torture.civilian_targeting) == (
        "Violence against civilians",
        "Attack",
        "Civilian targeting",
    )
    release = rows["release"]
    assert (release.event_date, release.time_precision) == ("2008-03-15", 3)  # a month: its middle
    assert (release.location, release.geo_precision, release.latitude) == ("Kenya", 3, None)
    assert (arrest.region, arrest.admin2) == ("Eastern Africa", "")
    assert arrest.source_scale == ""  # "Example Watch" is in no table: left empty, not guessed


# ACLED's region from the country (its M49 sub-region, or the countries ACLED places elsewhere).
@pytest.mark.parametrize(
    ("country", "region"),
    [
        ("BY", "Europe"),
        ("KE", "Eastern Africa"),
        ("NG", "Western Africa"),
        ("EG", "Northern Africa"),
        ("IR", "Middle East"),
        ("SY", "Middle East"),
        ("AZ", "Caucasus and Central Asia"),
        ("UZ", "Caucasus and Central Asia"),
        ("IN", "South Asia"),
        ("KH", "Southeast Asia"),
        ("CN", "East Asia"),
        ("MX", "Central America"),
        ("VE", "South America"),
        ("CU", "Caribbean"),
        ("US", "North America"),
        ("FJ", "Oceania"),
        ("", ""),
        ("ZZ", ""),
    ],
)
def test_acled_region(country, region):
    from hrevents.mappings import load_acled_context

    assert load_acled_context().region(country) == region


@pytest.mark.parametrize(
    ("publisher", "scale"),
    [
        ("Amnesty International", "International"),
        ("Human Rights Watch", "International"),
        ("U.S. Department of State, Bureau of Democracy, Human Rights, and Labor", "International"),
        ("Committee to Protect Journalists", "International"),
        ("Example Watch", ""),
        ("", ""),
    ],
)
def test_acled_source_scale(publisher, scale):
    from hrevents.exports import Sources

    report = report_from_text(
        f"---\ntitle: Kenya report\nsource: {publisher or 'x'}\n---\nText.\n", report_id="ke-2008"
    )
    if not publisher:
        report = report_from_text("Text.\n", report_id="ke-2008")
    (row,) = to_acled(make_events()[:1], Sources({"ke-2008": report}))
    assert row.source_scale == scale


@pytest.mark.parametrize(
    ("date", "event_date", "year", "precision"),
    [("2008-02-25", "2008-02-25", 2008, 1), ("2008-02", "2008-02-15", 2008, 3), ("2008", "", 2008, None)],
)
def test_acled_dates_never_pretend_to_a_day(events, date, event_date, year, precision):
    (row,) = to_acled([events[0].model_copy(update={"date": date})])
    assert (row.event_date, row.year, row.time_precision) == (event_date, year, precision)
    assert not hasattr(row, "tags")


def test_acled_killing_counts_a_fatality(report):
    killing = Event(
        event_id="k",
        report_id="ke-2008",
        action="killing",
        trigger="shot and killed",
        victim="A B",
        evidence="Police shot and killed A B.",
        start_char=0,
        end_char=5,
        confidence=1,
        rule="t",
    )
    (row,) = to_acled(geocode_events([killing], report))
    assert (row.fatalities, row.sub_event_type) == (1, "Attack")


def test_acled_file_matches_its_shape_and_is_safe_in_a_spreadsheet(tmp_path, events_csv):
    out, count = export(events_csv, "acled", tmp_path / "a.csv")
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert tuple(frame.columns) == ACLED_COLUMNS and count == len(frame) == 4
    for row in frame.to_dict(orient="records"):
        data = {
            k: (
                None
                if v == ""
                and k
                in ("year", "time_precision", "iso", "latitude", "longitude", "geo_precision", "inter1", "interaction")
                else v
            )
            for k, v in row.items()
        }
        AcledRecord.model_validate(data)
    assert not any(cell.startswith("=") for cell in frame["notes"])


def test_acled_jsonl(tmp_path, events_csv):
    out, _ = export(events_csv, "acled", tmp_path / "a.jsonl")
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert next(AcledRecord.model_validate(r).event_id_cnty for r in rows).endswith("-HRE-e1")


# --- HURIDOCS -----------------------------------------------------------------------------


def test_huridocs_document_links_hold(events, report):
    from hrevents.exports import Sources

    document = to_huridocs(events, Sources({"ke-2008": report}))
    HuridocsDocument.model_validate(document.model_dump())
    events_by_id = {e.event_record_number: e for e in document.events}
    persons = {p.person_record_number: p for p in document.persons}
    acts = {a.act_record_number: a for a in document.acts}
    info = {i.information_record_number: i for i in document.information}
    assert len(acts) == 3 and len(document.proceedings) == 1  # the release is no violation
    for act in document.acts:
        assert act.event in events_by_id and act.act_record_number in events_by_id[act.event].acts
        assert "victim" in persons[act.victim].roles
        assert persons[act.victim].counting_unit.term == "Individual"
    for involvement in document.involvements:
        assert involvement.act in acts and involvement.event == acts[involvement.act].event
        assert "perpetrator" in persons[involvement.perpetrator].roles
        assert involvement.involvement_record_number in events_by_id[involvement.event].involvements
        assert involvement.degree_of_involvement.term == "Directly carried out the act"
    for esf in document.events:
        assert esf.information and all(i in info for i in esf.information)
    for item in document.information:
        assert "source" in persons[item.source].roles
        assert (item.source_name, item.date_of_source_material) == (
            "Kenya - annual report (Example Watch)",
            "2009-02-25",
        )
    by_action = {a.remarks.split(";")[0]: a for a in document.acts}
    arrest = by_action["hrevents action=arrest"]
    assert arrest.type_of_act.model_dump() == {"huri_code": "030101000000", "term": "Arrest"}
    assert (arrest.initial_date, arrest.initial_date_type, arrest.exact_location) == ("2008-02-25", None, "Nairobi")
    assert arrest.location.geonames_id == 184745
    assert by_action["hrevents action=ill_treatment"].type_of_act.term == "Torture"
    assert "hrevents action=release" not in by_action  # not an act: a proceeding of its event
    (release,) = document.proceedings
    assert release.action == "release" and release.no_type_of_act and persons[release.by].name == "Police"
    assert release.proceeding_record_number in events_by_id[release.event].proceedings
    assert release.initial_date_type.model_dump() == {"huri_code": "020000000000", "term": "Unknown day"}
    expulsion = by_action["hrevents action=expulsion"]
    assert expulsion.type_of_act.model_dump() == {"huri_code": "330101000000", "term": "Expulsion; deportation"}
    assert expulsion.initial_date_type.term == "Unknown month and day"
    assert {e.geographical_term.model_dump()["term"] for e in document.events} == {"Kenya"}
    assert document.events[0].geographical_term.huri_code == "010135000000"
    police = next(i for i in document.involvements if persons[i.perpetrator].name == "police officers")
    assert police.type_of_perpetrator.term == "Police"


def test_huridocs_file_and_determinism(tmp_path, events_csv):
    first, count = export(events_csv, "huridocs", tmp_path / "one.json")
    second, _ = export(events_csv, "huridocs", tmp_path / "two.json")
    assert first.read_bytes() == second.read_bytes()
    document = HuridocsDocument.model_validate(json.loads(first.read_text("utf-8")))
    assert count == len(document.acts) + len(document.proceedings) == 4


# --- input handling -----------------------------------------------------------------------


def test_events_without_geo_columns_are_geocoded_from_the_reports(tmp_path, report_file):
    plain = tmp_path / "plain.csv"
    pd.DataFrame([e.row() for e in make_events()], columns=list(SPEC_COLUMNS)).to_csv(plain, index=False)
    events, had_geo = read_geo_events(plain)
    assert not had_geo and all(e.country == "" for e in events)
    out, _ = export(plain, "plover", tmp_path / "p.csv", [report_file.parent])
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert set(frame["country"]) == {"KEN"}
    assert frame.loc[frame.event_id == "e1", "geonames_id"].item() == "184745"


def test_geo_columns_survive_a_round_trip(events_csv, events):
    read, had_geo = read_geo_events(events_csv)
    assert had_geo
    assert [{c: getattr(e, c) for c in GEO_COLUMNS} for e in read] == [
        {c: getattr(e, c) for c in GEO_COLUMNS} for e in events
    ]


def test_cli_formats_are_the_export_formats():
    from hrevents.exports import ExportFormat

    assert [c.value for c in cli_export.ExportChoice] == [f.value for f in ExportFormat]


def test_cli_export(tmp_path, events_csv):
    from hrevents.cli import app

    out = tmp_path / "out.json"
    result = CliRunner().invoke(app, ["export", str(events_csv), "--format", "huridocs", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "4 huridocs records" in result.output
    HuridocsDocument.model_validate(json.loads(out.read_text("utf-8")))
    bad = CliRunner().invoke(app, ["export", str(events_csv), "--format", "gdelt", "--out", str(out)])
    assert bad.exit_code != 0


@pytest.mark.parametrize("fmt", ["huridocs", "plover", "acled", "polecat"])
def test_cli_export_to_standard_output(tmp_path, events_csv, fmt):
    from hrevents.cli import app

    result = CliRunner().invoke(app, ["export", str(events_csv), "--format", fmt, "--out", "-"])
    assert result.exit_code == 0, result.output
    expected, _ = export(events_csv, fmt, tmp_path / ("x.tsv" if fmt == "polecat" else "x.json"))
    assert result.stdout == expected.read_text("utf-8")  # the records alone: pipe them on
    assert "4 " in result.stderr and "standard output" in result.stderr
    assert not list(Path.cwd().glob("-"))


def test_cli_export_uwazi_needs_a_file(events_csv):
    from hrevents.cli import app

    result = CliRunner().invoke(app, ["export", str(events_csv), "--format", "uwazi", "--out", "-"])
    assert result.exit_code == 2 and "template" in result.stderr


def test_export_files_are_valid_against_their_frictionless_schema(tmp_path, events_csv):
    frictionless = pytest.importorskip("frictionless", reason="frictionless validates the schema")
    names = {"plover": "p.csv", "acled": "a.csv", "polecat": "e.tsv", "uwazi": "u.csv"}
    for fmt, name in names.items():
        export(events_csv, fmt, tmp_path / name)
    package_path = tmp_path / "datapackage.json"
    report = frictionless.validate(str(package_path))
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "note"])
    package = frictionless.Package(str(package_path))
    assert sorted(r.path for r in package.resources) == sorted(names.values())
    plover = {row["event_id"]: row for row in package.get_resource("p.csv").read_rows()}
    assert plover["e3"]["cameo"] == "0841" and plover["e1"]["quad_code"] == 4  # text stays text, numbers typed
    assert plover["e1"]["latitude"] < 0  # Nairobi: the quoted negative number reads as a number
    acled = next(iter(package.get_resource("a.csv").read_rows()))
    assert (acled["iso"], acled["year"]) == (404, 2008)
    polecat = next(iter(package.get_resource("e.tsv").read_rows()))
    assert polecat["Quad Code"] == 4 and polecat["GeoNames ID"] == "184745"


# --- the shipped examples -----------------------------------------------------------------


def test_examples_exist_and_match_their_shapes():
    table = pd.read_csv(EXAMPLES / "events.geo.csv", dtype=str, keep_default_na=False)
    assert tuple(table.columns) == EVENT_COLUMNS and len(table) > 0
    document = HuridocsDocument.model_validate(json.loads((EXAMPLES / "events.huridocs.json").read_text("utf-8")))
    assert len(document.acts) + len(document.proceedings) == len(table)
    for name, columns, model in (
        ("events.plover.csv", PLOVER_COLUMNS, PloverRecord),
        ("events.acled.csv", ACLED_COLUMNS, AcledRecord),
    ):
        frame = pd.read_csv(EXAMPLES / name, dtype=str, keep_default_na=False)
        assert tuple(frame.columns) == columns and len(frame) == len(table)
        optional = {k for k, f in model.model_fields.items() if not f.is_required() or "None" in str(f.annotation)}
        for row in frame.to_dict(orient="records"):
            model.model_validate(
                {
                    k: (None if v == "" and k in optional and "None" in str(model.model_fields[k].annotation) else v)
                    for k, v in row.items()
                }
            )
    assert set(table["country"]) - {""}, "examples carry countries"


# ACLED admin2: a second-level ISO 3166-2 division the place names, from the offline gazetteer.
@pytest.mark.parametrize(
    ("place", "country", "feature_class", "admin1", "admin2"),
    [
        ("Wakiso District", "UG", "", "Central", "Wakiso"),
        ("the district of Masaka", "UG", "", "Central", "Masaka"),
        ("the province of Granada", "ES", "", "Andalucía", "Granada"),
        ("Essonne", "FR", "", "Île-de-France", "Essonne"),
        ("Masaka", "UG", "P", "", ""),  # the town: its district is not in the gazetteer, not guessed
        ("Minsk", "BY", "P", "", ""),  # no second level in ISO 3166-2
        ("a police station", "UG", "", "", ""),
    ],
)
def test_acled_admin2_from_the_gazetteer(place, country, feature_class, admin1, admin2):
    event = Event(
        event_id="d",
        report_id="r",
        action="arrest",
        trigger="arrested",
        victim="A B",
        place=place,
        country=country,
        feature_class=feature_class,
        geo_name=place if feature_class else "",
        evidence=f"Police arrested A B in {place}.",
        start_char=0,
        end_char=5,
        confidence=1,
        rule="t",
    )
    (row,) = to_acled([event])
    assert (row.admin1, row.admin2) == (admin1, admin2)
    if admin2:
        assert row.location == admin2
