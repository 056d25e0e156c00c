"""Repair of text extracted from PDFs, with a map back to the original offsets.

PDF text breaks lines inside names and dates ("Maryia\\nKalesnikava") and glues footnote
numbers to words ("charges10 under", "Article 361 3of"). Both confuse NER and the
parser. Every repair only deletes characters or swaps one character for a space, so a
single offset array maps each repaired position back to the text as read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Each pattern matches exactly the characters to delete; the look-arounds say why they are
# footnote markers and not numbers of the text.
FOOTNOTE_PATTERNS: tuple[re.Pattern[str], ...] = (
    # "charges10 under", "claimed7 that": digits glued after a lower-case word.
    re.compile(r"(?<=[a-z])\d{1,2}(?=[\s,.;:)])"),
    # "Committee,6 a", "will.9 It", "members,2 the", "”.1": after punctuation that follows a word.
    re.compile(r"(?<=[A-Za-z”’\"')][,.;:])\d{1,2}(?=\s)"),
    # "Article 361 3of", "25 days 4of": a number glued before a lower-case word.
    re.compile(r"(?<=\s)\d{1,2}(?=[a-z]{2,}\b)(?!(?:st|nd|rd|th|am|pm|km|kg|mm|cm|s)\b)"),
    # "Latushka, 8 who": a lone number between an apposition comma and a relative pronoun.
    re.compile(r"(?<=[A-Za-z],)\s\d{1,2}(?=\s(?:who|whom|whose|which|where)\b)"),
    # "power”. 1 Subsequently", "can. 5\nOn": a lone number after a sentence end.
    re.compile(r"(?<=[.!?][”\"’]|[a-z)][.!?])\s\d{1,2}(?=\s+[A-Z])"),
    re.compile(r"(?<=[”\"’][.!?])\s\d{1,2}(?=\s+[A-Z])"),
)
TRAILING_NUMBER = re.compile(r"(?<=[.!?”\"’])[ \t]+\d{1,2}[ \t]*$", re.M)
SINGLE_BREAK = re.compile(r"(?<=\S)[ \t]*\r?\n(?=[ \t]*\S)")


@dataclass(frozen=True)
class Repaired:
    """Repaired text plus `offsets[i]`: the original position of repaired character i.

    `offsets` has one extra entry (the original end) so that span ends map too.
    """

    text: str
    offsets: list[int]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the repaired text back to the original text."""
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1


def _spans_to_delete(text: str) -> set[int]:
    doomed: set[int] = set()
    for pattern in (*FOOTNOTE_PATTERNS, TRAILING_NUMBER):
        for match in pattern.finditer(text):
            doomed.update(range(match.start(), match.end()))
    return doomed


def repair(text: str, start: int = 0) -> Repaired:
    """Repair `text[start:]`, mapping offsets to positions in the whole `text`.

    Every single line break becomes a space (a line break inside a paragraph is layout, not
    meaning; headings are not told apart), except after the first half of a hyphenated word
    ("vote-\nrigging" -> "vote-rigging"), where it is deleted. Blank lines stay as paragraph
    breaks, and footnote numbers glued to words are deleted.
    """
    body = text[start:]
    doomed = _spans_to_delete(body)
    replace: dict[int, str] = {}
    for match in SINGLE_BREAK.finditer(body):
        newline = body.index("\n", match.start())
        # keep a break after a hyphenated word half ("vote-\nrigging" -> "vote-rigging")
        if newline > 0 and body[match.start() - 1] == "-" and body[match.start() - 2 : match.start() - 1].isalpha():
            doomed.update(range(match.start(), match.end()))
            continue
        for index in range(match.start(), match.end()):
            if body[index] == "\n":
                replace[index] = " "
            elif body[index] == "\r":
                doomed.add(index)
    chars: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(body):
        if index in doomed:
            continue
        chars.append(replace.get(index, char))
        offsets.append(start + index)
    offsets.append(start + len(body))
    return Repaired("".join(chars), offsets)
