"""News shapes of issue 15, sixth round: words of violence and flight in another sense, and acts
that were only aimed at or bid for. Studied on the HRDsAttack train split, where they gave
articles violation types the text does not report (a false "torture" from "abusing his
office" or "kicked out of the party"; a false "other" from "fled the scene" or "a bid to
extradite"), and a charged person made the victim of the act they are charged with ("X is
charged with kidnapping" gave X an abduction), and a disease or disaster as a killer ("the
outbreak that has killed thousands"); a participle that tells a named person was taken
("abducted toddler X") now gives the abduction. Every sentence is invented (names, places and
wording).
"""

from __future__ import annotations

import pytest

NOT_EVENTS = [
    # (text, action that must not be found)
    # what is abused or beaten is no person: a misuse of an office, a record broken
    ("Her husband Omar Farah was arrested on charges of abusing his office.", "ill_treatment"),
    ("Mayor Ana Ruiz is accused of abusing her power to award contracts.", "ill_treatment"),
    ("The runner Lina Sorel beat the record set in 2010.", "ill_treatment"),
    # a particle gives the blow word another sense: made to leave, began, an outburst
    ("The landlord kicked Omar Idris out of the flat.", "ill_treatment"),
    ("The party kicked out Omar Idris in May.", "ill_treatment"),
    ("Omar Idris was kicked out of the party in May.", "ill_treatment"),
    ("Minister Ana Ruiz kicked off the campaign in Lakeside.", "ill_treatment"),
    ("The officer lashed out at reporter Lina Sorel.", "ill_treatment"),
    # running from a scene, a vehicle or the people at hand is no exile
    ("Karl Dorn took a clerk hostage as he fled the scene.", "exile"),
    ("The driver, Omar Idris, fled the police after the crash.", "exile"),
    ("Lina Sorel fled the burning house with her children.", "exile"),
    # an act aimed at or bid for is not done
    ("The militia aims to kill Omar Idris.", "killing"),
    ("A bid by the state to extradite Omar Idris was rejected by the court.", "expulsion"),
    ("Police made an effort to arrest Omar Idris at dawn.", "arrest"),
    # a disease or a disaster kills no one as an act
    ("Omar Idris criticised the response to the outbreak that has killed 3,000 people.", "killing"),
    ("The earthquake killed Lina Sorel and her two sons.", "killing"),
    ("The pandemic has killed more than 5,000 people in Freedonia.", "killing"),
]


@pytest.mark.parametrize(("text", "action"), NOT_EVENTS)
def test_words_of_violence_and_flight_in_another_sense_are_no_event(extract_text, text, action):
    events = extract_text(text, covers=None)
    assert [e for e in events if e.action == action] == []


ACTS = [
    # (text, action, victim): the same words where they tell the act
    ("Soldiers beat Omar Farah in custody.", "ill_treatment", "Omar Farah"),
    ("Guards abused Ana Ruiz during her interrogation.", "ill_treatment", "Ana Ruiz"),
    ("Guards kicked Omar Idris and punched him.", "ill_treatment", "Omar Idris"),
    ("Police kicked Omar Idris off his bicycle.", "ill_treatment", "Omar Idris"),
    ("Guards lashed Omar Idris with a whip.", "ill_treatment", "Omar Idris"),
    ("Editor Lina Sorel fled the country in May.", "exile", "Lina Sorel"),
    ("Journalist Karl Dorn fled to Freedonia after threats.", "exile", "Karl Dorn"),
    ("Authorities extradited Omar Idris to Freedonia in May.", "expulsion", "Omar Idris"),
    ("Police aimed their guns at the crowd and killed Omar Idris.", "killing", "Omar Idris"),
    ("A police officer killed Omar Idris during the protest.", "killing", "Omar Idris"),
]


@pytest.mark.parametrize(("text", "action", "victim"), ACTS)
def test_the_same_words_still_tell_the_act(extract_text, text, action, victim):
    events = extract_text(text, covers=None)
    assert victim in [e.victim for e in events if e.action == action]


OFFENCES = [
    # (text, action the accused must not be the victim of): the act a person is charged with,
    # convicted of or held for is not done to that person
    ("Karl Dorn is charged with first-degree kidnapping and is being held without bond.", "abduction"),
    ("Lina Sorel was charged with kidnapping and false imprisonment.", "abduction"),
    ("Omar Idris was arrested on kidnapping charges in Lakeside.", "abduction"),
    ("Karl Dorn was jailed for kidnapping in 2019.", "abduction"),
    ("Police detained Karl Dorn on suspicion of kidnapping.", "abduction"),
    ("Lina Sorel was found guilty of abduction and assault.", "abduction"),
]


@pytest.mark.parametrize(("text", "action"), OFFENCES)
def test_the_accused_is_no_victim_of_the_offence(extract_text, text, action):
    events = extract_text(text, covers=None)
    assert [e for e in events if e.action == action] == []


OWN_ACTS = [
    # (text, action, victim): an act noun that is the person's own, or names its victim
    ("Omar Idris was released after a two-week kidnapping by gunmen.", "abduction", "Omar Idris"),
    ("Omar Idris was freed after an abduction that lasted a week.", "abduction", "Omar Idris"),
    ("Karl Dorn was arrested for the abduction of Lina Sorel.", "abduction", "Lina Sorel"),
    ("Omar Idris was accused of abducting Lina Sorel in 2019.", "abduction", "Lina Sorel"),
    # a participle before the role noun of a named person tells that the person was taken
    ("Police found the body of abducted toddler Sara Haddad during a search.", "abduction", "Sara Haddad"),
    ("Kidnapped journalist Omar Idris was freed on Monday.", "abduction", "Omar Idris"),
    ("The kidnapped journalist Omar Idris was freed.", "abduction", "Omar Idris"),
    ("Gunmen kidnapped reporter Omar Idris on Monday.", "abduction", "Omar Idris"),
    ("Karl Dorn was charged with kidnapping and false imprisonment.", "charge", "Karl Dorn"),
]


@pytest.mark.parametrize(("text", "action", "victim"), OWN_ACTS)
def test_an_act_noun_still_names_its_own_victim(extract_text, text, action, victim):
    events = extract_text(text, covers=None)
    assert victim in [e.victim for e in events if e.action == action]
