"""Violence, threats and who is a person (issue 15, fifth round): how English tells a threat
(a threatened act aimed at someone, flight because of threats, an ultimatum), violence in
gerunds and coordinated verbs ("was shot and died"), a victim named by a participle ("a man
named X", "a suspect identified as X"), a person named by the first of two surnames, and what
is not the victim: a nationality premodifying the doers, a relative clause that agrees with
the group noun rather than the person it names, a possessive before a relation word. Every
sentence is invented."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model  # every test here runs the English pipeline


def found(extract_text, text: str) -> set[tuple[str, str]]:
    return {(event.action, event.victim) for event in extract_text(text) if event.victim}


POSITIVE = [
    # (text, action, victim)
    # threaten + to-infinitive whose object is a thing: whom it is aimed at is in its preposition
    ("Soldiers threatened to take measures against Maria Lopez if she spoke.", "threat", "Maria Lopez"),
    ("Police officers threatened to take action on John Okello after the broadcast.", "threat", "John Okello"),
    ("Masked men threatened to kill journalist Maria Lopez.", "threat", "Maria Lopez"),
    # flight or withdrawal because of threats
    ("Journalist John Okello fled the country because of threats.", "threat", "John Okello"),
    ("Editor Maria Lopez went into hiding due to death threats from the police.", "threat", "Maria Lopez"),
    ("Reporter John Okello left the country after threats from local officials.", "threat", "John Okello"),
    ("Blogger Maria Lopez stopped writing following threats by security agents.", "threat", "Maria Lopez"),
    # an ultimatum told to the person
    ("Police told John Okello that he had to leave the town or he would lose his job.", "threat", "John Okello"),
    ("Officers told Maria Lopez that she would be arrested unless she stopped writing.", "threat", "Maria Lopez"),
    ("Officers warned John Okello that he would lose his licence unless he deleted the post.", "threat", "John Okello"),
    # violence in gerunds, to death, and a death coordinated with the violence
    (
        "A video showed officers beating and suffocating to death a prisoner identified as John Okello.",
        "killing",
        "John Okello",
    ),
    (
        "A video showed officers beating and suffocating to death a prisoner identified as John Okello.",
        "ill_treatment",
        "John Okello",
    ),
    ("Guards strangled John Okello to death in his cell.", "killing", "John Okello"),
    ("A video shows police officers using batons and kicking Maria Lopez.", "ill_treatment", "Maria Lopez"),
    ("Activist John Okello was shot by unknown men on May 1 and died hours later.", "killing", "John Okello"),
    ("Farmer Maria Lopez was beaten by soldiers and later died in hospital.", "killing", "Maria Lopez"),
    ("Farmer Maria Lopez was stabbed at a checkpoint and died the next day.", "killing", "Maria Lopez"),
    # a subordinate "when" clause does not block the main act
    (
        "John Okello said that when he tried to call for help, officers severely beat him.",
        "ill_treatment",
        "John Okello",
    ),
    ("When Maria Lopez refused to sign, guards slapped her.", "ill_treatment", "Maria Lopez"),
    # an unnamed noun given its name by a participle
    ("On July 13, a young man named John Okello was found dead in a police cell.", "killing", "John Okello"),
    ("Police killed a student later identified as Maria Lopez.", "killing", "Maria Lopez"),
    ("Soldiers beat a woman called Maria Lopez at the checkpoint.", "ill_treatment", "Maria Lopez"),
    ("Police arrested a man named John Okello in May.", "arrest", "John Okello"),
    # a patronymic written after the name belongs to it
    ("In May journalist Ulan Bekov uulu was abducted by unknown men.", "abduction", "Ulan Bekov uulu"),
]


@pytest.mark.parametrize(("text", "action", "victim"), POSITIVE)
def test_shape_yields_the_event(extract_text, text, action, victim):
    events = found(extract_text, text)
    assert (action, victim) in events, events


NOT_EVENTS = [
    # (text, action): no event of this action for anyone named
    # a threat must be a threat: a plain telling or a plain arrest is none
    ("The judge told John Okello that he would be released on Monday.", "threat"),
    ("Police told Maria Lopez that her brother had been arrested.", "threat"),
    # "after threats" on a verb that is no withdrawal is no threat against its subject
    ("John Okello was arrested after threats against the minister.", "threat"),
    # an unnamed noun with no name given names no one
    ("Police detained a suspect identified as a farmer.", "arrest"),
    # "died" not coordinated with violence
    ("John Okello retired in 2010 and died in 2019.", "killing"),
]


@pytest.mark.parametrize(("text", "action"), NOT_EVENTS)
def test_shape_is_no_event(extract_text, text, action):
    events = found(extract_text, text)
    assert not any(a == action for a, _ in events), events


ABDUCTION_BY_WHOM = [
    # (text, is an abduction): the state's taking of a person is an arrest or a disappearance
    ("Rights groups said authorities abducted John Okello in May.", False),
    ("John Okello was abducted by security forces in May.", False),
    ("Police officers kidnapped Maria Lopez outside her home.", False),
    ("Armed men abducted John Okello in May.", True),
    ("John Okello was kidnapped by unknown men believed to be police officers.", True),
    ("Rebels of the northern front abducted Maria Lopez on 2 June.", True),
]


@pytest.mark.parametrize(("text", "abduction"), ABDUCTION_BY_WHOM)
def test_abduction_is_not_the_states(extract_text, text, abduction):
    actions = {action for action, _ in found(extract_text, text)}
    assert ("abduction" in actions) == abduction, actions


NOT_THE_VICTIM = [
    # (text, action, wrong victim): the act may be an event, but not this person's
    # a nationality premodifying the doers
    ("John Okello said that when he left the court, Tajik security officers beat him.", "ill_treatment", "Tajik"),
    ("Uzbek guards tortured him in the prison.", "ill_treatment", "Uzbek"),
    ("Authorities arrested Pashtun, Sindhi, and Baloch rights activists in May.", "arrest", "Pashtun"),
    ("Authorities arrested Pashtun, Sindhi, and Baloch rights activists in May.", "arrest", "Sindhi"),
    # a counted reference whose role the partial list never gave is not that list
    (
        "President Maria Lopez, the interior minister, and other officials condemned the killing, "
        "and police arrested the two officers allegedly responsible.",
        "arrest",
        "Maria Lopez",
    ),
    # a participle before one person's role noun is a state, not an arrest told here
    ("The lawyer of detained opposition leader Omar Farah told media he was ill.", "arrest", "Omar Farah"),
    ("Jailed journalist Lina Sorel began a hunger strike in May.", "arrest", "Lina Sorel"),
    # "they" under a verb of saying is its speakers, here activists nobody names
    (
        "Police arrested Omar Farah and Ali Hassan as they tried to interview three activists "
        "who said they had been beaten.",
        "ill_treatment",
        "Omar Farah",
    ),
    (
        "Police detained John Okello and Ali Hassan while they met relatives who said they had been abducted.",
        "abduction",
        "John Okello",
    ),
    # a plural relative clause agrees with the group noun, not the person the group is named after
    (
        "Police detained John Okello and Ali Hassan, critics of Mayor Maria Lopez, who were held for a week.",
        "detention",
        "Maria Lopez",
    ),
    ("Supporters of President Maria Lopez, who were arrested in May, went on trial.", "arrest", "Maria Lopez"),
    (
        "Two lawyers of opposition leader John Okello, who have been detained since March, fell ill.",
        "detention",
        "John Okello",
    ),
]


@pytest.mark.parametrize(("text", "action", "wrong"), NOT_THE_VICTIM)
def test_not_the_victim(extract_text, text, action, wrong):
    events = found(extract_text, text)
    assert (action, wrong) not in events, events


THE_NAMED_MEMBERS = [
    # the members named beside the group noun are the victims of the clause that agrees with it
    (
        "The release included Omar Farah and Ali Hassan, critics of Mayor Maria Lopez, who were arrested in 2020.",
        "arrest",
        {"Omar Farah", "Ali Hassan"},
    ),
]


@pytest.mark.parametrize(("text", "action", "victims"), THE_NAMED_MEMBERS)
def test_plural_relative_reaches_the_named_members(extract_text, text, action, victims):
    events = found(extract_text, text)
    assert {(action, v) for v in victims} <= events, events


SINGULAR_RELATIVE = [
    # a singular verb still agrees with the person: the clause is about them
    ("Police detained supporters of John Okello, who was later charged with treason.", "charge", "John Okello"),
    ("Police detained the lawyer of Maria Lopez, who was held for a week.", "detention", "Maria Lopez"),
]


@pytest.mark.parametrize(("text", "action", "victim"), SINGULAR_RELATIVE)
def test_singular_relative_keeps_the_person(extract_text, text, action, victim):
    assert (action, victim) in found(extract_text, text)


STILL_EVENTS = [
    # (text, action, victim): the same shapes where the named people are meant
    (
        "Police arrested Omar Farah and Ali Hassan. The two men said they had been beaten in custody.",
        "ill_treatment",
        "Ali Hassan",
    ),
    (
        "Police arrested Omar Farah and Ali Hassan. Their relatives said they had been beaten.",
        "ill_treatment",
        "Omar Farah",
    ),
    ("The lawyer of detained opposition leader Omar Farah told media he was ill.", "detention", "Omar Farah"),
    # a finite verb after "and" that the parser reads as a premodifier is still the arrest
    ("Police closed the office and detained reporter Omar Farah.", "arrest", "Omar Farah"),
    (
        "Police arrested journalist John Okello and another man in May. The two men were released in June.",
        "release",
        "John Okello",
    ),
    (
        "In May police arrested and detained independent journalists. The detained journalists included: "
        "Omar Farah, editor of Sunrise; and Lina Sorel, a reporter.",
        "arrest",
        "Lina Sorel",
    ),
]


@pytest.mark.parametrize(("text", "action", "victim"), STILL_EVENTS)
def test_named_people_still_meant(extract_text, text, action, victim):
    events = found(extract_text, text)
    assert (action, victim) in events, events


FIRST_SURNAME = [
    # (text, action, full name): a later mention by the first of two surnames is the person
    (
        "Soldiers detained community leader Ariel Moreno Vidal on 3 May. Two days later soldiers killed Moreno.",
        "killing",
        "Ariel Moreno Vidal",
    ),
    (
        "Police arrested teacher Lucia Paredes Soto in June. A video shows officers beating Paredes.",
        "ill_treatment",
        "Lucia Paredes Soto",
    ),
]


@pytest.mark.parametrize(("text", "action", "full"), FIRST_SURNAME)
def test_first_surname_names_the_person(extract_text, text, action, full):
    events = found(extract_text, text)
    assert (action, full) in events, events


def test_a_possessive_before_a_relation_is_not_the_persons_gender(extract_text):
    """ "her father, X" is a man: "him" later in the paragraph still reaches him."""
    text = (
        "Reporter Maria Lopez said that her father, Pedro Morales, was at risk. "
        "Police summoned Morales on June 2 and told him that he had to stop his daughter or he would lose his job."
    )
    assert ("threat", "Pedro Morales") in found(extract_text, text)


def test_first_surname_of_a_particle_name_is_not_taken():
    """ "Ali Salman al-Hadi" has one family name: "Salman" alone is nobody's first surname."""
    from hrevents.components.names import first_surname

    assert first_surname("Ariel Moreno Vidal") == "moreno"
    assert first_surname("Ali Salman al-Hadi") is None
    assert first_surname("Ariel Moreno") is None


def test_the_date_of_a_death_after_violence_is_the_violence(extract_text):
    """ "was shot on May 1 and died hours later": the killing is dated by the shooting."""
    events = extract_text("Activist John Okello was shot by unknown men on May 1 and died hours later.")
    killing = next(e for e in events if e.action == "killing")
    assert killing.date == "2020-05-01"
