"""Places and dates of matched events (issue 15, fifth round): how English says where and when.

Invented sentences, several shapes per construction, with the cases that must give nothing:

- place: coordinated verbs that share one object and one place phrase ("abducted and killed X
  in Y"); a place phrase after an apposition closed by a comma ("X, alias 'Y', in Z"; "X, a
  reporter for Radio Y, at his home"), not one inside it; a region or town in the agent ("Y
  regional forces detained", "authorities in Y charged"), not a court's name; the town a
  person is forced to leave, not a country; "disappeared from Y prison"; a home, a hospital
  or a hotel with a determiner; "was taken to Y and charged"; no place from where a person
  was travelling to, from an earlier event ("following a protest in Y") or from what the act
  was for;
- date: a relative clause of a dated incident ("the 2019 incident where soldiers killed X"); a
  year that describes a person or another event ("2015 presidential candidate X") is no date
  of the act, unless it dates the occasion the act's verb is set in ("killed in a 2015 drone
  strike"); the acts of one proceeding share the date that opened it (GUIDELINES D26), also
  across a date inside the ground of the charge; "initially" places an act before the
  narrative's time.
"""

from __future__ import annotations

import pytest

PLACES = [
    # (text, action, victim, place); "" where the text gives the act no place
    # coordinated verbs share the object and the place phrase the last one carries
    ("On 3 May gunmen abducted and killed farmer Tomas Vidal in Mombasa.", "abduction", "Tomas Vidal", "Mombasa"),
    ("Soldiers detained and beat student Luis Mora in Gulu.", "arrest", "Luis Mora", "Gulu"),
    ("Reporter Ana Ruiz was abducted and tortured in Mombasa.", "abduction", "Ana Ruiz", "Mombasa"),
    ("Police arrested Ana Ruiz in May and released her in Mombasa.", "arrest", "Ana Ruiz", ""),
    # a place phrase after the comma that closes an apposition is the verb's
    ("Police arrested Omar Tahir, alias “Tiger,” in Mombasa.", "arrest", "Omar Tahir", "Mombasa"),
    ("Soldiers detained Luis Mora, a reporter for Radio Sol, at his home.", "arrest", "Luis Mora", "his home"),
    (
        "Police arrested Pedro Gil, the head of a farmers' union, in Gulu on charges of sedition.",
        "arrest",
        "Pedro Gil",
        "Gulu",
    ),
    ("Police arrested Ana Ruiz, a journalist in Mombasa, on 4 May.", "arrest", "Ana Ruiz", ""),
    # the agent's region or town; a court's name gives none (GUIDELINES D29)
    ("Oromia regional state security forces detained scholar Abdi Noor.", "arrest", "Abdi Noor", "Oromia"),
    ("Authorities in Mombasa charged activist Ana Ruiz with sedition.", "charge", "Ana Ruiz", "Mombasa"),
    ("Police in Gulu charged Omar Tahir with treason.", "charge", "Omar Tahir", "Gulu"),
    # the town a person is made to leave; a country left is no place (D29/D30)
    ("Authorities forced journalist Ana Ruiz to leave Nairobi within 48 hours.", "expulsion", "Ana Ruiz", "Nairobi"),
    ("Police ordered reporter Luis Mora to leave Gulu.", "expulsion", "Luis Mora", "Gulu"),
    ("Police forced Ana Ruiz to leave Kenya.", "expulsion", "Ana Ruiz", ""),
    # disappearing from a place
    ("Activist Abdi Noor disappeared from Kamiti prison in March.", "disappearance", "Abdi Noor", "Kamiti prison"),
    (
        "Omar Tahir went missing from a police station in Gulu.",
        "disappearance",
        "Omar Tahir",
        "a police station in Gulu",
    ),
    # premises with a determiner or possessive; not a modifier
    ("Police arrested Ana Ruiz at her home.", "arrest", "Ana Ruiz", "her home"),
    ("Guards beat Luis Mora at a hospital.", "ill_treatment", "Luis Mora", "a hospital"),
    ("Gunmen killed Pedro Gil at a hotel in Gulu.", "killing", "Pedro Gil", "a hotel in Gulu"),
    # where the person was taken, for the act coordinated after
    (
        "Luis Mora was taken to a police station in Gulu and charged with treason.",
        "charge",
        "Luis Mora",
        "a police station in Gulu",
    ),
    # somewhere else: where the person was going, an earlier event, what the act was for
    ("Abdi Noor went missing while traveling to a meeting in Gulu.", "disappearance", "Abdi Noor", ""),
    ("Police detained Ana Ruiz following a protest in Mombasa.", "arrest", "Ana Ruiz", ""),
    ("Police arrested Omar Tahir after a rally in Gulu.", "arrest", "Omar Tahir", ""),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "action", "victim", "place"), PLACES)
def test_place_of_the_act(extract_text, text, action, victim, place):
    events = [e for e in extract_text(text) if e.action == action and e.victim == victim]
    assert events, "the act itself is extracted"
    assert {e.place for e in events} == {place}


NO_PLACE_FROM_A_COURT = [
    "The Mombasa High Court sentenced Omar Tahir to five years.",
    "In May the Gulu district court convicted Ana Ruiz.",
]


@pytest.mark.model
@pytest.mark.parametrize("text", NO_PLACE_FROM_A_COURT)
def test_a_court_name_is_no_place(extract_text, text):
    events = [e for e in extract_text(text) if e.action == "sentence"]
    assert events
    assert {e.place for e in events} == {""}


@pytest.mark.model
def test_no_paragraph_place_from_an_earlier_event(extract_text):
    """ "detained following a protest in X. Officers beat him.": the protest's town is not
    where the beating happened, so it does not set the paragraph's scene either."""
    text = "On 5 January police detained Azamat Sadykov following a protest in Mombasa. Officers beat him."
    events = [e for e in extract_text(text) if e.victim == "Azamat Sadykov"]
    assert {e.action for e in events} >= {"arrest", "ill_treatment"}
    assert {e.place for e in events} == {""}


DATES = [
    # (text, action, victim, date); the fixture's report covers 2020
    # a relative clause of a dated incident happened on its date
    (
        "As of November, the inquiry continued into the 2019 incident where a soldier shot and killed Ana Ruiz.",
        "killing",
        "Ana Ruiz",
        "2019",
    ),
    ("Rights groups condemned the 2018 raid where police arrested Omar Tahir.", "arrest", "Omar Tahir", "2018"),
    # a year that describes a person is no date of the act
    (
        "In May the court convicted 2010 presidential candidate Mikalay Sokal to 14 years in prison.",
        "sentence",
        "Mikalay Sokal",
        "2020-05",
    ),
    (
        "On December 14 a court convicted Ana Ruiz of sedition. In the same case, the court convicted 2010 "
        "presidential candidate Mikalay Sokal to 14 years in prison.",
        "sentence",
        "Mikalay Sokal",
        "2020-12-14",
    ),
    ("Police arrested Luis Mora, a 2016 parliamentary candidate, in June.", "arrest", "Luis Mora", "2020-06"),
    # ... but the occasion the act's own verb sets it in dates it, for each verb that shares the phrase
    ("Reporter Luis Mora was killed in a 2015 drone strike.", "killing", "Luis Mora", "2015"),
    (
        "Police beat up and detained reporter Ana Ruiz during the May 4 protests.",
        "ill_treatment",
        "Ana Ruiz",
        "2020-05-04",
    ),
    ("Ana Ruiz, who was fined after the January protests, was detained outside her home.", "arrest", "Ana Ruiz", ""),
    # the acts of one proceeding share its date (D26)
    (
        "On 3 March a court convicted Ana Ruiz of sedition and sentenced her to five years. "
        "In the same case, the court convicted Luis Mora to three years in prison.",
        "sentence",
        "Luis Mora",
        "2020-03-03",
    ),
    (
        "On December 14 a court convicted Omar Tahir for his role in organizing protests in 2019. "
        "In the same case, the court convicted Luis Mora to ten years in prison.",
        "sentence",
        "Luis Mora",
        "2020-12-14",
    ),
    # ... but an arrest does not date the sentence that follows it
    ("On 3 May police arrested Omar Tahir. He was sentenced to five years.", "sentence", "Omar Tahir", ""),
    # a verb after the act that the parser made its governor does not make it hypothetical
    (
        "On December 14, a court convicted blogger Omar Tahir on charges of organizing unrest, although he was "
        "initially detained after announcing he wanted to run for president.",
        "sentence",
        "Omar Tahir",
        "2020-12-14",
    ),
    (
        "On December 14, a court convicted blogger Omar Tahir on charges of organizing unrest, although he was "
        "initially detained after announcing he wanted to run for president.",
        "arrest",
        "Omar Tahir",
        "",
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "action", "victim", "date"), DATES)
def test_date_of_the_act(extract_text, text, action, victim, date):
    events = [e for e in extract_text(text) if e.action == action and e.victim == victim]
    assert events, "the act itself is extracted"
    assert [e.date for e in events] == [date]


@pytest.mark.model
def test_a_quote_told_before_its_verb_keeps_the_verbs_cue(extract_text):
    """ "'We will detain Ana Ruiz,' the officer warned": the quote is what was warned of, so the
    warning still makes the detention no act (only a clause the parser hung on a later verb
    across a subordinate clause is freed from that verb)."""
    events = extract_text("“Tomorrow we will detain journalist Ana Ruiz,” the officer warned.")
    assert not [e for e in events if e.action in ("arrest", "detention") and e.victim == "Ana Ruiz"]
