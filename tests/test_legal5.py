"""Legal-process acts told in shapes the rules missed on unseen reports (issue 15): an object
shifted after a short phrase ("sentenced in absentia X", "questioned for a third time X"), a
penalty named before its recipient ("a jail term handed to X"), house arrest as a detention
(GUIDELINES D46), a court's order that keeps a person in custody, custody in a cell, custody
resumed ("reimprisoned", "taken back into custody"), prosecutions and charges named as the
ground of another act, and a thing that accuses ("a complaint ..., which accused X"). Every
sentence is INVENTED; each table has positive and negative cases of the same words."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model  # every test here runs the English pipeline

POSITIVE = [
    # (text, action, victim)
    # sentence: the object shifted after "in absentia"
    ("A court sentenced in absentia Omar Tahir to one year in prison.", "sentence", "Omar Tahir"),
    ("The court sentenced in absentia activist Lina Sorel to five years.", "sentence", "Lina Sorel"),
    ("A military court convicted in absentia blogger Kofi Adjei of treason.", "sentence", "Kofi Adjei"),
    # sentence: the penalty named first, its recipient in the participle
    ("A jail term handed to Omar Tahir drew protests.", "sentence", "Omar Tahir"),
    ("Rights groups condemned the fine imposed on editor Kofi Adjei.", "sentence", "Kofi Adjei"),
    ("An appeals court increased from one to five years a jail term handed to Omar Tahir.", "sentence", "Omar Tahir"),
    ("In May a court increased the prison sentence given to Lina Sorel.", "sentence", "Lina Sorel"),
    # sentence: "convicted X to N years"
    ("A court convicted Lina Sorel to two years in prison.", "sentence", "Lina Sorel"),
    # summons: the object shifted after an adverbial phrase
    ("Police questioned for a third time Omar Tahir.", "summons", "Omar Tahir"),
    ("Officers summoned for a second time Kofi Adjei.", "summons", "Kofi Adjei"),
    (
        "On 3 May police questioned for a third time Nadia Karim, an editor, in relation to a complaint.",
        "summons",
        "Nadia Karim",
    ),
    ("Prosecutors summoned Kofi Adjei for questioning.", "summons", "Kofi Adjei"),
    # detention: house arrest (D46)
    ("Police placed Lina Sorel under house arrest.", "detention", "Lina Sorel"),
    ("Kofi Adjei was released to house arrest on 3 May.", "detention", "Kofi Adjei"),
    ("Authorities placed Omar Tahir under 40 days' house arrest.", "detention", "Omar Tahir"),
    ("Lena Marsh remained under house arrest in June.", "detention", "Lena Marsh"),
    ("A judge put blogger Nadia Karim under house arrest.", "detention", "Nadia Karim"),
    # detention: ordered to remain, sent for detention, kept in a cell
    ("The judge ordered Kofi Adjei to remain in detention.", "detention", "Kofi Adjei"),
    ("A court ordered Lina Sorel to stay in pretrial custody until her trial.", "detention", "Lina Sorel"),
    ("Omar Tahir was sent to the criminal court for detention on 2 May.", "detention", "Omar Tahir"),
    ("A judge remanded Lina Sorel for pretrial detention.", "detention", "Lina Sorel"),
    ("Omar Tahir was kept in a cell.", "detention", "Omar Tahir"),
    ("Guards kept Lina Sorel in a tiny, dirty cell.", "detention", "Lina Sorel"),
    ("Guards locked Kofi Adjei in a cell for a week.", "detention", "Kofi Adjei"),
    ("Omar Tahir spent a total of 90 days in prison.", "detention", "Omar Tahir"),
    # arrest: custody resumed
    ("Omar Tahir and Lina Sorel were reimprisoned in August.", "arrest", "Lina Sorel"),
    ("Authorities reimprisoned blogger Kofi Adjei in May.", "arrest", "Kofi Adjei"),
    ("Kofi Adjei was taken back into custody in May.", "arrest", "Kofi Adjei"),
    ("Police put Lina Sorel back in jail.", "arrest", "Lina Sorel"),
    # charge: a prosecution named by its noun; charges as the ground of another act
    ("Prosecutors began a prosecution against Kofi Adjei for fraud.", "charge", "Kofi Adjei"),
    ("The prosecution of Lina Sorel for sedition began in May.", "charge", "Lina Sorel"),
    (
        "Security officers summoned Kofi Adjei for questioning in connection with charges of incitement.",
        "charge",
        "Kofi Adjei",
    ),
    ("Police held Lina Sorel in relation to fraud charges.", "charge", "Lina Sorel"),
    ("Lina Sorel faces charges of treason.", "charge", "Lina Sorel"),
    ("Omar Tahir's trial on charges of espionage was pending.", "charge", "Omar Tahir"),
    # release and acquittal in one clause, each its own event
    ("The court acquitted Lina Sorel and released her on 4 May.", "acquittal", "Lina Sorel"),
    ("The court acquitted Lina Sorel and released her on 4 May.", "release", "Lina Sorel"),
    ("Charges against Lina Sorel were withdrawn.", "acquittal", "Lina Sorel"),
    # acquittal: a court clears a person
    ("A court cleared Kofi Adjei.", "acquittal", "Kofi Adjei"),
    ("In May an appeals court finally cleared blogger Lina Sorel.", "acquittal", "Lina Sorel"),
    ("Omar Tahir was cleared by an appeals court in May.", "acquittal", "Omar Tahir"),
    # release: bail granted
    ("Lina Sorel was granted bail in June.", "release", "Lina Sorel"),
    ("A judge granted bail to Omar Tahir on 4 May.", "release", "Omar Tahir"),
    ("Kofi Adjei was acquitted in September after being granted bail in June.", "release", "Kofi Adjei"),
]

NEGATIVE = [
    # (text, action that must not be found)
    ("Police placed Lina Sorel under house arrest.", "arrest"),  # D46: a detention, not an arrest
    ("Omar Tahir was released to house arrest.", "arrest"),
    ("The judge ordered Kofi Adjei to leave the room.", "detention"),
    ("The committee sent Omar Tahir a letter for his records.", "detention"),
    ("Omar Tahir kept his phone in a cell pocket.", "detention"),
    ("Police questioned in May, Omar Tahir said.", "summons"),  # a name after a comma is another clause
    ("The prosecution appealed the ruling in May.", "charge"),  # the party, no one's prosecution
    ("Omar Tahir thanked the prosecution for its work.", "charge"),
    ("Government prosecution of journalists limited media freedom.", "charge"),
    ("Rights groups praised the term handed to the committee.", "sentence"),
    ("Lina Sorel moved back to Paris in May.", "arrest"),
    ("Police questioned Lina Sorel in relation to a complaint.", "charge"),
    ("A complaint filed by an officer, which accused Omar Tahir of defamation, was dismissed.", "charge"),
    ("Police released Omar Tahir pending further investigation.", "charge"),
    ("Officials cleared Omar Tahir to travel.", "acquittal"),  # no court, no verdict
    ("The court cleared the hall before the hearing of Lina Sorel.", "acquittal"),
    ("Ana Lopez was granted bail but remained in prison.", "release"),
    ("A court denied Omar Tahir bail in May.", "release"),
    # a warrant only allows the act it is for
    ("On 9 June a judge issued a warrant for Omar Tahir's arrest.", "arrest"),
    ("Prosecutors issued an arrest warrant for Lina Sorel in May.", "arrest"),
]


@pytest.mark.parametrize(("text", "action", "victim"), POSITIVE)
def test_shape_yields_the_event(extract_text, text, action, victim):
    found = {(event.action, event.victim) for event in extract_text(text)}
    assert (action, victim) in found, found


@pytest.mark.parametrize(("text", "action"), NEGATIVE)
def test_same_words_without_the_act_yield_no_event(extract_text, text, action):
    found = {(event.action, event.victim) for event in extract_text(text)}
    assert action not in {a for a, _ in found}, found


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("Police placed Lina Sorel under house arrest.", "house arrest"),
        ("A court convicted Lina Sorel to two years in prison.", "two years in prison"),
        ("A court sentenced in absentia Omar Tahir to one year in prison.", "one year in prison"),
    ],
)
def test_the_term_or_manner_is_the_detail(extract_text, text, detail):
    details = {event.detail for event in extract_text(text) if event.action in ("detention", "sentence")}
    assert detail in details, details


def test_a_custody_resumed_is_a_new_arrest(extract_text):
    """ "taken back into custody" after a release is a re-arrest: a new event (GUIDELINES D22)."""
    events = extract_text(
        "Police arrested Kofi Adjei on 3 May and freed him on 5 May. On 9 June he was taken back into custody."
    )
    arrests = sorted(event.date for event in events if event.action == "arrest")
    assert arrests == ["2020-05-03", "2020-06-09"], [(e.action, e.date) for e in events]


@pytest.mark.parametrize(
    ("text", "action", "date"),
    [
        ("Police arrested Kofi Adjei on 3 May and released him in late October.", "release", "2020-10"),
        ("Police arrested Kofi Adjei on 3 May and released him in late October.", "arrest", "2020-05-03"),
        ("Police detained Lina Sorel in March and freed her on 2 June.", "release", "2020-06-02"),
        ("The court acquitted Lina Sorel in May and released her on 4 June.", "release", "2020-06-04"),
        ("The court acquitted Lina Sorel in May and released her on 4 June.", "acquittal", "2020-05"),
        ("Authorities arrested Omar Tahir on 3 May and charged him with treason.", "charge", "2020-05-03"),
        # hours after a dated act fall on its day (GUIDELINES D24)
        ("Police arrested Omar Tahir on 3 May and released him six hours later.", "release", "2020-05-03"),
        ("Police detained Lina Sorel in June and freed her a few hours later.", "release", "2020-06"),
    ],
)
def test_a_coordinated_act_keeps_its_own_date(extract_text, text, action, date):
    """A date on the act's own verb dates it, before the date of the verb it is coordinated
    with; a verb with no date of its own still takes the first verb's."""
    dates = {event.date for event in extract_text(text) if event.action == action}
    assert dates == {date}, dates


def test_an_arrest_on_a_warrant_is_an_arrest(extract_text):
    """The warrant below the act ("arrested X on a warrant") does not make it hypothetical."""
    found = {(e.action, e.victim) for e in extract_text("Police arrested Omar Tahir on a warrant issued in May.")}
    assert ("arrest", "Omar Tahir") in found, found
