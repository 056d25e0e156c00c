"""Per-rule sentence tables: each trigger rule's own examples, plus voice, lists,
appositions and cross-sentence references. These need the parser (real model)."""

from __future__ import annotations

import pytest

from hrevents.rules.schema import load_triggers

pytestmark = pytest.mark.model  # every test here runs the English pipeline

RULE_EXAMPLES = [(rule.id, rule.action, example) for rule in load_triggers() for example in rule.examples]


@pytest.mark.parametrize(
    ("rule_id", "action", "sentence"), RULE_EXAMPLES, ids=[f"{r}:{i}" for i, (r, _, _) in enumerate(RULE_EXAMPLES)]
)
def test_rule_example_yields_its_action(extract_text, rule_id, action, sentence):
    events = extract_text(sentence)
    assert action in {event.action for event in events}, f"{rule_id}: {[(e.action, e.victim) for e in events]}"


CASES = [
    # (text, expected (action, victim) pairs that must be present)
    ("On 3 May police arrested Amina Diallo.", {("arrest", "Amina Diallo")}),
    ("Amina Diallo was arrested by police on 3 May.", {("arrest", "Amina Diallo")}),
    (
        "Police arrested three activists, Peter Okafor, Grace Mensah and John Boateng.",
        {("arrest", "Peter Okafor"), ("arrest", "Grace Mensah"), ("arrest", "John Boateng")},
    ),
    ("Well-known lawyer Liliane Dubois was detained on 4 June.", {("arrest", "Liliane Dubois")}),
    (
        "Another member of the council, Tomas Novak, was arrested and sentenced to 15 days.",
        {("arrest", "Tomas Novak"), ("sentence", "Tomas Novak")},
    ),
    (
        "On 2 May police arrested Karim Haddad. His home was searched on the same day.",
        {("arrest", "Karim Haddad"), ("search", "Karim Haddad")},
    ),
    (
        "Investigators summoned several members of the board, including Ana Costa and Luis Pereira.",
        {("summons", "Ana Costa"), ("summons", "Luis Pereira")},
    ),
    (
        "In June soldiers detained two journalists, Musa Bello and Ibrahim Sani. The two were released a week later.",
        {("release", "Musa Bello"), ("release", "Ibrahim Sani")},
    ),
    (
        "Security forces arrested five members: Abebe Kebede, Tesfaye Girma and Almaz Bekele.",
        {("arrest", "Abebe Kebede"), ("arrest", "Tesfaye Girma"), ("arrest", "Almaz Bekele")},
    ),
    ("Opposition leader Nadia Farouk fled the country in March.", {("exile", "Nadia Farouk")}),
    ("Police ordered journalist Samir Haddad to leave the country.", {("expulsion", "Samir Haddad")}),
    ("Student leader Abdi Noor went missing on 7 March.", {("disappearance", "Abdi Noor")}),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_sentences(extract_text, text, expected):
    found = {(event.action, event.victim) for event in extract_text(text)}
    assert expected <= found, found


def test_negated_and_realis_in_one_text(extract_text):
    events = extract_text("Police arrested Omar Said on 2 May. Lina Haddad has not been arrested.")
    assert {(e.action, e.victim) for e in events} == {("arrest", "Omar Said")}


def test_perpetrator_place_and_date(extract_text):
    [event] = [
        e for e in extract_text("On 24 August, the police arrested Paul Kagame Jr in Kigali.") if e.action == "arrest"
    ]
    assert event.perpetrator == "the police"
    assert event.date == "2020-08-24"
    assert event.place == "Kigali"
    assert event.rule == "arrest.verb"


FIELD_CASES = [
    # (text, action, victim, field, expected value)
    (
        "On 3 March 2019, security forces arrested Ahmed Mansoor at his home in Ajman.",
        "arrest",
        "Ahmed Mansoor",
        "place",
        "his home in Ajman",  # as written (GUIDELINES D29; the gold's "his home in Karachi")
    ),
    (
        "Authorities deported journalist John Smith to the United Kingdom on 5 June 2019.",
        "expulsion",
        "John Smith",
        "destination",
        "the United Kingdom",
    ),
    ("In 2019 a court sentenced Nasrin Sotoudeh to 38 years in prison.", "sentence", "Nasrin Sotoudeh", "place", ""),
    (
        "In 2019 a court sentenced Nasrin Sotoudeh to 38 years in prison.",
        "sentence",
        "Nasrin Sotoudeh",
        "detail",
        "38 years in prison",
    ),
    (
        "Prosecutors charged Alexei Navalny with extremism on 4 June 2021.",
        "charge",
        "Alexei Navalny",
        "detail",
        "extremism",
    ),
    (
        "Journalist Can Dundar fled to Germany in 2016 after receiving death threats.",
        "exile",
        "Can Dundar",
        "destination",
        "Germany",
    ),
    (
        "Journalist Can Dundar fled to Germany in 2016 after receiving death threats.",
        "threat",
        "Can Dundar",
        "date",
        "2016",
    ),
    # a date that belongs to another act's clause is not borrowed
    (
        "Mohamed Soltan was held in Tora prison for 21 months before he was freed in May 2015.",
        "detention",
        "Mohamed Soltan",
        "date",
        "",
    ),
    (
        "Mohamed Soltan was held in Tora prison for 21 months before he was freed in May 2015.",
        "release",
        "Mohamed Soltan",
        "date",
        "2015-05",
    ),
    (
        "Activist Loujain Hathloul, who was detained in May 2018, was released on 10 February 2021.",
        "arrest",
        "Loujain Hathloul",
        "date",
        "2018-05",
    ),
    (
        "Police arrested Omar Radi on 29 July 2020. He was tortured in detention.",
        "ill_treatment",
        "Omar Radi",
        "date",
        "2020-07-29",
    ),
]


@pytest.mark.parametrize(("text", "action", "victim", "field", "value"), FIELD_CASES)
def test_fields(extract_text, text, action, victim, field, value):
    events = [e for e in extract_text(text, covers=None) if (e.action, e.victim) == (action, victim)]
    assert len(events) == 1, [(e.action, e.victim) for e in extract_text(text, covers=None)]
    assert getattr(events[0], field) == value
