"""Sentence starts at paragraph breaks, set before the parser so it respects them.

Headings and list items in reports are separated by blank lines; without this the parser
glues a heading onto the first sentence of the next paragraph.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class ParagraphSplitter:
    def __call__(self, doc: Doc) -> Doc:
        for token in doc[:-1]:
            if token.is_space and token.text.count("\n") >= 2:
                doc[token.i + 1].is_sent_start = True
        return doc


@Language.factory("hrevents_paragraphs")
def make_paragraph_splitter(nlp: Language, name: str) -> ParagraphSplitter:
    return ParagraphSplitter()
