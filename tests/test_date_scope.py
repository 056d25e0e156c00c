"""Which date an act gets: its own clause's, the paragraph's (flagged), or none (SPEC 6.5).

Invented sentences, one per kind of spurious date seen on the dev reports: a state seen at a
date, an act placed later or earlier without a date, a later stage of a case, a present-tense
state, a date of another clause (relative clause, coordinated clause with its own subject,
a noun's complement clause), and a lasting state's date over an act.
"""

from __future__ import annotations

import pytest

from hrevents.assemble import PARAGRAPH_DATE_RULE

UNDATED = [
    # (text, action, victim): the text gives no date for the act
    ("In May police arrested Ana Ruiz. At year's end she remained in detention.", "detention", "Ana Ruiz"),
    ("On 4 March police arrested Ana Ruiz. It was widely believed that she was in custody.", "detention", "Ana Ruiz"),
    ("On 4 March police arrested Ana Ruiz. The prosecutor later accused Ana Ruiz of treason.", "charge", "Ana Ruiz"),
    ("On 4 March police arrested Ana Ruiz. Luis Mora was subsequently arrested for it.", "arrest", "Luis Mora"),
    (
        "On 4 March police arrested Ana Ruiz. Luis Mora, who had earlier been fired from his post, fled.",
        "dismissal",
        "Luis Mora",
    ),
    ("On 4 March police arrested Ana Ruiz. She was sentenced to 15 days in jail.", "sentence", "Ana Ruiz"),
    ("On 4 March police arrested Ana Ruiz. Both Ana Ruiz and Luis Mora are now facing charges.", "charge", "Luis Mora"),
    (
        "Luis Mora, who joined the party in May, spoke out after Ana Ruiz was arrested during the campaign.",
        "arrest",
        "Ana Ruiz",
    ),
    ("Ana Ruiz was charged with treason, and her next hearing was scheduled for December.", "charge", "Ana Ruiz"),
    ("Ana Ruiz was released on bail; a hearing remained pending at year's end.", "release", "Ana Ruiz"),
    (
        "In April Luis Mora died in custody. Ana Ruiz, arrested on May 29 on suspicion of theft, was severely "
        "beaten by police during her interrogation.",
        "ill_treatment",
        "Ana Ruiz",
    ),
    (
        "Ana Ruiz reported threats from officials after her report that many died during the March riots.",
        "threat",
        "Ana Ruiz",
    ),
    # a person's dated background leaves the paragraph's earlier date behind for what follows
    (
        "In April Luis Mora died in custody. Ana Ruiz, arrested on May 29 on suspicion of theft, was beaten "
        "by police. Her husband photographed her injuries after her beating.",
        "ill_treatment",
        "Ana Ruiz",
    ),
    # custody told by a verb of holding tells how the person was kept, not an act on the day
    ("On 19 June police arrested Ana Ruiz. Agents held her in solitary confinement.", "detention", "Ana Ruiz"),
    # the date of a telling above the act's own telling verb ("alleging") dates the telling
    (
        "On 2 May experts released a letter alleging that while in detention, Ana Ruiz was tortured.",
        "ill_treatment",
        "Ana Ruiz",
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "action", "victim"), UNDATED)
def test_no_date_where_the_text_gives_none(extract_text, text, action, victim):
    events = [e for e in extract_text(text) if e.action == action and e.victim == victim]
    assert events, "the act itself is still extracted"
    assert [e.date for e in events] == [""]


DATED = [
    # (text, action, victim, date, inherited): dates the text does give
    ("Also on 24 August, Ana Ruiz was arrested and sentenced to 15 days.", "sentence", "Ana Ruiz", "2020-08-24", False),
    (
        "In December, authorities released Ana Ruiz after a court acquitted her.",
        "acquittal",
        "Ana Ruiz",
        "2020-12",
        False,
    ),
    ("Ana Ruiz has remained in detention since 2019.", "detention", "Ana Ruiz", "2019", False),
    (
        "On 19 August police detained Ana Ruiz. During her detention, police accused Ana Ruiz of lying.",
        "charge",
        "Ana Ruiz",
        "2020-08-19",
        True,
    ),
    (
        "On 4 May police detained Ana Ruiz for two days. Police later released her.",
        "release",
        "Ana Ruiz",
        "2020-05-06",
        True,
    ),
    (
        "In September authorities arrested and detained journalists without charge. The detained journalists "
        "included: Ana Ruiz, editor of a weekly; and Luis Mora, a reporter.",
        "arrest",
        "Ana Ruiz",
        "2020-09",
        True,
    ),
    (
        "On April 12, a court sentenced lawyer Ana Ruiz to two years in prison. "
        "It convicted her of insulting the president.",
        "sentence",
        "Ana Ruiz",
        "2020-04-12",
        False,
    ),
    # a month the parser hung on the next noun ("In May authorities")
    ("In May authorities charged former minister Ana Ruiz with fraud.", "charge", "Ana Ruiz", "2020-05", False),
    # a stated length before an act its clause dates: counted back, flagged
    ("On 18 April, Luis Mora died 72 hours after his arrest.", "arrest", "Luis Mora", "2020-04-15", True),
    # a month without a year beside one its sentence writes with a year shares that year
    (
        "Luis Mora died in custody on December 14, 2019, after his arrest on December 10.",
        "arrest",
        "Luis Mora",
        "2019-12-10",
        False,
    ),
    # ... but a person's dated past gives no year to the rest of the sentence
    ("Luis Mora, arrested in May 2018, was sentenced on March 3.", "sentence", "Luis Mora", "2020-03-03", False),
    (
        "Following the October 2018 killing of a journalist, a court sentenced Luis Mora on December 23.",
        "sentence",
        "Luis Mora",
        "2020-12-23",
        False,
    ),
    (
        "In May a court released Luis Mora and imposed parole requirements through April 2021.",
        "release",
        "Luis Mora",
        "2020-05",
        False,
    ),
    # a clause of the same moment dates its main clause
    (
        "On 5 April police arrested Ana Ruiz. Luis Mora was arrested when soldiers raided a farm in Riverton "
        "on August 3.",
        "arrest",
        "Luis Mora",
        "2020-08-03",
        False,
    ),
    ("Police arrested Ana Ruiz as she left her home on May 4.", "arrest", "Ana Ruiz", "2020-05-04", False),
    ("On 19 June agents held Ana Ruiz at the central station.", "detention", "Ana Ruiz", "2020-06-19", False),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "action", "victim", "date", "inherited"), DATED)
def test_dates_the_text_gives(extract_text, text, action, victim, date, inherited):
    events = [e for e in extract_text(text) if e.action == action and e.victim == victim]
    assert [e.date for e in events] == [date]
    assert (PARAGRAPH_DATE_RULE in events[0].rule.split("+")) is inherited


@pytest.mark.model
def test_a_paragraph_date_is_flagged_and_keeps_the_words_that_set_it(extract_text):
    text = "On 10 March police detained Ana Ruiz at a rally. Officers beat Ana Ruiz with batons."
    beaten = [e for e in extract_text(text) if e.action == "ill_treatment"]
    assert [(e.date, e.date_text) for e in beaten] == [("2020-03-10", "On 10 March")]
    assert beaten[0].rule.endswith("+" + PARAGRAPH_DATE_RULE)


WRAPPED = (
    "On 4 March police arrested Ana Ruiz, a lawyer who has defended many of the protesters, and\n"
    "took her to the central police station in the capital, where she was questioned for hours.\n"
    "She was released on 6 March.\n"
    "Luis Mora, a journalist who had written about the protests since the start of the year, left\n"
    "the country for Spain after he had been threatened by unknown men outside his own house.\n"
)


def test_hard_wrapped_paragraphs_end_at_a_short_line():
    from hrevents.components.paragraphs import wrapped_paragraph_ends

    text = WRAPPED * 3
    ends = wrapped_paragraph_ends(text)
    assert ends and all(text[end] == "\n" and text[end - 1] == "." for end in ends)
    assert text.index("6 March.") + len("6 March.") in ends
    assert wrapped_paragraph_ends(text.replace("\n", " ")) == []  # one paragraph a line: not wrapped


@pytest.mark.model
def test_a_date_does_not_cross_a_wrapped_paragraph(extract_text):
    events = extract_text(WRAPPED * 2)
    threat = [e for e in events if e.action == "threat" and e.victim == "Luis Mora"]
    assert threat and all(e.date == "" for e in threat)


@pytest.mark.parametrize(
    ("reference", "length", "end"),
    [
        ("2008-02-12", "approximately 24 hours", "2008-02-13"),
        ("2020-05-04", "for two days", "2020-05-06"),
        ("2020-05-04", "two weeks", "2020-05-18"),
        ("2020-05", "two days", None),  # a month reference gives no day
        ("2020-05-04", "several days", None),
        ("2020-05-04", "two days later", None),  # not a length
    ],
)
def test_the_end_of_a_stated_length_of_custody(reference, length, end):
    from hrevents.dates import end_of_length

    assert end_of_length(reference, length) == end


@pytest.mark.parametrize(
    ("reference", "length", "start"),
    [
        ("2019-04-18", "for 72 hours", "2019-04-15"),
        ("2020-05-04", "for two days", "2020-05-02"),
        ("2020-05", "for two days", None),
        ("2020-05-04", "for several hours", None),
    ],
)
def test_the_start_of_a_stated_length_before_a_day(reference, length, start):
    from hrevents.dates import start_of_length

    assert start_of_length(reference, length) == start
