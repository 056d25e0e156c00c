"""Sentence starts at paragraph breaks and after news datelines, set before the parser so
it respects them.

Headings and list items in reports are separated by blank lines; without this the parser
glues a heading onto the first sentence of the next paragraph. A news dateline
("LAKESIDE, Freedonia (AP) — Police arrested ...") is cut off the same way, so that the
place and the agency are not read as the subject of the first sentence.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

DASHES = frozenset({"—", "–", "-", "--"})
DATELINE_MAX_TOKENS = 12


def dateline_end(doc: Doc, start: int) -> int | None:
    """The index of the dash ending a dateline that opens a paragraph at `start`: an
    upper-case place, then title-case words, commas and a parenthesised agency."""
    first = doc[start] if start < len(doc) else None
    if first is None or not (first.is_upper and first.is_alpha and len(first) > 1):
        return None
    for token in doc[start : min(start + DATELINE_MAX_TOKENS, len(doc))]:
        if token.text in DASHES and token.i > start:
            return token.i
        if not _dateline_word(token):
            return None
    return None


def _dateline_word(token: Token) -> bool:
    return (token.is_alpha and (token.is_upper or token.is_title)) or token.text in {",", "(", ")", "."}


class ParagraphSplitter:
    def __call__(self, doc: Doc) -> Doc:
        starts = [0] + [t.i + 1 for t in doc[:-1] if t.is_space and t.text.count("\n") >= 2]
        for start in starts:
            if start and start < len(doc):
                doc[start].is_sent_start = True
            dash = dateline_end(doc, start)
            if dash is not None and dash + 1 < len(doc):
                doc[dash + 1].is_sent_start = True
        return doc


@Language.factory("hrevents_paragraphs", assigns=["token.is_sent_start"])
def make_paragraph_splitter(nlp: Language, name: str) -> ParagraphSplitter:
    return ParagraphSplitter()
