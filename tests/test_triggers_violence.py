"""Violent and other non-custody acts (killing, disappearance, abduction, ill-treatment,
search, threat): shapes the rules missed, the modality that makes a named act no event, and
whether a noun trigger with no victim of its own takes its clause's subject (`subject_fallback`,
rule data). Every sentence is invented."""

from __future__ import annotations

import pytest

from hrevents.rules.schema import TriggerRule, load_triggers

BASE = {"id": "x.y", "action": "arrest", "pattern": [{"LOWER": "arrest"}], "examples": ["An example."]}


@pytest.mark.parametrize(
    ("victim", "given", "expected"),
    [
        ("possessor", None, "indefinite"),
        ("patient", None, "indefinite"),
        ("object_or_subject", None, "always"),
        ("possessor", False, "never"),
        ("possessor", True, "indefinite"),
        ("object_or_subject", "never", "never"),
        ("possessor", "always", "always"),
    ],
)
def test_subject_fallback_defaults_by_role_and_reads_old_booleans(victim, given, expected):
    record = {**BASE, "victim": victim} | ({} if given is None else {"subject_fallback": given})
    assert TriggerRule.model_validate(record).subject_fallback == expected


def test_subject_fallback_refuses_an_unknown_value():
    with pytest.raises(ValueError):
        TriggerRule.model_validate({**BASE, "victim": "possessor", "subject_fallback": "sometimes"})


def test_the_ground_reading_is_stated_on_every_object_or_subject_record():
    """The exemption from "refers elsewhere" is data: each such record says `always`."""
    rules = [rule for rule in load_triggers() if rule.victim == "object_or_subject"]
    assert rules
    assert {rule.subject_fallback for rule in rules} == {"always"}


POSITIVE = [
    # (text, action, victim)
    ("Activist Ana Ruiz was shot dead by unknown gunmen on 3 May.", "killing", "Ana Ruiz"),
    ("Unknown gunmen killed journalist Omar Tahir in March.", "killing", "Omar Tahir"),
    ("The body of lawyer Jonas Berg was found in a river on 4 June.", "killing", "Jonas Berg"),
    ("Blogger Lina Sorel died in custody in April.", "killing", "Lina Sorel"),
    ("Community leader Pedro Lara was killed by members of a criminal gang.", "killing", "Pedro Lara"),
    ("Farmer Ali Juma died after being hit by a police vehicle.", "killing", "Ali Juma"),
    ("Ivo Marek, who died at age 19 after being struck by a rubber bullet, was buried.", "killing", "Ivo Marek"),
    ("Prisoner Tomas Lind died as a result of harsh conditions and repeated beatings.", "killing", "Tomas Lind"),
    ("Activist Rui Campos died of gunshot wounds and burns in May.", "killing", "Rui Campos"),
    ("Among the dead were teacher Omar Gedi and farmer Ali Wazir.", "killing", "Ali Wazir"),
    ("Among those killed was journalist Lina Sorel.", "killing", "Lina Sorel"),
    ("Trade unionist Kofi Adjei went missing in May.", "disappearance", "Kofi Adjei"),
    ("The whereabouts of Kofi Adjei remain unknown.", "disappearance", "Kofi Adjei"),
    ("Police arrested Omar Tahir and took him to an unknown location.", "disappearance", "Omar Tahir"),
    ("Nadia Karim was transferred to an undisclosed location in May.", "disappearance", "Nadia Karim"),
    ("Rights groups asked about Sami Nour, a student missing since June 2019.", "disappearance", "Sami Nour"),
    ("Rana Aziz, a journalist missing in the north since June, was found alive.", "disappearance", "Rana Aziz"),
    ("Teacher Mira Haddad was abducted by armed men on 2 July.", "abduction", "Mira Haddad"),
    ("Security forces raided the home of journalist Ivo Marek.", "search", "Ivo Marek"),
    ("Police searched the offices of newspaper editor Ivo Marek.", "search", "Ivo Marek"),
    ("Activist Rana Aziz was beaten by police.", "ill_treatment", "Rana Aziz"),
    ("Lina Sorel was raped by soldiers at the checkpoint.", "ill_treatment", "Lina Sorel"),
    ("Reporter Sami Nour received death threats after the broadcast.", "threat", "Sami Nour"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "action", "victim"), POSITIVE)
def test_violent_act_shapes_yield_the_event(extract_text, text, action, victim):
    found = {(event.action, event.victim) for event in extract_text(text)}
    assert (action, victim) in found, found


NOT_EVENTS = [
    # (text, action): the act is negated, planned, called for, or only where a known detention is
    ("By May the state had not carried out the execution of Omar Gedi.", "killing"),
    ("The search of Ana Costa's home was never conducted.", "search"),
    ("Officials said they would carry out the execution of Omar Gedi soon.", "killing"),
    ("A militia posted calls online to kill journalist Omar Gedi.", "killing"),
    ("Police foiled a plot to kill Lena Brook.", "killing"),
    ("Officials uncovered a conspiracy to abduct Lina Sorel.", "abduction"),
    ("The group issued orders to abduct teacher Mira Haddad.", "abduction"),
    ("Lina Sorel was held in an unknown location until her trial.", "disappearance"),
    ("Police denied that they had tortured Omar Haddad.", "ill_treatment"),
    ("Senator Rui Pasko condemned this abduction on Friday.", "abduction"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "action"), NOT_EVENTS)
def test_acts_not_reported_as_done_are_no_events(extract_text, text, action):
    events = extract_text(text)
    assert not [e for e in events if e.action == action and e.victim], [(e.action, e.victim) for e in events]


DONE_BESIDE_A_LIGHT_VERB = [
    # (text, action, victim): a light verb without negation or modality leaves the act an event
    ("Police carried out a raid on the home of Lena Brook.", "search", "Lena Brook"),
    ("Police did not explain the killing of lawyer Tomas Reyes.", "killing", "Tomas Reyes"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "action", "victim"), DONE_BESIDE_A_LIGHT_VERB)
def test_a_light_verb_alone_does_not_block_the_act(extract_text, text, action, victim):
    found = {(event.action, event.victim) for event in extract_text(text)}
    assert (action, victim) in found, found


THREATENED_ACTS = [
    # (text, victim): the threatened act is no event, the threat to its object is
    ("Security agents threatened to kill Lena Brook.", "Lena Brook"),
    ("Unknown men threatened to kill journalist Rosa Diaz and her family.", "Rosa Diaz"),
    ("Police threatened to arrest Tariq Omar.", "Tariq Omar"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "victim"), THREATENED_ACTS)
def test_a_threat_to_do_an_act_is_a_threat_to_its_object(extract_text, text, victim):
    assert {(e.action, e.victim) for e in extract_text(text)} == {("threat", victim)}


def test_a_threat_by_the_person_to_do_something_is_no_threat_to_anyone(extract_text):
    assert extract_text("Lena Brook threatened to sue the newspaper.") == []


COORDINATED_NOUNS = [
    # (text, action, victim): a noun coordinated after another shares its possessor
    ("Rights groups condemned the abduction and killing of Lena Brook.", "killing", "Lena Brook"),
    ("Rights groups condemned the arrest and torture of Lena Brook.", "ill_treatment", "Lena Brook"),
    ("Lena Brook spoke about her arrest and torture.", "ill_treatment", "Lena Brook"),
    ("Police gave no reason for Omar Gedi's detention and deportation.", "expulsion", "Omar Gedi"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "action", "victim"), COORDINATED_NOUNS)
def test_a_coordinated_noun_shares_the_first_nouns_victim(extract_text, text, action, victim):
    found = {(event.action, event.victim) for event in extract_text(text)}
    assert (action, victim) in found, found


def test_a_threatened_act_on_a_group_is_a_threat_to_the_group(extract_text):
    """The arrest is not realis (SPEC 1), the threat to the journalists is (GUIDELINES 8)."""
    events = extract_text("Police threatened to arrest several journalists.")
    assert [(e.action, e.is_group) for e in events] == [("threat", True)]
