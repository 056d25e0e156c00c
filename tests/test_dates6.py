"""Dates the act's clause does not give (issue 15, kinds 4 and 7; SPEC 6.5, sixth round).

A wrong date is a wrong fact; an empty one is honest. Invented sentences, one table per shape
of English, each with the shapes that must keep their date:

- an act told second hand, under a verb of telling, asserting or publishing, takes no date
  from the paragraph, dated telling or not (GUIDELINES D45): "He added that officers beat
  him", "In April media reported X was killed", "X asserted he was beaten", and so does an
  act marked as an account ("reportedly interrogated her");
- custody told as a state by the noun a verb of lasting completes ("remained in prison",
  "stayed under house arrest", "she was in custody") takes no date from the paragraph, and its
  own date words date it only when they give its start (D27);
- a participle that describes a person ("included jailed economist X") tells what they are,
  not an act on the paragraph's day; a definite phrase that points back to the act just told
  ("The detained journalists included A and B", D26) still takes its date;
- a dated verb two clauses above the act ("On 14 May the court ruled that the agency violated
  due process in the arrest of A and B, who were detained for 15 months") is no last-resort
  date of the act; one right above it still is ("authorities released X after a court
  acquitted him", "arrested X, who was beaten");
- a state seen at a time in a clause of the same moment ("released A, while B remained in
  detention at year's end") does not date the act of the main clause.
"""

from __future__ import annotations

import pytest

from hrevents.dates import date_words

SECOND_HAND = [
    # (text, action, victim, date); "" where the text does not date the act
    (
        "On 4 June reporter Tomas Vidal spoke to the press. He added that soldiers beat him in the barracks.",
        "ill_treatment",
        "Tomas Vidal",
        "",
    ),
    (
        "In March police killed farmer Omar Tahir. In May media reported Luis Mora was killed in a shootout.",
        "killing",
        "Luis Mora",
        "",
    ),
    (
        "On 2 July police detained Ana Ruiz. Ruiz asserted she was beaten by guards during questioning.",
        "ill_treatment",
        "Ana Ruiz",
        "",
    ),
    (
        "On 9 August soldiers detained Pedro Gil. Local media published evidence that guards tortured him.",
        "ill_treatment",
        "Pedro Gil",
        "",
    ),
    (
        "On 12 May police arrested Rosa Diaz. Her lawyer said officers also threatened her family.",
        "threat",
        "Rosa Diaz",
        "",
    ),
    (
        "In October the activist Marco Silva was summoned. Silva later claimed that police tortured him.",
        "ill_treatment",
        "Marco Silva",
        "",
    ),
    (
        "On 2 May police detained Ana Ruiz. Guards held her in a cell and reportedly interrogated her at night.",
        "summons",
        "Ana Ruiz",
        "",
    ),
    # ... but the act's own clause still dates it, and a paragraph's act told directly keeps its date
    ("On 2 May police allegedly beat Ana Ruiz in Riverton.", "ill_treatment", "Ana Ruiz", "2020-05-02"),
    (
        "Her lawyer said police detained Rosa Diaz on 12 May.",
        "arrest",
        "Rosa Diaz",
        "2020-05-12",
    ),
    (
        "On 12 May police arrested Rosa Diaz. Officers beat her at the station.",
        "ill_treatment",
        "Rosa Diaz",
        "2020-05-12",
    ),
    (
        "On 3 March police arrested Ana Ruiz and Luis Mora. They were beaten in custody.",
        "ill_treatment",
        "Luis Mora",
        "2020-03-03",
    ),
]

STATES = [
    (
        "In August police detained lawyer Ana Ruiz. Ruiz remained under house arrest and could not work.",
        "detention",
        "Ana Ruiz",
        "",
    ),
    (
        "On 4 May police arrested Luis Mora. Mora stayed in prison and awaited trial.",
        "detention",
        "Luis Mora",
        "",
    ),
    (
        "On 9 June police detained Rosa Diaz. Her family said she was in custody in the capital.",
        "detention",
        "Rosa Diaz",
        "",
    ),
    (
        "In December police detained Omar Tahir. As of December, Omar Tahir remained in detention.",
        "detention",
        "Omar Tahir",
        "",
    ),
    # a state told with its start keeps it
    (
        "Pedro Gil remained in detention since March 2019.",
        "detention",
        "Pedro Gil",
        "2019-03",
    ),
]

DESCRIBED = [
    (
        "In March police arrested Ana Ruiz. The petition named jailed economist Luis Mora and two farmers.",
        "detention",
        "Luis Mora",
        "",
    ),
]

OTHER_CLAUSE = [
    (
        "On 14 May the high court ruled that the agency violated due process in the arrest of two politicians, "
        "Tomas Vidal and Pedro Gil, who were detained by the agency for 15 months.",
        "arrest",
        "Pedro Gil",
        "",
    ),
    (
        "Police released Ana Ruiz and Rosa Diaz, while Luis Mora remained in detention at year's end.",
        "release",
        "Rosa Diaz",
        "",
    ),
    # the verb right above the act, or the act's own coordination, still dates it
    ("In December, authorities released Luis Mora after a court acquitted him.", "acquittal", "Luis Mora", "2020-12"),
    ("On 5 May police arrested Ana Ruiz, who was beaten in the van.", "ill_treatment", "Ana Ruiz", "2020-05-05"),
    ("On 8 March soldiers on patrol shot and killed trader Pedro Gil.", "killing", "Pedro Gil", "2020-03-08"),
    ("Police arrested Ana Ruiz as she left her home on 4 May.", "arrest", "Ana Ruiz", "2020-05-04"),
]

POINTS_BACK = [
    # "The detained journalists included A and B": the act just told, and its date (D26)
    (
        "In May police detained ten journalists. The detained journalists included: Ana Ruiz, editor of Sol; "
        "and Luis Mora, a reporter for Luz.",
        "Luis Mora",
        "2020-05",
    ),
]


def test_the_words_are_data():
    """The verbs of asserting and publishing extend the verbs of telling; neither list is empty
    and "believe" stays out (it doubts a reason, not the act the narrative dated)."""
    cues = date_words().narrative
    assert "assert" in cues.hearsay_lemmas and "publish" in cues.hearsay_lemmas
    assert "believe" not in cues.hearsay_lemmas
    assert "reportedly" in cues.hearsay_adverbs
    assert "say" in cues.reporting_lemmas


@pytest.mark.model
@pytest.mark.parametrize(("text", "action", "victim", "date"), SECOND_HAND + STATES + DESCRIBED + OTHER_CLAUSE)
def test_no_date_the_clause_does_not_give(extract_text, text, action, victim, date):
    events = [e for e in extract_text(text) if e.action == action and e.victim == victim]
    assert events, "the act itself is extracted"
    assert [e.date for e in events] == [date]


@pytest.mark.model
@pytest.mark.parametrize(("text", "victim", "date"), POINTS_BACK)
def test_a_definite_participle_points_back_to_the_dated_act(extract_text, text, victim, date):
    events = [e for e in extract_text(text) if e.action in ("arrest", "detention") and e.victim == victim]
    assert events, "the act itself is extracted"
    assert {e.date for e in events} == {date}
