"""Running headers and footers of PDF pages, found by repetition and dropped before the text is joined.

A browser's "print to PDF" puts "12/1/26, 7:05 PM   Uganda report 2021   1/4" at the top or
bottom of every page; a report puts its title and "Page 3 of 12" there. Left in, these land
inside the evidence of every event whose sentence crosses a page break. A line is a margin
line when it is among the first or last `MARGIN_LINES` lines of its page and the same line,
with its digits ignored (page numbers, print times change), is in the margins of at least
half the pages (two at least). Lines are dropped from the page text before the pages are
joined, so the converted text (which offsets point into) never contains them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

MARGIN_LINES = 3
DIGITS = re.compile(r"\d+")
# A margin line of only a page number ("12", "- 3 -", "3/12") is dropped even where it
# does not repeat (a document of two pages); "Page 3 of 12" repeats in shape and goes by `shape`.
PAGE_NUMBER = re.compile(r"^[\W_]*\d{1,4}(?:\s*/\s*\d{1,4})?[\W_]*$")


@dataclass(frozen=True)
class Margins:
    pages: list[str]
    dropped: int


def shape(line: str) -> str:
    """The line with its numbers and spacing ignored."""
    return " ".join(DIGITS.sub("#", line).split()).casefold()


def _margin_indexes(lines: list[str]) -> list[int]:
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return sorted(set(filled[:MARGIN_LINES] + filled[-MARGIN_LINES:]))


def drop_running_lines(pages: list[str]) -> Margins:
    """The pages without their repeated header and footer lines, and how many lines went."""
    split = [page.split("\n") for page in pages]
    counts: Counter[str] = Counter()
    for lines in split:
        counts.update({shape(lines[i]) for i in _margin_indexes(lines)})
    needed = max(2, (len([p for p in pages if p.strip()]) + 1) // 2)
    repeated = {key for key, count in counts.items() if count >= needed and key}
    kept_pages: list[str] = []
    dropped = 0
    for lines in split:
        margin = set(_margin_indexes(lines))
        kept = []
        for i, line in enumerate(lines):
            key = shape(line)
            if i in margin and (key in repeated or (len(pages) > 1 and PAGE_NUMBER.match(line.strip()))):
                dropped += 1
                continue
            kept.append(line)
        kept_pages.append("\n".join(kept))
    return Margins(kept_pages, dropped)
