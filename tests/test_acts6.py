"""Arrest, charge, sentence, killing and threat told in shapes the rules missed (issue 15, sixth
round), one table per shape of English: names given after the act for the unnamed group it
befell ("They included A and B", "The lawyers were A, B ...", "The names of those still held
are ..."), a name at the end of a role noun's phrase ("head of the department for the region
A"), a long list read to its end, participles that share a listed subject ("Among those
detained and fined was A") or stand before their subject ("Detained on Monday was A"), light
verbs and act nouns ("received a fine", "a trial against A ... on charges"), a death told with
its circumstances, a pronoun object in a clause of its own or after an apposition's names, a
re-arrest or an arrest told as earlier as a new event (GUIDELINES D22), and GUIDELINES D11: the state's
abduction of a person is an arrest. Each table holds what must stay no event. Every sentence is
invented."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model  # every test here runs the English pipeline


def victims(extract_text, text: str, action: str) -> set[str]:
    return {e.victim for e in extract_text(text) if e.action == action and e.victim}


LATER_LISTS = [
    # (text, action, expected victims): a later sentence lists the names of an unnamed group
    (
        "Police arrested six activists in May. They included Rana Issa and Karim Tahir.",
        "arrest",
        {"Rana Issa", "Karim Tahir"},
    ),
    (
        "Soldiers detained five students on Monday. Among them were Lina Haddad and Adel Nour.",
        "arrest",
        {"Lina Haddad", "Adel Nour"},
    ),
    (
        "The court sentenced four lawyers in June. The lawyers were Rana Issa, Karim Tahir, Lina Haddad and Adel Nour.",
        "sentence",
        {"Rana Issa", "Karim Tahir", "Lina Haddad", "Adel Nour"},
    ),
    (
        "Security forces detained four students on Monday. The students were Omar Tahir, Karim Haddad, "
        "Lina Sorel and Ada Morin.",
        "arrest",
        {"Omar Tahir", "Karim Haddad", "Lina Sorel", "Ada Morin"},
    ),
    # "the names of": within the act's own phrase, or a few sentences on in the paragraph
    (
        "The names of those arrested in the raid are Rana Issa, Karim Tahir and Lina Haddad.",
        "arrest",
        {"Rana Issa", "Karim Tahir", "Lina Haddad"},
    ),
    (
        "Police detained nine teachers in March. The union protested. The names of those detained "
        "were Omar Tahir and Ada Morin.",
        "arrest",
        {"Omar Tahir", "Ada Morin"},
    ),
]


@pytest.mark.parametrize(("text", "action", "expected"), LATER_LISTS)
def test_names_given_after_the_act(extract_text, text, action, expected):
    assert expected <= victims(extract_text, text, action)


NOT_LATER_LISTS = [
    # (text, action, name that is no victim): a later sentence that lists no one, or another group
    ("Police arrested six activists in May. They were released in June by Judge Omar Tahir.", "arrest", "Omar Tahir"),
    ("Police arrested six activists in May. Lawyers for the group included Rana Issa.", "arrest", "Rana Issa"),
    ("Police arrested six activists in May.\n\nThey included Rana Issa and Karim Tahir.", "arrest", "Rana Issa"),
    ("Police arrested six activists in May. Their lawyers were Rana Issa and Karim Tahir.", "arrest", "Rana Issa"),
    (
        "Police arrested six activists in May. The court was silent. The judges were Rana Issa and Karim Tahir.",
        "arrest",
        "Rana Issa",
    ),
]


@pytest.mark.parametrize(("text", "action", "name"), NOT_LATER_LISTS)
def test_a_later_sentence_of_other_people_names_no_victim(extract_text, text, action, name):
    assert name not in victims(extract_text, text, action)


def test_a_long_list_is_read_to_its_end(extract_text):
    names = [
        "Rana Issa", "Karim Tahir", "Lina Haddad", "Adel Nour", "Omar Bello", "Ada Morin",
        "Tomas Veld", "Ines Moro", "Pavel Rusu", "Sami Idris", "Hana Mourad",
    ]  # fmt: skip
    text = f"Police detained {', '.join(names[:-1])}, and {names[-1]} in Lakeside on Monday."
    assert set(names) <= victims(extract_text, text, "arrest")


SHARED_AND_FRONTED = [
    # (text, action, victim): participles that share a listed subject, or stand before it
    ("Among those detained and fined was Omar Tahir, a priest.", "sentence", "Omar Tahir"),
    ("Among those detained and fined was Omar Tahir, a priest.", "arrest", "Omar Tahir"),
    ("Detained on Monday was journalist Karim Tahir.", "arrest", "Karim Tahir"),
    ("Arrested in the raid was opposition member Lina Haddad.", "arrest", "Lina Haddad"),
]


@pytest.mark.parametrize(("text", "action", "victim"), SHARED_AND_FRONTED)
def test_participles_sharing_or_fronting_their_subject(extract_text, text, action, victim):
    assert victim in victims(extract_text, text, action)


LIGHT_VERBS_AND_NOUNS = [
    # (text, action, victim)
    ("Blogger Tomas Veld received a fine in March.", "sentence", "Tomas Veld"),
    ("Student Ada Morin got the largest fine of the protests.", "sentence", "Ada Morin"),
    ("A trial against journalist Karim Tahir began in May on charges of libel.", "charge", "Karim Tahir"),
    ("The trial against teacher Ines Moro opened in June on charges of treason.", "charge", "Ines Moro"),
    # a death in custody told with its circumstances
    ("Activist Pavel Rusu died under suspicious circumstances in prison.", "killing", "Pavel Rusu"),
    ("Teacher Ines Moro died under unclear circumstances in police custody in May.", "killing", "Ines Moro"),
    # a pronoun object in a clause of its own refers back past that clause's subject
    ("Omar Tahir was covering a protest when an officer threatened him.", "threat", "Omar Tahir"),
    ("Reporter Lina Sorel was filming a rally when a soldier beat her.", "ill_treatment", "Lina Sorel"),
]


@pytest.mark.parametrize(("text", "action", "victim"), LIGHT_VERBS_AND_NOUNS)
def test_light_verbs_act_nouns_and_clauses(extract_text, text, action, victim):
    assert victim in victims(extract_text, text, action)


NOT_THESE_ACTS = [
    # (text, action, name): the same words with no such act
    ("Tomas Veld received a letter from the court in March.", "sentence", "Tomas Veld"),
    ("Pavel Rusu died under unclear circumstances in a car crash.", "killing", "Pavel Rusu"),
    ("Omar Tahir said an officer threatened him.", "threat", "an officer"),
    ("An officer threatened him after Omar Tahir arrived.", "threat", "Omar Tahir"),
]


@pytest.mark.parametrize(("text", "action", "name"), NOT_THESE_ACTS)
def test_same_words_no_such_act(extract_text, text, action, name):
    assert name not in victims(extract_text, text, action)


STATE_ABDUCTION = [
    # (text, action it is, action it is not): GUIDELINES D11
    ("In May police abducted Rana Issa from her home.", "arrest", "abduction"),
    ("Rana Issa was abducted by security forces in May.", "arrest", "abduction"),
    ("Soldiers kidnapped Karim Tahir at a checkpoint on Monday.", "arrest", "abduction"),
    ("Rana Issa was abducted by gunmen in May.", "abduction", "arrest"),
    ("Unknown men kidnapped Karim Tahir outside his office.", "abduction", "arrest"),
]


@pytest.mark.parametrize(("text", "action", "not_action"), STATE_ABDUCTION)
def test_the_states_abduction_is_an_arrest(extract_text, text, action, not_action):
    events = extract_text(text)
    assert any(e.action == action and e.victim for e in events), events
    assert not any(e.action == not_action for e in events), events


def test_a_state_abduction_keeps_its_rule_as_provenance(extract_text):
    (event,) = [e for e in extract_text("Rana Issa was abducted by security forces in May.") if e.victim]
    assert (event.action, event.perpetrator) == ("arrest", "security forces")
    assert event.rule.split("+")[0] == "abduction.verb"


ROLE_PHRASES = [
    # (text, action, expected victims): a role noun whose "of"/"for" phrase ends in the name
    (
        "Four former associates of the governor, including head of the tax department for the region Omar Tahir, "
        "deputy head of the security division Karim Haddad, and special interrogator Ada Morin, were convicted "
        "and sentenced to prison terms ranging from 16 to 18 years.",
        "sentence",
        {"Omar Tahir", "Karim Haddad", "Ada Morin"},
    ),
    (
        "The regime executed four prisoners, including party leader Rana Issa and party member of "
        "parliament Omar Tahir.",
        "killing",
        {"Rana Issa", "Omar Tahir"},
    ),
    ("Police arrested a member of the Green Party Omar Tahir on Monday.", "arrest", {"Omar Tahir"}),
]


@pytest.mark.parametrize(("text", "action", "expected"), ROLE_PHRASES)
def test_a_name_ending_a_role_phrase(extract_text, text, action, expected):
    assert expected <= victims(extract_text, text, action)


NOT_ROLE_PHRASES = [
    # (text, action, name): a name after a person's own title is that person, only the relation
    ("Police arrested the lawyer of activist Omar Tahir.", "arrest", "Omar Tahir"),
    ("Police arrested the wife of journalist Omar Tahir on Monday.", "arrest", "Omar Tahir"),
    ("Soldiers shot Omar Tahir in the head.", "arrest", "Omar Tahir"),
    (
        "Police summoned Omar Tahir, son of council member Sheikh Karim Haddad, for questioning.",
        "summons",
        "Karim Haddad",
    ),
]


@pytest.mark.parametrize(("text", "action", "name"), NOT_ROLE_PHRASES)
def test_a_relations_name_is_not_the_role(extract_text, text, action, name):
    assert name not in victims(extract_text, text, action)


PRONOUN_AFTER_DESCRIPTION = [
    # (text, action, victim, not victim): a name inside the apposition is part of a description
    (
        "Omar Tahir, a Tamil journalist, was covering a protest when an officer threatened him.",
        "threat",
        "Omar Tahir",
        "Tamil",
    ),
    (
        "Police detained reporter Karim Tahir, editor of the weekly Lakeside Star, and charged him with treason.",
        "charge",
        "Karim Tahir",
        "Lakeside Star",
    ),
    # a person the description relates the name to stays a person
    (
        "Rana Issa, a teacher and Omar Tahir's mother, wrote days before his sentencing that he was innocent.",
        "sentence",
        "Omar Tahir",
        "Rana Issa",
    ),
    # the apposition's own name is the person the pronoun means
    (
        "Police detained the son of journalist Omar Tahir, Sami Tahir, and beat him.",
        "ill_treatment",
        "Sami Tahir",
        "Omar Tahir",
    ),
]


@pytest.mark.parametrize(("text", "action", "victim", "other"), PRONOUN_AFTER_DESCRIPTION)
def test_a_pronoun_after_an_apposition(extract_text, text, action, victim, other):
    found = victims(extract_text, text, action)
    assert victim in found
    assert other not in found


ANOTHER_ARREST = [
    # a re-arrest, or an arrest told as before the one told, is another event (GUIDELINES D22)
    "On 3 May police arrested Omar Tahir in Lakeside. He was released on bail on 10 May "
    "but later rearrested for singing at a funeral.",
    "On 3 May police arrested Omar Tahir in Lakeside. Authorities had previously arrested Omar Tahir "
    "for a speech he gave.",
]


@pytest.mark.parametrize("text", ANOTHER_ARREST)
def test_another_arrest_is_a_new_event(extract_text, text):
    arrests = [e for e in extract_text(text) if e.action == "arrest" and e.victim == "Omar Tahir"]
    assert len(arrests) == 2, arrests
    assert len({e.event_id for e in arrests}) == 2


def test_the_same_arrest_told_again_is_one_event(extract_text):
    text = "On 3 May police arrested Omar Tahir in Lakeside. His arrest drew protests."
    arrests = [e for e in extract_text(text) if e.action == "arrest" and e.victim == "Omar Tahir"]
    assert len(arrests) == 1, arrests
