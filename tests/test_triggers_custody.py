"""Recall of custody acts on reports the rules were not written on: a ground phrase the parser
hangs on the victim's name, light verbs of custody, the noun of a sentencing, "such as" lists,
counted "among" lists, and a case brought against someone; with the look-alikes that must give
nothing. Every sentence is invented."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model

REALIS = [
    # (text, action, victim) -- a ground phrase hung on the name belongs to the verb
    ("Police detained writer Omar Tahir on terrorism charges in May.", "charge", "Omar Tahir"),
    ("On 3 May police arrested poet Lena Sorel on charges of insulting the army.", "charge", "Lena Sorel"),
    # charge: a noun-modified charge faced, a case brought
    ("Editor Omar Tahir appeared in court to face terrorism charges in May.", "charge", "Omar Tahir"),
    ("Blogger Lena Sorel faces espionage charges.", "charge", "Lena Sorel"),
    ("Two criminal cases were brought against blogger Musa Bello in May.", "charge", "Musa Bello"),
    ("Prosecutors brought a case against Lena Sorel for insulting the army.", "charge", "Lena Sorel"),
    # detention: light verbs that put a person in custody
    ("Police placed blogger Omar Tahir in pretrial detention.", "detention", "Omar Tahir"),
    ("Blogger Omar Tahir was placed in pretrial detention on 3 May.", "detention", "Omar Tahir"),
    ("Omar Tahir was put behind bars in May.", "detention", "Omar Tahir"),
    ("Police threw Lena Sorel in jail.", "detention", "Lena Sorel"),
    ("Omar Tahir was sent to prison in May.", "detention", "Omar Tahir"),
    ("A judge sent Lena Sorel to jail.", "detention", "Lena Sorel"),
    # sentence: the noun of the court's act
    ("Rights groups condemned the sentencing of Omar Tahir to ten years in prison.", "sentence", "Omar Tahir"),
    ("Lena Sorel's sentencing in May drew protests.", "sentence", "Lena Sorel"),
    # lists: "such as", and a counted group the person was among
    ("Police arrested several activists, such as Ana Ruiz and Tomas Berg.", "arrest", "Ana Ruiz"),
    ("Police arrested several activists, such as Ana Ruiz and Tomas Berg.", "arrest", "Tomas Berg"),
    (
        "Authorities released 300 prisoners in May, including political prisoners such as Ivo Marek and Lena Sorel.",
        "release",
        "Lena Sorel",
    ),
    ("Ivo Marek was among more than 50 activists detained in May.", "arrest", "Ivo Marek"),
    (
        "The attorney general brought charges related to corruption against Ivo Marek, Lena Sorel, and Omar Tahir.",
        "charge",
        "Omar Tahir",
    ),
    # a relative pronoun object stands for the person its clause describes
    (
        "Two former prisoners, including Ivo Marek, whom authorities released in May, founded a party.",
        "release",
        "Ivo Marek",
    ),
    # a fine ordered by a court, the person named between
    ("A court ordered Lena Sorel to pay a fine.", "sentence", "Lena Sorel"),
    ("The judge ruled in absentia, ordering Lena Sorel to pay a fine of 300 dollars.", "sentence", "Lena Sorel"),
    # a subordinate clause states its own act: the main clause's "appealed" demands nothing of it
    (
        "Although a court acquitted Omar Tahir in June, the prosecutor appealed the acquittal.",
        "acquittal",
        "Omar Tahir",
    ),
    ("When the court acquitted Omar Tahir, activists called for the release of Lena Sorel.", "acquittal", "Omar Tahir"),
    ("After a court convicted Omar Tahir in May, his lawyers appealed the verdict.", "sentence", "Omar Tahir"),
]


@pytest.mark.parametrize(("text", "action", "victim"), REALIS)
def test_custody_forms_give_the_act(extract_text, text, action, victim):
    found = {(e.action, e.victim) for e in extract_text(text)}
    assert (action, victim) in found, found


NO_EVENT = [
    # (text, action, victim that must not get it)
    # the judge who sends a case to trial is not charged; "the case of X" names no one it is against
    ("Judge Lena Sorel found cause to bring to trial the case of the army officers.", "charge", "Lena Sorel"),
    # a person's own case against someone is a complaint, not a charge of the authorities
    ("Activist Lena Sorel brought a case against the ministry in May.", "charge", "Lena Sorel"),
    # things put in a prison, or a move to prison work, hold nobody
    ("Police put Omar Tahir's documents in the prison archive.", "detention", "Omar Tahir"),
    ("Omar Tahir returned to prison duties after the holiday.", "detention", "Omar Tahir"),
    # an uncounted "among" describes, it does not list victims
    ("Ivo Marek was among the senior officers accused of torture.", "charge", "Ivo Marek"),
    ("The sentencing of Omar Tahir was postponed.", "sentence", "Omar Tahir"),
    # what a main clause demands is still demanded when a subordinate clause comes first
    ("When the court acquitted Omar Tahir, activists called for the release of Lena Sorel.", "release", "Lena Sorel"),
    ("Lawyers appealed for the release of Lena Sorel after she fell ill.", "release", "Lena Sorel"),
]


def test_a_rule_that_needs_its_noun_takes_no_subject(extract_text):
    """ "increased" is a sentence only with a sentence for object; with none, the clause's
    subject is not its victim, not even as a group."""
    text = "Women faced discrimination at work, although the number of women in the workforce increased in May."
    assert not [e for e in extract_text(text) if e.action == "sentence"]


@pytest.mark.parametrize(("text", "action", "victim"), NO_EVENT)
def test_custody_look_alikes_give_nothing(extract_text, text, action, victim):
    found = {(e.action, e.victim) for e in extract_text(text)}
    assert (action, victim) not in found, found


def test_a_listed_victim_is_not_the_agent(extract_text):
    """ "A was among those arrested": the copula's subject is the victim, never the perpetrator."""
    events = [e for e in extract_text("Ivo Marek was among more than 50 activists detained in May.") if e.victim]
    assert [(e.action, e.victim, e.perpetrator) for e in events] == [("arrest", "Ivo Marek", "")]
