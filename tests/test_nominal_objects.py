"""An act named by a noun under another verb (issue 15): the object of a verb of reporting,
condemning, documenting or protesting ("condemned the detention of X"), the subject of a
passive one ("the detention of X was condemned"), the act an inquiry or an explanation is
demanded about ("demanded an inquiry into the killing of X"), the act in which someone's part
is denied ("denied responsibility for the killing of X"), and a name used as the act noun's
premodifier ("the X killing"). The negative table holds the same nouns under demands, denials,
warrants, enabling rulings and ends, and generic uses. Every sentence is invented."""

from __future__ import annotations

import pytest

NAMED = [
    # (text, action, victim)
    ("Rights groups documented the detention of Omar Said.", "arrest", "Omar Said"),
    ("The UN condemned the detention of lawyer Lina Moss in May.", "arrest", "Lina Moss"),
    ("The detention of Tariq Omar was condemned by the bar association.", "arrest", "Tariq Omar"),
    ("The detention of Lina Moss in May drew protests.", "arrest", "Lina Moss"),
    ("Rights groups condemned the arrest of Omar Said and Lina Moss.", "arrest", "Lina Moss"),
    ("Witnesses reported the abduction of Jean Mbeki.", "abduction", "Jean Mbeki"),
    ("Relatives reported the disappearance of Ali Hassan.", "disappearance", "Ali Hassan"),
    ("Protesters demanded an inquiry into the killing of Tomas Berg.", "killing", "Tomas Berg"),
    ("The UN urged an investigation into the abduction of Lina Moss.", "abduction", "Lina Moss"),
    ("Activists demanded accountability for the torture of Ali Hassan.", "ill_treatment", "Ali Hassan"),
    ("Relatives sought an explanation for the disappearance of Karim Bey.", "disappearance", "Karim Bey"),
    ("The minister ordered an investigation into the beating of Ana Ruiz by police.", "ill_treatment", "Ana Ruiz"),
    ("Lawyers demanded the prosecution of those responsible for the killing of Omar Said.", "killing", "Omar Said"),
    ("The army denied responsibility for the killing of Tomas Berg.", "killing", "Tomas Berg"),
    ("Police denied any involvement in the abduction of Lina Moss.", "abduction", "Lina Moss"),
    ("Investigators reopened the Omar Said killing in May.", "killing", "Omar Said"),
    ("Relatives protested the Lina Moss arrest.", "arrest", "Lina Moss"),
    ("Lawyers protested Ana Ruiz's arrest.", "arrest", "Ana Ruiz"),
    ("The war has not stopped soldiers threatening journalist Omar Said.", "threat", "Omar Said"),
]


@pytest.mark.parametrize(("text", "action", "victim"), NAMED)
def test_an_act_noun_under_another_verb_is_the_act(extract_text, text, action, victim):
    found = {(e.action, e.victim) for e in extract_text(text)}
    assert (action, victim) in found, found


COUNTED = [
    # (text, action, count)
    ("The party reported the detention of 13 of its members.", "arrest", 13),
    ("The detention of 50 protesters was condemned.", "arrest", 50),
    ("The detention of 13 of its members in May was reported by the party.", "arrest", 13),
]


@pytest.mark.parametrize(("text", "action", "count"), COUNTED)
def test_a_counted_group_under_an_act_noun_is_a_group_event(extract_text, text, action, count):
    found = {(e.action, e.victim_count) for e in extract_text(text)}
    assert (action, count) in found, found


NO_EVENT = [
    # (text, action that must not be extracted)
    ("Activists called for the arrest of Omar Said.", "arrest"),
    ("A judge issued a warrant for the arrest of Omar Said.", "arrest"),
    ("Omar Said feared arrest.", "arrest"),
    ("A court cleared the way for the arrest of Omar Said.", "arrest"),
    ("The ruling paved the way for the expulsion of Lina Moss.", "expulsion"),
    ("Activists called for an end to the detention of Ali Hassan.", "arrest"),
    ("Activists demanded an inquiry into calls for the arrest of Omar Said.", "arrest"),
    ("Lawyers demanded the prosecution of Omar Said.", "charge"),
    ("The army denied the killing of Tomas Berg.", "killing"),
    ("Police denied arresting Lina Moss.", "arrest"),
    ("Lawyers sought the arrest of those responsible for the killing of Omar Said.", "arrest"),
    ("The law allows the detention of suspects for 48 hours.", "arrest"),
    ("The Ruiz family protested the arrest.", "arrest"),
    ("Rights groups documented the Omar Said killings.", "killing"),
    ("The report listed torture and unlawful detentions of opposition members.", "arrest"),
]


@pytest.mark.parametrize(("text", "action"), NO_EVENT)
def test_an_act_noun_under_a_demand_or_an_enabling_ruling_gives_no_event(extract_text, text, action):
    assert [(e.action, e.victim, e.victim_count) for e in extract_text(text) if e.action == action] == []


def test_an_extended_detention_is_one_detention_not_also_an_arrest(extract_text):
    events = extract_text("A court extended the detention of Ali Hassan by 45 days.")
    assert {(e.action, e.victim) for e in events} == {("detention", "Ali Hassan")}
