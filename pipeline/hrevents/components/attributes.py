"""The model's attribute ruler, applied by table lookup: the same attributes at a fraction of the cost.

spaCy's `AttributeRuler` (tag -> part of speech and morphology, a few lemma exceptions) runs a
Matcher over the whole document and then one Python call per match, and nearly every token
matches some pattern: on whole country reports it cost more than half of what the parser
costs. Every pattern of the model tests only a token's `TAG`, `LOWER`, `DEP` and `IS_SPACE`,
and only a few words and labels at that: a token's outcome depends on its tag, on its word
only if some pattern names the word (or its expression accepts it), and on its label only if
some pattern names the label. Tokens are sorted into those classes with array operations; the
attributes each class receives are worked out once, in the ruler's own order (a later
pattern overrides an earlier one), and written back in one array operation. A pattern of
several tokens ("gon na", "there is") is tested where its first token can stand. A ruler with
a pattern this table cannot read exactly (another attribute, an operator) is used as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG  # type: ignore[import-not-found]
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.util import minibatch

FACTORY = "hrevents_attributes"
# What a one-token pattern may test for the table to decide it: the token's values of these.
KEY_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")
# What the table writes (the model's patterns set only these, and `DEP`, written token by token).
ARRAY_ATTRS = [POS, TAG, MORPH, LEMMA]
COLUMN = {POS: 0, TAG: 1, MORPH: 2, LEMMA: 3}
# The word or label of a token no pattern names: never equal to, in, or accepted by one.
OTHER = "\x00"

Key = tuple[str, str, str, bool]
Test = Callable[[Key], bool]
# {array column: value} and the dependency label a class of tokens receives
Writes = tuple[dict[int, int], int | None]


class Unreadable(ValueError):
    """A pattern the table cannot decide exactly: the ruler itself is used."""


class _Token:
    """The tests of one pattern token, and the words and labels they name."""

    def __init__(self, token: dict[str, Any]) -> None:
        self.tests: list[Test] = []
        self.words: set[str] = set()
        self.labels: set[str] = set()
        self.expressions: list[re.Pattern[str]] = []
        for name, value in token.items():
            if name not in KEY_ATTRS or (name == "IS_SPACE") != isinstance(value, bool):
                raise Unreadable(name)
            self.tests.append(self._test(KEY_ATTRS.index(name), value))

    def _test(self, position: int, value: Any) -> Test:
        named = self.words if position == 1 else self.labels
        if isinstance(value, (str, bool)):
            if isinstance(value, str):
                named.add(value)
            return lambda key: key[position] == value
        if isinstance(value, dict) and len(value) == 1:
            ((operator, argument),) = value.items()
            if (
                operator in ("IN", "NOT_IN")
                and isinstance(argument, list)
                and all(isinstance(a, str) for a in argument)
            ):
                chosen = frozenset(argument)
                named.update(chosen)
                if operator == "IN":
                    return lambda key: key[position] in chosen
                return lambda key: key[position] not in chosen
            if operator == "REGEX" and isinstance(argument, str) and position in (0, 1):
                expression = re.compile(argument)
                if expression.search(OTHER):
                    raise Unreadable(argument)
                if position != 1:
                    raise Unreadable(argument)  # an expression on the tag: the model has none
                self.expressions.append(expression)
                return lambda key: expression.search(key[1]) is not None
        raise Unreadable(str(value))

    def __call__(self, key: Key) -> bool:
        return all(test(key) for test in self.tests)


class TableAttributeRuler:
    """Sets what `ruler` would set, token class by token class (see the module's notes)."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.ruler = ruler
        self.vocab = ruler.vocab
        self.single: list[tuple[int, _Token]] = []  # (rule number, test), in the ruler's order
        self.multi: list[tuple[int, list[_Token]]] = []  # (rule number, a test per token)
        self.exact = True
        try:
            for number, (entry, attrs) in enumerate(zip(ruler.patterns, ruler.attrs, strict=True)):
                if set(attrs) - set(COLUMN) - {DEP}:
                    raise Unreadable(str(attrs))
                index: int = ruler.indices[number]
                patterns: list[list[dict[str, Any]]] = entry["patterns"]  # type: ignore[assignment]
                for pattern in patterns:
                    tokens = [_Token(token) for token in pattern]
                    if not -len(tokens) <= index < len(tokens) or not tokens:
                        raise Unreadable(str(entry))
                    if len(tokens) == 1:
                        self.single.append((number, tokens[0]))
                    else:
                        self.multi.append((number, tokens))
        except Unreadable:
            self.exact = False
        every = [token for _, token in self.single] + [token for _, tokens in self.multi for token in tokens]
        self.words = frozenset(word for token in every for word in token.words)
        self.labels = frozenset(label for token in every for label in token.labels)
        self.expressions = [expression for token in every for expression in token.expressions]
        self._writes: dict[tuple[Key, tuple[int, ...]], Writes] = {}
        self._starts: dict[Key, list[int]] = {}
        self._word_class: dict[int, str] = {}

    @property
    def patterns(self) -> list[dict[str, Any]]:
        """The ruler's patterns, for whoever reads them (the first pass's lemma exceptions)."""
        return list(self.ruler.patterns)

    def word_class(self, lower: int) -> str:
        """The word itself if a pattern names or accepts it, else `OTHER`; cached."""
        found = self._word_class.get(lower)
        if found is None:
            word = self.vocab.strings[lower]
            named = word in self.words or any(e.search(word) for e in self.expressions)
            found = word if named else OTHER
            if len(self._word_class) > 500_000:  # text of random words must not grow it without bound
                self._word_class.clear()
            self._word_class[lower] = found
        return found

    def writes(self, key: Key, more: tuple[int, ...] = ()) -> Writes:
        """What the one-token rules (and the rules `more` of several tokens that matched)
        set on a token of this class, the later rule winning; cached."""
        found = self._writes.get((key, more))
        if found is None:
            found = self._apply([*(number for number, test in self.single if test(key)), *more])
            self._writes[(key, more)] = found
        return found

    def starts(self, key: Key) -> list[int]:
        """The rules of several tokens (by place in `multi`) whose first token fits this class."""
        found = self._starts.get(key)
        if found is None:
            found = [which for which, (_, tokens) in enumerate(self.multi) if tokens[0](key)]
            self._starts[key] = found
        return found

    def _apply(self, numbers: list[int]) -> Writes:
        columns: dict[int, int] = {}
        dep: int | None = None
        for number in sorted(numbers):  # later rules have precedence, as the ruler applies them
            for attr, value in self.ruler.attrs[number].items():
                if attr == DEP:
                    dep = value
                else:
                    columns[COLUMN[attr]] = value
        return columns, dep

    def classes(self, doc: Doc) -> tuple[list[Key], numpy.ndarray]:
        """The distinct token classes of the doc and each token's class number."""
        strings = self.vocab.strings
        values = doc.to_array([TAG, LOWER, DEP, IS_SPACE])
        columns = []
        names: list[list[str]] = []
        for column in range(3):
            unique, inverse = numpy.unique(values[:, column], return_inverse=True)
            if column == 1:
                found = [self.word_class(int(value)) for value in unique.tolist()]
            else:
                found = [strings[int(value)] for value in unique.tolist()]
                if column == 2:  # a label no pattern names, yet not empty ("" is a label's absence)
                    found = [label if label in self.labels or not label else OTHER for label in found]
            # equal class names share a number
            numbered = {name: number for number, name in enumerate(dict.fromkeys(found))}
            columns.append(numpy.array([numbered[name] for name in found], dtype=numpy.int64)[inverse.reshape(-1)])
            names.append(list(numbered))
        space = values[:, 3].astype(numpy.int64)
        sizes = [len(n) for n in names]
        combined = ((columns[0] * sizes[1] + columns[1]) * sizes[2] + columns[2]) * 2 + space
        unique, inverse = numpy.unique(combined, return_inverse=True)
        keys: list[Key] = []
        for value in unique.tolist():
            value, is_space = divmod(value, 2)
            value, dep = divmod(value, sizes[2])
            tag, lower = divmod(value, sizes[1])
            keys.append((names[0][tag], names[1][lower], names[2][dep], bool(is_space)))
        return keys, inverse.reshape(-1)

    def __call__(self, doc: Doc) -> Doc:
        if not self.exact:
            return self.ruler(doc)
        if not len(doc):
            return doc
        keys, kinds = self.classes(doc)
        writes = [self.writes(key) for key in keys]
        values = doc.to_array(ARRAY_ATTRS)
        before = values.copy()
        for column in range(len(ARRAY_ATTRS)):
            mask = numpy.array([column in columns for columns, _ in writes], dtype=bool)[kinds]
            wanted = numpy.array([columns.get(column, 0) for columns, _ in writes], dtype=numpy.uint64)
            values[mask, column] = wanted[kinds][mask]
        labelled = numpy.array([dep is not None for _, dep in writes], dtype=bool)
        deps = {int(position): writes[kinds[position]][1] for position in numpy.flatnonzero(labelled[kinds])}
        # a rule of several tokens ("gon na") applies in its place, in the ruler's order
        extra: dict[int, list[int]] = {}
        may_start = numpy.array([bool(self.starts(key)) for key in keys], dtype=bool)
        for start in numpy.flatnonzero(may_start[kinds]).tolist():
            for which in self.starts(keys[kinds[start]]):
                number, tokens = self.multi[which]
                end = start + len(tokens)
                if end <= len(doc) and all(test(keys[kinds[start + k]]) for k, test in enumerate(tokens)):
                    index = self.ruler.indices[number]
                    extra.setdefault((start if index >= 0 else end) + index, []).append(number)
        for position, numbers in extra.items():
            columns, dep = self.writes(keys[kinds[position]], tuple(sorted(set(numbers))))
            values[position] = before[position]
            for column, value in columns.items():
                values[position, column] = value
            deps.pop(position, None)
            if dep is not None:
                deps[position] = dep
        doc.from_array(ARRAY_ATTRS, values)  # type: ignore[arg-type]
        for position, label in deps.items():
            doc[position].dep = label
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for docs in minibatch(stream, size=batch_size):
            yield from (self(doc) for doc in docs)


@Language.factory(FACTORY, assigns=["token.pos", "token.tag", "token.morph", "token.lemma"])
def make_table_attribute_ruler(nlp: Language, name: str) -> TableAttributeRuler:
    """Built from the pipeline's `attribute_ruler`, which `hrevents.nlp` then removes."""
    ruler = nlp.get_pipe("attribute_ruler")
    if not isinstance(ruler, AttributeRuler):
        raise TypeError(f"attribute_ruler is a {type(ruler).__name__}, not spaCy's AttributeRuler")
    return TableAttributeRuler(ruler)
