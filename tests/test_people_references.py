"""Groups and people referred to across sentences (issue 15, error kind 2).

Each row is a short invented passage, the action looked at, the named victims expected for it
and the group events expected for it ((group as written, count)). A back-reference that can be
resolved to the names listed before gives one named event per person and no group event; one
that cannot stays a group event (SPEC 7); a singular one ("the journalist") takes the one person
of that role named before, and nobody when several fit: a wrong name is worse than none.
"""

from __future__ import annotations

import pytest

A4 = "Police arrested Ivo Branek, Saul Mirren, Teo Vasch and Dana Kolle in April. "
A3 = "Police arrested Ivo Branek, Saul Mirren and Teo Vasch in April. "
ALL4 = ["Dana Kolle", "Ivo Branek", "Saul Mirren", "Teo Vasch"]
ALL3 = ["Ivo Branek", "Saul Mirren", "Teo Vasch"]

PLURAL = [
    (
        "Police arrested Tomas Verlan, Ilse Marrow, Petra Quist and Oren Dask on 3 May. "
        "The four defendants were later sentenced to two years in prison.",
        "sentence",
        ["Ilse Marrow", "Oren Dask", "Petra Quist", "Tomas Verlan"],
    ),
    (
        "Security forces detained Adam Kerrow and Bram Olvet in June. Both men were charged with espionage.",
        "charge",
        ["Adam Kerrow", "Bram Olvet"],
    ),
    (
        "Police arrested the journalists Adam Kerrow and Bram Olvet in June. "
        "The two journalists were released on bail a week later.",
        "release",
        ["Adam Kerrow", "Bram Olvet"],
    ),
    (
        "Officers arrested Adam Kerrow and Bram Olvet, both journalists, in June. "
        "The journalists were charged with defamation.",
        "charge",
        ["Adam Kerrow", "Bram Olvet"],
    ),
    (
        "Police detained activists Mara Velt and Joss Harrin in March. The activists were released two days later.",
        "release",
        ["Joss Harrin", "Mara Velt"],
    ),
    (
        "Police arrested Ivo Branek, Saul Mirren and Teo Vasch in April. All three were charged with treason.",
        "charge",
        ALL3,
    ),
]

REST = [
    (
        A4 + "Branek and Mirren were released the next day; the rest remain in detention.",
        "detention",
        ["Dana Kolle", "Teo Vasch"],
    ),
    (
        A4 + "Branek and Mirren were released the next day; the rest remain in detention.",
        "release",
        ["Ivo Branek", "Saul Mirren"],
    ),
    (
        A4 + "Branek and Mirren were released on bail, while the remaining two were charged with treason.",
        "charge",
        ["Dana Kolle", "Teo Vasch"],
    ),
    (
        A3 + "Branek was released the next day; the others were charged with rioting.",
        "charge",
        ["Saul Mirren", "Teo Vasch"],
    ),
]

LISTS = [
    ("Those convicted in absentia included Ivo Branek, Saul Mirren and Teo Vasch.", "sentence", ALL3),
    (
        "The detained included the journalist Ivo Branek and the lawyer Saul Mirren.",
        "arrest",
        ["Ivo Branek", "Saul Mirren"],
    ),
    ("Those released were Ivo Branek and Saul Mirren.", "release", ["Ivo Branek", "Saul Mirren"]),
    ("Among those arrested were Ivo Branek and Saul Mirren.", "arrest", ["Ivo Branek", "Saul Mirren"]),
    ("Among the detainees were Ivo Branek and Saul Mirren.", "detention", ["Ivo Branek", "Saul Mirren"]),
]

SHARED = [
    (
        "In May a court sentenced Dana Kolle to ten years. "
        "Ivo Branek, Saul Mirren and Teo Vasch also received prison terms.",
        "sentence",
        ALL4,
    ),
    (
        "Ivo Branek and Saul Mirren were each sentenced to five years in prison.",
        "sentence",
        ["Ivo Branek", "Saul Mirren"],
    ),
]

SINGULAR = [
    (
        "Police arrested the researcher Ivo Branek in May. The researcher was charged with treason in June.",
        "charge",
        ["Ivo Branek"],
    ),
    (
        "Police arrested journalist Lena Fost in May. The journalist was released two weeks later.",
        "release",
        ["Lena Fost"],
    ),
    (
        "Opposition leader Saul Mirren was arrested on 4 May. The opposition leader was charged with inciting riots.",
        "charge",
        ["Saul Mirren"],
    ),
    (
        "Police detained Dana Kolle, a lawyer, in March. The lawyer was released without charge.",
        "release",
        ["Dana Kolle"],
    ),
    # Two journalists named before: "the journalist" is either; nobody is named.
    (
        "Police arrested journalist Lena Fost and journalist Ivo Branek in May. "
        "The journalist was released two weeks later.",
        "release",
        [],
    ),
    # The role was never given to the person named before.
    ("Police arrested Ivo Branek in May. The lawyer was released two weeks later.", "release", []),
]

# References that must name nobody: the names are not the group meant.
NOBODY = [
    # An unnamed counted group between the names and the reference.
    (
        "Police arrested Ivo Branek and Saul Mirren in May. Police also detained 20 students. "
        "The students were released the next day.",
        "release",
    ),
    # A role the named people were never given.
    ("Police arrested Ivo Branek and Saul Mirren in May. The students were released the next day.", "release"),
    # A count that does not fit the rest.
    (A4 + "Branek was released on bail, while the remaining two were charged with treason.", "charge"),
    # Nobody of the list named again: "the rest" of what?
    (A3 + "In another case police detained Dana Kolle. The rest were released.", "release"),
    # Not among them.
    (A3 + "Dana Kolle was not among those released.", "release"),
    # Someone unnamed of the same role since the name.
    (
        "Police arrested journalist Lena Fost in May. Another journalist was detained in June. "
        "The journalist was released two weeks later.",
        "release",
    ),
    # A relative of the person, not the person.
    ("Police arrested journalist Lena Fost in May. The journalist's brother was released in June.", "release"),
]

MORE = [
    (
        "Authorities detained Ivo Branek and his brother Saul Branek on 3 May. The brothers were released on 9 May.",
        "release",
        ["Ivo Branek", "Saul Branek"],
    ),
    (
        "Police detained Ivo Branek and Saul Mirren on 3 May. The pair were released on 9 May.",
        "release",
        ["Ivo Branek", "Saul Mirren"],
    ),
    (
        "Police detained Ivo Branek and Saul Mirren on 3 May. Both journalists were released on 9 May.",
        "release",
        ["Ivo Branek", "Saul Mirren"],
    ),
    ("Those detained included Ivo Branek and Saul Mirren.", "arrest", ["Ivo Branek", "Saul Mirren"]),
    ("Those sentenced were Ivo Branek and Saul Mirren.", "sentence", ["Ivo Branek", "Saul Mirren"]),
    ("The journalists arrested included Ivo Branek and Saul Mirren.", "arrest", ["Ivo Branek", "Saul Mirren"]),
    (
        "A court sentenced Ivo Branek to five years, and Saul Mirren and Teo Vasch to three years each.",
        "sentence",
        ALL3,
    ),
    (
        "Police arrested former minister Ivo Branek in May. The former minister was charged with corruption.",
        "charge",
        ["Ivo Branek"],
    ),
    (
        "Police arrested blogger Ivo Branek on 3 May. "
        "On 5 May the 34-year-old blogger was charged with insulting the president.",
        "charge",
        ["Ivo Branek"],
    ),
    (
        A3 + "Authorities released Branek in May; the other two remain in custody.",
        "detention",
        ["Saul Mirren", "Teo Vasch"],
    ),
    (A4 + "All four were charged with treason.", "charge", ALL4),
    (A3 + "Branek and Mirren were released; the other was charged with rioting.", "charge", ["Teo Vasch"]),
    ("Those arrested included two lawyers, Ivo Branek and Saul Mirren.", "arrest", ["Ivo Branek", "Saul Mirren"]),
    (
        "Police detained lawyer Ivo Branek and journalists Saul Mirren and Teo Vasch in May. "
        "The three were charged with treason.",
        "charge",
        ALL3,
    ),
]

# (text, action, named victims, group events)
GROUPS = [
    (
        "Police arrested 24 students in Lakeside in May. The students were released the next day.",
        "release",
        [],
        [("24 students (The students)", 24)],
    ),
    (
        "Police arrested dozens of protesters in May. The protesters were charged with rioting.",
        "charge",
        [],
        [("dozens of protesters (The protesters)", None)],
    ),
    (
        "Security forces detained Adam Kerrow and Bram Olvet in June. Both men were charged with espionage.",
        "charge",
        ["Adam Kerrow", "Bram Olvet"],
        [],
    ),
    (
        "Police detained activists Mara Velt and Joss Harrin in March. The activists were released two days later.",
        "release",
        ["Joss Harrin", "Mara Velt"],
        [],
    ),
    (
        A3 + "Branek was released the next day; the others were charged with rioting.",
        "charge",
        ["Saul Mirren", "Teo Vasch"],
        [],
    ),
]


def named(events, action):
    return sorted(e.victim for e in events if e.action == action and e.victim)


@pytest.mark.model
@pytest.mark.parametrize(("text", "action", "victims"), PLURAL + REST + LISTS + SHARED + SINGULAR)
def test_references_resolve_to_the_people_named(extract_text, text, action, victims):
    assert named(extract_text(text), action) == victims


@pytest.mark.model
@pytest.mark.parametrize(("text", "action", "victims"), MORE)
def test_more_reference_forms(extract_text, text, action, victims):
    assert named(extract_text(text), action) == victims


@pytest.mark.model
@pytest.mark.parametrize(("text", "action"), NOBODY)
def test_a_reference_that_fits_no_one_names_no_one(extract_text, text, action):
    assert named(extract_text(text), action) == []


@pytest.mark.model
@pytest.mark.parametrize(("text", "action", "victims", "groups"), GROUPS)
def test_a_group_is_named_events_or_a_group_event_never_both(extract_text, text, action, victims, groups):
    events = extract_text(text)
    assert named(events, action) == victims
    assert [(e.victim_group, e.victim_count) for e in events if e.action == action and not e.victim] == groups


@pytest.mark.model
def test_a_reference_to_names_and_unnamed_people_gives_both(extract_text):
    """ "A, B and six other individuals ... the men": the named events and the group of six (SPEC 7)."""
    text = (
        "In July police arrested Ivo Branek, Saul Mirren and six other individuals. "
        "The government later accused the men of treason."
    )
    events = extract_text(text)
    assert named(events, "charge") == ["Ivo Branek", "Saul Mirren"]
    assert [e.victim_count for e in events if e.action == "charge" and not e.victim] == [6]
