"""News shapes of issue 15, second round: who is a victim, and which country an article is about.

Every sentence is invented (names, places and wording); none is taken from a news article.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import load_script

ROOT = Path(__file__).resolve().parent.parent


hrd = load_script("hrdsattack")

SPEAKERS_ARE_NOT_VICTIMS = [
    # (text, action): a definite or plural noun trigger points to an act told elsewhere or to
    # acts in general; the subject of its clause talks about it and is not its victim
    ("Minister Karl Dorn said he was deeply troubled by reports of the arrest.", "arrest"),
    ("Governor Ada Lim pledged in May to end arbitrary arrests.", "arrest"),
    ("Senator Rui Pasko condemned this abduction on Friday.", "abduction"),
    ("Mayor Ines Varga denounced the kidnapping and ordered a search.", "abduction"),
    ("Ambassador Tomo Ilic welcomed the release.", "release"),
]


@pytest.mark.parametrize(("text", "action"), SPEAKERS_ARE_NOT_VICTIMS)
def test_whoever_talks_about_an_act_is_not_its_victim(extract_text, text, action):
    events = extract_text(text, covers=None)
    assert all(e.victim == "" for e in events if e.action == action)


NOUNS_THAT_STILL_NAME_THEIR_VICTIM = [
    # (text, action, victim): the noun's own phrase, or its possessor, names the victim
    ("The arrest of Amina Diallo on 4 June shocked the town.", "arrest", "Amina Diallo"),
    ("Rights groups condemned the abduction of Peter Ngala.", "abduction", "Peter Ngala"),
    ("Upon release, Lena Brook said she had been beaten.", "release", "Lena Brook"),
]


@pytest.mark.parametrize(("text", "action", "victim"), NOUNS_THAT_STILL_NAME_THEIR_VICTIM)
def test_a_noun_trigger_keeps_the_victim_its_phrase_names(extract_text, text, action, victim):
    events = extract_text(text, covers=None)
    assert victim in [e.victim for e in events if e.action == action]


MENTIONED = [
    # (text, the country named most, as an ISO code; None when no place is named)
    ("Deputies in Ohio said the sheriff of Ohio and a judge in Texas met.", "US"),
    ("Gunmen struck in Kaduna State; Kaduna State officials blamed Niger State bandits.", "NG"),
    ("The Kenyan police and Kenyan courts were criticised, as was Uganda.", "KE"),
    ("Activists in Lahore and Karachi were questioned.", "PK"),
    ("Nobody named a place in this sentence.", None),
]


@pytest.mark.parametrize(("text", "code"), MENTIONED)
def test_the_country_a_text_names_most(text, code):
    found = hrd.mentioned_countries(text).most_common(1)
    assert (found[0][0] if found else None) == code


def test_an_article_whose_events_have_no_country_takes_the_one_it_names():
    rows = [{"action": "arrest", "victim": "Ana Ruiz", "country": "", "date": "", "start_char": 0}]
    text = "Deputies in Ohio arrested Ana Ruiz. The Ohio sheriff said so."
    answer = hrd.answer(rows, None, text)
    assert (answer.country_code, answer.country_from_mentions) == ("US", True)


def test_an_event_country_wins_over_the_countries_the_text_names():
    rows = [{"action": "arrest", "victim": "Ana Ruiz", "country": "KE", "date": "", "start_char": 0}]
    answer = hrd.answer(rows, None, "Deputies in Ohio and Texas spoke of it.")
    assert (answer.country_code, answer.country_from_mentions) == ("KE", False)


def test_an_article_without_events_is_not_given_a_country():
    assert hrd.answer([], None, "Deputies in Ohio spoke.").country_code is None


PLACES_NAMED = [
    # (text, the places' countries in order): subdivisions one country has, large cities;
    # country names and demonyms are not this function's, a small namesake town is no place
    ("Deputies in Ohio and a judge in Texas met.", ["US", "US"]),
    ("Activists in Lahore were questioned by the Kenyan police.", ["PK"]),
    ("A court in Kaduna heard the case.", ["NG"]),
    ("Nobody named a place in this sentence.", []),
]


@pytest.mark.parametrize(("text", "codes"), PLACES_NAMED)
def test_places_that_tell_their_country(text, codes):
    from hrevents.geo.phrases import place_mentions

    assert [code for _, code, _ in place_mentions(text)] == codes


def test_an_article_that_names_no_country_is_set_where_its_places_are(extract_text):
    text = (
        "Activist Ana Ruiz was arrested on Monday, her family said.\n\n"
        "Her lawyer, who works in Ohio, said the Ohio sheriff and a Texas judge had refused to explain it."
    )
    events = extract_text(text, covers=None)
    assert [(e.victim, e.country) for e in events if e.action == "arrest"] == [("Ana Ruiz", "US")]


def test_places_of_two_countries_settle_nothing(extract_text):
    text = "Activist Ana Ruiz was arrested on Monday.\n\nHer lawyer in Ohio and a judge in Lahore spoke."
    events = extract_text(text, covers=None)
    assert [(e.victim, e.country) for e in events if e.action == "arrest"] == [("Ana Ruiz", "")]


TITLES_ARE_NOT_NAMES = [
    # (text, action, victim): a title or a calling written before a name, capitalised or not
    ("Other staff, including Executive Director Ana Ruiz, were also arrested.", "arrest", "Ana Ruiz"),
    ("Police arrested Counsellor Omar Diallo on Monday.", "arrest", "Omar Diallo"),
    ("Satirist Peter Ngala was sentenced to two years in prison.", "sentence", "Peter Ngala"),
    ("Soldiers detained Chief Executive Tomas Reyes.", "arrest", "Tomas Reyes"),
    ("Gunmen abducted poet Maria Ostrova on Monday.", "abduction", "Maria Ostrova"),
]


@pytest.mark.parametrize(("text", "action", "victim"), TITLES_ARE_NOT_NAMES)
def test_titles_and_callings_are_cut_from_the_victims_name(extract_text, text, action, victim):
    events = extract_text(text, covers=None)
    assert victim in [e.victim for e in events if e.action == action]


FULL_NAMES = [
    # (article text, the victim as one word, the name the article-level answer gives)
    ("Lawyer Tao Minglu, 40, was detained. Later Tao spoke to reporters.", "Tao", "Tao Minglu"),
    ("Police beat Oskar Vell at the station. Vell filmed it.", "Vell", "Oskar Vell"),
    ("The case of Dr. K. Ramesh Iyer drew protests. Iyer was held.", "Iyer", "K. Ramesh Iyer"),
    ("Ana Ruiz’s home was raided. Ruiz was then detained.", "Ruiz", "Ana Ruiz"),
    ("Human Rights Watch said Laith was beaten.", "Laith", "Laith"),
    ("Vell was held. The Story. ARRESTED Vell.", "Vell", "Vell"),
    ("Nobody else is named here; Omar Diallo was held.", "Omar Diallo", "Omar Diallo"),
]


@pytest.mark.parametrize(("text", "name", "full"), FULL_NAMES)
def test_a_one_word_victim_takes_the_full_name_the_article_first_gives(text, name, full):
    assert hrd.full_name(name, text) == full
