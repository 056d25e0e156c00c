"""Custody, release and acquittal told in shapes the rules missed on reports they were not
written on (issue 15), grouped by the shape of the English: custody stated as a state ("was
still detained", "remained in <named> Prison", "spent months incarcerated", "held up to two
months"), lists of detainees (an "including" list split by semicolons, a long list, "the names
of those still detained are", "among those in detention were"), an object moved after the
verb's phrase ("released from prison four prisoners, A and B"), and a case ended without
naming its people ("the case was dismissed", "authorities dropped the charges"), which points
back to the case the paragraph has just told. Custody as its own detention event and what is
an acquittal follow GUIDELINES brief 5-6, D11 and D16. Every sentence is INVENTED; each table
has look-alikes that must give nothing."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model  # every test here runs the English pipeline

POSITIVE = [
    # (text, action, victim)
    # custody as a state: "still" makes the participle custody, not the taking
    ("Omar Tahir was still detained at year's end.", "detention", "Omar Tahir"),
    ("Police arrested Omar Tahir in May. He was still jailed in June.", "detention", "Omar Tahir"),
    ("Omar Tahir was still being held at year's end.", "detention", "Omar Tahir"),
    ("Lina Sorel is in pretrial detention.", "detention", "Lina Sorel"),
    ("Kofi Adjei has been held since 2019.", "detention", "Kofi Adjei"),
    ("Editor Nadia Karim remains behind bars.", "detention", "Nadia Karim"),
    ("Authorities continued to hold Sam Okoth without charge.", "detention", "Sam Okoth"),
    ("Police arrested Kofi Adjei in May. He was held incommunicado.", "detention", "Kofi Adjei"),
    ("Activist Omar Tahir, who is in prison, went on hunger strike.", "detention", "Omar Tahir"),
    ("Rights groups condemned the continued detention of Omar Tahir.", "detention", "Omar Tahir"),
    # custody in a facility or of a force named by a proper noun
    ("Poet Ivo Marek remained in Lakeside Prison in Hill Province.", "detention", "Ivo Marek"),
    ("Omar Tahir, a trader who was in NSS custody on fraud charges, fell ill.", "detention", "Omar Tahir"),
    ("Lina Sorel remains in the Hill Detention Centre.", "detention", "Lina Sorel"),
    # a term in custody told by its length
    ("Kofi Adjei was freed after he spent more than eight months incarcerated.", "detention", "Kofi Adjei"),
    ("Lina Sorel spent two years imprisoned.", "detention", "Lina Sorel"),
    # "held up to two months": "up" begins a length, not "held up"
    ("Several journalists were held up to two months in detention, including Kofi Adjei.", "detention", "Kofi Adjei"),
    # lists of detainees: an "including" list split by semicolons, an alias in brackets
    (
        "Many activists remained in prison at year's end, including writer Omar Tahir (Omar Sadek); "
        "scholar Lina Sorel; Ivo Marek; and pastor Nadia Karim.",
        "detention",
        "Lina Sorel",
    ),
    (
        "Many activists remained in prison at year's end, including writer Omar Tahir (Omar Sadek); "
        "scholar Lina Sorel; Ivo Marek; and pastor Nadia Karim.",
        "detention",
        "Nadia Karim",
    ),
    (
        "Police released several prisoners in May, including blogger Kofi Adjei; activist Sara Lind; and Tomas Berg.",
        "release",
        "Tomas Berg",
    ),
    # a copular list of the people a custody describes
    (
        "The names of those who were still detained at the end of the year are Omar Tahir, Lina Sorel, and Kofi Adjei.",
        "detention",
        "Kofi Adjei",
    ),
    ("Those who remained in detention included Omar Tahir and Lina Sorel.", "detention", "Lina Sorel"),
    ("Those still detained at year's end were Omar Tahir and Lina Sorel.", "detention", "Omar Tahir"),
    ("Among those in detention were Omar Tahir and Lina Sorel.", "detention", "Lina Sorel"),
    ("Those still in custody at year's end included Kofi Adjei and Ivo Marek.", "detention", "Ivo Marek"),
    # an object moved after the verb's phrase, read as the phrase's second object
    (
        "Authorities released from prison four political prisoners, Omar Tahir, Lina Sorel, Ivo Marek, and Kofi Adjei.",
        "release",
        "Ivo Marek",
    ),
    # release shapes
    ("Omar Tahir was freed in May.", "release", "Omar Tahir"),
    ("Lina Sorel was released on parole in June.", "release", "Lina Sorel"),
    ("Ivo Marek completed his two-year sentence in May and was freed.", "release", "Ivo Marek"),
    ("Nadia Karim left prison in April after completing her sentence.", "release", "Nadia Karim"),
    ("The president pardoned Omar Tahir and Lina Sorel in May.", "release", "Lina Sorel"),
    # acquittal: a case ended without naming its people points back to the case just told
    (
        "Kofi Adjei was charged with hooliganism for a post, but the case was terminated in August.",
        "acquittal",
        "Kofi Adjei",
    ),
    ("Lina Sorel was released on bail on April 3, and in June the case was dismissed.", "acquittal", "Lina Sorel"),
    (
        "In May police arrested Omar Tahir and Lina Sorel for a post. Authorities dropped the charges on August 15.",
        "acquittal",
        "Lina Sorel",
    ),
    (
        "Prosecutors charged Omar Tahir with sedition. On November 12, the court dropped the case after a settlement.",
        "acquittal",
        "Omar Tahir",
    ),
    # acquittal: a case thrown out or discontinued, a person declared innocent
    ("A court threw out the case against Omar Tahir in May.", "acquittal", "Omar Tahir"),
    ("Police arrested Omar Tahir in May. A court threw out the case in June.", "acquittal", "Omar Tahir"),
    ("Prosecutors discontinued the case against Kofi Adjei in June.", "acquittal", "Kofi Adjei"),
    ("The charges against Lina Sorel were abandoned in May.", "acquittal", "Lina Sorel"),
    ("Ivo Marek was found innocent in March.", "acquittal", "Ivo Marek"),
    ("The court declared Omar Tahir innocent of all charges.", "acquittal", "Omar Tahir"),
    ("A judge declared Lina Sorel not guilty.", "acquittal", "Lina Sorel"),
    # custody under arrest as a state; an amnesty (D16: the release it implies)
    ("Lina Sorel remained under arrest in June.", "detention", "Lina Sorel"),
    ("Police kept Omar Tahir under arrest for a week.", "detention", "Omar Tahir"),
    ("Omar Tahir was amnestied in May.", "release", "Omar Tahir"),
    # acquittal shapes already read
    ("The charges against Omar Tahir were dismissed in May.", "acquittal", "Omar Tahir"),
    ("A court found Lina Sorel not guilty in June.", "acquittal", "Lina Sorel"),
    ("An appeals court overturned the conviction of Kofi Adjei.", "acquittal", "Kofi Adjei"),
    ("Prosecutors closed the case against Ivo Marek in March.", "acquittal", "Ivo Marek"),
]

NEGATIVE = [
    # (text, action, victim that must not get it)
    # a case noun with nothing told before it, an indefinite one, or one in another paragraph
    ("The minister said Omar Tahir thought the case was closed.", "acquittal", "Omar Tahir"),
    (
        "Police arrested Omar Tahir in May. Later a court dismissed a case brought by the city.",
        "acquittal",
        "Omar Tahir",
    ),
    ("Police arrested Omar Tahir in May.\n\nIn June the court closed the case.", "acquittal", "Omar Tahir"),
    # a semicolon ends the list when the next name does something of its own
    (
        "Many activists remained in prison, including Omar Tahir; Lina Sorel, his lawyer, said he was ill.",
        "detention",
        "Lina Sorel",
    ),
    ("Police arrested Omar Tahir; Lina Sorel said she was shocked.", "arrest", "Lina Sorel"),
    # custody words that describe no one in custody
    ("Omar Tahir was not among those in detention.", "detention", "Omar Tahir"),
    ("Those in power included Omar Tahir and Lina Sorel.", "detention", "Lina Sorel"),
    ("Poet Ivo Marek remained in Lakeside Park in Hill Province.", "detention", "Ivo Marek"),
    ("Omar Tahir spent two years abroad.", "detention", "Omar Tahir"),
    ("Protester Lina Sorel held up traffic for hours.", "detention", "Lina Sorel"),
    # the same verbs for things, a verdict of guilt, a taking under arrest
    ("Lina Sorel threw out her old papers.", "acquittal", "Lina Sorel"),
    ("Omar Tahir abandoned his plans to travel.", "acquittal", "Omar Tahir"),
    ("A court found Lina Sorel guilty of fraud.", "acquittal", "Lina Sorel"),
    ("Police placed Omar Tahir under arrest on 3 May.", "detention", "Omar Tahir"),
    ("Lina Sorel remained under arrest in June.", "arrest", "Lina Sorel"),
    # "still" with the taking of someone else's freedom by no one
    ("Omar Tahir still detained memories of his youth.", "detention", "Omar Tahir"),
]


@pytest.mark.parametrize(("text", "action", "victim"), POSITIVE)
def test_shape_yields_the_event(extract_text, text, action, victim):
    found = {(event.action, event.victim) for event in extract_text(text)}
    assert (action, victim) in found, found


@pytest.mark.parametrize(("text", "action", "victim"), NEGATIVE)
def test_look_alike_yields_no_event(extract_text, text, action, victim):
    found = {(event.action, event.victim) for event in extract_text(text)}
    assert (action, victim) not in found, found


@pytest.mark.parametrize(
    "text",
    [
        "Omar Tahir was still detained at year's end.",
        "Among those still in custody at year's end were Omar Tahir and Lina Sorel.",
        "The names of those who were still detained at the end of the year are Omar Tahir and Lina Sorel.",
    ],
)
def test_custody_seen_at_years_end_has_no_date(extract_text, text):
    """A detention stated at year's end is a state, not an act: its date is null (brief 9, D27)."""
    dates = {event.date for event in extract_text(text) if event.action == "detention"}
    assert dates and dates <= {None, ""}, dates


def test_still_detained_is_custody_not_a_second_arrest(extract_text):
    """ "arrested X ... X was still detained" is an arrest and a detention (brief 5), never two arrests."""
    events = extract_text("Police arrested Omar Tahir in May. He was still detained in June.")
    actions = sorted(event.action for event in events if event.victim == "Omar Tahir")
    assert actions == ["arrest", "detention"], actions


def test_a_case_ended_takes_the_charge_before_the_custody(extract_text):
    """The charge opens the case a dismissal ends: its people, not those of a later custody."""
    events = extract_text(
        "Police charged Omar Tahir and Lina Sorel with fraud in May. In June police detained Kofi Adjei. "
        "In July the charges were dropped."
    )
    acquitted = {event.victim for event in events if event.action == "acquittal"}
    assert acquitted == {"Omar Tahir", "Lina Sorel"}, acquitted


@pytest.mark.parametrize(
    ("text", "action", "perpetrator"),
    [
        ("Omar Tahir, a trader who was in NSS custody on fraud charges, fell ill.", "detention", "NSS"),
        ("Lina Sorel remained in Lakeside Prison.", "detention", ""),
        # a death in custody names no killer
        ("Kofi Adjei died in police custody in May.", "killing", ""),
    ],
)
def test_the_force_that_holds_a_named_custody_holds_the_person(extract_text, text, action, perpetrator):
    found = {event.perpetrator or "" for event in extract_text(text) if event.action == action}
    assert found == {perpetrator}, found
