"""Long reports in pieces: spaCy's parser needs about 1 GB per 100,000 characters and refuses
texts over its `max_length`, so a long report is cut at paragraph (else sentence) breaks,
each piece is annotated on its own, and the events are put back together."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hrevents.repair import OffsetsBuilder, Repaired

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
SENTENCE_BREAK = re.compile(r"[.!?][”\"’)]?\s+(?=[A-Z“\"])")


def _cut_points(text: str, pattern: re.Pattern[str]) -> list[int]:
    return [match.end() for match in pattern.finditer(text)]


def pieces(repaired: Repaired, limit: int) -> Iterator[Repaired]:
    """Pieces of at most `limit` characters (a single longer sentence is cut where it must),
    each with its own map back to the report's offsets."""
    text = repaired.text
    if len(text) <= limit:
        yield repaired
        return
    start = 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            window = text[start:end]
            cuts = _cut_points(window, PARAGRAPH_BREAK) or _cut_points(window, SENTENCE_BREAK)
            cuts = [c for c in cuts if c > limit // 4] or cuts
            if cuts:
                end = start + cuts[-1]
        yield Repaired(text[start:end], repaired.offsets[start : end + 1])
        start = end


def paragraph_pieces(repaired: Repaired) -> Iterator[Repaired]:
    """Each paragraph of a text on its own (blank lines left out), with its map back: the
    smallest unit a failure is confined to."""
    text = repaired.text
    starts = [0, *(match.end() for match in PARAGRAPH_BREAK.finditer(text))]
    for start, end in zip(starts, [*starts[1:], len(text)], strict=True):
        end = start + len(text[start:end].rstrip())
        if end > start:
            offsets = OffsetsBuilder()
            offsets.extend(repaired.offsets[start:end])
            offsets.add(repaired.offsets[end - 1] + 1, 1)
            yield Repaired(text[start:end], offsets.build())
