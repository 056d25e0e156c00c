"""Sentence starts at paragraph breaks and after news datelines, set before the parser so
it respects them.

Headings and list items in reports are separated by blank lines; without this the parser
glues a heading onto the first sentence of the next paragraph. A news dateline
("LAKESIDE, Freedonia (AP) — Police arrested ...") is cut off the same way, so that the
place and the agency are not read as the subject of the first sentence.
"""

from __future__ import annotations

from itertools import pairwise

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


WRAPPED_WIDTH = (50, 160)  # the width of a hard-wrapped line, in characters
SHORT_LINE = 0.8  # a paragraph's last line is shorter than this share of the full width
PARAGRAPH_END = frozenset('.!?"”’)')


def wrapped_paragraph_ends(text: str) -> list[int]:
    """Offsets of the line breaks that end a paragraph in hard-wrapped text (a PDF or e-mail
    layout: every line broken at about the same width, no blank line between paragraphs).

    A paragraph's last line ends a sentence well short of the full width, and the next line
    starts a new sentence. Text written one paragraph a line, or with blank lines, is left
    alone: its lines are not of one width."""
    lines = text.split("\n")
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    if len(lengths) < 8:
        return []
    full = lengths[int(0.9 * (len(lengths) - 1))]
    if not WRAPPED_WIDTH[0] <= full <= WRAPPED_WIDTH[1]:
        return []
    if sum(1 for n in lengths if n >= SHORT_LINE * full) < 0.6 * len(lengths):
        return []
    ends: list[int] = []
    offset = 0
    for line, following in pairwise(lines):
        body, start = line.rstrip(), following.lstrip()
        if body and start and body[-1] in PARAGRAPH_END and len(body) < SHORT_LINE * full and start[0].isupper():
            ends.append(offset + len(line))
        offset += len(line) + 1
    return ends


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
