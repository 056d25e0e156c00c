"""The model's rule lemmatizer, applied once per kind of token: the same lemmas at a fraction of the cost.

spaCy's rule `Lemmatizer` makes a Python `Token` for every token and works its lemma out from
the word, the part of speech and the morphology, testing each form its suffix rules make
against the model's list of known lemmas (a Python list: a scan of thousands of words per
form); on the shipped report sections it cost half of what the parser costs, as much as our
trigger component. Its answer depends on nothing but those three values (the token's `ORTH`,
`POS` and `MORPH`), so the tokens of a doc are sorted into those classes with array
operations, each class not seen before is lemmatized once, by the lemmatizer's own code over
the same tables with the known lemmas as sets (the same membership test), and the lemmas are
written back in one array operation. A token that
already has a lemma (the attribute ruler's exceptions) keeps it, as with the lemmatizer,
unless the lemmatizer overwrites. A lemmatizer that is not the rule kind (a lookup table, a
trained one) is used as it is.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS  # type: ignore[import-not-found]
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc
from spacy.util import minibatch

FACTORY = "hrevents_lemmas"
KEY_ATTRS = [ORTH, POS, MORPH, LEMMA]


class ClassLemmatizer:
    """Sets what `lemmatizer` would set, token class by token class (see the module's notes)."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.exact = lemmatizer.mode == "rule"
        self.overwrite = bool(lemmatizer.overwrite)
        self.vocab = lemmatizer.vocab
        self._fast = _with_index_sets(lemmatizer)
        # (orth, pos, morph) -> the lemma's hash, across docs: the classes recur
        self._lemmas: dict[tuple[int, int, int], int] = {}

    @property
    def lookups(self) -> Lookups:
        """The lemmatizer's tables, for whoever reads them (the first pass's lemma candidates)."""
        return self.lemmatizer.lookups

    def __call__(self, doc: Doc) -> Doc:
        if not self.exact:
            return self.lemmatizer(doc)
        if not len(doc):
            return doc
        values = doc.to_array(KEY_ATTRS)
        todo = numpy.ones(len(doc), dtype=bool) if self.overwrite else values[:, 3] == 0
        if not todo.any():
            return doc
        positions = numpy.flatnonzero(todo)
        classes, first, inverse = numpy.unique(values[positions, :3], axis=0, return_index=True, return_inverse=True)
        lemmas = numpy.empty(len(classes), dtype=numpy.uint64)
        for number, (key, at) in enumerate(zip(map(tuple, classes.tolist()), first.tolist(), strict=True)):
            lemma = self._lemmas.get(key)
            if lemma is None:
                lemma = self.vocab.strings.add(self._fast.rule_lemmatize(doc[int(positions[at])])[0])
                self._lemmas[key] = lemma
            lemmas[number] = lemma
        values[positions, 3] = lemmas[inverse.reshape(-1)]
        doc.from_array([LEMMA], values[:, 3:4])  # type: ignore[arg-type]
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for docs in minibatch(stream, size=batch_size):
            yield from (self(doc) for doc in docs)


def _with_index_sets(lemmatizer: Lemmatizer) -> Lemmatizer:
    """A copy of the lemmatizer whose known-lemma lists (`lemma_index`) are sets, its other
    tables and its code the same: `form in index` answers as before, without the scan."""
    fast = copy.copy(lemmatizer)
    fast.cache = {}
    lookups = Lookups()
    for name in lemmatizer.lookups.tables:
        table = lemmatizer.lookups.get_table(name)
        if name == "lemma_index":
            lookups.add_table(name, {pos: frozenset(words) for pos, words in table.items()})
        else:
            lookups.set_table(name, table)
    fast.lookups = lookups
    return fast


@Language.factory(FACTORY, assigns=["token.lemma"], requires=["token.pos"])
def make_class_lemmatizer(nlp: Language, name: str) -> ClassLemmatizer:
    """Built from the pipeline's `lemmatizer`, which `hrevents.nlp` then removes."""
    lemmatizer = nlp.get_pipe("lemmatizer")
    if not isinstance(lemmatizer, Lemmatizer):
        raise TypeError(f"lemmatizer is a {type(lemmatizer).__name__}, not spaCy's Lemmatizer")
    return ClassLemmatizer(lemmatizer)
