"""Trigger shapes the rules missed on unseen reports (issue 15): a charge told in a
prepositional phrase of another act, charges dropped alongside a release, sentences reduced
or upheld on appeal, summonses to an office, exile with a qualified noun, a family that does
not know where someone is, forced nakedness and blows, threats told as a noun. One table per
action of INVENTED sentences that must yield the event, and one of sentences of the same
words that must not (SPEC sections 1-2, GUIDELINES D14-D20 decide which)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model  # every test here runs the English pipeline

POSITIVE = [
    # (text, action, victim)
    # charge: coordinated or adverb-led modifiers in "on ... charges"; "for alleged OFFENCE"
    ("Police arrested Tomas Lind on fraud and related charges.", "charge", "Tomas Lind"),
    ("Soldiers detained Rafael Ortiz in Tabora on espionage and treason charges.", "charge", "Rafael Ortiz"),
    ("Editor Mira Haddad remained in custody on politically motivated charges.", "charge", "Mira Haddad"),
    ("Blogger Samir Nader stayed in detention on apparently fabricated charges.", "charge", "Samir Nader"),
    ("Officers held Jonas Berg on trumped-up charges.", "charge", "Jonas Berg"),
    ("Police detained Ivo Marek in June for alleged tax evasion.", "charge", "Ivo Marek"),
    ("Union leader Rana Saleh was arrested for alleged espionage.", "charge", "Rana Saleh"),
    ("Gendarmes apprehended Kofi Adjei for suspected money laundering.", "charge", "Kofi Adjei"),
    ("Lina Sorel stayed in pretrial detention on charges of espionage.", "charge", "Lina Sorel"),
    ("Police arrested Tomas Lind on accusations of espionage.", "charge", "Tomas Lind"),
    ("Editor Mira Haddad was detained on allegations of tax fraud.", "charge", "Mira Haddad"),
    # acquittal: charges dropped in the clause of the release
    ("Police released Omar Tahir on 2 May and dropped all charges.", "acquittal", "Omar Tahir"),
    ("Prosecutors freed Lina Sorel and withdrew the charges.", "acquittal", "Lina Sorel"),
    ("Authorities dropped all charges against Ana Ruiz and released her.", "acquittal", "Ana Ruiz"),
    # sentence: reduced, commuted, upheld
    ("An appeals court reduced the sentence of Ivo Marek to two years.", "sentence", "Ivo Marek"),
    ("The president commuted Lina Sorel's death sentence to life imprisonment.", "sentence", "Lina Sorel"),
    ("Rami Saleh's sentence was reduced to one year on appeal.", "sentence", "Rami Saleh"),
    ("In June a higher court shortened the prison term of Nadia Karim to 18 months.", "sentence", "Nadia Karim"),
    ("An appeals court upheld the conviction of blogger Omar Tahir.", "sentence", "Omar Tahir"),
    ("The Supreme Court upheld Ana Ruiz's sentence in May.", "sentence", "Ana Ruiz"),
    ("The conviction of blogger Omar Tahir was upheld in May.", "sentence", "Omar Tahir"),
    # summons: called to an office
    ("Immigration officials called journalist Lina Sorel to their offices.", "summons", "Lina Sorel"),
    ("Blogger Omar Tahir was called to the police station on 3 May.", "summons", "Omar Tahir"),
    ("Security officers summoned activist Nadia Karim to their headquarters.", "summons", "Nadia Karim"),
    # exile: a qualified exile
    ("Editor Samuel Ofori went into self-imposed exile in 2004.", "exile", "Samuel Ofori"),
    ("Journalist Lena Marsh has lived in voluntary exile since 2015.", "exile", "Lena Marsh"),
    ("Cartoonist Ivo Marek fled into temporary exile in Kenya.", "exile", "Ivo Marek"),
    ("Editor Omar Khalil fled the country in June.", "exile", "Omar Khalil"),
    # disappearance: nobody knows where the person is
    ("For two weeks relatives did not know the whereabouts of activist Rana Aziz.", "disappearance", "Rana Aziz"),
    ("Lawyers could not establish the whereabouts of Omar Tahir for a month.", "disappearance", "Omar Tahir"),
    ("The family of Jonas Berg did not know his whereabouts for ten days.", "disappearance", "Jonas Berg"),
    # ill_treatment: forced nakedness
    ("Guards forced Jonas Berg to strip naked.", "ill_treatment", "Jonas Berg"),
    ("Police ordered Omar Tahir to strip in front of the guards.", "ill_treatment", "Omar Tahir"),
    ("Soldiers stripped Jonas Berg naked at the checkpoint.", "ill_treatment", "Jonas Berg"),
    ("Lina Sorel was stripped naked by guards.", "ill_treatment", "Lina Sorel"),
    ("Guards kicked and punched Jonas Berg in his cell.", "ill_treatment", "Jonas Berg"),
    ("Lina Sorel was slapped by an interrogator.", "ill_treatment", "Lina Sorel"),
    # threat: threats against a person, told as a noun
    ("Rights groups documented death threats against journalist Omar Tahir.", "threat", "Omar Tahir"),
    ("The threats to lawyer Lina Sorel continued in May.", "threat", "Lina Sorel"),
    # arrest from a possessive nominal beside a death
    ("Farmer Omar Tahir died 48 hours after his arrest.", "arrest", "Omar Tahir"),
]

NEGATIVE = [
    # (text, action that must not be found)
    ("Police arrested Jonas Berg on Monday and charged nobody else.", "acquittal"),
    ("Rana Saleh was arrested for allegedly carrying leaflets.", "charge"),  # conduct, no offence named
    ("Lina Sorel was praised for alleged bravery.", "charge"),
    ("Police detained Ivo Marek in June for two days.", "charge"),
    ("Police released Omar Tahir without charge on 2 May.", "acquittal"),
    ("Parliament extended the term of President Omar Tahir by two years.", "sentence"),
    ("The ministry reduced the salary of teacher Nadia Karim.", "sentence"),
    ("The minister called journalist Omar Tahir to the ministry for a briefing.", "summons"),
    ("Editor Samuel Ofori returned from exile in 2004.", "exile"),
    ("Police knew the whereabouts of Omar Tahir.", "disappearance"),
    ("The whereabouts of the stolen car were not known.", "disappearance"),
    ("Omar Tahir was stripped of his citizenship in May.", "ill_treatment"),
    ("Guards mocked Jonas Berg during the interrogation.", "ill_treatment"),
    ("Omar Tahir was hit by a car in May.", "ill_treatment"),
    ("The threat to press freedom in the region grew.", "threat"),
    ("The minister responded to accusations of corruption against him.", "charge"),
    ("The mine company forced Jonas Berg to strip the machines for parts.", "killing"),
]


@pytest.mark.parametrize(("text", "action", "victim"), POSITIVE)
def test_shape_yields_the_event(extract_text, text, action, victim):
    found = {(event.action, event.victim) for event in extract_text(text)}
    assert (action, victim) in found, found


def test_a_state_of_custody_on_charges_does_not_date_the_charges(extract_text):
    """The date of "remained in custody" is not when the charges were brought (gold: null)."""
    events = extract_text("As of 22 December, Omar Tahir remained in custody on politically motivated charges.")
    charges = [event for event in events if event.action == "charge"]
    assert charges and all(not event.date for event in charges), [(e.action, e.date) for e in events]


@pytest.mark.parametrize(("text", "action"), NEGATIVE)
def test_same_words_without_the_act_yield_no_event(extract_text, text, action):
    found = {(event.action, event.victim) for event in extract_text(text)}
    assert action not in {a for a, _ in found}, found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In 2019 a court sentenced Ivo Marek to ten years. In May 2020 an appeals court reduced the sentence "
            "of Ivo Marek to two years.",
            {("Ivo Marek", "2019"), ("Ivo Marek", "2020-05")},
        ),
        (
            "On 4 June an appeals court commuted the sentences of poet Lina Sorel and farmers Kofi Adjei and "
            "Omar Tahir to life in prison.",
            {("Lina Sorel", "2020-06-04"), ("Kofi Adjei", "2020-06-04"), ("Omar Tahir", "2020-06-04")},
        ),
    ],
)
def test_a_revised_sentence_is_a_new_event_for_each_listed_person(extract_text, text, expected):
    """The revision keeps its own date, apart from the first sentence, and reaches every member
    of the list the act's noun carries (the rule anchors on the verb, the list hangs on the noun)."""
    sentences = {(e.victim, e.date) for e in extract_text(text) if e.action == "sentence"}
    assert expected <= sentences
