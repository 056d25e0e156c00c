"""Issue 11, sixth round: the same annotations at less cost. The class lemmatizer gives spaCy's
lemmas; each trigger rule is matched only over the sentences that hold its words, and finds the
triggers one Matcher of every rule finds over the whole doc; the date search skips positions no
date can start at; a 20 MB file of one word on one line still finishes. Invented sentences."""

from __future__ import annotations

import re
import time

import pytest
from spacy.matcher import Matcher

from hrevents.components.triggers import TriggerMatcher, longest_match
from hrevents.dates import _date_span, find_date_spans
from hrevents.reader import report_from_text

FRONT = '---\ncovers: "2020"\n---\n'

TEXTS = [
    "Police arrested Amina Diallo in Lakeside on 3 May 2020.",
    "The committee met twice. Police arrested Amina Diallo. The weather was fine.",
    "Officers took Samuel Eto into custody on 2 July. He was released two days later. Wages rose.",
    "The court sentenced Omar Said to death. His lawyer appealed. The court upheld the sentence.",
    "Soldiers beat Peter Banda to death. Villagers found his body. Nobody was charged.",
    "Officials summoned Grace Mwangi for questioning. She left the country and went into exile.",
    "Mr. Tomas Novak was detained. Dr. Lena Adler was not. The ministry opened a case against him.",
    "The report covers labour rights, wages and working hours. Prices rose in March.",
    "Gunmen abducted two teachers; they were found dead. The police said they had arrested the men.",
    "",
]


def whole_doc_triggers(component: TriggerMatcher, doc):
    """What the component gives with one Matcher of every rule over the whole doc."""
    full = Matcher(doc.vocab)
    for rule in component.rules.values():
        full.add(rule.id, [rule.pattern])
    original = component.matches
    component.matches = lambda d: ((d.vocab.strings[m], s, e) for m, s, e in full(d))  # type: ignore[method-assign]
    try:
        return list(component(doc)._.hr_triggers)
    finally:
        component.matches = original  # type: ignore[method-assign]


def annotated_before(nlp, name: str, text: str):
    names = nlp.pipe_names[: nlp.pipe_names.index(name)]
    with nlp.select_pipes(enable=names):
        return nlp(text)


# --- the class lemmatizer ---------------------------------------------------------------------


@pytest.mark.model
def test_the_class_lemmatizer_replaces_spacys(nlp):
    assert "lemmatizer" not in nlp.pipe_names
    assert nlp.pipe_names.index("hrevents_lemmas") == nlp.pipe_names.index("hrevents_attributes") + 1
    assert nlp.get_pipe("hrevents_lemmas").exact


@pytest.mark.model
@pytest.mark.parametrize("text", [*TEXTS, "He was re-arrested; they're gonna appeal. Judges were judging judges."])
def test_class_lemmas_are_spacys_lemmas(nlp, text):
    component = nlp.get_pipe("hrevents_lemmas")
    doc = annotated_before(nlp, "hrevents_lemmas", text)
    expected = [token.lemma_ for token in component.lemmatizer(doc.copy())]
    assert [token.lemma_ for token in component(doc)] == expected
    # a second doc of the same words is served from the cache, with the same lemmas
    again = annotated_before(nlp, "hrevents_lemmas", text)
    assert [token.lemma_ for token in component(again)] == expected


@pytest.mark.model
def test_the_first_pass_still_reads_the_lemmatizer_tables(nlp):
    from hrevents.prefilter import lemmatizer_known

    assert lemmatizer_known(nlp)


# --- triggers over the sentences that hold the rule's words -----------------------------------


@pytest.mark.parametrize(
    ("pattern", "most"),
    [
        ([{"LEMMA": "arrest"}], 1),
        ([{"LEMMA": "take"}, {"POS": "DET", "OP": "?"}, {"LOWER": "custody"}], 3),
        ([{"LOWER": "not", "OP": "!"}, {"LEMMA": "detain"}], 2),
        ([{"LEMMA": "sentence"}, {"OP": "*"}, {"LOWER": "death"}], None),
        ([{"POS": "PROPN", "OP": "+"}, {"LEMMA": "arrest"}], None),
    ],
)
def test_longest_match(pattern, most):
    assert longest_match(pattern) == most


N = frozenset
# sentences as (start, end, needs met); a rule needing {0, 1}
RUN = [(0, 10, N({0})), (10, 20, N()), (20, 30, N({1})), (30, 40, N({0, 1}))]


@pytest.mark.parametrize(
    ("run", "needs", "most", "spans"),
    [
        # unbounded: the whole run
        (RUN, N({0, 1}), None, [(0, 40)]),
        # one token long: only the sentence that holds both words
        (RUN, N({0, 1}), 1, [(30, 40)]),
        # two tokens: a match starting at the end of the third sentence may reach the fourth
        (RUN, N({0, 1}), 2, [(20, 40)]),
        # twelve tokens reach from the first sentence into the third: it may start anywhere
        (RUN, N({0, 1}), 12, [(0, 40)]),
        # spans that touch are matched as one
        (RUN, N({1}), 1, [(20, 40)]),
        # a match of three tokens may start in the last two tokens of the second sentence
        (RUN, N({1}), 3, [(10, 40)]),
        (RUN[:3], N({1}), 3, [(10, 30)]),
        (RUN, N({2}), 5, []),
    ],
)
def test_spans_a_rule_can_match_in(run, needs, most, spans):
    assert TriggerMatcher.spans(run, needs, most) == spans


@pytest.mark.model
@pytest.mark.parametrize("text", TEXTS)
def test_spans_give_the_whole_doc_triggers(nlp, text):
    doc = annotated_before(nlp, "hrevents_triggers", text)
    component = nlp.get_pipe("hrevents_triggers")
    expected = whole_doc_triggers(component, doc)
    assert list(component(doc)._.hr_triggers) == expected


@pytest.mark.model
def test_a_rule_is_matched_only_where_its_words_are(nlp, monkeypatch):
    """Of three sentences that hold the words of different acts, a one-word rule runs over the
    one with its word, not over all three."""
    text = "Police arrested Amina Diallo. The guards tortured her. A court charged her with fraud."
    doc = annotated_before(nlp, "hrevents_triggers", text)
    component = nlp.get_pipe("hrevents_triggers")
    seen: dict[str, list[str]] = {}
    matchers = dict(component.matchers)

    class Spy:
        def __init__(self, rule_id):
            self.rule_id = rule_id

        def __call__(self, span):
            seen.setdefault(self.rule_id, []).append(span.text.strip())
            return matchers[self.rule_id](span)

    monkeypatch.setattr(component, "matchers", {rule_id: Spy(rule_id) for rule_id in matchers})
    list(component.matches(doc))
    one_word = [rule_id for rule_id in seen if component.lengths[rule_id] == 1]
    assert one_word
    for rule_id in one_word:
        assert all(len(re.findall(r"[.!?]", span)) == 1 for span in seen[rule_id]), (rule_id, seen[rule_id])


# --- the date search ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "On 3 May 2020 police came; in May they left. He may go.",
        "From 9-10 August 2020, and between 1st and 3rd of June 2019, early March, mid-April 2018.",
        "since 2015, in 2016, until 2017, by 2018; 10.08.2020 and 08/24/2020 but not x1.2.2020",
        "That same day, the same evening, Sunday night, last night, the morning of 5 June.",
        "dismay, Mayhem, decembers, Junes; 12 Sept. 2021 and Sept 12, 2021",
        "",
    ],
)
def test_the_date_search_finds_what_the_pattern_finds_everywhere(text):
    unguarded = re.compile(_date_span().pattern.removeprefix(r"(?=\d|\b\w)"), re.I)
    assert _date_span().pattern.startswith(r"(?=\d|\b\w)")
    assert [m.span() for m in _date_span().finditer(text)] == [m.span() for m in unguarded.finditer(text)]
    assert find_date_spans(text) == find_date_spans(text)


# --- a degenerate input ---------------------------------------------------------------------


@pytest.mark.model
def test_twenty_megabytes_of_one_word_finish(extractor):
    report = report_from_text(FRONT + "harvest " * 2_500_000 + "\n\nPolice arrested Tomas Reyes on 3 May.\n", "flood")
    started = time.perf_counter()
    (result,) = extractor.pipe_results([(report, None)])
    # about 80 s on the shared 2-core machine under load 7, far less when quiet; it used to
    # stall for more than ten minutes
    assert time.perf_counter() - started < 300
    assert [event.victim for event in result.events] == ["Tomas Reyes"]
    assert len(result.warnings) == 1 and "no sentence end" in result.warnings[0]
