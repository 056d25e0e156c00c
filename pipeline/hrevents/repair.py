"""Repair of text extracted from PDFs, with a map back to the original offsets.

PDF text breaks lines inside names and dates ("Maryia\\nKalesnikava") and glues footnote
numbers to words ("charges10 under", "Article 361 3of"). Both confuse NER and the
parser. Every repair only deletes characters or swaps one character for a space, so a
single offset map sends each repaired position back to the text as read.

The map is kept as runs (`Offsets`): a stretch the repair left whole maps to the original
by one addition, so the map costs memory per repair, not per character. A list of one
Python int per character cost about 36 bytes a character: 1.2 GB for a 20 MB file.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import overload

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
NON_SPACE = re.compile(r"\S")
AFTER_BREAK = re.compile(r"[ \t]*\S")
DIGIT = re.compile(r"\d")


class Offsets(Sequence[int]):
    """`offsets[i]`, the original position of repaired character i, stored as runs.

    Run k starts at repaired position `starts[k]` and maps it to `origins[k]`; within a run,
    each next position maps to the next original position. Indexing and slicing behave as on
    the list of every offset (exactly the same values), at a cost of a binary search.
    """

    __slots__ = ("_length", "_origins", "_starts")

    def __init__(self, starts: array[int], origins: array[int], length: int) -> None:
        self._starts = starts
        self._origins = origins
        self._length = length

    @classmethod
    def of(cls, offsets: Iterable[int]) -> Offsets:
        """The map of any sequence of offsets (a list, another map)."""
        if isinstance(offsets, Offsets):
            return offsets
        builder = OffsetsBuilder()
        for offset in offsets:
            builder.add(offset, 1)
        return builder.build()

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> Offsets: ...

    def __getitem__(self, index: int | slice) -> int | Offsets:
        if isinstance(index, slice):
            return self._slice(index)
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError("offset index out of range")
        run = bisect_right(self._starts, index) - 1
        return self._origins[run] + index - self._starts[run]

    def _slice(self, part: slice) -> Offsets:
        start, stop, step = part.indices(self._length)
        if step != 1:
            return Offsets.of(list(self)[part])
        if stop <= start:
            return Offsets(array("q"), array("q"), 0)
        first = bisect_right(self._starts, start) - 1
        last = bisect_left(self._starts, stop)  # runs first .. last-1 overlap [start, stop)
        starts = array("q", [0])
        origins = array("q", [self._origins[first] + start - self._starts[first]])
        starts.extend(begin - start for begin in self._starts[first + 1 : last])
        origins.extend(self._origins[first + 1 : last])
        return Offsets(starts, origins, stop - start)

    def runs(self) -> Iterator[tuple[int, int]]:
        """(first original offset, length) of each run, in order."""
        if not self._starts:
            return
        ends = [*self._starts[1:], self._length]
        for begin, end, origin in zip(self._starts, ends, self._origins, strict=True):
            yield origin, end - begin

    def __iter__(self) -> Iterator[int]:
        for origin, count in self.runs():
            yield from range(origin, origin + count)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Offsets):
            return self._length == other._length and list(self.runs()) == list(other.runs())
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(other) == self._length and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Offsets({list(self.runs())!r})"


class OffsetsBuilder:
    """Builds an `Offsets` run by run; a run that continues the last one joins it."""

    def __init__(self) -> None:
        self._starts: array[int] = array("q")
        self._origins: array[int] = array("q")
        self._length = 0
        self._next = -1  # the original offset that would continue the last run

    def add(self, origin: int, count: int) -> None:
        """`count` positions mapping to `origin`, `origin + 1`, ..."""
        if count <= 0:
            return
        if origin != self._next:
            self._starts.append(self._length)
            self._origins.append(origin)
        self._length += count
        self._next = origin + count

    def extend(self, offsets: Offsets) -> None:
        for origin, count in offsets.runs():
            self.add(origin, count)

    def __len__(self) -> int:
        return self._length

    def at(self, index: int) -> int:
        """The offset at position `index` of what was added so far."""
        return self.build()[index]

    def build(self) -> Offsets:
        return Offsets(self._starts, self._origins, self._length)


@dataclass(frozen=True)
class Repaired:
    """Repaired text plus `offsets[i]`: the original position of repaired character i.

    `offsets` has one extra entry (the original end) so that span ends map too. Any sequence
    of ints may be given; it is kept as an `Offsets` map.
    """

    text: str
    offsets: Offsets

    def __post_init__(self) -> None:
        if not isinstance(self.offsets, Offsets):
            object.__setattr__(self, "offsets", Offsets.of(self.offsets))

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the repaired text back to the original text."""
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1


def _spans_to_delete(text: str) -> list[tuple[int, int]]:
    if DIGIT.search(text) is None:  # every footnote pattern needs a digit: skip eight scans of the text
        return []
    return [
        (match.start(), match.end())
        for pattern in (*FOOTNOTE_PATTERNS, TRAILING_NUMBER)
        for match in pattern.finditer(text)
        if match.end() > match.start()
    ]


def single_breaks(text: str) -> Iterator[tuple[int, int]]:
    """The `(start, end)` of each match of `SINGLE_BREAK`, found from the line breaks.

    The same spans as `SINGLE_BREAK.finditer`, which tries its look-behind at every
    character (seconds on a long text of one line); this looks only at the line breaks.
    """
    newline = text.find("\n")
    while newline >= 0:
        begin = newline - 1 if newline > 0 and text[newline - 1] == "\r" else newline
        while begin > 0 and text[begin - 1] in " \t":
            begin -= 1
        if begin > 0 and NON_SPACE.match(text, begin - 1) and AFTER_BREAK.match(text, newline + 1):
            yield begin, newline + 1
        newline = text.find("\n", newline + 1)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for begin, end in sorted(spans):
        if merged and begin <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((begin, end))
    return merged


def repair(text: str, start: int = 0) -> Repaired:
    """Repair `text[start:]`, mapping offsets to positions in the whole `text`.

    Every single line break becomes a space (a line break inside a paragraph is layout, not
    meaning; headings are not told apart), except after the first half of a hyphenated word
    ("vote-\\nrigging" -> "vote-rigging"), where it is deleted. Blank lines stay as paragraph
    breaks, and footnote numbers glued to words are deleted. The text is built from the
    stretches between repairs, never character by character.
    """
    body = text[start:]
    doomed = _spans_to_delete(body)
    spaces: list[int] = []  # line breaks that become a space (unless also deleted)
    for begin, end in single_breaks(body):
        # keep a break after a hyphenated word half ("vote-\\nrigging" -> "vote-rigging")
        if body[begin - 1] == "-" and body[begin - 2 : begin - 1].isalpha():
            doomed.append((begin, end))
            continue
        for index in range(begin, end):
            if body[index] == "\n":
                spaces.append(index)
            elif body[index] == "\r":
                doomed.append((index, index + 1))
    chars: list[str] = []
    offsets = OffsetsBuilder()
    spaces.sort()

    def keep(begin: int, end: int) -> None:
        """Keep `body[begin:end]`, its line breaks to become spaces made spaces."""
        offsets.add(start + begin, end - begin)
        cursor = begin
        for index in spaces[bisect_left(spaces, begin) : bisect_left(spaces, end)]:
            chars.append(body[cursor:index])
            chars.append(" ")
            cursor = index + 1
        chars.append(body[cursor:end])

    kept_from = 0
    for begin, end in _merged(doomed):
        keep(kept_from, begin)
        kept_from = end
    keep(kept_from, len(body))
    offsets.add(start + len(body), 1)
    return Repaired("".join(chars), offsets.build())
