"""News shapes of issue 15, fifth round: words of custody used in another sense, acts told as
what a cause left behind or as the name of a case, and month names dated in news. Every
sentence is invented (names, places and wording).
"""

from __future__ import annotations

import pytest

from hrevents.dates import read_date

NOT_CUSTODY = [
    # (text, action that must not be found): "hold" of an occasion, a post or a belief
    ("Talks were held on Tuesday between the minister, Ana Ruiz, and union leaders.", "detention"),
    ("The minister held meetings with Ana Ruiz and Omar Farah.", "detention"),
    ("Omar Farah held a press conference in the capital.", "detention"),
    ("Ana Ruiz held the post of minister until 2019.", "detention"),
    ("The demonstrators held placards calling for the release of Omar Farah.", "detention"),
    # a complement or particle gives "hold" another sense
    ("Omar Farah was held accountable for the killings.", "detention"),
    ("The court held Ana Ruiz responsible for the fire.", "detention"),
    ("The guard held off the man until police arrived.", "detention"),
    # "held hostage" and "held captive" are the abduction's, not a second act of custody
    ("Three workers were held hostage at the office.", "detention"),
    ("The gang held Omar Farah captive for weeks.", "detention"),
    # a heart that stops, and an arrest by a private person
    ("These young people are all dying of cardiac arrest.", "arrest"),
    ("Karl Dorn claimed he was making a citizen's arrest.", "arrest"),
    # what a cause leaves is no death unless the people are left dead
    ("The storm left the village without power.", "killing"),
    ("The lawyer of Ana Ruiz handles the murder case.", "killing"),
    ("Omar Farah was later in charge of the prison.", "detention"),
    ("Ana Ruiz has always been in favour of prison reform.", "detention"),
]


@pytest.mark.parametrize(("text", "action"), NOT_CUSTODY)
def test_words_of_custody_in_another_sense_are_no_event(extract_text, text, action):
    events = extract_text(text, covers=None)
    assert [e for e in events if e.action == action] == []


ACTS = [
    # (text, action, victim)
    ("Authorities held Omar Farah in a military camp.", "detention", "Omar Farah"),
    ("Omar Farah is being held at the county jail without bond.", "detention", "Omar Farah"),
    ("Lina Sorel was held incommunicado for a week.", "detention", "Lina Sorel"),
    ("Police are holding two journalists at an undisclosed location.", "detention", "two journalists"),
    ("Three workers were held hostage at the office.", "abduction", "Three workers"),
    ("The gang held Omar Farah captive for weeks.", "abduction", "Omar Farah"),
    ("Ana Ruiz remains under house arrest.", "detention", "Ana Ruiz"),
    # a cause that left people dead
    ("The raid left two farmers dead.", "killing", "two farmers"),
    ("Gunmen left journalist Ana Ruiz dead outside her home.", "killing", "Ana Ruiz"),
    ("The explosion left three reporters dead on Monday.", "killing", "three reporters"),
    # a death in custody told with words between
    ("Omar Farah died two weeks later in military custody.", "killing", "Omar Farah"),
    ("Ana Ruiz died of a fever while in police custody.", "killing", "Ana Ruiz"),
    ("Karl Dorn died on Monday in state custody.", "killing", "Karl Dorn"),
    # the act as the name of a case
    ("Police charged 27 men in the murder case of union leader Omar Farah.", "killing", "Omar Farah"),
    ("The court reopened the assassination case of Ana Ruiz.", "killing", "Ana Ruiz"),
    ("Police reopened the kidnapping case of Ana Ruiz.", "abduction", "Ana Ruiz"),
    ("Two men were charged in the abduction case of student Karl Dorn.", "abduction", "Karl Dorn"),
    # custody as a state, with an adverb before it ("is still in detention")
    ("Omar Farah is still in detention.", "detention", "Omar Farah"),
    ("Ana Ruiz remains currently in custody in the capital.", "detention", "Ana Ruiz"),
    ("The paper was owned by tycoon Omar Farah, who is now in prison.", "detention", "Omar Farah"),
    # custody to extort a payment is a kidnapping
    ("Gunmen held Ana Ruiz for ransom for three days.", "abduction", "Ana Ruiz"),
    ("A trader who was seized and held for ransom was freed by police.", "abduction", "A trader"),
    # one unnamed person of a calling news often names (GUIDELINES: the full chain, count 1)
    ("A businessman was abducted outside the mosque.", "abduction", "A businessman"),
    ("Police arrested a doctor in the capital on Monday.", "arrest", "a doctor"),
    ("A protester was shot dead by police.", "killing", "A protester"),
    ("Seventeen missionaries who were kidnapped last month have been freed.", "abduction", "Seventeen missionaries"),
]


@pytest.mark.parametrize(("text", "action", "victim"), ACTS)
def test_news_acts_are_events(extract_text, text, action, victim):
    events = extract_text(text, covers=None)
    assert victim in [e.victim or e.victim_group for e in events if e.action == action]


NOT_VICTIMS = [
    # (text, action, words that are not its victim): the doer of the act, or the custody's
    # sense taken by another act
    ("A judge sentenced Omar Farah to five years.", "sentence", "A judge"),
    ("A doctor said police had beaten Ana Ruiz.", "ill_treatment", "A doctor"),
    ("Gunmen held Ana Ruiz for ransom for three days.", "detention", "Ana Ruiz"),
]


@pytest.mark.parametrize(("text", "action", "other"), NOT_VICTIMS)
def test_the_doer_is_not_the_victim(extract_text, text, action, other):
    events = extract_text(text, covers=None)
    assert other not in [e.victim or e.victim_group for e in events if e.action == action]


NEWS_MONTHS = [
    # (text, action, date) in news published on 30 May 2021: a month named without a year,
    # after a month whose year was itself inferred, is the nearest such month up to the
    # publication date
    (
        "Gunmen have kidnapped hundreds of students since December. In February, 279 girls were abducted.",
        "abduction",
        "2021-02",
    ),
    ("Police arrested Ana Ruiz in December. She was charged in January.", "charge", "2021-01"),
    ("Police arrested Ana Ruiz in December. She was released in November.", "release", "2020-11"),
    ("Police arrested Ana Ruiz in March. Two days later she was charged.", "charge", "2021-03"),
]


@pytest.mark.parametrize(("text", "action", "date"), NEWS_MONTHS)
def test_months_in_news_count_from_the_publication_date(extract_text, text, action, date):
    events = extract_text(f"---\npublished: 2021-05-30\n---\n{text}", covers=None)
    assert date in [e.date for e in events if e.action == action]


@pytest.mark.parametrize(
    ("words", "reference", "guessed", "value"),
    [
        ("in February", "2020-12", True, "2021-02"),
        ("in February", "2020-12", False, "2020-02"),
        ("on February 5", "2020-12", True, "2021-02-05"),
        ("in November", "2020-12", True, "2020-11"),
        ("two days later", "2020-12-03", True, "2020-12-05"),
    ],
)
def test_an_inferred_reference_year_gives_no_year_to_a_month(words, reference, guessed, value):
    reading = read_date(
        words, reference=reference, published="2021-05-30", latest="2021-05-30", reference_guessed=guessed
    )
    assert reading is not None and reading.value == value


@pytest.mark.parametrize(
    ("words", "published", "value"),
    [
        # a weekend is dated by what its Saturday and Sunday lie in, like a week
        ("over the weekend", "2021-05-27", "2021-05"),
        ("last weekend", "2021-05-29", "2021-05"),
        ("this past weekend", "2021-08-02", "2021"),  # 31 July and 1 August
        ("next weekend", "2021-05-29", "2021-06"),
        # a season is dated by its year: the last one over, the next one not yet begun
        ("last summer", "2021-05-27", "2020"),
        ("last summer", "2021-10-10", "2021"),
        ("last fall", "2021-10-10", "2020"),
        ("this spring", "2021-05-27", "2021"),
        ("next spring", "2021-05-27", "2022"),
        ("the summer of last year", "2021-05-27", "2020"),
    ],
)
def test_weekends_and_seasons_count_from_the_publication_date(words, published, value):
    reading = read_date(words, published=published)
    assert reading is not None and reading.value == value


@pytest.mark.parametrize("words", ["last winter", "in the summer"])
def test_a_season_that_places_nothing_gives_no_date(words):
    """A winter spans two years; a season without "last", "this" or "next" is any year's."""
    assert read_date(words, published="2021-05-27") is None
