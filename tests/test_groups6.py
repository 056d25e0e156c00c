"""Group events (SPEC section 7), sixth round, by the shape of English that counts them: a
count of cases or incidents of an act ("three cases of arbitrary arrest", "16 incidents of
threats against journalists", "80 cases of persons killed by police"), a bare number that adds
people to those told before ("two more were abducted"), and people nouns that were missing
from the heads and from the nouns of one unnamed person ("344 schoolboys", "a shepherd"), and a
part of a group told before standing alone ("most were released", "many of whom remained"),
and "those" that a clause describes ("those who were deemed unfit were released").
Every sentence is invented, several verbs and actions per shape.

A positive lists the group events expected of one action as (victim_group, victim_count);
a negative gives no group event of the action at all.
"""

from __future__ import annotations

import pytest

POSITIVES = [
    # a count of cases or incidents counts the acts of its "of" phrase, one person each
    ("Monitors reported three cases of arbitrary arrest in May.", "arrest", [("three cases of arbitrary arrest", 3)]),
    (
        "A local group recorded 12 cases of enforced disappearance in 2019.",
        "disappearance",
        [("12 cases of enforced disappearance", 12)],
    ),
    # ... and, with people of the act, their count
    (
        "The group documented 14 cases of arbitrary arrest or detention of journalists in 2019.",
        "arrest",
        [("journalists", 14)],
    ),
    (
        "The commission reported 66 cases of torture of detainees by police in May.",
        "ill_treatment",
        [("detainees", 66)],
    ),
    ("There were 16 incidents of death threats against journalists in May.", "threat", [("journalists", 16)]),
    # ... and of people whom a participle tells the act of
    (
        "Monitors reported 80 cases of individuals killed by police since January.",
        "killing",
        [("80 cases of individuals", 80)],
    ),
    # ... and a counted object of "involving" on them counts the people instead
    (
        "The commission documented nine incidents of torture in May involving at least 20 victims.",
        "ill_treatment",
        [("at least 20 victims", 20)],
    ),
    # ... and a relative clause that tells the cases again is the same act
    (
        "Monitors cited 40 cases of arbitrary arrest during the year in which farmers were detained without warrant.",
        "arrest",
        [("40 cases of arbitrary arrest", 40)],
    ),
    # a bare number with "more" adds people to those told before
    (
        "Five men were abducted on 2 May, and two more were abducted on 4 May.",
        "abduction",
        [("Five men", 5), ("two more", 2)],
    ),
    (
        "Police detained 20 students on Monday, and six more were detained on Friday.",
        "arrest",
        [("20 students", 20), ("six more", 6)],
    ),
    # a part standing alone ("most", "many of whom") is a part of the group told before, uncounted
    (
        "Police arrested 300 students in Lakeside in May. Most were released after two days.",
        "release",
        [("300 students (Most)", None)],
    ),
    (
        "Soldiers detained numerous teachers, many of whom remained in prison at year's end.",
        "detention",
        [("numerous teachers (many of whom)", None)],
    ),
    (
        "Police arrested 40 journalists in May. Most of them were released in June, but some remained in detention.",
        "detention",
        [("40 journalists (some)", None)],
    ),
    # ... but the part is not the victim of an act noun that only mentions the act told before
    (
        "Police arrested 40 journalists in May. Most were released shortly after arrest.",
        "arrest",
        [("40 journalists", 40)],
    ),
    # "those" with a relative clause or a participle is a group of people of its own
    (
        "Those who were found unfit for service were released in May.",
        "release",
        [("Those who were found unfit for service", None)],
    ),
    ("Authorities arrested dozens of participants in a sit-in in June.", "arrest", [("dozens of participants", None)]),
    # people nouns: schoolboys, bodyguards, friends, pharmacists are people an act is done to
    ("Gunmen abducted 344 schoolboys in Lakeside in May.", "abduction", [("344 schoolboys", 344)]),
    ("In May police arrested three pharmacists in Eastvale.", "arrest", [("three pharmacists", 3)]),
    ("Soldiers beat two photographers at the rally in June.", "ill_treatment", [("two photographers", 2)]),
    # ... and, with "a", one unnamed person
    ("A court sentenced a servicemember to six years in prison in May.", "sentence", [("a servicemember", 1)]),
    ("Soldiers shot and killed a shepherd near the border in March.", "killing", [("a shepherd", 1)]),
    ("Police detained a motorcyclist at the checkpoint in June.", "arrest", [("a motorcyclist", 1)]),
]

NEGATIVES = [
    # uncounted cases, and cases dated rather than counted, give no count and no group
    ("Monitors reported cases of arbitrary arrest in May.", "arrest"),
    ("The 2019 cases of arbitrary arrest were dismissed.", "arrest"),
    # cases pending in court, and cases counted over several years, are statistics, not acts
    ("Lawyers noted 300 open cases of arbitrary detention in May.", "detention"),
    ("Monitors reported 1,200 cases of arbitrary detention between March 2016 and June 2019.", "detention"),
    # a part with no group before it, or of one unnamed person, or of things, is no group
    ("Most were released in June.", "release"),
    ("Police arrested a teacher in Eastvale in May. Most were released in June.", "release"),
    ("Most of the cases were dismissed in May.", "acquittal"),
    # "those" with no clause of its own, or told only by the act's participle, is no group
    ("Police arrested those responsible for the attack in May.", "arrest"),
    ("Those arrested in May were released in June.", "arrest"),
    # ... nor is a share of people a participle describes ("many of those executed")
    ("Monitors said many of those executed during the year were convicted in unfair trials.", "sentence"),
    # "more" after a vague quantity adds no count
    ("Militants killed hundreds and injured hundreds more in May.", "ill_treatment"),
    # "more" before a noun of things is no people
    ("Police made more arrests in May.", "arrest"),
    # one unnamed person with "the" and no antecedent is nobody counted
    ("The shepherd was released in May.", "release"),
]


def _groups(events, action):
    return sorted((e.victim_group, e.victim_count) for e in events if e.is_group and e.action == action)


@pytest.mark.model
@pytest.mark.parametrize(("text", "action", "expected"), POSITIVES)
def test_counted_cases_and_people(extract_text, text, action, expected):
    assert _groups(extract_text(text), action) == sorted(expected)


@pytest.mark.model
@pytest.mark.parametrize(("text", "action"), NEGATIVES)
def test_uncounted_cases_are_no_group(extract_text, text, action):
    assert _groups(extract_text(text), action) == []
