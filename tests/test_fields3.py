"""Fields of matched events (issue 15): who did it and when, where the parse or the narrative
misleads.

Invented sentences, one row per shape seen on the development reports' field errors:

- perpetrator: a subject left on the auxiliary by a phrase before the verb ("had on 28 May
  arrested", also its date); a second verb the parser read as an adjective of its object ("reduced ... and
  acquitted X"); an active past tense the parser read as a relative clause of the noun before
  it ("officers ..., responding to a protest, shot and killed X"); "they" after "security
  forces"; "alleged the men did X and charged the three" (the reporting clause's subject); a
  victim pronoun as subject ("they remained in confinement on charges") is no agent; "in the
  custody of X" names who holds the person;
- date: a dated occasion that "that same day" counts from; "hours/days after his arrest"
  counted from the person's own arrest; custody told by its length ("held X for four days"), a
  relative clause of a lasting state ("continued serving ..., where he was held") and an act
  under a dated verb of telling ("told reporters on 9 June that guards moved him") take no
  date; a date in a clause describing someone named ("X, arrested on 29 May, ...") does not
  become the paragraph's reference; a fronted time frame ("Beginning on 12 October, ...") dates its clause; "and later
  accused her" does not take the first verb's date.
"""

from __future__ import annotations

import pytest

PERPETRATORS = [
    # (text, action, victim, perpetrator)
    # A fronted date the parser hung on the subject is no part of the agent.
    ("In January 2018 special forces arrested Omar Tahir.", "arrest", "Omar Tahir", "special forces"),
    ("On 3 May 2019 police officers detained Lina Sorel in Goma.", "arrest", "Lina Sorel", "police officers"),
    (
        "On June 3, the newspaper reported that gendarmes had on May 28 arrested activist Ana Ruiz in Lakeside "
        "for carrying a banner.",
        "arrest",
        "Ana Ruiz",
        "gendarmes",
    ),
    (
        "On April 9, witnesses said that soldiers had on April 2 detained teacher Pedro Gil in Riverton.",
        "arrest",
        "Pedro Gil",
        "soldiers",
    ),
    (
        "On March 8, a tribunal reduced the sentences of editors Luis Mora and Tomas Vidal from ten years to two "
        "and acquitted reporters Karim Nasser and Pedro Gil.",
        "acquittal",
        "Karim Nasser",
        "a tribunal",
    ),
    (
        "On May 9, riot police officers in Riverton, reacting to a peaceful march, beat and arrested "
        "19-year-old Pedro Gil.",
        "arrest",
        "Pedro Gil",
        "riot police officers in Riverton",
    ),
    # a pronoun subject points back at the agent of the sentence before ("forces": its lemma is no agent)
    (
        "On 3 May, security forces surrounded a crowd outside the party office in Lakeside. They arrested party "
        "leader Tomas Vidal and at least ten others.",
        "arrest",
        "Tomas Vidal",
        "security forces",
    ),
    # the people the object points back at are not their own agents: the reporting clause's subject is
    (
        "In May police detained Ana Ruiz, Luis Mora and Pedro Gil. The prosecutor alleged the men insulted the "
        "president in a song and charged the three under the penal code.",
        "charge",
        "Luis Mora",
        "The prosecutor",
    ),
    # who holds the person: "in the custody of X"
    (
        "At year's end, journalist Ana Ruiz remained in the custody of the National Intelligence Directorate.",
        "detention",
        "Ana Ruiz",
        "the National Intelligence Directorate",
    ),
    ("Ana Ruiz remained in detention on charges of fraud.", "detention", "Ana Ruiz", ""),
    # a subject that is the victim itself gives no agent (SPEC 6.5), even as a pronoun
    (
        "In November the government arrested Ana Ruiz and Luis Mora. At year's end they remained in confinement "
        "on charges of treason.",
        "charge",
        "Ana Ruiz",
        "",
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "action", "victim", "perpetrator"), PERPETRATORS)
def test_agent_where_the_parser_misplaced_it(extract_text, text, action, victim, perpetrator):
    events = [e for e in extract_text(text) if e.action == action and e.victim == victim]
    assert events, "the act itself is extracted"
    assert events[0].perpetrator == perpetrator


DATES = [
    # (text, action, victim, date): "" where the text gives no date for the act
    (
        "In a May 14 hearing, the prosecutor called Luis Mora a traitor. Police arrested Mora that same day.",
        "arrest",
        "Luis Mora",
        "2020-05-14",
    ),
    (
        "On March 3, police arrested Luis Mora. The police released Mora several hours after his arrest.",
        "release",
        "Luis Mora",
        "2020-03-03",
    ),
    (
        "Guards detained Ana Ruiz on June 2. They freed Ruiz two days after her detention.",
        "release",
        "Ana Ruiz",
        "2020-06-04",
    ),
    (
        "On May 2, soldiers arrested Pedro Gil. Guards held Luis Mora incommunicado for four days.",
        "detention",
        "Luis Mora",
        "",
    ),
    (
        "On 2 February the police arrested Luis Mora. Guards held Mora incommunicado for almost a week.",
        "detention",
        "Luis Mora",
        "",
    ),
    (
        "In May a court sentenced Luis Mora to two years. Mora continued serving his term in Hilltop Prison, "
        "where he was held in a cell with ten others.",
        "detention",
        "Luis Mora",
        "",
    ),
    (
        "On May 2, soldiers arrested Pedro Gil. Luis Mora told reporters on June 9 that guards moved him to a "
        "cell for convicts after he complained.",
        "detention",
        "Luis Mora",
        "",
    ),
    (
        "In March police arrested Luis Mora. Beginning on October 12, soldiers detained journalist Ana Ruiz "
        "and beat her.",
        "arrest",
        "Ana Ruiz",
        "2020-10-12",
    ),
    ("Soldiers detained Ana Ruiz on 3 May and later accused her of treason.", "charge", "Ana Ruiz", ""),
    (
        "On June 3, the newspaper reported that gendarmes had on May 28 arrested activist Ana Ruiz in Lakeside "
        "for carrying a banner.",
        "arrest",
        "Ana Ruiz",
        "2020-05-28",
    ),
    # a date in a clause describing someone named does not become the paragraph's reference
    (
        "On April 2 police arrested Pedro Gil at a rally. Luis Mora, arrested on May 29 for a similar protest, "
        "watched the arrest. Guards then beat Gil in a van.",
        "ill_treatment",
        "Pedro Gil",
        "2020-04-02",
    ),
    # a person's relative clause keeps its own date; an arrest told with its length is still dated
    (
        "Editor Karim Nasser, who was arrested in April 2019, remained in detention on several charges.",
        "arrest",
        "Karim Nasser",
        "2019-04",
    ),
    (
        "On 26 November officials summoned Ana Ruiz to their office. Police detained her for more than five hours.",
        "arrest",
        "Ana Ruiz",
        "2020-11-26",
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "action", "victim", "date"), DATES)
def test_date_of_the_act(extract_text, text, action, victim, date):
    events = [e for e in extract_text(text) if e.action == action and e.victim == victim]
    assert events, "the act itself is extracted"
    assert [e.date for e in events] == [date]


@pytest.mark.model
def test_an_occasion_date_does_not_date_what_was_said_there(extract_text):
    """ "In a June 18 interview, X said guards interrogated him": the interview is dated, the
    interrogation it tells of is not; it keeps the paragraph's reference."""
    text = "On 2 February the police arrested Luis Mora. In a June 18 interview, Mora said guards interrogated him."
    events = [e for e in extract_text(text) if e.action == "summons" and e.victim == "Luis Mora"]
    assert events
    assert events[0].date != "2020-06-18"


def test_a_length_with_a_qualifier_is_a_duration():
    from hrevents.dates import is_duration

    assert is_duration("for almost three days")
    assert is_duration("for more than five hours")
    assert not is_duration("three days later")
