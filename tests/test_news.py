"""News shapes (issue 15, kind 6): datelines, headlines, bylines and quotes. Every text is invented."""

from __future__ import annotations

import pytest

from hrevents.news import find_dateline

DATELINES = [
    # (text, the dateline's place, or None when the text opens with none)
    ("LAKESIDE, Freedonia (AP) — Police arrested a man.", "Lakeside, Freedonia"),
    ("LAKESIDE, Freedonia, May 3 (Wire) - Police arrested a man.", "Lakeside, Freedonia"),
    ("NEW LAKESIDE — Police arrested a man.", "New Lakeside"),
    ("LAKESIDE: Police arrested a man on Sunday.", "Lakeside"),
    ("LAKESIDE, Sept 17 — Police arrested a man.", "Lakeside"),
    ("PORT ELM, Ariz. (Wire) - A jury acquitted a man.", "Port Elm, Ariz."),
    ("Lakeside, Freedonia (Wire) — Police arrested a man.", "Lakeside, Freedonia"),
    ("Headline of the story\n\nBy Ann Smith\n\nLAKESIDE (AP) — Police arrested a man.", "Lakeside"),
    # two filing places, a glued or full-width dash, a year and a slashed agency, invisible characters
    ("LAKESIDE/HILLTOWN－Police arrested a man.", "Lakeside"),
    ("LAKESIDE -Police arrested a man.", "Lakeside"),
    ("LAKESIDE—Police arrested a man.", "Lakeside"),
    ("LAKESIDE, FREEDONIA, May 3, 2021 /NewsWire/ -- Police arrested a man.", "Lakeside, Freedonia"),
    ("PORT ELM, Ariz. (WXYZ) - \u200b Police arrested a man.", "Port Elm, Ariz."),
    # not datelines: a sentence, a title-case place without an agency, a dash inside a sentence
    ("Police in Lakeside arrested a man - the third this week.", None),
    ("Lakeside, Freedonia — Police arrested a man.", None),
    ("UN experts - who visited - said so.", None),
    ("ABC-DEF President Ana Ruiz shared a video.", None),
    ("UPDATE, MAY 17:", None),
]


@pytest.mark.parametrize(("text", "place"), DATELINES)
def test_datelines_are_read_from_the_opening_paragraphs(text, place):
    found = find_dateline(text)
    assert (found.place if found else None) == place
    if found:
        assert text[found.end :].startswith(("Police", "A jury"))


def test_a_dateline_after_many_paragraphs_is_not_one():
    text = "\n\n".join(["A paragraph."] * 8 + ["LAKESIDE (AP) — Police arrested a man."])
    assert find_dateline(text) is None


NEWS_EVENTS = [
    # (text, action, victim): the dateline is cut off the first sentence, never its subject
    ("NAIROBI, Kenya, May 3 (Wire) - Police arrested activist Maria Ostrova on Tuesday.", "arrest", "Maria Ostrova"),
    ("NAIROBI: Gunmen abducted journalist Tomas Reyes on Monday.", "abduction", "Tomas Reyes"),
]


@pytest.mark.parametrize(("text", "action", "victim"), NEWS_EVENTS)
def test_a_dateline_neither_makes_nor_blocks_an_event(extract_text, text, action, victim):
    events = extract_text(text, covers=None)
    assert [(e.action, e.victim) for e in events] == [(action, victim)]


def test_the_dateline_gives_the_place_and_country_where_the_clause_gives_none(extract_text):
    events = extract_text("NAIROBI, Kenya (AP) — Police arrested activist Maria Ostrova on Tuesday.", covers=None)
    assert [(e.place, e.country) for e in events] == [("Nairobi, Kenya", "KE")]


def test_the_clause_place_wins_over_the_dateline(extract_text):
    events = extract_text("NAIROBI, Kenya (AP) — Police arrested activist Maria Ostrova in Mombasa.", covers=None)
    assert [(e.place, e.country) for e in events] == [("Mombasa", "KE")]


def test_a_dateline_abroad_gives_no_place_to_an_event_in_another_country(extract_text):
    text = (
        "---\ntitle: Activist held in Uganda\n---\n"
        "GENEVA (Wire) — Ugandan police arrested activist Maria Ostrova on Friday, a rights group said."
    )
    events = extract_text(text, covers=None)
    assert [(e.victim, e.place, e.country) for e in events] == [("Maria Ostrova", "", "UG")]


NOT_PEOPLE = [
    # (text, action): the only "victim" is a place or a body, so no named event
    ("The Lakeside police said a driver from Lakeside was beaten. He had been beaten by a gang.", "ill_treatment"),
    ("Officials said Northern Ghana was hit by a wave of kidnappings.", "abduction"),
    ("Prosecutors accused Sri Lanka of failing to act.", "charge"),
]


@pytest.mark.parametrize(("text", "action"), NOT_PEOPLE)
def test_places_and_countries_are_never_victims(extract_text, text, action):
    assert [e.victim for e in extract_text(text) if e.action == action and e.victim] == []


def test_a_person_named_in_full_stays_a_person_where_the_surname_modifies_a_noun(extract_text):
    text = "Police arrested Omar Lakeside on 2 May. The Lakeside case drew protests. He was later released."
    assert {(e.action, e.victim) for e in extract_text(text)} >= {
        ("arrest", "Omar Lakeside"),
        ("release", "Omar Lakeside"),
    }


NEWS_SHAPES = [
    # (text, the (action, victim) pairs expected): a headline repeating the lead is the same
    # act, a byline names the writer (never a victim), an official's quoted intent is no act
    (
        "Journalist Juma Okello detained\n\nPolice detained journalist Juma Okello on Monday in Nairobi.",
        [("arrest", "Juma Okello")],
    ),
    (
        "By Maria Ostrova, Wire Service\n\nNAIROBI (Wire) — Police detained journalist Juma Okello on Monday.",
        [("arrest", "Juma Okello")],
    ),
    ("“We will arrest them all,” the minister said on Monday.", []),
    ("‘We will arrest Juma Okello,’ the minister said.", []),
]


@pytest.mark.parametrize(("text", "expected"), NEWS_SHAPES)
def test_headlines_bylines_and_quoted_intentions(extract_text, text, expected):
    assert [(e.action, e.victim) for e in extract_text(text, covers=None) if e.victim] == expected


def test_the_only_country_an_article_names_is_its_country(extract_text):
    text = "Police arrested activist Maria Ostrova on Tuesday, Ugandan media reported."
    assert [(e.victim, e.country) for e in extract_text(text, covers=None)] == [("Maria Ostrova", "UG")]
