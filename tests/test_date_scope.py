"""Which date an act gets: its own clause's, the paragraph's (flagged), or none (SPEC 6.5).

Invented sentences, one per kind of spurious date seen on the dev reports: a state seen at a
date, an act placed later or earlier without a date, a later stage of a case, a present-tense
state, a date of another clause (relative clause, coordinated clause with its own subject,
a noun's complement clause), and a lasting state's date over an act.
"""

from __future__ import annotations

import pytest

from hrevents.assemble import PARAGRAPH_DATE_RULE

pytestmark = pytest.mark.model

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
        "Ana Ruiz reported threats from officials after her report that many died during the March riots.",
        "threat",
        "Ana Ruiz",
    ),
]


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
]


@pytest.mark.parametrize(("text", "action", "victim", "date", "inherited"), DATED)
def test_dates_the_text_gives(extract_text, text, action, victim, date, inherited):
    events = [e for e in extract_text(text) if e.action == action and e.victim == victim]
    assert [e.date for e in events] == [date]
    assert (PARAGRAPH_DATE_RULE in events[0].rule.split("+")) is inherited


def test_a_paragraph_date_is_flagged_and_keeps_the_words_that_set_it(extract_text):
    text = "On 10 March police detained Ana Ruiz at a rally. Officers beat Ana Ruiz with batons."
    beaten = [e for e in extract_text(text) if e.action == "ill_treatment"]
    assert [(e.date, e.date_text) for e in beaten] == [("2020-03-10", "On 10 March")]
    assert beaten[0].rule.endswith("+" + PARAGRAPH_DATE_RULE)
