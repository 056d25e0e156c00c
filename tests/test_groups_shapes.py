"""Group events by the shape of the sentence (SPEC section 7), from the kinds of misses and
false alarms seen on the development reports. Every sentence is invented: other names,
other verbs of the same class, other word orders than the reports'.

A positive lists the group events expected of one action as (victim_group, victim_count);
a negative is a sentence that must give no group event at all.
"""

from __future__ import annotations

import pytest

POSITIVES = [
    # one unnamed person beside a name: "A and his wife"
    ("Police detained the journalist Omar Said and his wife on 3 May.", "arrest", [("his wife", 1)]),
    ("Soldiers arrested the lawyer Sara Lee and her son at the border on 9 June.", "arrest", [("her son", 1)]),
    # "A and N others", where the parser coordinates the group with the verb
    (
        "They arrested ULPA President Tomas Rivera and at least a dozen other individuals.",
        "arrest",
        [("at least a dozen other individuals", 12)],
    ),
    (
        "Beginning on March 3, police detained Radio Sunrise owner Ali Musa and his wife.",
        "arrest",
        [("his wife", 1)],
    ),
    # ... but a noun after "but" is no part of the object
    (
        "On May 4, the president pardoned 300 prisoners, but rights groups considered few to be political detainees.",
        "release",
        [("300 prisoners", 300)],
    ),
    # "A and others", with no number and no date: tied to the act done to A
    ("Police arrested activist Maria Lopez and others at a checkpoint.", "arrest", [("others", None)]),
    # people nouns that were missing from the heads
    ("Soldiers arrested scores of bystanders not involved in the march.", "arrest", [("scores of bystanders", None)]),
    ("Several juveniles were held in the city prison during the year.", "detention", [("Several juveniles", None)]),
    ("Police detained a volunteer on suspicion of selling banned books on 3 May.", "arrest", [("a volunteer", 1)]),
    # coordinated verbs share the object the parser hangs on the last one
    (
        "The army charged, detained, and fined dozens of students during the year.",
        "charge",
        [("dozens of students", None)],
    ),
    # custody as a state is an act when the group is counted or the state dated
    ("About 40 refugees remained in detention at the border camp.", "detention", [("About 40 refugees", 40)]),
    ("Dozens of protesters remained in detention at year's end.", "detention", [("Dozens of protesters", None)]),
    (
        "An unknown number of persons suspected of links to the rebels remained in detention.",
        "detention",
        [("An unknown number of persons", None)],
    ),
    # a closed span of weeks is no trend
    ("In the past weeks police arrested 200 protesters in the capital.", "arrest", [("200 protesters", 200)]),
    # a duration does not hide a count
    ("Police detained 15 students for two weeks in March.", "arrest", [("15 students", 15)]),
    # a relative clause under a rule word tells an act, not the rule
    (
        "In May the council passed a decree that led to the arrest of at least five farmers.",
        "arrest",
        [("at least five farmers", 5)],
    ),
    # a count of acts that names no victim counts the people ("more than 60 arrests")
    (
        "The crackdown led to more than 60 arrests in the capital during March.",
        "arrest",
        [("more than 60 arrests", 60)],
    ),
    ("In 2019 the state carried out 85 executions.", "killing", [("85 executions", 85)]),
    # quantity and partitive nouns before "of"
    ("In 2019 a total of 14 farmers were killed.", "killing", [("a total of 14 farmers", 14)]),
    (
        "On May 2, a judge released the last of the 30 detainees on bail.",
        "release",
        [("the last of the 30 detainees", None)],
    ),
    # an uncounted list is one group; counted members of a list are groups of their own
    (
        "The junta detained students, religious leaders, and union members on 3 May.",
        "arrest",
        [("students, religious leaders, and union members", None)],
    ),
    (
        "Police arrested journalists, an NGO leader, and a teacher on 3 May.",
        "arrest",
        [("journalists", None), ("an NGO leader", 1), ("a teacher", 1)],
    ),
    # figures in the next sentence for a group told without one: one act, the lower figure
    (
        "During the riots in March, soldiers shot and killed demonstrators and rioters. While the"
        " government reported 40 persons killed, NGOs claimed that soldiers killed over 100 persons.",
        "killing",
        [("demonstrators and rioters", 40)],
    ),
    # a counted object after an adverbial phrase (heavy-NP shift)
    (
        "In May the army arrested and detained without charge 11 senior members of the union.",
        "arrest",
        [("11 senior members of the union", 11)],
    ),
    (
        "Soldiers beat with sticks and rifle butts at least 20 villagers who had gathered at the well.",
        "ill_treatment",
        [("at least 20 villagers", 20)],
    ),
    # coordinated act nouns share their "of" group
    (
        "The report described arbitrary arrests and torture of suspected rebel members in 2019.",
        "ill_treatment",
        [("suspected rebel members", None)],
    ),
    # a pronoun object points to the object of the verb it is coordinated with
    (
        "Soldiers took about 300 villagers from their homes and detained them in a school.",
        "arrest",
        [("about 300 villagers (them)", 300)],
    ),
    # a word the parser took for a second object does not hide the group
    (
        "Security officials held incommunicado at least one member who had signed the letter.",
        "detention",
        [("at least one member", 1)],
    ),
    # "the individual" points back to the one unnamed person told of just before
    (
        "Police detained a student on 3 May. The individual was released without charge on 5 May.",
        "release",
        [("a student (The individual)", 1)],
    ),
    # down a chain of back-references the group is the first one as written
    (
        "Police detained a student on 3 May. The student was charged on 4 May. He was released on 5 May.",
        "release",
        [("a student (He)", 1)],
    ),
]

NEGATIVES = [
    # legal and generic statements
    "The law provides that persons arrested or charged be informed of their rights.",
    "By law persons detained are entitled to challenge their detention in court.",
    "The code provides that suspects detained by police be brought before a judge.",
    # a duration is no period or occasion: a practice on a bare plural stays a practice
    "Authorities held persons in pretrial detention for up to 18 months.",
    "Police kept suspects in custody for several weeks.",
    # a rule about a described person, with a modal
    "A person accused of a crime may not be detained for longer than two years.",
    "Anyone arrested must be brought before a judge within 48 hours.",
    # a participle alone does not make a plural specific
    "In politically motivated cases, accused persons were convicted on false charges.",
    # a person noun whose name follows it is a named victim, not a group
    "On March 2, police arrested Tomas Rivera, the editor of The Star, and his colleague Ana Ruiz.",
    # statistics and questions are no acts
    "Thousands of criminal suspects reportedly remained in pretrial detention, some for years.",
    "Most of the persons arrested on theft charges since 2001 remained in pretrial custody.",
    "In recent years there have been reports that some prisoners were kept in prison after completing their sentences.",
    "Official figures showed that 60 percent of the 12,000 inmates held in the country awaited trial.",
    "The ministry did not report how many detainees died in custody.",
    # acts counted without a number are no group; a count of charges counts no people
    "The crackdown led to arrests in the capital.",
    "Ana Ruiz faced two prosecutions for her posts.",
    # "the man" with no unnamed man before it is no group the report counts
    "The man was released on 5 May.",
    "Police arrested the journalist Ana Ruiz on 3 May. The journalist was released on 5 May.",
    # a count of cases is a statistic of complaints
    "Monitors cited 300 cases of arbitrary detention between 2014 and 2016.",
]


def _groups(events, action):
    return sorted((e.victim_group, e.victim_count) for e in events if e.is_group and e.action == action)


@pytest.mark.model
@pytest.mark.parametrize(("text", "action", "expected"), POSITIVES)
def test_group_shapes_give_their_group(extract_text, text, action, expected):
    assert _groups(extract_text(text), action) == sorted(expected)


@pytest.mark.model
@pytest.mark.parametrize("text", NEGATIVES)
def test_statements_that_are_no_act_give_no_group(extract_text, text):
    assert [(e.action, e.victim_group) for e in extract_text(text) if e.is_group] == []
