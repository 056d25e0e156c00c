"""Victims in lists and appositions (issue 15): every member of a list shares the act, whatever
comma asides, role nouns or aliases stand between them and however the parser hangs them;
what is not a person (a party, a monitoring group, a nationality, a second name of the same
person) never becomes a victim. Every sentence is invented; none is copied from a report."""

from __future__ import annotations

import pytest

from hrevents.rules.schema import load_lexicon

LISTS = [
    # (text, action, expected victims): the second conjunct after a comma aside
    (
        "On 1 March police arrested singer Omar Bello, alias Big O, and his friend Karim Tahir in Lakeside.",
        "arrest",
        {"Omar Bello", "Karim Tahir"},
    ),
    (
        "Singer Omar Bello, alias Big O, and his friend Karim Tahir were arrested on 1 March.",
        "arrest",
        {"Omar Bello", "Karim Tahir"},
    ),
    (
        "On 2 February soldiers of Ngaba arrested Paul-Marie Essomba, the director of La Voix, a Douala weekly "
        "newspaper, and his colleague Eric Mballa.",
        "arrest",
        {"Paul-Marie Essomba", "Eric Mballa"},
    ),
    (
        "On 3 May gendarmes detained the blogger Omar Bello, known as Abu Sami, and his cousin Adel Nour in Lakeside.",
        "arrest",
        {"Omar Bello", "Adel Nour"},
    ),
    (
        "Police released Omar Bello, the founder of a rights group, and his wife Rana Bello.",
        "release",
        {"Omar Bello", "Rana Bello"},
    ),
    (
        "Authorities charged lawyer Jamal Idris, head of the bar association, and his assistant Omar Saleh with fraud.",
        "charge",
        {"Jamal Idris", "Omar Saleh"},
    ),
    (
        "A court acquitted the journalist Jamal Idris, a reporter for The Daily Lamp, and the activist Hana Mourad.",
        "acquittal",
        {"Jamal Idris", "Hana Mourad"},
    ),
    (
        "On 1 March soldiers of the Ministry of Defense used excessive force to arrest singer Omar Bello, alias "
        "Big O, and his friend Karim Tahir, in front of a foreign embassy in Lakeside.",
        "arrest",
        {"Omar Bello", "Karim Tahir"},
    ),
    (
        "Authorities denied monitors access to the jails since 2012.\n\nOn 19 June, National Guardsmen arrested "
        "opposition party (Nueva Voz) activists Carlos Ruiz Pena and others at a highway checkpoint in Lara State.",
        "arrest",
        {"Carlos Ruiz Pena"},
    ),
    (
        "Police arrested human rights defenders Omar Bello and Rana Issa and the journalist Sami Nader.",
        "arrest",
        {"Omar Bello", "Rana Issa", "Sami Nader"},
    ),
    (
        "Authorities deported Omar Bello, a Canadian citizen, and his wife, Rana Issa, to Canada.",
        "expulsion",
        {"Omar Bello", "Rana Issa"},
    ),
    (
        "Gunmen kidnapped Omar Bello, the son of a local chief, and his driver Sami Nader.",
        "abduction",
        {"Omar Bello", "Sami Nader"},
    ),
    (
        "Omar Bello, editor of the weekly Lamp, and reporter Rana Issa were summoned for questioning.",
        "summons",
        {"Omar Bello", "Rana Issa"},
    ),
    # shared act: "along with", "together with", "as well as"
    (
        "Police arrested Jamal Idris, along with his brother Sami Idris, on 3 May.",
        "arrest",
        {"Jamal Idris", "Sami Idris"},
    ),
    ("Jamal Idris, along with his brother Sami Idris, was arrested on 3 May.", "arrest", {"Jamal Idris", "Sami Idris"}),
    (
        "In May a court sentenced Jamal Idris, together with the activist Hana Mourad, to two years.",
        "sentence",
        {"Jamal Idris", "Hana Mourad"},
    ),
    ("Police arrested Omar Bello as well as his lawyer Rana Issa.", "arrest", {"Omar Bello", "Rana Issa"}),
    (
        "Security agents abducted the blogger Jamal Idris as well as his cousin Omar Idris.",
        "abduction",
        {"Jamal Idris", "Omar Idris"},
    ),
    (
        "Authorities charged Omar Bello, editor of a weekly, along with his deputy Rana Issa.",
        "charge",
        {"Omar Bello", "Rana Issa"},
    ),
    # a revised penalty: a sentence event for each listed person
    (
        "In April a court reduced a three-year sentence for fraud against Samir Haddad, former head of the teachers "
        "union, and Adel Nour and Fadi Karam to a suspended sentence.",
        "sentence",
        {"Samir Haddad", "Adel Nour", "Fadi Karam"},
    ),
    (
        "On 4 June an appeals court reduced the sentences of blogger Tarek Aziz and journalists Rami Saleh and "
        "Nabil Fawzi from ten years to five years.",
        "sentence",
        {"Tarek Aziz", "Rami Saleh", "Nabil Fawzi"},
    ),
    (
        "A court commuted the death sentences of Omar Bello and farmers Karim Tahir and Adel Nour to life in prison.",
        "sentence",
        {"Omar Bello", "Karim Tahir", "Adel Nour"},
    ),
    (
        "In May a court upheld a five-year sentence against Omar Bello, a former mayor of Lakeside, and Rana Issa "
        "and Sami Nader.",
        "sentence",
        {"Omar Bello", "Rana Issa", "Sami Nader"},
    ),
    # a later act on the list is that act's alone
    (
        "On 8 May a court reduced the sentences of presenter Omar Bello and reporters Rana Issa and Sami Nader "
        "and acquitted station managers Karim Tahir and Adel Nour.",
        "sentence",
        {"Omar Bello", "Rana Issa", "Sami Nader"},
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "action", "victims"), LISTS)
def test_every_member_of_a_list_shares_the_act(extract_text, text, action, victims):
    assert {e.victim for e in extract_text(text) if e.action == action and e.victim} == victims


NOT_VICTIMS = [
    # (text, action, a name that must not be a victim)
    (
        "On 19 June soldiers arrested opposition party (Nueva Voz) activists Carlos Ruiz Pena and others at a "
        "checkpoint in Lara State.",
        "arrest",
        "Nueva Voz",
    ),
    ("Police detained members of the Freedom party (New Path) and its leader Omar Bello.", "arrest", "New Path"),
    (
        "On 3 July a Lima appeals court upheld the 2014 conviction of Nueva Voz (Voz Nueva) party leader and "
        "former Lima mayor Carlos Ruiz on two counts of incitement.",
        "sentence",
        "Nueva Voz",
    ),
    (
        "On 3 July a Lima appeals court upheld the 2014 conviction of Nueva Voz (Voz Nueva) party leader and "
        "former Lima mayor Carlos Ruiz on two counts of incitement.",
        "sentence",
        "Voz Nueva",
    ),
    (
        "Voz Libre reported 1,200 cases of arbitrary detention between March 2015 and May 2016.",
        "detention",
        "Voz Libre",
    ),
    ("Libre Voz documented 300 cases of arbitrary arrest during the year.", "arrest", "Libre Voz"),
    (
        "Authorities released Ruiz Pena on 9 May; the other person, a U.S.-Peruvian dual national, was released on "
        "18 June.",
        "release",
        "U.S.-Peruvian",
    ),
    ("Singer Omar Bello, alias Big O, and his friend Karim Tahir were arrested on 1 March.", "arrest", "Big O"),
    (
        "In May a court fined the rapper Omar Bello, alias Big O, and his manager Karim Tahir.",
        "sentence",
        "Big O",
    ),
    (
        "On 8 May a court reduced the sentences of presenter Omar Bello and reporters Rana Issa and Sami Nader "
        "and acquitted station managers Karim Tahir and Adel Nour.",
        "sentence",
        "Karim Tahir",
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "action", "name"), NOT_VICTIMS)
def test_organisations_nationalities_aliases_and_sources_are_not_victims(extract_text, text, action, name):
    assert name not in {e.victim for e in extract_text(text) if e.action == action}


RELATIONS = [
    # (text, action, expected named victims): "the N of A, B" names N as B; "the N of A" names no one
    ("Police arrested the wife of activist Adel Bello, Rana Issa, in June.", "arrest", {"Rana Issa"}),
    ("The son of jailed journalist Adel Bello, Omar Bello, was detained on 4 May.", "arrest", {"Omar Bello"}),
    ("Police arrested the lawyer of activist Adel Bello on 4 May.", "arrest", set()),
    ("Police arrested the brother of activist Adel Bello, who had criticized the mayor.", "arrest", set()),
    (
        "In May police arrested party member and mayor of Lakeside Dr. Omar Bello and Professor Rana Issa.",
        "arrest",
        {"Omar Bello", "Rana Issa"},
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "action", "victims"), RELATIONS)
def test_a_relative_named_by_the_phrase_is_not_the_victim(extract_text, text, action, victims):
    assert {e.victim for e in extract_text(text) if e.action == action and e.victim} == victims


KEEPS = [
    # (text, action, expected victims): what the list rules must leave alone
    ("A judge handed Karl Mensah a two-year term.", "sentence", {"Karl Mensah"}),
    ("Police arrested a British-Kenyan journalist and Omar Bello.", "arrest", {"Omar Bello"}),
    (
        "Green Hope Party activists Omar Bello and Rana Issa were arrested on 2 May.",
        "arrest",
        {"Omar Bello", "Rana Issa"},
    ),
    ("Police arrested Omar Bello and charged him with fraud.", "arrest", {"Omar Bello"}),
    ("Police arrested Omar Bello, and the court fined the newspaper.", "arrest", {"Omar Bello"}),
    ("The arrest and detention of Omar Bello drew protests.", "arrest", {"Omar Bello"}),
    ("Security agents searched Lena Ost's house.", "search", {"Lena Ost"}),
    ("Police arrested Omar Bello of the Green Hope (Nueva Esperanza) party in Lakeside.", "arrest", {"Omar Bello"}),
    ("The court upheld the conviction of Green Hope party leader Omar Bello.", "sentence", {"Omar Bello"}),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "action", "victims"), KEEPS)
def test_single_victims_stay_single(extract_text, text, action, victims):
    assert {e.victim for e in extract_text(text) if e.action == action and e.victim} == victims


REVISIONS = [
    # (text, date): a court's revision of a penalty is dated by its own verb, done by its subject
    ("In March 2020 a court reduced the sentence of Omar Bello to one year.", "2020-03"),
    ("On 8 May 2020 an appeals court upheld the conviction of Rana Issa.", "2020-05-08"),
    ("On 2 June 2020 the supreme court commuted the death sentence of blogger Lina Haddad.", "2020-06-02"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "date"), REVISIONS)
def test_a_revised_penalty_is_dated_and_done_by_the_court(extract_text, text, date):
    events = [e for e in extract_text(text) if e.action == "sentence"]
    assert [e.date for e in events] == [date]
    assert "court" in (events[0].perpetrator or "")


def test_the_role_words_are_lexicon_data():
    roles = load_lexicon().roles
    assert "report" in roles.reporting_verbs
    assert "alias" in roles.alias_words
    assert "a" in roles.descriptive_determiners
