"""News shapes of issue 15, third round: acts news tells in its own words, and words that look
like acts but are none. Every sentence is invented (names, places and wording).
"""

from __future__ import annotations

import pytest

NEWS_ACTS = [
    # (text, action, victim): the victim of the act, a name or the group as written
    ("Ana Ruiz lost her life in the attack on Friday.", "killing", "Ana Ruiz"),
    ("Three reporters lost their lives in a police raid.", "killing", "Three reporters"),
    ("Omar Diallo lost his life at the hands of the police.", "killing", "Omar Diallo"),
    ("Lena Brook died in a police cell on Monday.", "killing", "Lena Brook"),
    ("Karl Dorn died at the police station two days later.", "killing", "Karl Dorn"),
    # a nationality with "nationals", "foreigners" or "hostages" is a counted group of people
    ("Gunmen kidnapped five Freedonian nationals on Sunday.", "abduction", "five Freedonian nationals"),
    ("Police arrested three foreign nationals at the border.", "arrest", "three foreign nationals"),
    ("Rebels seized four foreigners near the mine.", "arrest", "four foreigners"),
    # "including" after a fixed phrase hangs on its last word, and still names the victims
    ("Dozens still remain behind bars, including union leader Ines Varga.", "detention", "Ines Varga"),
    ("The fate of Omar Diallo is still unknown.", "disappearance", "Omar Diallo"),
    ("Omar Diallo's whereabouts are also unknown.", "disappearance", "Omar Diallo"),
    ("Police took dozens into custody, including Ana Ruiz and Omar Diallo.", "arrest", "Omar Diallo"),
    # the act of a noun is about the possessed person, not the possessor ("the arrest of X's brother")
    ("Rights groups condemned the arrest of Karl Dorn's brother.", "arrest", "Karl Dorn's brother"),
    ("Police held a man over the disappearance of Ali Bey's stepdaughter.", "disappearance", "Ali Bey's stepdaughter"),
    ("A man was held over the disappearance of Karl Dorn's stepdaughter, Ana Ruiz.", "disappearance", "Ana Ruiz"),
    # the shapes the plain rules keep giving
    ("Soldiers seized Ines Varga outside the mosque.", "arrest", "Ines Varga"),
    ("Tomo Ilic was transferred to a military prison last month.", "detention", "Tomo Ilic"),
    ("Police arrested Rui Pasko and later moved him to the capital.", "detention", "Rui Pasko"),
]


@pytest.mark.parametrize(("text", "action", "victim"), NEWS_ACTS)
def test_news_acts_are_events(extract_text, text, action, victim):
    events = extract_text(text, covers=None)
    assert victim in [e.victim or e.victim_group for e in events if e.action == action]


NOT_ACTS = [
    # (text, action that must not be found)
    ("Ana Ruiz lost her life to cancer last year.", "killing"),
    ("Omar Diallo died at the train station in 2019.", "killing"),
    # what is seized is a thing, not its owner
    ("All his properties were seized by the authorities in 2017.", "arrest"),
    ("The army seized power and police seized the passport of Lena Brook.", "arrest"),
    # "moved"/"transferred" with no one moved: a person relocating, not a transfer in custody
    ("After her studies, Ines Varga moved to the University of Lakeside.", "detention"),
    ("Karl Dorn transferred to another school in 2015.", "detention"),
    # "remains unknown" is a disappearance only of someone's whereabouts or fate
    ("Ana Ruiz was one of seven women killed, though their identities remain unknown.", "disappearance"),
    ("The motive for the attack on Omar Diallo remains unknown.", "disappearance"),
]


@pytest.mark.parametrize(("text", "action"), NOT_ACTS)
def test_words_that_look_like_acts_are_none(extract_text, text, action):
    events = extract_text(text, covers=None)
    assert [e for e in events if e.action == action] == []


def test_a_metropolis_known_by_a_short_name_is_found_outside_the_report_country():
    """The name "New York" is New York City's alternate name only; its namesakes are villages."""
    from hrevents.geo.phrases import PhraseReader, ReportContext

    answer = PhraseReader(ReportContext(country="IR")).read("New York", "place", [])
    assert (answer.country, answer.place.name if answer.place else None) == ("US", "New York City")
    assert PhraseReader(ReportContext(country="IR")).read("Aberdeen", "place", []).country == ""


NEWS_DAYS = [
    # (sentence, date): a weekday's part of the day or "last night", counted from the
    # publication date (Monday 21 June 2021); the tagger calls these times, not dates
    ("Ana Ruiz was arrested Sunday night.", "2021-06-20"),
    ("Police detained Omar Diallo on Friday afternoon.", "2021-06-18"),
    ("Lena Brook was arrested Monday morning.", "2021-06-21"),
    ("Karl Dorn was abducted last night.", "2021-06-20"),
    # with nothing to count from, a relative time gives no date
    ("Ines Varga was arrested the following morning.", ""),
]


@pytest.mark.parametrize(("text", "date"), NEWS_DAYS)
def test_news_dates_acts_by_parts_of_days(extractor, text, date):
    from hrevents.reader import report_from_text

    events = extractor.extract(report_from_text(f"---\npublished: 2021-06-21\n---\n{text}\n", "news"))
    assert [e.date for e in events] == [date]
