"""Name resolution: fullest names, surnames, spelling variants, pronouns and groups."""

from __future__ import annotations

import pytest

CASES = [
    # (text, action, expected victim)
    ("Presidential hopeful Viktor Babarin joined the race. In June Babarin was arrested.", "arrest", "Viktor Babarin"),
    ("Journalist Peter Okoro wrote the story. On 2 May he was arrested by police.", "arrest", "Peter Okoro"),
    ("Police arrested Anna Kovalenko on 2 May. She was charged with treason.", "charge", "Anna Kovalenko"),
    ("Police detained Dr. Samuel Mensah in March.", "arrest", "Samuel Mensah"),
    ("Police arrested Siarhei Ivanou on 5 May. Syarhei Ivanou was released on 7 May.", "release", "Siarhei Ivanou"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "action", "victim"), CASES)
def test_victim_is_the_fullest_name(extract_text, text, action, victim):
    events = [e for e in extract_text(text) if e.action == action]
    assert [e.victim for e in events] == [victim]


@pytest.mark.model
def test_pronoun_of_an_unnamed_person_is_not_resolved_to_someone_else(extract_text):
    text = "Activist Maria Lopez spoke at the rally. Later police arrested a policeman and charged him with murder."
    charges = [e for e in extract_text(text) if e.action == "charge"]
    assert [(e.victim, e.victim_count) for e in charges] == [("", 1)]  # the policeman: a group event (SPEC 7)


@pytest.mark.model
def test_group_reference_takes_the_people_named_before(extract_text):
    text = (
        "On 9 May police arrested two lawyers, Ivan Petrov and Oleg Sidorov. Both are facing charges under Article 5."
    )
    charged = sorted(e.victim for e in extract_text(text) if e.action == "charge")
    assert charged == ["Ivan Petrov", "Oleg Sidorov"]


@pytest.mark.model
def test_pronoun_chain_across_sentences(extract_text):
    text = (
        "On 8 June security forces detained newspaper distributor Abebe Kebede. After his release on 7 July, "
        "he gave an interview to the weekly Addis Zena. Authorities detained him again on 19 August."
    )
    arrests = [e for e in extract_text(text, covers="2005") if e.action == "arrest"]
    assert sorted((e.victim, e.date) for e in arrests) == [
        ("Abebe Kebede", "2005-06-08"),
        ("Abebe Kebede", "2005-08-19"),
    ]


@pytest.mark.model
def test_same_act_twice_is_one_event_with_the_most_precise_date(extract_text):
    text = "In May police arrested Karim Haddad. Haddad was arrested on 12 May at his home."
    arrests = [e for e in extract_text(text) if e.action == "arrest"]
    assert [(e.victim, e.date) for e in arrests] == [("Karim Haddad", "2020-05-12")]


def test_fold_ignores_case_and_diacritics():
    from hrevents.components.people import fold

    assert fold("Sviatlana Tsikhanoŭskaya") == fold("sviatlana tsikhanouskaya")


SURNAME_IS_A_TITLE = [
    # A surname that is also a title ("Sheikh") names nobody alone, since a title is cleaned
    # away; the passage must still give its other events instead of failing on the lookup.
    (
        "Police arrested Omar Saeed Sheikh in May. A court later sentenced Sheikh to death.",
        ("arrest", "Omar Saeed Sheikh"),
    ),
    (
        "Gunmen kidnapped the reporter Ali Hamid Sheikh. Police said Sheikh was freed on Monday.",
        ("abduction", "Ali Hamid Sheikh"),
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), SURNAME_IS_A_TITLE)
def test_a_surname_that_is_a_title_does_not_take_the_passage_down(extract_text, text, expected):
    assert expected in {(e.action, e.victim) for e in extract_text(text)}
