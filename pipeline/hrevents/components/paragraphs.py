"""Sentence starts at paragraph breaks and after news datelines, set before the parser so
it respects them.

Headings and list items in reports are separated by blank lines; without this the parser
glues a heading onto the first sentence of the next paragraph. A news dateline
("LAKESIDE, Freedonia (AP) — Police arrested ...") is cut off the same way, so that the
place and the agency are not read as the subject of the first sentence.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from hrevents.news import dateline_at


def dateline_end(doc: Doc, start: int) -> int | None:
    """The index of the first token of the story after a dateline that opens a paragraph
    at token `start` (the dateline's shape is `hrevents.news`')."""
    if start >= len(doc):
        return None
    found = dateline_at(doc.text, doc[start].idx)
    if found is None:
        return None
    return next((t.i for t in doc[start:] if t.idx >= found.end and not t.is_space), None)


class ParagraphSplitter:
    def __call__(self, doc: Doc) -> Doc:
        starts = [0] + [t.i + 1 for t in doc[:-1] if t.is_space and t.text.count("\n") >= 2]
        for start in starts:
            if start and start < len(doc):
                doc[start].is_sent_start = True
            story = dateline_end(doc, start)
            if story is not None:
                doc[story].is_sent_start = True
        return doc


@Language.factory("hrevents_paragraphs", assigns=["token.is_sent_start"])
def make_paragraph_splitter(nlp: Language, name: str) -> ParagraphSplitter:
    return ParagraphSplitter()
