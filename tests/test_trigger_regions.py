"""The trigger component matches each rule only where its words are: the triggers must be the
ones a single Matcher of every rule finds over the whole doc. Invented sentences."""

from __future__ import annotations

import pytest
from spacy.matcher import Matcher

pytestmark = pytest.mark.model

TEXTS = [
    "On 3 May police arrested Amina Diallo in Lakeside.",
    "The committee met twice. Police arrested Amina Diallo. The weather was fine.",
    "Elections were held in March. Officers took Samuel Eto into custody on 2 July.",
    "Grace Mwangi was placed under arrest on 9 May. She was released on bail.",
    "The court sentenced Omar Said to five years in prison. His lawyer appealed.\n\nThe budget grew.",
    "Officials held a meeting about roads. Nobody was detained.",
    "Prison Conditions\n\nThe ministry opened a case against Tomas Novak and charged him with fraud.",
    "The report covers labour rights, wages and working hours.",
    "",
]


def whole_doc_triggers(component, doc):
    """What the component gave before it matched region by region: one Matcher over the doc."""
    full = Matcher(doc.vocab)
    for rule in component.rules.values():
        full.add(rule.id, [rule.pattern])
    original = component.matches
    component.matches = lambda d: ((d.vocab.strings[m], s, e) for m, s, e in full(d))
    try:
        return list(component(doc)._.hr_triggers)
    finally:
        component.matches = original


@pytest.mark.parametrize("text", TEXTS)
def test_regions_give_the_whole_doc_triggers(nlp, text):
    names = nlp.pipe_names[: nlp.pipe_names.index("hrevents_triggers")]
    with nlp.select_pipes(enable=names):
        doc = nlp(text)
    component = nlp.get_pipe("hrevents_triggers")
    expected = whole_doc_triggers(component, doc)
    assert list(component(doc)._.hr_triggers) == expected


def test_only_sentences_with_trigger_words_are_matched(nlp):
    doc = nlp("The sky was blue. Police arrested Amina Diallo. Wages rose.")
    runs = nlp.get_pipe("hrevents_triggers").runs(doc)
    regions = [doc[run[0][0] : run[-1][1]].text.strip() for run in runs]
    assert regions == ["Police arrested Amina Diallo."]
