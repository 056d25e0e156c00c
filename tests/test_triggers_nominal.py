"""Nominal and light-verb forms of charge, sentence, release, detention, acquittal,
investigation and search (issue 15, error kind 3), and the modal, demanded, negated and
generic uses of the same words that must give no event. Every sentence is invented."""

from __future__ import annotations

import pytest

REALIS = [
    # (text, action, victim) -- sentence
    ("A judge handed Karl Mensah a two-year term.", "sentence", "Karl Mensah"),
    ("Blogger Rui Tavares was handed a two-year term on 3 May.", "sentence", "Rui Tavares"),
    ("The court handed down a five-year sentence to Lena Sorel.", "sentence", "Lena Sorel"),
    ("Activist Lena Sorel was given a five-year sentence in March.", "sentence", "Lena Sorel"),
    ("Activist Maya Lind received a suspended sentence of one year.", "sentence", "Maya Lind"),
    ("Journalist Ali Demir is serving a five-year sentence for espionage.", "sentence", "Ali Demir"),
    ("Activist Lena Sorel was given five years in prison.", "sentence", "Lena Sorel"),
    ("A court gave Lena Sorel five years in prison.", "sentence", "Lena Sorel"),
    ("Lena Sorel received 10 years in prison.", "sentence", "Lena Sorel"),
    ("Student Omar Hadi got 15 days of administrative detention.", "sentence", "Omar Hadi"),
    ("A court jailed blogger Anna Berg for two years.", "sentence", "Anna Berg"),
    ("Lena Sorel was jailed for life in 2019.", "sentence", "Lena Sorel"),
    ("Tariq Bayoumi's trial ended in a conviction.", "sentence", "Tariq Bayoumi"),
    ("Lawyer Samir Nasr was found guilty and sentenced to four years.", "sentence", "Samir Nasr"),
    ("Lawyer Samir Nasr was found guilty of insulting the president.", "sentence", "Samir Nasr"),
    ("A court found Lena Sorel guilty of sedition.", "sentence", "Lena Sorel"),
    ("Exiled editor Paul Dube was sentenced in absentia to ten years in prison.", "sentence", "Paul Dube"),
    ("Exiled editor Paul Dube was convicted in absentia in March.", "sentence", "Paul Dube"),
    ("In June an appeals court upheld the sentence of Adel Fahmy.", "sentence", "Adel Fahmy"),
    ("A court upheld Adel Fahmy's sentence in June.", "sentence", "Adel Fahmy"),
    ("Opposition leader Karim Zaid was condemned to death in 2019.", "sentence", "Karim Zaid"),
    ("A military court condemned Karim Zaid to death.", "sentence", "Karim Zaid"),
    ("Activist Maya Lind was handed a fine of 500 dollars.", "sentence", "Maya Lind"),
    ("Maya Lind was ordered to pay a fine of 500 dollars.", "sentence", "Maya Lind"),
    ("The court imposed a fine on blogger Ada Obi.", "sentence", "Ada Obi"),
    ("In May a court reduced a two-year sentence for fraud against Ali Hassan.", "sentence", "Ali Hassan"),
    ("A sentence of five years was handed down to Lena Sorel.", "sentence", "Lena Sorel"),
    # charge
    ("Journalist Tom Ekene was indicted in May for sedition.", "charge", "Tom Ekene"),
    ("Blogger Sara Kim faces charges of spreading false news.", "charge", "Sara Kim"),
    ("Blogger Sara Kim was accused of spreading false news.", "charge", "Sara Kim"),
    ("Prosecutors filed charges against editor Musa Bello in June.", "charge", "Musa Bello"),
    ("In June prosecutors brought new charges of extremism against Musa Bello.", "charge", "Musa Bello"),
    ("Charges of treason were filed against Lena Sorel in May.", "charge", "Lena Sorel"),
    ("Charges were brought against Lena Sorel in May.", "charge", "Lena Sorel"),
    ("Prosecutors filed charges of fraud against Ali Hassan.", "charge", "Ali Hassan"),
    ("Karim Benali was arrested on 3 May on terrorism charges.", "charge", "Karim Benali"),
    ("Karim Benali was charged under Article 361 of the criminal code.", "charge", "Karim Benali"),
    ("Singer Ayo Bello was tried for insulting the king.", "charge", "Ayo Bello"),
    ("Singer Ayo Bello stands trial for insulting the king.", "charge", "Ayo Bello"),
    ("Singer Ayo Bello is due to stand trial on charges of treason.", "charge", "Ayo Bello"),
    ("Lena Sorel awaits trial on charges of espionage.", "charge", "Lena Sorel"),
    ("Karim Benali was arrested on terrorism-related charges.", "charge", "Karim Benali"),
    ("Police booked Ali Hassan for sedition in May.", "charge", "Ali Hassan"),
    ("Ali Hassan was booked under Section 124A.", "charge", "Ali Hassan"),
    # investigation (SPEC: a criminal case opened against X)
    ("The prosecutor's office opened a criminal case against Olga Ivanova.", "investigation", "Olga Ivanova"),
    ("A criminal case was opened against Olga Ivanova in May.", "investigation", "Olga Ivanova"),
    ("Prosecutors launched an investigation into activist Olga Ivanova.", "investigation", "Olga Ivanova"),
    ("A case was registered against Ali Hassan in May.", "investigation", "Ali Hassan"),
    # acquittal
    ("The prosecution dropped the case against Hala Mansour.", "acquittal", "Hala Mansour"),
    ("Charges against Hala Mansour were dropped in May.", "acquittal", "Hala Mansour"),
    ("In May a court dismissed the charges against Hala Mansour.", "acquittal", "Hala Mansour"),
    ("Prosecutors dropped the charges of fraud against Hala Mansour in May.", "acquittal", "Hala Mansour"),
    ("Hala Mansour was cleared of all charges in May.", "acquittal", "Hala Mansour"),
    ("A court cleared Hala Mansour of all charges.", "acquittal", "Hala Mansour"),
    ("The case against Hala Mansour was closed in May.", "acquittal", "Hala Mansour"),
    ("Hala Mansour was found not guilty.", "acquittal", "Hala Mansour"),
    ("An appeals court overturned the conviction of Hala Mansour.", "acquittal", "Hala Mansour"),
    ("Hala Mansour's conviction was overturned on appeal.", "acquittal", "Hala Mansour"),
    ("In May an appeals court acquitted Hala Mansour.", "acquittal", "Hala Mansour"),
    # detention
    ("Writer Nabil Farouk, who has been held since 2015, was denied visits.", "detention", "Nabil Farouk"),
    ("Blogger Ana Ruiz, in custody since 2019, went on hunger strike.", "detention", "Ana Ruiz"),
    ("Journalist Lena Marsh remained behind bars at year's end.", "detention", "Lena Marsh"),
    ("Journalist Lena Marsh remained in pretrial detention at year's end.", "detention", "Lena Marsh"),
    ("Journalist Lena Marsh spent eight months in jail.", "detention", "Lena Marsh"),
    ("Journalist Lena Marsh remains imprisoned.", "detention", "Lena Marsh"),
    ("Editor Lina Moss is serving her sentence in Hill Prison.", "detention", "Lina Moss"),
    ("Authorities continued to detain Ali Hassan without charge.", "detention", "Ali Hassan"),
    ("A court extended the detention of Ali Hassan by 45 days.", "detention", "Ali Hassan"),
    ("A judge ordered Ali Hassan held in pretrial detention for two months.", "detention", "Ali Hassan"),
    ("The court ordered Lina Sorel kept in custody until her trial.", "detention", "Lina Sorel"),
    ("Ali Hassan's detention was extended by 15 days.", "detention", "Ali Hassan"),
    # release
    ("Abebe Kebede walked free in May.", "release", "Abebe Kebede"),
    ("Abebe Kebede was released on bail in May.", "release", "Abebe Kebede"),
    ("Abebe Kebede was released pending trial.", "release", "Abebe Kebede"),
    ("Abebe Kebede was let go after two days.", "release", "Abebe Kebede"),
    ("Police let Abebe Kebede go after two days.", "release", "Abebe Kebede"),
    ("On 12 May the president pardoned Abebe Kebede.", "release", "Abebe Kebede"),
    ("Abebe Kebede was granted parole in May.", "release", "Abebe Kebede"),
    ("Ali Hassan received a presidential pardon in May.", "release", "Ali Hassan"),
    ("Ali Hassan left prison in May.", "release", "Ali Hassan"),
    ("Ali Hassan walked out of prison on 3 May.", "release", "Ali Hassan"),
    # search
    ("Police raided the homes of Ana Costa and Luis Pereira.", "search", "Luis Pereira"),
    ("Police searched the offices of lawyer Ana Costa.", "search", "Ana Costa"),
    ("Police conducted a search of Ana Costa's home.", "search", "Ana Costa"),
    ("Police carried out a raid on the home of Ana Costa.", "search", "Ana Costa"),
    ("Security forces raided the offices and homes of lawyers Ali Hassan and Tomas Berg.", "search", "Tomas Berg"),
]


@pytest.mark.parametrize(("text", "action", "victim"), REALIS)
def test_nominal_and_light_verb_forms_give_the_act(extract_text, text, action, victim):
    found = {(e.action, e.victim) for e in extract_text(text)}
    assert (action, victim) in found, found


NO_EVENT = [
    # (text, action that must not be extracted): laws, demands, threats, modality, negation
    ("Insulting officials is punishable by up to five years in prison.", "sentence"),
    ("Ana Lopez faces up to ten years in prison if convicted.", "sentence"),
    ("Prosecutors sought a ten-year sentence for Ana Lopez.", "sentence"),
    ("Prosecutors asked the court to jail Ana Lopez for five years.", "sentence"),
    ("Ana Lopez could be jailed for up to three years.", "sentence"),
    ("If found guilty, Ana Lopez faces ten years in prison.", "sentence"),
    ("Ana Lopez was not found guilty.", "sentence"),
    ("A court found Lena Sorel not guilty.", "sentence"),
    ("Ana Lopez pleaded guilty.", "sentence"),
    ("Ana Lopez pleaded not guilty.", "acquittal"),
    ("The court gave Ana Lopez a week to respond.", "sentence"),
    ("Human rights groups condemned the arrest of Ana Lopez.", "sentence"),
    ("Police jailed Lena Sorel for two days.", "sentence"),
    ("The regime imprisoned Daniel Mekonnen for two years.", "sentence"),
    ("Ana Lopez could face charges of treason.", "charge"),
    ("Prosecutors may bring charges against Ana Lopez.", "charge"),
    ("Prosecutors threatened to bring charges against Ana Lopez.", "charge"),
    ("Activist Maria Santos filed charges against police officer John Kamau.", "charge"),
    ("Ana Lopez was tried for three hours.", "charge"),
    ("Lena Sorel was tried in absentia.", "charge"),
    ("Prosecutors did not open a case against Ana Lopez.", "investigation"),
    ("Lawyers called for the charges against Rami Aziz to be dropped.", "acquittal"),
    ("Lawyers urged prosecutors to drop the case against Hala Mansour.", "acquittal"),
    ("Activists called for the release of Ahmed Ali.", "release"),
    ("A judge denied Ahmed Ali bail.", "release"),
    ("Ana Lopez was granted bail but remained in prison.", "release"),
    ("Ana Lopez was denied parole.", "release"),
    ("Police arraigned Ali Hassan in court on 3 May.", "charge"),
    ("Ali Hassan booked a flight to Paris.", "charge"),
    ("Ali Hassan could not leave prison.", "release"),
    ("Prosecutors asked that Ali Hassan be held in detention.", "detention"),
    ("Lawyers urged the court to order Ali Hassan held in custody.", "detention"),
    ("The president refused to pardon Ana Lopez.", "release"),
    ("Activists asked the president to pardon Ana Lopez.", "release"),
    ("Ana Lopez could walk free next year.", "release"),
    ("Ahmed Ali was not freed.", "release"),
    ("A search for Ana Lopez continues.", "search"),
    ("Police raided the offices of the weekly Sun.", "search"),
]


@pytest.mark.parametrize(("text", "action"), NO_EVENT)
def test_laws_demands_threats_and_negation_give_no_event(extract_text, text, action):
    assert [(e.action, e.victim) for e in extract_text(text) if e.action == action and e.victim] == []


def test_a_dropped_case_is_an_acquittal_not_also_an_investigation(extract_text):
    events = extract_text("The prosecution dropped the case against Hala Mansour.")
    assert {(e.action, e.victim) for e in events} == {("acquittal", "Hala Mansour")}


def test_a_jail_term_is_one_sentence_with_its_term(extract_text):
    [event] = extract_text("In May a court jailed blogger Anna Berg for two years.")
    expected = ("sentence", "Anna Berg", "a court", "2020-05")
    assert (event.action, event.victim, event.perpetrator, event.date) == expected


def test_a_copular_among_list_is_read_as_the_act(extract_text):
    events = extract_text("Abebe Kebede was among those released in an amnesty.")
    assert ("release", "Abebe Kebede") in {(e.action, e.victim) for e in events}


KNOWN_GAPS = [
    # shapes not handled yet; strict, so a fix shows up as an unexpected pass
    ("The court handed a five-year sentence to activist Omar Bakri.", "sentence", "Omar Bakri"),  # "to" parsed as aux
]


@pytest.mark.parametrize(("text", "action", "victim"), KNOWN_GAPS)
@pytest.mark.xfail(strict=True, reason="not handled yet (issue 15, kind 3)")
def test_known_gaps(extract_text, text, action, victim):
    assert (action, victim) in {(e.action, e.victim) for e in extract_text(text)}
