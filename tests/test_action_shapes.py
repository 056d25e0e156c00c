"""How State Department reports (Section 1.a deprivation of life, 1.b disappearance, 1.c
torture) and news write killings, disappearances, acquittals, expulsions, investigations,
searches and ill-treatment (issue 15): one sentence table per action, every sentence
invented, plus the sentences that must stay no event (accidents, natural deaths, negation,
possibility) as SPEC sections 1-2 and the GUIDELINES decide."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model  # every test here runs the English pipeline

SHAPES = [
    # (text, action, victim)
    # killing: verbs, nouns, custody deaths, deaths from abuse, bodies found
    ("Activist Samuel Njoroge died in custody on 4 May.", "killing", "Samuel Njoroge"),
    ("Trade unionist Omar Haddad died after being beaten by police.", "killing", "Omar Haddad"),
    ("Student Lina Karimi was shot dead by soldiers in March.", "killing", "Lina Karimi"),
    ("Security forces shot and killed protester Abdul Rahman on 3 June.", "killing", "Abdul Rahman"),
    ("Opposition leader Musa Bello was executed in April.", "killing", "Musa Bello"),
    ("Rights groups condemned the execution of Karim Nasser.", "killing", "Karim Nasser"),
    ("The body of journalist Peter Okello was found on 9 May.", "killing", "Peter Okello"),
    ("Journalist Peter Okello's body was found in a river.", "killing", "Peter Okello"),
    ("Blogger Ana Ruiz was found dead in her cell.", "killing", "Ana Ruiz"),
    ("Villagers found activist Ana Ruiz dead near the river.", "killing", "Ana Ruiz"),
    ("The killing of lawyer Tomas Reyes remained unsolved.", "killing", "Tomas Reyes"),
    ("The murder of journalist Fatima Zahra shocked the country.", "killing", "Fatima Zahra"),
    ("The assassination of opposition leader Joseph Kamau was condemned.", "killing", "Joseph Kamau"),
    ("Unknown gunmen killed journalist Ibrahim Sani in Mogadishu.", "killing", "Ibrahim Sani"),
    ("Rebels killed village chief Moses Kiprop.", "killing", "Moses Kiprop"),
    ("Farmer Ali Wazir died of injuries sustained during his arrest.", "killing", "Ali Wazir"),
    ("Activist Tom Bari succumbed to gunshot wounds.", "killing", "Tom Bari"),
    ("Prisoner Ivo Marek died as a result of torture.", "killing", "Ivo Marek"),
    ("Activist Hassan Ali was tortured to death in prison.", "killing", "Hassan Ali"),
    ("The death of Rafael Gomez in police custody prompted protests.", "killing", "Rafael Gomez"),
    ("Rafael Gomez's death in custody prompted protests.", "killing", "Rafael Gomez"),
    ("Police allegedly killed Daniel Haile.", "killing", "Daniel Haile"),
    ("Activist Sam Obi died while in police custody.", "killing", "Sam Obi"),
    ("Activist Ruth Obi died following her arrest.", "killing", "Ruth Obi"),
    ("Police fatally shot protester Ali Juma on 3 May.", "killing", "Ali Juma"),
    ("Student Ali Juma was fatally shot by police.", "killing", "Ali Juma"),
    ("Farmer Omar Gedi was lynched by a mob.", "killing", "Omar Gedi"),
    ("Security forces opened fire on the crowd, killing student Musa Adan.", "killing", "Musa Adan"),
    # disappearance
    ("Journalist Yusuf Adan has not been seen since 12 March.", "disappearance", "Yusuf Adan"),
    ("The whereabouts of activist Lucy Achieng remain unknown.", "disappearance", "Lucy Achieng"),
    ("Lawyer Irina Petrova's whereabouts remained unknown at year's end.", "disappearance", "Irina Petrova"),
    ("Student Abdi Noor was forcibly disappeared in May.", "disappearance", "Abdi Noor"),
    ("Blogger Sami Karam disappeared after being taken by men in plain clothes.", "disappearance", "Sami Karam"),
    ("Activist Rana Aziz has been missing since June.", "disappearance", "Rana Aziz"),
    ("Student Omar Tahir was reported missing on 2 May.", "disappearance", "Omar Tahir"),
    # acquittal
    ("Journalist Zainab Bello was acquitted on 3 May.", "acquittal", "Zainab Bello"),
    ("The court acquitted activist Lamine Diop of all charges.", "acquittal", "Lamine Diop"),
    ("Blogger Musa Juma was found not guilty of defamation.", "acquittal", "Musa Juma"),
    ("A court found lawyer Hana Girma not guilty.", "acquittal", "Hana Girma"),
    ("Editor Tesfay Berhe was cleared of all charges in June.", "acquittal", "Tesfay Berhe"),
    ("The court dismissed the charges against Nabil Farouk.", "acquittal", "Nabil Farouk"),
    ("The charges against journalist Abel Tesfaye were dropped in March.", "acquittal", "Abel Tesfaye"),
    ("An appeals court overturned the verdict against Sara Mohammed.", "acquittal", "Sara Mohammed"),
    ("The Supreme Court overturned the conviction of Kofi Mensah.", "acquittal", "Kofi Mensah"),
    ("The acquittal of Nora Vance was upheld.", "acquittal", "Nora Vance"),
    # expulsion
    ("British journalist Tom Baker was deported on 4 May.", "expulsion", "Tom Baker"),
    ("Activist Elena Popa was expelled from the country in June.", "expulsion", "Elena Popa"),
    ("Activist Ali Karimi was stripped of citizenship and deported to Kenya.", "expulsion", "Ali Karimi"),
    ("Reporter Anna Smith was denied entry and deported.", "expulsion", "Anna Smith"),
    (
        "Correspondent Mark Jones's accreditation was withdrawn and he was ordered to leave the country.",
        "expulsion",
        "Mark Jones",
    ),
    ("Ivan Petrov was arrested. He was ordered to leave the country.", "expulsion", "Ivan Petrov"),
    # investigation (questioning is a summons: GUIDELINES D13)
    ("Prosecutors opened an investigation into journalist Omar Said.", "investigation", "Omar Said"),
    ("Lawyer Ana Costa was placed under investigation for fraud.", "investigation", "Ana Costa"),
    ("Police launched a criminal investigation against Mike Oduya.", "investigation", "Mike Oduya"),
    ("Blogger Lina Saad was questioned by prosecutors on 3 May.", "summons", "Lina Saad"),
    # search
    ("Police raided the home of journalist Karim Haddad on 2 May.", "search", "Karim Haddad"),
    ("Security agents searched Lena Ost's house.", "search", "Lena Ost"),
    ("Security forces raided activist Lena Ost's home and confiscated computers.", "search", "Lena Ost"),
    ("Officers confiscated Sami Nour's devices during a search of his home.", "search", "Sami Nour"),
    ("Officers conducted a search of the home of lawyer Nour Adel.", "search", "Nour Adel"),
    ("Police carried out a raid on the house of editor Sami Reda.", "search", "Sami Reda"),
    ("The home of activist Grace Mwangi was raided in June.", "search", "Grace Mwangi"),
    # ill_treatment
    ("Activist Omar Farah was beaten in custody.", "ill_treatment", "Omar Farah"),
    ("Journalist Nadia Karim was subjected to torture.", "ill_treatment", "Nadia Karim"),
    ("Police tortured student Abdi Musa.", "ill_treatment", "Abdi Musa"),
    ("Prisoner Tariq Omar was mistreated by guards.", "ill_treatment", "Tariq Omar"),
    ("Activist Kamal Yusuf suffered beatings in prison.", "ill_treatment", "Kamal Yusuf"),
    ("Doctors documented the torture of Jean Mbeki in May.", "ill_treatment", "Jean Mbeki"),
    ("Lawyer Sara Lee said she was tortured in detention.", "ill_treatment", "Sara Lee"),
]


@pytest.mark.parametrize(("text", "action", "victim"), SHAPES)
def test_shape_yields_the_action(extract_text, text, action, victim):
    found = {(e.action, e.victim) for e in extract_text(text)}
    assert (action, victim) in found, found


NOT_EVENTS = [
    # (text, action): no named event of that action
    ("Activist Nadia Karim died in a car accident in May.", "killing"),
    ("Former minister Paul Biya died of natural causes.", "killing"),
    ("Journalist Ana Lopez died of cancer in June.", "killing"),
    ("Police did not kill Daniel Haile.", "killing"),
    ("Protester Jean Mbeki could be executed.", "killing"),
    ("The execution of Ivan Bren was postponed.", "killing"),
    ("Gunmen attempted the assassination of Paul Kamau.", "killing"),
    ("Rights groups condemned the killing.", "killing"),
    ("Investigators have not found the body of Karim Said.", "killing"),
    ("Lena Ost was seen in public since her release.", "disappearance"),
    ("Blogger Musa Juma was not found guilty.", "acquittal"),
    ("Blogger Musa Juma was found guilty of defamation.", "acquittal"),
    ("Amanuel Desta was not acquitted.", "acquittal"),
    ("The court could acquit Hana Girma.", "acquittal"),
    ("Prosecutors could drop the charges against Ivo Bren.", "acquittal"),
    # refused entry is not being forced out of the country (SPEC 2: expulsion)
    ("Reporter Anna Smith was denied entry at the airport.", "expulsion"),
    ("Police did not order Samir Haddad to leave the country.", "expulsion"),
    ("Police have not searched the home of Sami Nour.", "search"),
    ("Police did not torture Ali Musa.", "ill_treatment"),
    ("Omar Said said he had not been mistreated.", "ill_treatment"),
]


@pytest.mark.parametrize(("text", "action"), NOT_EVENTS)
def test_not_an_event(extract_text, text, action):
    assert [e.victim for e in extract_text(text) if e.action == action and e.victim] == []


def test_finding_a_body_names_no_perpetrator_but_keeps_the_date(extract_text):
    [event] = [
        e
        for e in extract_text("Police found the body of journalist Peter Okello in a river on 9 May.")
        if e.action == "killing"
    ]
    assert (event.victim, event.perpetrator, event.date) == ("Peter Okello", "", "2020-05-09")


def test_a_hedged_killing_is_kept_with_lower_confidence(extract_text):
    plain = next(e for e in extract_text("Police killed Daniel Haile.") if e.action == "killing")
    hedged = next(e for e in extract_text("Police allegedly killed Daniel Haile.") if e.action == "killing")
    assert hedged.confidence < plain.confidence


def test_a_death_after_beating_is_a_killing_and_the_beating(extract_text):
    text = "Trade unionist Omar Haddad died after being beaten by police."
    found = {(e.action, e.victim) for e in extract_text(text)}
    assert {("killing", "Omar Haddad"), ("ill_treatment", "Omar Haddad")} <= found


def test_a_counted_killing_is_a_group_event(extract_text):
    events = [e for e in extract_text("Security forces killed 300 civilians during the year.") if e.action == "killing"]
    assert [(e.victim, e.victim_count) for e in events] == [("", 300)]
