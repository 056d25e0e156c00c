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
from spacy.tokens import Doc

from hrevents.news import dateline_at


def dateline_end(doc: Doc, start: int, text: str | None = None) -> int | None:
    """The index of the first token of the story after a dateline that opens a paragraph
    at token `start` (the dateline's shape is `hrevents.news`'). `text` is `doc.text`, which
    spaCy rebuilds from the tokens on every access: a caller that asks for many paragraphs
    passes it once (otherwise a report costs time quadratic in its length)."""
    if start >= len(doc):
        return None
    found = dateline_at(doc.text if text is None else text, doc[start].idx)
    if found is None:
        return None
    return next((t.i for t in doc[start:] if t.idx >= found.end and not t.is_space), None)


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
        starts = with_run_in_headings(doc, [0] + [t.i + 1 for t in doc[:-1] if t.is_space and t.text.count("\n") >= 2])
        text = doc.text
        for start in starts:
            if start and start < len(doc):
                doc[start].is_sent_start = True
            story = dateline_end(doc, start, text)
            if story is not None:
                doc[story].is_sent_start = True
        return doc


@Language.factory("hrevents_paragraphs", assigns=["token.is_sent_start"])
def make_paragraph_splitter(nlp: Language, name: str) -> ParagraphSplitter:
    return ParagraphSplitter()


RUN_IN_HEADING_MAX_TOKENS = 12


def with_run_in_headings(doc: Doc, starts: list[int]) -> list[int]:
    """Paragraph starts, plus the start of the body after a run-in heading that opens a
    paragraph ("Sexual Exploitation of Children: The law criminalizes ..."), so that the heading
    is a sentence of its own and never part of an event's sentence or evidence. The heading
    reads as one by its shape: title-case words, lower-case ones only where they are stop words
    ("of", "and": the model's own list), a colon, then a capitalised word."""
    found = list(starts)
    for start in starts:
        end = run_in_heading_end(doc, start)
        if end is None:
            end = glued_heading_end(doc, start)
        if end is not None:
            found.append(end)
    return sorted(set(found))


def run_in_heading_end(doc: Doc, start: int) -> int | None:
    """The index of the first body token after a run-in heading at token `start`, else None."""
    content = 0
    for token in doc[start : min(start + RUN_IN_HEADING_MAX_TOKENS, len(doc))]:
        if token.text == ":":
            after = next((t for t in doc[token.i + 1 :] if not t.is_space), None)
            if content and token.i > start and after is not None and (after.is_title or after.is_upper):
                return after.i
            return None
        if token.is_space or token.text in {",", "-", "–"}:
            continue
        if not token.is_alpha:
            return None
        if token.is_title or token.is_upper:
            content += not token.is_stop
        elif not token.is_stop or token.i == start:
            return None
    return None


def glued_heading_end(doc: Doc, start: int) -> int | None:
    """The first token of the body after a heading line that lost its line break (PDF text and
    pasted pages: "Arrest Procedures and Treatment of Detainees The law provides ..."): a run of
    title-case words (stop words lower-case) then a capitalised stop word that starts a clause
    ("The law", "There were"), or a run of upper-case words with a stop word among them, then a
    title-case word."""
    tokens = [t for t in doc[start : min(start + RUN_IN_HEADING_MAX_TOKENS + 2, len(doc))] if not t.is_space]
    if len(tokens) < 3 or not tokens[0].is_alpha:
        return None
    if tokens[0].is_upper and len(tokens[0]) > 1:
        content = stops = 0
        for token in tokens:
            if token.is_upper and token.is_alpha:
                content += not token.is_stop
                stops += token.is_stop
                continue
            # a stop word tells a heading ("TREATMENT OF DETAINEES") from a row of acronyms
            if token.is_title and content >= 2 and stops:
                return token.i
            return None
        return None
    content = 0
    for index, token in enumerate(tokens[:-1]):
        if not token.is_alpha:
            return None
        if token.is_title and token.is_stop and index and content >= 2 and not tokens[index - 1].is_stop:
            following = tokens[index + 1]
            return token.i if following.is_alpha and following.is_lower else None
        if token.is_title and not token.is_stop:
            content += 1
        elif not (token.is_lower and token.is_stop):
            return None
    return None
