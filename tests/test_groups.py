"""Group events (SPEC section 7): count forms, no double counting, modality, records.

Sentences are invented. Each case lists the events expected of one action as
(victim, victim_group, victim_count): a named event has an empty group and no count.
"""

from __future__ import annotations

import pytest
from factories import make_event

from hrevents.components.groups import count_words
from hrevents.rules.schema import load_lexicon
from hrevents_models import Event

# ---------------------------------------------------------------------- counts (no model)

COUNTS = [
    ("24", 24),
    ("1,671", 1671),
    ("twenty - four", 24),
    ("at least 12", 12),
    ("more than 100", 100),
    ("over 30", 30),
    ("at least a dozen", 12),
    ("approximately 450", 450),
    ("an estimated five thousand", 5000),
    ("more than one thousand", 1000),
    ("between 10,000 and 20,000", 10000),
    ("three to four thousand", 3000),
    ("between 10 and 18 thousand", 10000),
    ("30 - 200", 30),
    ("dozens of", None),
    ("hundreds of", None),
    ("scores of", None),
    ("several", None),
    ("a number of", None),
    ("several hundred", None),
    ("many", None),
]


@pytest.mark.parametrize(("words", "count"), COUNTS)
def test_count_words_follow_spec_7(words, count):
    assert count_words(words.lower().split(), load_lexicon().groups) == count


def test_count_words_are_data_not_code():
    groups = load_lexicon().groups
    assert groups.units["twenty"] == 20 and "at least" in groups.bounds and "protester" in groups.heads


# ---------------------------------------------------------------------- records (no model)


def _event(**fields) -> Event:
    return make_event(**{"report_id": "r", "confidence": 0.9, "rule": "t", **fields})


def test_an_event_has_a_victim_or_a_group_never_both_or_neither():
    assert _event(victim_group="24 students", victim_count=24).is_group
    assert not _event(victim="Ana Ruiz").is_group
    for fields in ({}, {"victim": "Ana Ruiz", "victim_group": "students"}, {"victim": "Ana Ruiz", "victim_count": 3}):
        with pytest.raises(ValueError):
            _event(**fields)


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_group_rows_round_trip_with_the_two_columns_last(tmp_path, suffix):
    from hrevents.writers import read_events, write_events
    from hrevents_models import EVENT_COLUMNS

    events = [
        _event(victim="Ana Ruiz"),
        _event(event_id="y", victim_group="24 students", victim_count=24),
        _event(event_id="z", victim_group="dozens of journalists"),
    ]
    path = write_events(events, tmp_path / f"events{suffix}")
    assert read_events(path) == events
    assert EVENT_COLUMNS[-2:] == ("victim_group", "victim_count")
    if suffix == ".csv":
        lines = path.read_text("utf-8").splitlines()
        assert lines[0].endswith(",geo_reason,victim_group,victim_count,date_start,date_end")
        assert lines[2].endswith(",24 students,24,,") and lines[3].endswith(",dozens of journalists,,,")


def test_parquet_keeps_counts_as_nullable_integers(tmp_path):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    from hrevents.writers import write_events

    path = write_events(
        [_event(victim_group="24 students", victim_count=24), _event(victim="Ana Ruiz")], tmp_path / "e.parquet"
    )
    assert pd.read_parquet(path)["victim_count"].tolist()[0] == 24


def test_exports_count_group_killings_and_mark_groups():
    from hrevents.exports import to_acled, to_huridocs

    killing = _event(action="killing", trigger="killed", victim_group="at least 12 civilians", victim_count=12)
    vague = _event(event_id="v", action="killing", trigger="killed", victim_group="dozens of civilians")
    assert [r.fatalities for r in to_acled([killing, vague])] == [12, 0]
    document = to_huridocs([killing])
    victim = next(p for p in document.persons if "victim" in p.roles)
    assert victim.counting_unit.term.startswith("Group") and victim.name == "at least 12 civilians"


# ---------------------------------------------------------------------- sentences (model)

FORMS = [
    ("Police arrested 24 students in Lakeside on 3 May.", "arrest", [("", "24 students", 24)]),
    ("Police arrested twenty-four students on 3 May.", "arrest", [("", "twenty-four students", 24)]),
    ("Security forces killed at least 12 civilians on 3 May.", "killing", [("", "at least 12 civilians", 12)]),
    ("More than 100 protesters were detained on 3 May.", "arrest", [("", "More than 100 protesters", 100)]),
    ("Police arrested over 30 members of the opposition.", "arrest", [("", "over 30 members of the opposition", 30)]),
    ("Police arrested dozens of journalists on 3 May.", "arrest", [("", "dozens of journalists", None)]),
    ("Soldiers detained hundreds of students on 3 May.", "arrest", [("", "hundreds of students", None)]),
    ("Police arrested several journalists on 3 May.", "arrest", [("", "several journalists", None)]),
    ("Police arrested a number of people on 3 May.", "arrest", [("", "a number of people", None)]),
    ("Police arrested scores of protesters on 3 May.", "arrest", [("", "scores of protesters", None)]),
    ("Soldiers beat a shopkeeper on 3 May.", "ill_treatment", [("", "a shopkeeper", 1)]),
    ("Soldiers beat the editor's brother on 3 May.", "ill_treatment", [("", "the editor's brother", 1)]),
    ("Police arrested six of the journalists on 3 May.", "arrest", [("", "six of the journalists", 6)]),
    (
        "In 2000 the Government detained between 10,000 and 20,000 refugees.",
        "arrest",
        [("", "between 10,000 and 20,000 refugees", 10000)],
    ),
]

NO_DOUBLE_COUNT = [
    (
        "Police arrested six members of the party: Ali Musa, Sara Lee, Tom Obi, Ana Ruiz, Omar Said and Lina Saad.",
        "arrest",
        [(name, "", None) for name in ("Ali Musa", "Ana Ruiz", "Lina Saad", "Omar Said", "Sara Lee", "Tom Obi")],
    ),
    ("Police arrested Ali Musa and 20 others on 3 May.", "arrest", [("", "20 others", 20), ("Ali Musa", "", None)]),
    (
        "On 3 May police arrested three journalists. Ali Musa, Sara Lee and Tom Obi were arrested at their office.",
        "arrest",
        [("Ali Musa", "", None), ("Sara Lee", "", None), ("Tom Obi", "", None)],
    ),
    (
        "Police arrested journalists on 3 May. The detained journalists included: Ali Musa, Sara Lee and Tom Obi.",
        "arrest",
        [("Ali Musa", "", None), ("Sara Lee", "", None), ("Tom Obi", "", None)],
    ),
    (
        "Police arrested six detainees on 3 May, including Ali Musa and Sara Lee.",
        "arrest",
        [("", "six detainees", 4), ("Ali Musa", "", None), ("Sara Lee", "", None)],
    ),
]

MODALITY = [
    "Police did not arrest 24 students.",
    "Officials warned of the arrest of several journalists.",
    "The authorities must release the 24 students.",
    "Police could arrest dozens of protesters.",
    "Police regularly detained persons without warrants.",
    "There were no reports that police arrested elected officials.",
    "The police have the authority to arrest and question suspects.",
    "Police detained persons.",
]

SAME_ACT = [
    # a back-reference takes its group's count; the same act told twice is one event
    (
        "Police arrested 24 students on 3 May. The students were released on 5 May.",
        "release",
        [("", "24 students (The students)", 24)],
    ),
    (
        "Police arrested a number of journalists on 3 May. Approximately nine journalists were arrested.",
        "arrest",
        [("", "Approximately nine journalists", 9)],
    ),
    (
        "Police arrested 12 students on 3 May. At year's end, they remained in detention.",
        "detention",
        [("", "12 students (they)", 12)],
    ),
]


def _found(events, action):
    return sorted((e.victim, e.victim_group, e.victim_count) for e in events if e.action == action)


@pytest.mark.model
@pytest.mark.parametrize(("text", "action", "expected"), FORMS + NO_DOUBLE_COUNT + SAME_ACT)
def test_group_events_of_a_sentence(extract_text, text, action, expected):
    assert _found(extract_text(text), action) == sorted(expected)


@pytest.mark.model
@pytest.mark.parametrize("text", MODALITY)
def test_groups_follow_the_realis_rules(extract_text, text):
    assert [e for e in extract_text(text) if e.is_group] == []


@pytest.mark.model
def test_group_events_carry_fields_provenance_and_stable_ids(extract_text):
    text = "Security forces killed at least 12 civilians in Lakeside on 3 May."
    (event,) = [e for e in extract_text(text) if e.is_group]
    assert (event.date, event.perpetrator, event.place) == ("2020-05-03", "Security forces", "Lakeside")
    assert event.rule == "killing.verb" and event.victim == "" and "12 civilians" in event.evidence
    again = [e for e in extract_text(text) if e.is_group]
    assert [e.event_id for e in again] == [event.event_id]


@pytest.mark.model
def test_two_groups_with_the_same_words_have_different_ids(extract_text):
    text = "On 3 May police arrested 24 students.\n\nOn 9 June police arrested 24 students."
    ids = [e.event_id for e in extract_text(text) if e.is_group]
    assert len(ids) == 2 and len(set(ids)) == 2
