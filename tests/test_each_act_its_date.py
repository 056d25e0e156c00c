"""Each act its own date (issue 15): a list of victims each followed by its own date, verbs
coordinated with their own dates, and an act counted from the person's own dated act.

Invented sentences: several shapes per construction (active, passive, runs of victims, three
victims, different verbs and actions), with the negative shapes that must keep one date.
"""

from __future__ import annotations

import pytest

from hrevents.assemble import PARAGRAPH_DATE_RULE
from hrevents.dates import months_on

LISTED = [
    # (text, action, {victim: date}): each victim takes the date written after it
    (
        "Soldiers killed Ana Ruiz on January 7 and Luis Mora on June 15.",
        "killing",
        {"Ana Ruiz": "2020-01-07", "Luis Mora": "2020-06-15"},
    ),
    (
        "Police detained Ana Ruiz in March and Luis Mora in May.",
        "arrest",
        {"Ana Ruiz": "2020-03", "Luis Mora": "2020-05"},
    ),
    (
        "Ana Ruiz was arrested on 2 May and Luis Mora on 5 May.",
        "arrest",
        {"Ana Ruiz": "2020-05-02", "Luis Mora": "2020-05-05"},
    ),
    (
        "Gunmen abducted Ana Ruiz and Rosa Diaz on 4 April and Luis Mora on 9 April.",
        "abduction",
        {"Ana Ruiz": "2020-04-04", "Rosa Diaz": "2020-04-04", "Luis Mora": "2020-04-09"},
    ),
    (
        "Gunmen shot and killed Marco Silva on January 7 and Teo Silva on June 15.",
        "killing",
        {"Marco Silva": "2020-01-07", "Teo Silva": "2020-06-15"},
    ),
    (
        "A court sentenced Ana Ruiz in June and Luis Mora in August.",
        "sentence",
        {"Ana Ruiz": "2020-06", "Luis Mora": "2020-08"},
    ),
    (
        "Police beat Ana Ruiz on 3 March and Luis Mora on 4 March.",
        "ill_treatment",
        {"Ana Ruiz": "2020-03-03", "Luis Mora": "2020-03-04"},
    ),
    (
        "Ana Ruiz was detained by soldiers on 2 May and Luis Mora on 5 May.",
        "arrest",
        {"Ana Ruiz": "2020-05-02", "Luis Mora": "2020-05-05"},
    ),
    (
        "Police arrested Ana Ruiz in Riverton on 2 May and Luis Mora on 5 May.",
        "arrest",
        {"Ana Ruiz": "2020-05-02", "Luis Mora": "2020-05-05"},
    ),
    # one date for the whole list: before it, after it, or on another verb; period ends are
    # not dates of the act
    (
        "Police detained Ana Ruiz until May and Luis Mora until June.",
        "arrest",
        {"Ana Ruiz": "", "Luis Mora": ""},
    ),
    (
        "On 2 May police arrested Ana Ruiz and Luis Mora.",
        "arrest",
        {"Ana Ruiz": "2020-05-02", "Luis Mora": "2020-05-02"},
    ),
    (
        "Police arrested Ana Ruiz and Luis Mora on 2 May.",
        "arrest",
        {"Ana Ruiz": "2020-05-02", "Luis Mora": "2020-05-02"},
    ),
    (
        "In June soldiers killed Ana Ruiz and Luis Mora during a raid.",
        "killing",
        {"Ana Ruiz": "2020-06", "Luis Mora": "2020-06"},
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "action", "dates"), LISTED)
def test_each_listed_victim_takes_the_date_after_it(extract_text, text, action, dates):
    events = [e for e in extract_text(text) if e.action == action]
    assert {e.victim: e.date for e in events} == dates
    assert not any(PARAGRAPH_DATE_RULE in e.rule.split("+") for e in events)


COORDINATED = [
    # (text, published, action, date): each coordinated verb keeps its own date
    ("Police arrested Ana Ruiz on 2 May and released her on 9 May.", None, "release", "2020-05-09"),
    ("Police arrested Ana Ruiz on 2 May and released her on 9 May.", None, "arrest", "2020-05-02"),
    (
        "Authorities detained Ana Ruiz on 2 May, charged her with treason on 5 May, and released her on 9 May.",
        None,
        "charge",
        "2020-05-05",
    ),
    ("Police arrested Ana Ruiz on Tuesday and charged her on Thursday.", "2020-05-15", "charge", "2020-05-14"),
    ("Police arrested Ana Ruiz on Tuesday and charged her on Thursday.", "2020-05-15", "arrest", "2020-05-12"),
    ("Ana Ruiz was arrested on Monday and released on Wednesday.", "2020-05-15", "release", "2020-05-13"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "published", "action", "date"), COORDINATED)
def test_each_coordinated_verb_keeps_its_own_date(extractor, text, published, action, date):
    from hrevents.reader import report_from_text

    front = f'---\npublished: "{published}"\n---\n' if published else '---\ncovers: "2020"\n---\n'
    events = [e for e in extractor.extract(report_from_text(front + text, "test")) if e.action == action]
    assert [e.date for e in events] == [date]


COUNTED = [
    # (text, release date, inferred): an act counted from the person's own dated act
    ("Ana Ruiz was arrested in March and released two months after her arrest.", "2020-05", True),
    ("Police arrested Ana Ruiz on 3 March and freed her three months after her detention.", "2020-06", True),
    ("Police arrested Ana Ruiz on 3 March. She was released two months after her arrest.", "2020-05", True),
    ("Police arrested Ana Ruiz on 3 March and freed her two days after her arrest.", "2020-03-05", True),
    # a round figure still names the month (flagged); no count gives no date, and never the
    # coordinated verb's
    ("Ana Ruiz was arrested in March and released about two months after her arrest.", "2020-05", True),
    ("Police arrested Ana Ruiz in January. She was freed approximately two months after her arrest.", "2020-03", True),
    ("Police arrested Ana Ruiz on 3 March and freed her a few months after her arrest.", "", False),
    ("Police arrested Ana Ruiz on 3 March. She was released over two months after her arrest.", "", False),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "date", "inferred"), COUNTED)
def test_an_act_counted_from_the_persons_own_act(extract_text, text, date, inferred):
    events = [e for e in extract_text(text) if e.action == "release"]
    assert [e.date for e in events] == [date]
    assert (PARAGRAPH_DATE_RULE in events[0].rule.split("+")) is inferred


@pytest.mark.parametrize(
    ("reference", "length", "month"),
    [
        ("2020-03", "two months", "2020-05"),
        ("2020-11-03", "3 months", "2021-02"),
        ("2020-03", "about two months", "2020-05"),
        ("2020-03", "approximately 2 months", "2020-05"),
        ("2020-03", "a few months", None),
        ("2020-03", "over two months", None),
        ("2020-03", "two weeks", None),
        ("2020", "two months", None),
        (None, "two months", None),
    ],
)
def test_whole_months_after_a_dated_act(reference, length, month):
    assert months_on(reference, length) == month
