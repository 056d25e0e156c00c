"""Components that need no trained model, on a blank English pipeline; and the
entry points that make every component available to any spaCy project."""

from __future__ import annotations

from importlib.metadata import entry_points

import pytest
import spacy

FACTORIES = [
    "hrevents_paragraphs",
    "hrevents_entities",
    "hrevents_triggers",
    "hrevents_arguments",
    "hrevents_modifiers",
    "hrevents_people",
    "hrevents_groups",
]


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def test_factories_are_exposed_as_entry_points():
    names = {ep.name for ep in entry_points(group="spacy_factories")}
    assert set(FACTORIES) <= names


@pytest.mark.parametrize("name", FACTORIES)
def test_every_component_is_created_by_name(name):
    nlp = spacy.blank("en")
    nlp.add_pipe(name)
    assert nlp.pipe_names == [name]


def sentence_starts(doc):
    return [token.text for token in doc if token.is_sent_start]


def date_entities(doc):
    return [ent.text for ent in doc.ents if ent.label_ == "DATE"]


@pytest.mark.parametrize(
    ("name", "observe", "expected"),
    [("hrevents_paragraphs", sentence_starts, ["Police", "She"]), ("hrevents_entities", date_entities, ["3 May"])],
)
def test_model_free_components_run_on_a_blank_pipeline(name, observe, expected):
    text = "Police arrested Ana Ruiz on 3 May.\n\nShe was released."
    nlp = spacy.blank("en")
    assert observe(nlp(text)) != expected  # what the component adds is not there without it
    nlp.add_pipe(name)
    assert observe(nlp(text)) == expected


def test_paragraph_breaks_start_sentences(blank):
    nlp = spacy.blank("en")
    nlp.add_pipe("hrevents_paragraphs")
    doc = nlp("Arrest and Detention\n\nPolice arrested Ana Ruiz.")
    starts = [t.text for t in doc if t.is_sent_start]
    assert "Police" in starts


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("On the morning of 9 September, police arrested him.", ["the morning of 9 September"]),
        ("He was arrested in May 2020 and freed on June 3.", ["May 2020", "June 3"]),
        ("She may leave in May.", ["May"]),
        ("He has been held since 1994.", ["1994"]),
    ],
)
def test_date_grammar_labels_dates_on_a_blank_pipeline(text, dates):
    nlp = spacy.blank("en")
    nlp.add_pipe("hrevents_entities")
    doc = nlp(text)
    assert [ent.text for ent in doc.ents if ent.label_ == "DATE"] == dates
