"""Date normalisation: date words as written to ISO at the precision written.

Regular expressions handle the shapes reports use most (they are exact and fast);
dateparser handles the rest, always with `languages=['en']` and an explicit
`RELATIVE_BASE`, and with the precision tracked so that "May 2020" never becomes
"2020-05-<today's day>". Durations ("25 days") are not dates. Relative expressions
("the same day", "two days later") resolve against the date of the event they follow,
passed in as the anchor.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
MONTH = (
    r"(january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "several": None,
    "few": None,
}
YEAR = r"(1[89]\d\d|20\d\d)"

DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR})?\b", re.I)
MONTH_DAY_YEAR = re.compile(
    rf"\b{MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:-|to)?\s*\d{{3}})(?:,?\s+{YEAR})?", re.I
)
MONTH_YEAR = re.compile(rf"\b{MONTH}(?:\s+of)?,?\s+{YEAR}\b", re.I)
MONTH_ONLY = re.compile(rf"\b{MONTH}\b", re.I)
YEAR_ONLY = re.compile(rf"\b{YEAR}\b")
ISO = re.compile(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b")
DURATION = re.compile(
    r"^\s*(for\s+|up\s+to\s+|over\s+|more\s+than\s+|less\s+than\s+|at\s+least\s+|about\s+|approximately\s+|nearly\s+|almost\s+)?"
    r"(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few|a\s+few|many)"
    r"[\s-]+(hours?|days?|weeks?|months?|years?|decades?)(\s+(of|in)\b.*)?\s*$",
    re.I,
)
SAME_DAY = re.compile(
    r"\b(the\s+same\s+(day|date|morning|evening|night|afternoon)|that\s+(day|morning|evening|night)|later\s+that\s+day)\b",
    re.I,
)
NEXT_DAY = re.compile(
    r"\b(the\s+)?(following|next)\s+(day|morning|evening|night|afternoon)\b|\bthe\s+day\s+after\b", re.I
)
PREVIOUS_DAY = re.compile(
    r"\b(the\s+)?(previous|preceding)\s+(day|morning|evening|night)\b|\bthe\s+day\s+before\b", re.I
)
COUNT = r"(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(days?|weeks?)"
N_LATER = re.compile(rf"\b{COUNT}\s+(later|afterwards|after)\b", re.I)
AFTER_N = re.compile(rf"\b(?:after|within)\s+{COUNT}\b", re.I)
N_EARLIER = re.compile(rf"\b{COUNT}\s+(earlier|before)\b", re.I)
NEXT_FEW_DAYS = re.compile(r"\b(next|following|coming)\s+(few\s+|several\s+)?(days|weeks)\b", re.I)
SAME_PERIOD_YEAR = re.compile(
    r"\b(during|in|throughout|over)\s+the\s+year\b|\bthis\s+year\b|\bat\s+year'?s\s+end\b|\byear'?s\s+end\b", re.I
)
SEASON_WORDS = re.compile(
    r"\b(early|mid|late|end\s+of|beginning\s+of|middle\s+of|first\s+half\s+of|second\s+half\s+of)\b[\s-]*", re.I
)
RANGE = re.compile(r"^(.*?\b(?:from|between)\s+)?(?P<first>.+?)\s+(?:to|and|until|through|-|–)\s+(?P<second>.+)$", re.I)


@dataclass(frozen=True)
class PartialDate:
    """A date known to year, month or day precision."""

    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @classmethod
    def parse(cls, value: str | None) -> PartialDate | None:
        if not value:
            return None
        match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value.strip())
        if not match:
            return None
        year, month, day = match.groups()
        return cls(int(year), int(month) if month else None, int(day) if day else None)


def _valid(year: int, month: int | None, day: int | None) -> PartialDate | None:
    try:
        if month is not None and day is not None:
            dt.date(year, month, day)
        elif month is not None and not 1 <= month <= 12:
            return None
    except ValueError:
        return None
    return PartialDate(year, month, day)


def _number(word: str) -> int | None:
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word.lower())


def _shift(anchor: PartialDate, days: int) -> PartialDate:
    if anchor.day is None or anchor.month is None:
        return anchor
    moved = dt.date(anchor.year, anchor.month, anchor.day) + dt.timedelta(days=days)
    return PartialDate(moved.year, moved.month, moved.day)


def is_duration(text: str) -> bool:
    """ "25 days", "five years", "for two weeks": how long, not when."""
    return bool(DURATION.match(text)) and not re.search(r"\b(ago|later|earlier|after|before|afterwards)\b", text, re.I)


def _relative(text: str, anchor: PartialDate | None) -> PartialDate | None:
    if anchor is None:
        return None
    if SAME_DAY.search(text):
        return anchor
    if NEXT_DAY.search(text):
        return _shift(anchor, 1)
    if PREVIOUS_DAY.search(text):
        return _shift(anchor, -1)
    for pattern, sign in ((N_LATER, 1), (AFTER_N, 1), (N_EARLIER, -1)):
        match = pattern.search(text)
        if match:
            count = _number(match.group(1)) or 1
            unit = 7 if match.group(2).lower().startswith("week") else 1
            return _shift(anchor, sign * count * unit)
    if NEXT_FEW_DAYS.search(text):
        return PartialDate(anchor.year, anchor.month) if anchor.month else anchor
    return None


def _absolute(text: str, year: int | None) -> PartialDate | None:
    """Explicit calendar dates; `year` fills a missing year."""
    match = ISO.search(text)
    if match:
        y, m, d = match.groups()
        return _valid(int(y), int(m), int(d) if d else None)
    match = DAY_MONTH_YEAR.search(text)
    if match:
        day, month, explicit = match.groups()
        chosen = int(explicit) if explicit else year
        return _valid(chosen, MONTHS[month.lower().rstrip(".")], int(day)) if chosen else None
    match = MONTH_DAY_YEAR.search(text)
    if match and int(match.group(2)) <= 31:
        month, day, explicit = match.groups()
        chosen = int(explicit) if explicit else year
        return _valid(chosen, MONTHS[month.lower().rstrip(".")], int(day)) if chosen else None
    match = MONTH_YEAR.search(text)
    if match:
        month, explicit = match.groups()
        return _valid(int(explicit), MONTHS[month.lower().rstrip(".")], None)
    match = MONTH_ONLY.search(text)
    # "may" is a month only as "May" or after a preposition ("in may"); else it is the modal.
    if match and not (
        match.group(1).lower() == "may"
        and match.group(1) != "May"
        and not re.search(r"\b(in|of|on|since|during|until|early|mid|late|by|from)\s+may\b", text, re.I)
    ):
        return _valid(year, MONTHS[match.group(1).lower().rstrip(".")], None) if year else None
    match = YEAR_ONLY.search(text)
    if match:
        return PartialDate(int(match.group(1)))
    if SAME_PERIOD_YEAR.search(text) and year:
        return PartialDate(year)
    return None


def _range_start(text: str, year: int | None) -> PartialDate | None:
    """ "from May to July 2004", "between 10 and 16 June": a range is dated by its start.

    The start takes the year (and month) the end states when it has none of its own.
    """
    match = RANGE.match(text)
    if not match:
        return None
    second = _absolute(match.group("second"), year)
    if second is None:
        return None
    first_text = match.group("first")
    if re.fullmatch(r"\d{1,2}(st|nd|rd|th)?", first_text.strip()) and second.month:
        return _valid(second.year, second.month, int(re.sub(r"\D", "", first_text)))
    first = _absolute(first_text, second.year)
    return first or second


@lru_cache(maxsize=4096)
def _dateparser(text: str, base: str) -> PartialDate | None:
    """Last resort for shapes the expressions above do not know."""
    from dateparser.date import DateDataParser

    parser = DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": dt.datetime.fromisoformat(base),
            "RETURN_TIME_AS_PERIOD": True,
            "PREFER_DATES_FROM": "past",
            "STRICT_PARSING": False,
        },
    )
    data = parser.get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    value, period = data.date_obj, data.period
    if period == "year":
        return PartialDate(value.year)
    if period == "month":
        return PartialDate(value.year, value.month)
    return PartialDate(value.year, value.month, value.day)


def normalise(text: str, anchor: str | None = None, year: int | None = None) -> str | None:
    """ISO date (YYYY, YYYY-MM or YYYY-MM-DD) for date words, or None.

    `anchor` is the date the text is relative to (the previous event's date, or the
    report's narrative date); `year` is the year a date without one takes (the period
    the report covers), defaulting to the anchor's year.
    """
    if not text or not text.strip() or is_duration(text):
        return None
    base = PartialDate.parse(anchor)
    year = year if year is not None else (base.year if base else None)
    cleaned = SEASON_WORDS.sub("", text)
    found = _relative(cleaned, base) or _range_start(cleaned, year) or _absolute(cleaned, year)
    if found is not None:
        return found.iso()
    if base is None or not re.search(r"\d|yesterday|today|ago|last|week|month", cleaned, re.I):
        return None
    base_day = dt.date(base.year, base.month or 12, base.day or 28).isoformat()
    parsed = _dateparser(cleaned, base_day)
    return parsed.iso() if parsed else None


DATE_SPAN = re.compile(
    "|".join(
        [
            rf"\b(?:the\s+(?:morning|evening|night|afternoon)\s+of\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR})?\b",
            rf"\b(?:(?:early|mid|late)[\s-]+)?{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+{YEAR})?",
            rf"\b(?:(?:early|mid|late)[\s-]+)?{MONTH}(?:,?\s+{YEAR})?\b",
            rf"\b(?:since|in|during|until|by)\s+{YEAR}\b",
        ]
    ),
    re.I,
)


def find_date_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of calendar-date expressions, to correct NER that misses them."""
    spans = []
    for match in DATE_SPAN.finditer(text):
        value = match.group(0)
        if value.lower().strip(". ") == "may" and not re.search(
            r"\b(in|of|on|since|during|until|by|early|mid|late)\s+$",
            text[max(0, match.start() - 10) : match.start()],
            re.I,
        ):
            continue
        start = match.start()
        lead = re.match(r"(since|in|during|until|by)\s+", value, re.I)
        if lead:
            start += lead.end()
        spans.append((start, match.end()))
    return spans
