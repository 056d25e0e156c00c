"""Group events (SPEC section 7) by how English counts people it does not name: a number
standing alone or of a group told before, a count in brackets, a count of acts with an "of"
group, companions taken "with" the victim, people of a light verb coordinated with the act,
and people nouns (defendants, guards, politicians) that were missing from the heads.
Every sentence is invented, several shapes, verbs and actions per construction.

A positive lists the group events expected of one action as (victim_group, victim_count);
a negative gives no group event of the action at all.
"""

from __future__ import annotations

import pytest

POSITIVES = [
    # people nouns: a defendant, a guard, a politician is a person the act can be done to
    ("In May, a jury acquitted three defendants in the fraud case.", "acquittal", [("three defendants", 3)]),
    ("Four prison guards were sentenced to ten years in prison in June.", "sentence", [("Four prison guards", 4)]),
    ("In March police arrested 18 opposition politicians.", "arrest", [("18 opposition politicians", 18)]),
    ("Gunmen kidnapped two shepherds near the border on 4 April.", "abduction", [("two shepherds", 2)]),
    # a number of a group told before: "N of them", "N of the M"
    ("Most detainees went home, but police kept five of them in custody.", "detention", [("five of them", 5)]),
    ("The court released seven of the 18 on bail in May.", "release", [("seven of the 18", 7)]),
    ("Soldiers beat 30 villagers in May and later shot two of them.", "ill_treatment", [("30 villagers", 30)]),
    # ... less the members the phrase names
    ("On 3 May authorities freed four of the 11, including Ana Ruiz.", "release", [("four of the 11", 3)]),
    # a number alone in a subject or object slot stands for people
    (
        "In June, 15 hostages were freed, and seven were released after talks.",
        "release",
        [("15 hostages", 15), ("seven", 7)],
    ),
    ("In 2019, 12 were killed in clashes with the army.", "killing", [("12", 12)]),
    ("In May, police detained 40 during the march.", "arrest", [("40", 40)]),
    # a number before a list counts the whole list
    (
        "In May authorities arrested and detained more than 30 opposition politicians, lawyers, and other critics.",
        "arrest",
        [("more than 30 opposition politicians", 30)],
    ),
    ("Gunmen abducted 14 teachers, pupils and parents in March.", "abduction", [("14 teachers", 14)]),
    # ... but people of a list with counts of their own stay groups of their own
    (
        "Police arrested journalists, an NGO leader, and a teacher on 3 May.",
        "arrest",
        [("journalists", None), ("an NGO leader", 1), ("a teacher", 1)],
    ),
    # a plural quantity noun alone stands for people, with no count
    ("Militants killed hundreds with bombs in 2020.", "killing", [("hundreds", None)]),
    ("In May, dozens were detained in the capital.", "arrest", [("dozens", None)]),
    ("Police arrested thousands during the protests in May.", "arrest", [("thousands", None)]),
    # a copula makes its subject the victims of an act noun
    (
        "Between January and September, a local group reported 16 persons were victims of enforced disappearances.",
        "disappearance",
        [("16 persons", 16)],
    ),
    (
        "In May, dozens of students became victims of torture in the camp.",
        "ill_treatment",
        [("dozens of students", None)],
    ),
    # a count in brackets after the group
    ("Security forces detained protesters (at least 30) on 3 May.", "arrest", [("protesters (at least 30)", 30)]),
    ("Students (about 40) were expelled from the university in May.", "dismissal", [("Students (about 40)", 40)]),
    # brackets that hold no count give none
    ("Police detained protesters (see section 2) on 3 May.", "arrest", [("protesters", None)]),
    # a counted act noun counts the people of its "of" phrase
    ("The crackdown led to more than 60 arrests of students in March.", "arrest", [("students", 60)]),
    ("Monitors documented 45 killings of civilians by soldiers in 2019.", "killing", [("civilians", 45)]),
    ("In May there were 12 abductions of farmers and traders by gunmen.", "abduction", [("farmers and traders", 12)]),
    # a year before an act noun is no count of it
    ("Monitors said the 2019 killings of activists occurred in rural areas.", "killing", [("activists", None)]),
    ("Police detained no fewer than 20 students in May.", "arrest", [("no fewer than 20 students", 20)]),
    # companions taken with the victim
    (
        "Soldiers detained the teacher Ana Ruiz along with a group of farmers on 3 May.",
        "arrest",
        [("a group of farmers", None)],
    ),
    (
        "Police arrested the activist Omar Farah with several others at a checkpoint.",
        "arrest",
        [("several others", None)],
    ),
    ("On 3 May Ana Ruiz was arrested with her colleagues.", "arrest", [("her colleagues", None)]),
    ("Omar Said was beaten together with two other detainees in May.", "ill_treatment", [("two other detainees", 2)]),
    # "with" and a participle is a clause of its own, not companions of the act
    (
        "Authorities investigated 21 critics, with at least 12 of those individuals arrested in May.",
        "investigation",
        [("21 critics", 21)],
    ),
    # a light verb coordinated with the act holds its people in "against"
    (
        "The government arrested and brought charges against hundreds of protesters in May.",
        "arrest",
        [("hundreds of protesters", None)],
    ),
    (
        "In June police detained and filed cases against 25 students.",
        "arrest",
        [("25 students", 25)],
    ),
]

NEGATIVES = [
    # "with" of an instrument, a charge or a reason holds no people
    ("Police beat Ana Ruiz with batons in May.", "ill_treatment"),
    ("Omar Said was charged with fraud in May.", "charge"),
    ("Ana Ruiz was detained with her laptop in May.", "arrest"),
    # a number of things, dates or sums counts nobody
    ("Two of the cases were dismissed in May.", "acquittal"),
    ("In May a court fined Ana Ruiz 500 dollars.", "sentence"),
    ("Police arrested Omar Said in 2019.", "arrest"),
    # a share of a group, or a definite number, is people told of before, not a count of the act
    ("At the time, six out of the seven members were under arrest.", "arrest"),
    ("The four had been detained since December on charges of fraud.", "arrest"),
    # people the phrase names in apposition are named events, not a group
    ("The court ruled on the arrest of two opposition politicians, Ana Ruiz and Omar Farah, in May.", "arrest"),
    # a share of a group is no count of the act
    ("Six out of the seven leaders were detained in May.", "arrest"),
    # a group with "no" is an act denied
    ("Between January and August, no journalists were illegally detained.", "arrest"),
    ("No officials were detained or charged in connection with the shootings.", "charge"),
    ("Neither student was expelled from the school in May.", "dismissal"),
    # a light verb's own object with no "against" people
    ("Police arrested Ana Ruiz and brought charges in May.", "arrest"),
]


def _groups(events, action):
    return sorted((e.victim_group, e.victim_count) for e in events if e.is_group and e.action == action)


@pytest.mark.model
@pytest.mark.parametrize(("text", "action", "expected"), POSITIVES)
def test_counted_and_companion_groups(extract_text, text, action, expected):
    assert _groups(extract_text(text), action) == sorted(expected)


@pytest.mark.model
@pytest.mark.parametrize(("text", "action"), NEGATIVES)
def test_things_and_instruments_are_no_group(extract_text, text, action):
    assert _groups(extract_text(text), action) == []
