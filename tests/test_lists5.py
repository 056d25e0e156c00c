"""Named people given in a list, a partitive, a gapped clause or a plural relative clause rather
than as the trigger's direct argument (issue 15, fifth round). Each table holds several shapes
of one English construction, with different verbs and actions, and the cases it must leave
alone. Every sentence is invented; none is copied from a report."""

from __future__ import annotations

import pytest

from hrevents.rules.schema import load_lexicon


def victims(extract_text, text: str, action: str) -> set[str]:
    return {e.victim for e in extract_text(text) if e.action == action and e.victim}


LISTS = [
    # (text, action, expected victims): every member of "A, B, and C", however the parse hangs
    # the middle ones, and each with its own role words
    (
        "Three of her colleagues – Rana Issa, Karim Tahir, and Lina Haddad – were released on 3 May.",
        "release",
        {"Rana Issa", "Karim Tahir", "Lina Haddad"},
    ),
    (
        "The arrests in May included reporters Gobi Sanu, Meron Tadesse, Yared Alemu, and Abel Bekele.",
        "arrest",
        {"Gobi Sanu", "Meron Tadesse", "Yared Alemu", "Abel Bekele"},
    ),
    (
        "Rana Issa, Karim Tahir, Lina Haddad, and Adel Nour were arrested in Lakeside.",
        "arrest",
        {"Rana Issa", "Karim Tahir", "Lina Haddad", "Adel Nour"},
    ),
    (
        "Police detained editor Rana Issa, reporter Karim Tahir, and cameraman Lina Haddad.",
        "arrest",
        {"Rana Issa", "Karim Tahir", "Lina Haddad"},
    ),
    (
        "The court convicted Rana Issa, Karim Tahir and Lina Haddad.",
        "sentence",
        {"Rana Issa", "Karim Tahir", "Lina Haddad"},
    ),
    # an organisation's name before a member's role is no member
    (
        "Last month police arrested Green Hope Lakeside campaign director Omar Bello, Lakeside Workers Unity "
        "secretariat member Rana Issa, and Kadam Lakeside coordinator Lina Haddad.",
        "arrest",
        {"Omar Bello", "Rana Issa", "Lina Haddad"},
    ),
    (
        "The court convicted Rana Issa and former Daily Lamp researcher Karim Tahir of libel in June.",
        "sentence",
        {"Rana Issa", "Karim Tahir"},
    ),
    # a name after the comma that starts a clause of its own, or owns the next noun, is no member
    ("Police arrested Rana Issa, Karim Tahir said on Monday.", "arrest", {"Rana Issa"}),
    ("Police arrested Rana Issa, and Karim Tahir condemned the arrest.", "arrest", {"Rana Issa"}),
    ("Police arrested Rana Issa, Karim Tahir's lawyer.", "arrest", {"Rana Issa"}),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "action", "expected"), LISTS)
def test_every_member_of_a_written_list_shares_the_act(extract_text, text, action, expected):
    assert victims(extract_text, text, action) == expected


INCLUDING = [
    # (text, action, expected victims): "including A and B" after a plural victim nobody names,
    # wherever the parser hung it
    (
        "Numerous people described by monitors as political prisoners remained in prison, including Rana Issa "
        "and Karim Tahir.",
        "detention",
        {"Rana Issa", "Karim Tahir"},
    ),
    (
        "Several students named by the union as organisers were detained in March, including Rana Issa and "
        "Karim Tahir.",
        "arrest",
        {"Rana Issa", "Karim Tahir"},
    ),
    (
        "Dozens of activists that the group listed as detainees stayed in custody, including Omar Bello.",
        "detention",
        {"Omar Bello"},
    ),
    # a verb that shares the victim shares the list
    (
        "Journalists and lawyers were abducted by unknown men and released within days, including journalists "
        "Rana Issa and Karim Tahir; former editor Lina Haddad; and lawyer Adel Nour.",
        "abduction",
        {"Rana Issa", "Karim Tahir", "Lina Haddad", "Adel Nour"},
    ),
    ("Several activists were arrested and later released on bail, including Rana Issa.", "arrest", {"Rana Issa"}),
    # another victim's list, the list of the people who act, or of things, is not the victims'
    ("Police arrested several activists and released some journalists, including Rana Issa.", "arrest", set()),
    ("Officials, including Rana Issa, who detained the protesters, denied abuse.", "arrest", set()),
    ("Authorities charged many people with offences, including fraud.", "charge", set()),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "action", "expected"), INCLUDING)
def test_an_including_list_after_an_unnamed_plural_victim_names_it(extract_text, text, action, expected):
    assert victims(extract_text, text, action) == expected


PARTITIVES = [
    # (text, action, expected victims): "N of the 18, including A" names members of the counted
    # group an earlier act was done to, so they underwent it too
    (
        "Police arrested 18 activists in May. Authorities released seven of the 18, including Rana Issa and "
        "Karim Tahir, while 11 of the 18, including Lina Haddad and Adel Nour, remained in detention.",
        "arrest",
        {"Rana Issa", "Karim Tahir", "Lina Haddad", "Adel Nour"},
    ),
    (
        "Security forces detained 12 students whom prosecutors later charged with rioting. Most of the "
        "students, including Omar Bello, were released in June.",
        "charge",
        {"Omar Bello"},
    ),
    (
        "Gunmen abducted five farmers on Monday. Two of the five, Rana Issa and Karim Tahir, were found dead.",
        "abduction",
        {"Rana Issa", "Karim Tahir"},
    ),
    (
        "Soldiers arrested 9 union members whom the court later charged with “sabotage of the economy”. Four "
        "of the nine, including Rana Issa and Karim Tahir, were released in May.",
        "charge",
        {"Rana Issa", "Karim Tahir"},
    ),
    # another group, or another paragraph, is not the part of the counted one
    (
        "Police arrested 18 activists in May. Two of the 40 protesters, including Rana Issa, were injured.",
        "arrest",
        set(),
    ),
    (
        "Police arrested 18 activists in May.\n\nSome of the journalists, including Rana Issa, left the country.",
        "arrest",
        set(),
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "action", "expected"), PARTITIVES)
def test_a_partitive_names_members_of_the_counted_group(extract_text, text, action, expected):
    assert victims(extract_text, text, action) == expected


GAPPED = [
    # (text, action, expected victims): the second clause of a gapped coordination keeps only
    # its names and a remnant of the same preposition ("and B and C to 12 years")
    (
        "The court convicted Rana Issa to 14 years on charges of treason and Karim Tahir and Lina Haddad to "
        "12 years each.",
        "sentence",
        {"Rana Issa", "Karim Tahir", "Lina Haddad"},
    ),
    (
        "A judge sentenced activist Omar Bello to five years in prison for inciting unrest and blogger Adel Nour "
        "to three years.",
        "sentence",
        {"Omar Bello", "Adel Nour"},
    ),
    (
        "The court fined Omar Bello for reporting on the protests and Adel Nour for filming them.",
        "sentence",
        {"Omar Bello", "Adel Nour"},
    ),
    # without a remnant the name may be the object of the phrase's own verb
    ("Police arrested Rana Issa for insulting the governor and Karim Tahir.", "arrest", {"Rana Issa"}),
    ("Police arrested Rana Issa for criticising the minister and Karim Tahir in May.", "arrest", {"Rana Issa"}),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "action", "expected"), GAPPED)
def test_a_gapped_clause_shares_the_verb(extract_text, text, action, expected):
    assert victims(extract_text, text, action) == expected


RELATIVES = [
    # (text, action, expected victims): "who were ..." after a name inside the list's apposition
    # agrees with the list, not with that name
    (
        "The release included Rana Issa and Karim Tahir, two critics of the governor Omar Bello, who were "
        "arrested in 2019.",
        "arrest",
        {"Rana Issa", "Karim Tahir"},
    ),
    (
        "Police freed Rana Issa and Karim Tahir, both members of a party led by Omar Bello, who were detained in 2019.",
        "arrest",
        {"Rana Issa", "Karim Tahir"},
    ),
    # a singular verb stays with the name it hangs on
    ("Police released Rana Issa, the wife of Omar Bello, who was arrested in 2019.", "arrest", {"Omar Bello"}),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "action", "expected"), RELATIVES)
def test_a_plural_relative_clause_takes_the_list(extract_text, text, action, expected):
    assert victims(extract_text, text, action) == expected


WHOM = [
    # (text, action, expected victims): "whom" is the relative clause's object wherever the
    # parser hung it; "to whom" is not
    (
        "Soldiers arrested union leader Omar Bello, whom the court later charged with “sabotage of the economy”.",
        "charge",
        {"Omar Bello"},
    ),
    ("Police detained Omar Bello, whom the government subsequently charged with fraud.", "charge", {"Omar Bello"}),
    ("The judge to whom the case was sent released Omar Bello.", "release", {"Omar Bello"}),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "action", "expected"), WHOM)
def test_whom_is_the_object_of_its_clause(extract_text, text, action, expected):
    assert victims(extract_text, text, action) == expected


def test_the_partitive_heads_are_lexicon_data():
    refs = load_lexicon().references
    assert {"some", "most"} <= set(refs.partitive_heads)
