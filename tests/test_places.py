"""Where an act happened and where a person was sent (issue 15, kind 5): one table of invented
sentences per shape of English that gives a place, and one of shapes that must give none.

The town names are invented or common ones; many are unknown to the small model's NER, which
is the point: reports name towns the tagger has never seen."""

from __future__ import annotations

import pytest

from hrevents.rules.schema import load_lexicon

pytestmark = pytest.mark.model


def _events(extract_text, text: str, action: str, victim: str):
    return [e for e in extract_text(text) if e.action == action and e.victim == victim]


CLAUSE = [
    # (text, action, victim, place): a prepositional phrase of the act's own clause
    ("Police arrested activist Musa Bako in Lakeside on 2 May.", "arrest", "Musa Bako", "Lakeside"),
    ("Police arrested activist Musa Bako in Kampala on 2 May.", "arrest", "Musa Bako", "Kampala"),
    (
        "On 2 May soldiers detained journalist Ana Ruiz at a checkpoint near Riverton.",
        "arrest",
        "Ana Ruiz",
        "a checkpoint near Riverton",
    ),
    # a home is a place with its town, as written (GUIDELINES D29; gold: "his home in Karachi");
    # a person's home is a place, the person's name alone is not
    ("Police arrested activist Musa Bako at Ana Ruiz's house.", "arrest", "Musa Bako", "Ana Ruiz's house"),
    (
        "Journalist Omar Said was killed in his home in Riverton on 4 June.",
        "killing",
        "Omar Said",
        "his home in Riverton",
    ),
    ("Activist Lina Haddad was arrested at her home in Westport.", "arrest", "Lina Haddad", "her home in Westport"),
    ("Ana Ruiz was arrested in Kampala and charged with treason.", "arrest", "Ana Ruiz", "Kampala"),
    (
        "On 5 May officers used force to arrest singer Joe Banda and his friend Leon Tengo in front of a "
        "foreign embassy in Kampala.",
        "arrest",
        "Leon Tengo",
        "in front of a foreign embassy in Kampala",
    ),
    (
        "Police detained journalist Ana Ruiz at Jomo Kenyatta International Airport.",
        "arrest",
        "Ana Ruiz",
        "Jomo Kenyatta International Airport",
    ),
]

CLAUSE += [
    (
        "Police arrested journalist Luis Mora at his home in the city of Masaya.",
        "arrest",
        "Luis Mora",
        "his home in the city of Masaya",
    ),
    ("Student Luis Mora was killed in the town of San Remo.", "killing", "Luis Mora", "the town of San Remo"),
    (
        "Guards detained Luis Mora in San Cristobal, Tachira State, on 4 May.",
        "arrest",
        "Luis Mora",
        "San Cristobal, Tachira State",
    ),
    ("Journalist Luis Mora was arrested while covering a protest in Managua.", "arrest", "Luis Mora", "Managua"),
    ("Police arrested Luis Mora in downtown Managua.", "arrest", "Luis Mora", "downtown Managua"),
]

FACILITIES = [
    ("Authorities held activist Luis Mora at El Torreon for two months.", "detention", "Luis Mora", "El Torreon"),
    ("Authorities held activist Luis Mora in El Torreon for two months.", "detention", "Luis Mora", "El Torreon"),
    (
        "Activist Luis Mora was held incommunicado at the Ramo Verde military prison.",
        "detention",
        "Luis Mora",
        "the Ramo Verde military prison",
    ),
    (
        "Lawyer Peter Otieno was held at Hillcrest prison for three weeks.",
        "detention",
        "Peter Otieno",
        "Hillcrest prison",
    ),
    (
        "Blogger Sara Mwangi was detained in the Northgate detention centre.",
        "arrest",
        "Sara Mwangi",
        "the Northgate detention centre",
    ),
    ("Ana Ruiz remained in detention in Luzira prison at year's end.", "detention", "Ana Ruiz", "Luzira prison"),
    (
        "Officials transferred activist Tom Banda to Hillcrest prison in June.",
        "detention",
        "Tom Banda",
        "Hillcrest prison",
    ),
    (
        "Police arrested Ana Ruiz on 2 May. They took her to the central police station, where she was questioned.",
        "summons",
        "Ana Ruiz",
        "the central police station",
    ),
    (
        "Police arrested Ana Ruiz on 2 May. Police transferred her to Kampala, where she remained in prison.",
        "detention",
        "Ana Ruiz",
        "Kampala",
    ),
]

SETTING = [
    ("In Riverton, police arrested activist Musa Bako on 3 May.", "arrest", "Musa Bako", "Riverton"),
    ("During protests in Riverton on 5 May, police arrested activist Musa Bako.", "arrest", "Musa Bako", "Riverton"),
    ("In Kampala, police arrested activist Musa Bako and beat him.", "ill_treatment", "Musa Bako", "Kampala"),
    ("In Kampala, police said they had arrested activist Musa Bako.", "arrest", "Musa Bako", "Kampala"),
    ("Police in Riverton arrested activist Musa Bako.", "arrest", "Musa Bako", "Riverton"),
    ("Kampala police arrested activist Musa Bako.", "arrest", "Musa Bako", "Kampala"),
    ("Police in the state of Zulia arrested opposition leader Luis Mora.", "arrest", "Luis Mora", "the state of Zulia"),
    # a region's possession is the place, not the region alone
    (
        "In May, soldiers in Kano State’s Eastern District arrested activist Musa Bako.",
        "arrest",
        "Musa Bako",
        "Kano State’s Eastern District",
    ),
    # a time phrase the parser hung on the perpetrators is not where they are
    ("Hours after the Kampala riots, a guard in Entebbe killed activist Musa Bako.", "killing", "Musa Bako", "Entebbe"),
    # the paragraph's dated sentence sets the incident the next sentences go on with
    (
        "On 10 May police surrounded a crowd in front of the Kampala office of the Green Party. They arrested "
        "party leader Musa Bako. Police beat Sara Mwangi.",
        "ill_treatment",
        "Sara Mwangi",
        "in front of the Kampala office of the Green Party",
    ),
    (
        "On 4 May officers detained reporters Ana Ruiz and Ben Okoro at Entebbe airport. Authorities deported "
        "both men.",
        "expulsion",
        "Ben Okoro",
        "Entebbe airport",
    ),
]


# the place the act's own words name, or the facility a release is "from"
OWN_WORDS = [
    ("Activist Musa Bako died in prison on 3 May.", "killing", "Musa Bako", "prison"),
    ("Blogger Ana Ruiz died in police custody in June.", "killing", "Ana Ruiz", "police custody"),
    ("Editor Luis Mora was released from prison in April.", "release", "Luis Mora", "prison"),
    ("Guards freed activist Tom Banda from Hillcrest prison on 2 May.", "release", "Tom Banda", "Hillcrest prison"),
    # a gerund's own place phrase ("for questioning at X") is the act's
    (
        "Police detained Ana Ruiz for questioning at the central police station.",
        "arrest",
        "Ana Ruiz",
        "the central police station",
    ),
]


@pytest.mark.parametrize(("text", "action", "victim", "place"), CLAUSE + FACILITIES + SETTING + OWN_WORDS)
def test_the_place_the_text_gives(extract_text, text, action, victim, place):
    assert place in {e.place for e in _events(extract_text, text, action, victim)}


DESTINATIONS = [
    # (text, action, victim, destination, place)
    (
        "Authorities expelled activist Ali Hassan to his native Sudan.",
        "expulsion",
        "Ali Hassan",
        "his native Sudan",
        "",
    ),
    ("Journalist Ali Hassan left the country for Costa Rica.", "exile", "Ali Hassan", "Costa Rica", ""),
    ("Authorities deported journalist Ali Hassan to Kenya on 3 May.", "expulsion", "Ali Hassan", "Kenya", ""),
    ("Authorities deported journalist Ali Hassan from Egypt to Sudan.", "expulsion", "Ali Hassan", "Sudan", "Egypt"),
    ("Activist Grace Achieng was forced into exile in Kenya.", "expulsion", "Grace Achieng", "Kenya", ""),
    ("Editor Samuel Ofori went into exile in Ghana in 2004.", "exile", "Samuel Ofori", "Ghana", ""),
    ("Lawyer Ivan Petrov fled to Germany in March.", "exile", "Ivan Petrov", "Germany", ""),
    (
        "Police arrested Ana Ruiz on 2 May. On 5 May officers took her from the detention centre, forced her "
        "into a car, drove her to the border with Kenya and told her to leave the country.",
        "expulsion",
        "Ana Ruiz",
        "the border with Kenya",
        "",
    ),
]


@pytest.mark.parametrize(("text", "action", "victim", "destination", "place"), DESTINATIONS)
def test_destinations_are_not_places(extract_text, text, action, victim, destination, place):
    [event] = _events(extract_text, text, action, victim)
    assert (event.destination, event.place) == (destination, place)


NO_PLACE = [
    # (text, action, victim): no place, or not this one
    ("Police arrested lawyer Joseph Kato, a member of the Kampala Law Society, in June.", "arrest", "Joseph Kato"),
    ("Police arrested Musa Bako, the editor of the Kampala Times.", "arrest", "Musa Bako"),
    ("Police arrested Kenyan journalist Peter Mwangi in June.", "arrest", "Peter Mwangi"),
    ("Musa Bako, a Ugandan lawyer, was arrested in June.", "arrest", "Musa Bako"),
    (
        "Police arrested activist Musa Bako on 2 May; a rally in Riverton was dispersed the next day.",
        "arrest",
        "Musa Bako",
    ),
    ("In a statement, police said they had arrested activist Musa Bako.", "arrest", "Musa Bako"),
    ("A court convicted activist Musa Bako in absentia.", "sentence", "Musa Bako"),
    ("Police arrested activist Musa Bako in connection with the protest.", "arrest", "Musa Bako"),
    ("Police arrested activist Musa Bako in Kampala and charged him with treason.", "charge", "Musa Bako"),
    ("Police arrested Luis Mora at Sunday Mass.", "arrest", "Luis Mora"),
    ("Police arrested Luis Mora in Operation Liberty.", "arrest", "Luis Mora"),
    ("Luis Mora, a journalist from Ganja, was arrested on 3 May.", "arrest", "Luis Mora"),
    # a clause about the people ("who worked at X") is not where the act happened
    ("On 3 May police arrested Luis Mora, who worked at a foreign embassy in Riverton.", "arrest", "Luis Mora"),
    # a person's description, the reason for the act or its topic is not where it happened
    ("Troops arrested Musa Bako, a farmer in Riverton District, on 3 May.", "arrest", "Musa Bako"),
    ("Police detained Luis Mora for criticizing the army in Riverton.", "arrest", "Luis Mora"),
    ("Luis Mora was held after taking part in protests in Riverton.", "detention", "Luis Mora"),
    ("Police released Luis Mora over his posts about the war in Kampala.", "release", "Luis Mora"),
    ("Police released Luis Mora in connection with his posts regarding the war in Kampala.", "release", "Luis Mora"),
    # a force named after the country is a national body (GUIDELINES D29)
    ("In March, Uganda Defence Forces soldiers killed activist Musa Bako.", "killing", "Musa Bako"),
    # a charge named under the arrest's verb is not laid where the arrest was made
    ("Police arrested Luis Mora in Kampala on fraud and related charges.", "charge", "Luis Mora"),
    ("Luis Mora was detained on charges of spreading false news in Kampala.", "charge", "Luis Mora"),
    # a term of prison is no place
    ("A court sentenced Luis Mora to two years in prison on charges of fraud.", "charge", "Luis Mora"),
    ("Luis Mora was released after a year in prison.", "release", "Luis Mora"),
    # a new date opens a new incident: the earlier sentence's place is not carried over
    ("On 3 May police arrested Musa Bako in Riverton. On 9 June soldiers beat Ana Ruiz.", "ill_treatment", "Ana Ruiz"),
    # a country is the report's setting, not the incident's
    ("On 3 May, protests spread across Uganda. Police arrested Musa Bako.", "arrest", "Musa Bako"),
]


@pytest.mark.parametrize(("text", "action", "victim"), NO_PLACE)
def test_no_place_from_another_clause_a_name_or_a_nationality(extract_text, text, action, victim):
    events = _events(extract_text, text, action, victim)
    assert events, "the act itself must still be found"
    assert {e.place for e in events} == {""}


def test_place_words_are_lower_case_lists():
    places = load_lexicon().places
    for name in type(places).model_fields:
        words = getattr(places, name)
        assert words and all(word == word.lower() for word in words), name
