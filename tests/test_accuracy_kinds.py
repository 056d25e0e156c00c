"""One sentence table per kind of error seen on reports the rules were not written on
(issue 15). Every sentence is invented; none is copied from a report."""

from __future__ import annotations

import pytest

NOT_PEOPLE = [
    # (text, action): no event, because the "victim" is not a person
    ("In May police raided the offices of Al Rayan, an independent weekly newspaper.", "search"),
    ("Police raided the office of Sunrise Publishing House and detained a volunteer.", "search"),
    ("Police raided the office of Sunrise Publishing House. A volunteer was subsequently released.", "release"),
]


@pytest.mark.parametrize(("text", "action"), NOT_PEOPLE)
def test_organisations_and_places_are_never_victims(extract_text, text, action):
    # an unnamed person ("a volunteer") is a group event of count 1 (SPEC 7), not a named victim
    assert [(e.action, e.victim) for e in extract_text(text) if e.action == action and not e.is_group] == []


def test_a_name_in_a_person_phrase_stays_a_victim(extract_text):
    text = "On 2 May police arrested Andre Kombo, a computer specialist, in the capital."
    assert {e.victim for e in extract_text(text) if e.action == "arrest"} == {"Andre Kombo"}


GROUPS = [
    # (text, action, expected victims)
    (
        "A court sentenced journalists Omar Tahir and Lina Farouk. It acquitted managers Sami Reda and Nour Adel. "
        "Authorities had arrested the four in 2015.",
        "arrest",
        {"Omar Tahir", "Lina Farouk", "Sami Reda", "Nour Adel"},
    ),
    (
        "Police arrested Karim Said and Hana Aziz on 3 May. The two were released on 9 May.",
        "release",
        {"Karim Said", "Hana Aziz"},
    ),
    (
        "On 1 March a court sentenced both singer Rana Issa and director Tarek Nabil to two years in prison.",
        "sentence",
        {"Rana Issa", "Tarek Nabil"},
    ),
]


@pytest.mark.parametrize(("text", "action", "victims"), GROUPS)
def test_group_references_and_lists(extract_text, text, action, victims):
    assert {e.victim for e in extract_text(text) if e.action == action} == victims


def test_a_counted_group_reference_needs_that_many_people(extract_text):
    text = "Police arrested Karim Said and Hana Aziz on 3 May. Later the 20 students were released."
    assert [e.victim for e in extract_text(text) if e.action == "release" and e.victim] == []


NOMINAL = [
    # (text, action, victim)
    ("A judge handed Karl Mensah a two-year term.", "sentence", "Karl Mensah"),
    ("In June an appeals court upheld the sentence of Adel Fahmy.", "sentence", "Adel Fahmy"),
    ("Authorities kept journalist Rana Aziz in detention without charge.", "detention", "Rana Aziz"),
    ("Writer Nabil Farouk, who has been held since 2015, was denied visits.", "detention", "Nabil Farouk"),
    ("A court extended Omar Sadek's pretrial detention by 45 days.", "detention", "Omar Sadek"),
    ("Blogger Sami Karam was under investigation for fraud.", "investigation", "Sami Karam"),
    ("The prosecution dropped the case against Hala Mansour.", "acquittal", "Hala Mansour"),
    ("Farmer Ali Wazir died two days after his arrest.", "killing", "Ali Wazir"),
    ("The ministry banned Imam Yusuf Karimi from preaching.", "dismissal", "Yusuf Karimi"),
    ("Journalist Lena Marsh is still behind bars.", "detention", "Lena Marsh"),
    ("Tariq Bayoumi's trial ended in a conviction.", "sentence", "Tariq Bayoumi"),
]


@pytest.mark.parametrize(("text", "action", "victim"), NOMINAL)
def test_nominal_and_light_verb_forms(extract_text, text, action, victim):
    assert victim in {e.victim for e in extract_text(text) if e.action == action}


PLACES = [
    # (text, action, place)
    ("Police arrested activist Musa Bako in Lakeside Town on 2 May.", "arrest", "Lakeside Town"),
    ("Monk Sok Heng disappeared in 2017 in Prey Veng commune.", "disappearance", "Prey Veng commune"),
    (
        "Reporter Tom Ekene was beaten while covering a protest in Riverside Province.",
        "ill_treatment",
        "Riverside Province",
    ),
    ("Hill Prison authorities transferred Paul Osei on 3 May.", "detention", "Hill Prison"),
]


@pytest.mark.parametrize(("text", "action", "place"), PLACES)
def test_places_of_the_clause(extract_text, text, action, place):
    assert place in {e.place for e in extract_text(text) if e.action == action}


WRONG_CLAUSE = [
    # (text, action, field, value that must not be given)
    (
        "On 20 May President Lamine Keita granted amnesty to hundreds of persons convicted for rioting.",
        "sentence",
        "victim",
        "Lamine Keita",
    ),
    (
        "In May police arrested Ana Ruiz in the capital. Ana Ruiz's colleague Luis Mora was arrested in June.",
        "arrest",
        "perpetrator",
        "police",
    ),
]


@pytest.mark.parametrize(("text", "action", "field", "wrong"), WRONG_CLAUSE)
def test_fields_do_not_come_from_another_clause(extract_text, text, action, field, wrong):
    events = [e for e in extract_text(text) if e.action == action]
    if field == "victim":
        assert wrong not in {e.victim for e in events}
    else:
        assert all(getattr(e, field) != wrong for e in events if e.victim == "Luis Mora")


def test_a_noun_trigger_is_not_dated_by_the_verb_that_governs_it(extract_text):
    text = (
        "In 2016 a court sentenced author Kamal Aziz to two years. "
        "On 21 May 2017 a court cancelled the sentence against Kamal Aziz."
    )
    sentences = [e for e in extract_text(text, covers="2017") if e.action == "sentence"]
    assert [(e.victim, e.date) for e in sentences] == [("Kamal Aziz", "2016")]


def test_a_person_span_without_a_name_does_not_crash_people_resolution(nlp):
    """NER sometimes labels a bare title ("Dr.") PERSON; such a span names nobody."""
    from spacy.tokens import Span
    from spacy.util import filter_spans

    doc = nlp("Police arrested Ali Musa in May. Dr. said nothing.")
    title = next(t for t in doc if t.text == "Dr.")
    doc.ents = filter_spans([*doc.ents, Span(doc, title.i, title.i + 1, label="PERSON")])
    for trigger in doc._.hr_triggers:
        trigger["victims"].append({"start": title.i, "end": title.i + 1, "kind": "name"})
    nlp.get_pipe("hrevents_people")(doc)
    arrest = next(t for t in doc._.hr_triggers if t["action"] == "arrest")
    assert [p["name"] for p in arrest["people"]] == ["Ali Musa"]


NEWS = [
    # (text, action, victim, perpetrator)
    (
        "LAKESIDE, Freedonia (AP) — Police arrested opposition activist Maria Ostrova on Tuesday.",
        "arrest",
        "Maria Ostrova",
        "Police",
    ),
    (
        "Activists protest in Lakeside\n\nBy John Carter, Wire Service\n\n"
        "LAKESIDE, Freedonia (Wire) - Security forces detained journalist Tomas Reyes on Monday.",
        "arrest",
        "Tomas Reyes",
        "Security forces",
    ),
]


@pytest.mark.parametrize(("text", "action", "victim", "perpetrator"), NEWS)
def test_datelines_and_bylines_neither_make_nor_block_events(extract_text, text, action, victim, perpetrator):
    events = [e for e in extract_text(text) if e.action == action]
    assert [(e.victim, e.perpetrator) for e in events] == [(victim, perpetrator)]


def test_caption_words_are_not_part_of_a_name(extract_text):
    text = "Enlarge this image Police detained blogger Sami Nour on Monday. Enlarge Sami Nour was released."
    assert {e.victim for e in extract_text(text)} == {"Sami Nour"}


@pytest.mark.parametrize(
    "text",
    [
        "Kidnappings are common. Entertainers and artists are arrested by the junta.",
        "Dozens of Freedonians and Croats were held and tortured in the camp.",
    ],
)
def test_person_labels_no_name_can_carry_make_no_victim(extract_text, text):
    """No named victim; a counted group ("dozens of ...") is a group event (SPEC 7), not a person."""
    assert [e.victim for e in extract_text(text) if e.victim] == []


def test_the_end_of_a_period_dates_the_clause_that_relates_to_it(extract_text):
    text = (
        "On 3 May police arrested Ana Bello and Rui Sousa. "
        "A judge remanded them to prison until 17 June, when he released them on bail."
    )
    events = extract_text(text)
    releases = sorted((e.victim, e.date) for e in events if e.action == "release")
    assert releases == [("Ana Bello", "2020-06-17"), ("Rui Sousa", "2020-06-17")]
    assert all(e.date != "2020-06-17" for e in events if e.action == "detention")
