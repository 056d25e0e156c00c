"""Who is the victim and who the agent (issue 15, roles): a perpetrator is an agent of the act's
own clause (a by-phrase, "at the hands of", the subject of an active verb, the noun's "from"),
never one carried over from another clause; an organisation is never a victim; a pronoun takes
the topic of the sentence before, not the subject of a clause inside it. Every sentence is
invented; none is copied from a report."""

from __future__ import annotations

import pytest

from hrevents.rules.schema import load_lexicon

pytestmark = pytest.mark.model

AGENTS = [
    # (text, action, victim, a word the perpetrator must hold; "" for no perpetrator)
    (
        "Journalist Ali Hassan was tortured at the hands of intelligence officers.",
        "ill_treatment",
        "Ali Hassan",
        "officers",
    ),
    ("Activist Rosa Vega received threats from police officers after the march.", "threat", "Rosa Vega", "police"),
    ("Reporter Mike Oduya received death threats from unknown men in May.", "threat", "Mike Oduya", "men"),
    # the parser reads the verb as an adjective of the role word and hangs the subject on it
    ("In May a court convicted singer Lara Demir on charges of insulting religion.", "sentence", "Lara Demir", "court"),
    # the second verb read as an adjective of the role word before the name
    ("Police closed the station and detained reporter Ana Cruz.", "arrest", "Ana Cruz", "Police"),
    (
        "Police raided the offices of the weekly Sunrise Times and detained reporter Ana Cruz.",
        "arrest",
        "Ana Cruz",
        "Police",
    ),
    # a passive without an agent takes none from the sentence before
    (
        "Police dispersed a rally in Lakeside in May. Activist Lina Sato was arrested on July 4.",
        "arrest",
        "Lina Sato",
        "",
    ),
    ("Activist Lina Sato was beaten by members of the presidential guard.", "ill_treatment", "Lina Sato", "guard"),
]


@pytest.mark.parametrize(("text", "action", "victim", "agent"), AGENTS)
def test_perpetrator_is_an_agent_of_the_clause(extract_text, text, action, victim, agent):
    events = [e for e in extract_text(text) if e.action == action and e.victim == victim]
    assert events, [(e.action, e.victim) for e in extract_text(text)]
    if agent:
        assert agent.lower() in events[0].perpetrator.lower()
    else:
        assert events[0].perpetrator == ""


NOT_VICTIMS = [
    # (text, action, a name that must not be a victim of it, a name that must be, or "")
    (
        "Unknown men threatened the media outlets Sunrise, Nova Lumen and Kantara Voice in May.",
        "threat",
        "Nova Lumen",
        "",
    ),
    (
        "Unknown men threatened the media outlets Sunrise, Nova Lumen and Kantara Voice in May.",
        "threat",
        "Kantara Voice",
        "",
    ),
    # a verb before the gapped name is another act's: the raid is of the offices, not of the reporter
    ("Police raided the offices of the weekly Sunrise Times and detained reporter Ana Cruz.", "search", "Ana Cruz", ""),
    # a singular organisation noun names only the name after it; the list goes on with people
    (
        "Police arrested reporters of the newspaper Daily Star, Ana Cruz and Tom Reyes.",
        "arrest",
        "Daily Star",
        "Tom Reyes",
    ),
    # the act's own patient is a thing, unnamed people or a relation: not the clause's subject
    ("Sami Bello criticized the government's failure to apprehend the culprits.", "arrest", "Sami Bello", ""),
    (
        "The prosecutor general, Sami Bello, invited foreign officials to hold a meeting in Lakeside.",
        "detention",
        "Sami Bello",
        "",
    ),
    (
        "Omar Bello said that since his father was killed by soldiers, he has lived in hiding.",
        "killing",
        "Omar Bello",
        "",
    ),
    ("Judge Omar Bello was convicted of hiding money held in foreign bank accounts.", "detention", "Omar Bello", ""),
    ("Judge Omar Bello was convicted of hiding money held in foreign bank accounts.", "sentence", "", "Omar Bello"),
    # ... but a role noun the subject is said to be stands for the subject
    (
        "Omar Bello was detained in May as a criminal suspect facing charges under Article 12.",
        "charge",
        "",
        "Omar Bello",
    ),
    # the pronoun after "the nephew of A" is the nephew, whom nobody names
    (
        "On May 1, gunmen kidnapped the nephew of Governor Tom Reyes and held him for two months.",
        "detention",
        "Tom Reyes",
        "",
    ),
    # an accusation by people holding no office, or by a statement, is no charge
    ("Opposition candidates accused President Omar Bello of meddling with the courts.", "charge", "Omar Bello", ""),
    (
        "Activist Sami Bello posted videos accusing President Omar Bello of wasting public funds.",
        "charge",
        "Omar Bello",
        "",
    ),
    ("Prosecutors accused Sami Bello of spreading false news.", "charge", "", "Sami Bello"),
    # a single name the tagger calls a person, after an organisation noun, may hold the role
    (
        "Military courts sentenced former chief of staff of the armed forces Sami Anan to six years in prison.",
        "sentence",
        "",
        "Sami Anan",
    ),
    ("Authorities were still holding chief editor of the news site Adel Sabri.", "detention", "", "Adel Sabri"),
    # texts, places and peoples are nobody
    (
        "Findings from the National Youth Survey released in May showed a rise in abuse.",
        "release",
        "National Youth Survey",
        "",
    ),
    (
        "Inspectors said all three detention facilities, Tal Nur, Birkat and Sumara, were overcrowded.",
        "detention",
        "Tal Nur",
        "",
    ),
]


@pytest.mark.parametrize(("text", "action", "absent", "present"), NOT_VICTIMS)
def test_organisations_and_other_acts_objects_are_not_victims(extract_text, text, action, absent, present):
    victims = {e.victim for e in extract_text(text) if e.action == action and e.victim}
    assert absent not in victims
    if present:
        assert present in victims


NAMES = [
    # the tagger cuts a long name in two; the parse keeps it one
    (
        "The court heard the case of Julio Antonio Perez Lopez, accused of ordering the killing of a reporter.",
        "charge",
        "Julio Antonio Perez Lopez",
    ),
    # "he" is the man the main clause is about, not the subject of a clause inside it
    (
        "Two cases were brought against Karim Nasser, the first for helping journalist Amina Yusuf leave the "
        "country. He was convicted in the second case on charges of espionage.",
        "sentence",
        "Karim Nasser",
    ),
    (
        "Two cases were brought against Karim Nasser, the first for helping journalist Amina Yusuf leave the "
        "country. He was convicted in the second case on charges of espionage.",
        "charge",
        "Karim Nasser",
    ),
]


@pytest.mark.parametrize(("text", "action", "victim"), NAMES)
def test_the_right_person(extract_text, text, action, victim):
    victims = {e.victim for e in extract_text(text) if e.action == action}
    assert victims == {victim}


def test_the_agent_of_a_clause_inside_is_its_own_subject(extract_text):
    """ "allegations that security forces tortured suspects": the relative-looking clause has
    its own subject; the subject of the clause above (who failed to investigate) did nothing."""
    text = (
        "Rights groups said the judges failed to investigate allegations that security forces tortured "
        "terrorism suspects."
    )
    events = [e for e in extract_text(text) if e.action == "ill_treatment"]
    assert events
    assert all("judges" not in e.perpetrator for e in events)


def test_agent_phrases_are_data():
    assert "at the hands of" in load_lexicon("lexicon.yaml").roles.agent_phrases
