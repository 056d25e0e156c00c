"""Where an act happened, round 6 (issue 15, kind 5): one table of invented sentences per shape
of English that the place reading missed on the reports that joined development, and one of
shapes that must still give no place.

Every name and town is invented; several are unknown to the small model's tagger on purpose.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def _place(extract_text, text: str, action: str, victim: str) -> str:
    found = [e.place for e in extract_text(text) if e.action == action and e.victim == victim]
    assert found, f"no {action} of {victim}"
    return found[0]


SUMMONED_TO = [
    # (text, action, victim, place): "summoned/called X to <premises>": the premises the person
    # was made to come to, in the trigger's own words or on its verb
    ("Immigration officers called activist Mara Lind to their offices.", "summons", "Mara Lind", "their offices"),
    (
        "On 3 March, authorities summoned reporter Teo Vance to the State Security Service headquarters "
        "and questioned him.",
        "summons",
        "Teo Vance",
        "the State Security Service headquarters",
    ),
    (
        "Activists Nia Boro and Jon Reel were summoned to the Criminal Investigation Department headquarters "
        "in Riverton for questioning about their posts.",
        "summons",
        "Jon Reel",
        "the Criminal Investigation Department headquarters in Riverton",
    ),
]


@pytest.mark.parametrize(("text", "action", "victim", "place"), SUMMONED_TO, ids=[c[3] for c in SUMMONED_TO])
def test_a_summons_takes_the_premises_it_calls_the_person_to(extract_text, text, action, victim, place):
    assert _place(extract_text, text, action, victim) == place


SAME_MOMENT = [
    # a clause of the same moment ("while", "when") happens where the act does: its settlement
    # noun, and the infinitive its verb governs ("when she tried to call for help at X")
    (
        "Police arrested reporters Teo Vance and Sam Corr while reporting on clashes in the Riverton "
        "settlement of Dunmore.",
        "arrest",
        "Sam Corr",
        "the Riverton settlement of Dunmore",
    ),
    (
        "Ana Lee said that when she tried to call for help at the Riverton airport, officers beat her.",
        "ill_treatment",
        "Ana Lee",
        "the Riverton airport",
    ),
]


@pytest.mark.parametrize(("text", "action", "victim", "place"), SAME_MOMENT, ids=[c[3] for c in SAME_MOMENT])
def test_a_clause_of_the_same_moment_gives_its_place(extract_text, text, action, victim, place):
    assert _place(extract_text, text, action, victim) == place


RESULT_CLAUSE = [
    # "..., killing A": a participle after the main clause, with no conjunction or subject, tells
    # what the main act did, where the main clause says
    (
        "Police opened fire at a rally in Riverton, killing one civilian, Teo Vance, and injuring 12 others.",
        "killing",
        "Teo Vance",
        "Riverton",
    ),
    (
        "Soldiers fired on a crowd in the town of Dunmore, killing student Mara Lind.",
        "killing",
        "Mara Lind",
        "the town of Dunmore",
    ),
]


@pytest.mark.parametrize(("text", "action", "victim", "place"), RESULT_CLAUSE, ids=[c[3] for c in RESULT_CLAUSE])
def test_a_result_participle_happens_where_its_main_clause_does(extract_text, text, action, victim, place):
    assert _place(extract_text, text, action, victim) == place


REFERENCE_AND_SURFACE = [
    # a determined noun that "outside (of) X" or "near X" locates; "on" with a named way or square
    (
        "A gunman shot and killed Teo Vance, a refugee from Nordland, in a parking lot outside of Riverton.",
        "killing",
        "Teo Vance",
        "a parking lot outside of Riverton",
    ),
    (
        "An unidentified assailant shot and killed reporter Sam Corr while he was covering the protests on "
        "Riverton's Liberty Square on 4 October.",
        "killing",
        "Sam Corr",
        "Riverton's Liberty Square",
    ),
    (
        "Gunmen abducted trader Sam Corr on the Riverton-Hilltown Highway on 3 May.",
        "abduction",
        "Sam Corr",
        "the Riverton-Hilltown Highway",
    ),
]


@pytest.mark.parametrize(
    ("text", "action", "victim", "place"), REFERENCE_AND_SURFACE, ids=[c[3] for c in REFERENCE_AND_SURFACE]
)
def test_a_spot_near_a_town_and_a_named_square_are_places(extract_text, text, action, victim, place):
    assert _place(extract_text, text, action, victim) == place


AGENT_AND_STANDALONE = [
    # "authorities in X State" where the tagger reads a building; "the mainland" alone
    (
        "On 17 August, authorities in Dunmore State arrested journalist Teo Vance.",
        "arrest",
        "Teo Vance",
        "Dunmore State",
    ),
    ("Mara Lind remained in incommunicado detention in the mainland.", "detention", "Mara Lind", "the mainland"),
    ("Police arrested editor Sam Corr at his office.", "arrest", "Sam Corr", "his office"),
]


@pytest.mark.parametrize(
    ("text", "action", "victim", "place"), AGENT_AND_STANDALONE, ids=[c[3] for c in AGENT_AND_STANDALONE]
)
def test_a_state_named_by_the_agents_and_the_mainland_are_places(extract_text, text, action, victim, place):
    assert _place(extract_text, text, action, victim) == place


SCENE = [
    # the town the parser hangs on the verb after a building; "from" a home for an abduction;
    # a building "in front of" which; an act coordinated after a verb whose phrase names the scene
    ("Teo Vance was held at Vela prison in Dunmore.", "detention", "Teo Vance", "Vela prison in Dunmore"),
    ("Gunmen kidnapped trader Sam Corr from his home in Dunmore.", "abduction", "Sam Corr", "his home in Dunmore"),
    (
        "Mara Lind was arrested in front of the parliament building in Dunmore.",
        "arrest",
        "Mara Lind",
        "in front of the parliament building in Dunmore",
    ),
    ("Police raided a meeting in Dunmore and arrested Teo Vance.", "arrest", "Teo Vance", "Dunmore"),
    ("Soldiers opened fire in the town of Dunmore and killed Sam Corr.", "killing", "Sam Corr", "the town of Dunmore"),
]


@pytest.mark.parametrize(("text", "action", "victim", "place"), SCENE, ids=[c[3] for c in SCENE])
def test_a_building_with_its_town_and_a_scene_that_carries_over(extract_text, text, action, victim, place):
    assert _place(extract_text, text, action, victim) == place


NO_PLACE = [
    # a verb that shares the subject goes on with the person, who is no longer where they were taken
    (
        "According to his family, Teo Vance was disappeared in Dunmore in March and was reportedly "
        "subjected to torture by authorities.",
        "ill_treatment",
        "Teo Vance",
    ),
    # (text, action, victim): shapes that must still give no place
    # a charge is not laid where the main clause's arrest was made
    ("Police arrested Teo Vance in Riverton, charging him with treason.", "charge", "Teo Vance"),
    # what a questioning was about is no place of the summons
    (
        "The ministry summoned Mara Lind for questioning in connection to her posts about the war in Nordland.",
        "summons",
        "Mara Lind",
    ),
    # a relative clause describes the person: the act the parser hangs on it is not set there
    (
        "On 11 October, authorities arrested two citizens who were employed at a foreign embassy in the "
        "country and detained them without charges.",
        "arrest",
        "",
    ),
    # "on" a date or an order is not "on" a square
    ("Sam Corr was arrested on Monday on the orders of the governor.", "arrest", "Sam Corr"),
    # a participle with its own subject is a clause of its own
    ("Police opened fire in Riverton, with officers later arresting Teo Vance.", "arrest", "Teo Vance"),
]


@pytest.mark.parametrize(("text", "action", "victim"), NO_PLACE, ids=[c[0][:40] for c in NO_PLACE])
def test_shapes_that_give_no_place(extract_text, text, action, victim):
    assert _place(extract_text, text, action, victim) == ""
