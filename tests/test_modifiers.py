"""Modality: negated, hypothetical, demanded, threatened and attempted acts are not
events (SPEC section 1); alleged ones are, with lower confidence."""

from __future__ import annotations

import pytest

from hrevents.rules.schema import load_modifiers

pytestmark = pytest.mark.model  # every test here runs the English pipeline

BLOCKING = [(rule.id, example) for rule in load_modifiers() if rule.blocks for example in rule.examples]

MORE_NOT_EVENTS = [
    "Maria Cruz managed to avoid expulsion.",
    "The authorities must immediately release Karim Bey.",
    "Leila Haddad could face up to five years in prison if convicted.",
    "Only one member has not been placed under arrest or forced to leave the country, Ana Ruiz.",
    "Unknown men tried to abduct Sara Diallo on 9 May.",
    "Amnesty International called for the release of Ahmed Ali.",
]


@pytest.mark.parametrize(("rule_id", "sentence"), BLOCKING, ids=[r for r, _ in BLOCKING])
def test_modifier_examples_are_not_events(extract_text, rule_id, sentence):
    events = extract_text(sentence)
    assert events == [], f"{rule_id}: {[(e.action, e.victim, e.rule) for e in events]}"


@pytest.mark.parametrize("sentence", MORE_NOT_EVENTS)
def test_not_events(extract_text, sentence):
    events = extract_text(sentence)
    assert events == [], [(e.action, e.victim) for e in events]


def test_alleged_is_kept_with_lower_confidence(extract_text):
    plain = extract_text("Police beat Musa Ali in custody.")
    hedged = extract_text("Police allegedly beat Musa Ali in custody.")
    assert [e.action for e in hedged] == ["ill_treatment"]
    assert hedged[0].confidence < plain[0].confidence


def test_a_threatened_act_is_a_threat_not_the_act(extract_text):
    """A threatened arrest is no arrest (SPEC 1) but a threat to its object (GUIDELINES 8)."""
    events = extract_text("Police threatened to arrest Tariq Omar.")
    assert {(e.action, e.victim) for e in events} == {("threat", "Tariq Omar")}


def test_modifier_on_one_trigger_leaves_the_other(extract_text):
    events = extract_text("Police arrested Omar Said and threatened to deport him.")
    assert {(e.action, e.victim) for e in events} == {("arrest", "Omar Said"), ("threat", "Omar Said")}
