"""News shapes that are not sentences of the story: the dateline.

A wire story opens its first paragraph with a dateline: the place it was filed from, in
capitals, sometimes a region or country, a date and the agency, then a dash or a colon
("LAKESIDE, Freedonia (AP) —", "LAKESIDE, Freedonia, May 3 (Wire) -", "LAKESIDE:"). It is
read here once, from the text, so that three users agree on it: the paragraph splitter
starts the story's first sentence after it (the place is never the subject of that
sentence), the geocoder takes the article's country from it, and an event whose clause
names no place can fall back on it (`dateline_place`).

The shape is typographic (capitals, a parenthesised agency, a dash), so it needs no word
list: a capitalised heading that is not a place gives no country, and cutting a sentence
after it costs nothing. Wires and press-release services write it in a few more ways, read
here too: two filing places ("LAKESIDE/HILLTOWN —", the first is the place), a date with its
year ("LAKESIDE, Freedonia, May 3, 2021 /Wire/ --"), the agency between slashes, a dash glued
to the story ("LAKESIDE -Police", "LAKESIDE－Police", full-width) and invisible characters
(zero-width spaces) between the dash and the story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The place: capitalised words ("NEW DELHI", "S.D."), then up to two ", Region" parts.
_CAPS_WORD = r"[A-Z][A-Z'’.\-]*[A-Z.]"
_TITLE_WORD = r"[A-Z][\w'’.\-]*"
_PART = rf"(?:,[ \t]*{_TITLE_WORD}(?:[ \t]+{_TITLE_WORD}){{0,3}})"
_DATE = r"(?:,?[ \t]*[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}(?:,[ \t]*\d{4})?)"
_AGENCY = r"(?:[ \t]*(?:\([A-Z][\w.&/' -]{0,30}\)|/[A-Za-z][\w.\-]{1,30}/))"
# A dash with spaces, or glued to the story: a hyphen only after a space ("LAKESIDE -Police",
# never "VMRO-DPMNE", a capitalised compound), a long or full-width dash anywhere.
_END = r"(?:[ \t]*(?:—|–|－|--|-|:)[ \t]+|[ \t]+-(?=[A-Z])|[ \t]*(?:—|–|－)(?=\S))"
# A second filing place after a slash ("LAKESIDE/HILLTOWN"): the first one is the dateline's.
_ALSO_FILED = rf"(?:/{_CAPS_WORD}(?:[ \t]+{_CAPS_WORD}){{0,2}})?"
_CAPS_DATELINE = re.compile(
    rf"(?P<place>{_CAPS_WORD}(?:[ \t]+{_CAPS_WORD}){{0,3}}{_PART}{{0,2}}){_ALSO_FILED}{_DATE}?{_AGENCY}?(?P<end>{_END})"
)
# Characters that print as nothing, found between a dateline's dash and the story.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00a0 \t"
# Title-case places ("Lakeside, Freedonia (AP) —") only with the agency, which marks a dateline.
_TITLE_DATELINE = re.compile(
    rf"(?P<place>{_TITLE_WORD}(?:[ \t]+{_TITLE_WORD}){{0,3}}{_PART}{{0,2}}){_DATE}?{_AGENCY}(?P<end>{_END})"
)
# Datelines open one of the first paragraphs (after a headline, a standfirst, a byline).
DATELINE_PARAGRAPHS = 6
DATELINE_MAX_CHARS = 90
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


@dataclass(frozen=True)
class Dateline:
    """A dateline found in a text: the place as written and where the dateline ends."""

    place: str
    start: int
    end: int  # offset of the story's first character after the dash


def dateline_at(text: str, start: int) -> Dateline | None:
    """The dateline opening the paragraph that begins at `start`, if it opens with one."""
    window = text[start : start + DATELINE_MAX_CHARS]
    for pattern in (_CAPS_DATELINE, _TITLE_DATELINE):
        match = pattern.match(window)
        if match is None or "\n" in match.group(0):
            continue
        after = window[match.end() :]
        rest = after.lstrip(_INVISIBLE)
        if not rest or not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"'“‘"):
            continue  # the story starts a sentence after the dash
        place = match.group("place").strip(" ,")
        story = start + match.end() + len(after) - len(rest)
        return Dateline(place=_readable(place), start=start, end=story)
    return None


def find_dateline(text: str, start: int = 0) -> Dateline | None:
    """The first dateline among the first paragraphs of `text[start:]` (its body)."""
    offsets = [start]
    for match in _PARAGRAPH_BREAK.finditer(text, start):
        offsets.append(match.end())
        if len(offsets) >= DATELINE_PARAGRAPHS:
            break
    for offset in offsets:
        found = dateline_at(text, offset)
        if found is not None:
            return found
    return None


def _readable(place: str) -> str:
    """ "NEW DELHI, India" -> "New Delhi, India": capitals as a name is written, for the gazetteer."""
    return " ".join(word.title() if word.isupper() and len(word.strip(".")) > 2 else word for word in place.split())
