"""Date normalisation: date words as written to ISO at the precision written.

A date phrase is read against up to three things, and each kind of phrase uses only the one
it depends on, so that nothing is guessed across contexts:

- the **reference**: the date of the event the phrase follows in its paragraph. Anaphoric
  phrases ("the same day", "two days later", "the following year") count from it, and from
  nothing else: without one of their own they give no date.
- the **year** a date written without one takes: the period a report covers, or the year its
  narrative has established.
- the **speech time**: the publication date. Deictic phrases ("yesterday", "on Tuesday",
  "last June", "two years ago", "earlier this month") count from it; in news, where no
  covered year is given, it also decides the year of "in November" (the nearest such month,
  a few months ahead at most), and it is the latest date an event can have.

Phrases that do not place anything on the calendar give nothing, rather than a day made up by
a library: decades ("the 1990s"), vague periods ("recently", "in the past"). A reading that
the words do not settle (a numeric date whose order is ambiguous, a week given as its month,
a month whose year comes from the publication date) is returned with `guess=True` and a note,
so that callers lower their confidence instead of passing a guess off as a fact.

Regular expressions handle the shapes reports and news use (exact, fast, and the precision is
known); dateparser is the last resort, always with `languages=['en']`, an explicit
`RELATIVE_BASE` and its own precision kept, and its answers are marked as guesses. The words
(months, weekdays, counts, vague periods) are data: `rules/dates.yaml`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Literal

import yaml
from pydantic import BaseModel, ConfigDict

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

AnchorKind = Literal["narrative", "published", "covers"]
ANCHOR_KINDS: tuple[str, ...] = ("narrative", "published", "covers")
MAX_CHARS = 200  # a longer "date phrase" is a sentence, not a date: it is not read
YEAR = r"(1[0-9]\d\d|20\d\d)"
ORDINAL = r"(?:st|nd|rd|th)?"


class SpelledNumbers(BaseModel):
    """Number words of years spelled out."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    units: dict[str, int]
    teens: dict[str, int]
    tens: dict[str, int]
    centuries: dict[str, int]
    thousand: str
    zero: list[str]


class Holiday(BaseModel):
    """A day named by what happens on it: a fixed `day`, or the `nth` `weekday` of the month."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    names: list[str]
    month: int
    day: int | None = None
    weekday: int | None = None
    nth: int | None = None

    def date_in(self, year: int) -> dt.date | None:
        if not 1 <= year <= 9999:
            return None
        if self.day is not None:
            return dt.date(year, self.month, self.day)
        if self.weekday is None or self.nth is None:
            return None
        first = dt.date(year, self.month, 1)
        return first + dt.timedelta(days=(self.weekday - first.weekday()) % 7 + 7 * (self.nth - 1))


class NarrativeCues(BaseModel):
    """Words that decide whether an act takes the date its paragraph has set (assemble.py).

    An act told as a state ("remained in custody", "is a suspect") or placed before or after
    the narrative's time without saying when ("later accused", "had earlier been fired") is
    not dated by the paragraph: the text does not give its date (SPEC 6.5)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    state_lemmas: list[str]
    sequence_adverbs: list[str]
    reason_prepositions: list[str] = []
    act_occasion_prepositions: list[str] = []
    later_stage_actions: list[str]
    custody_actions: list[str]
    release_actions: list[str]
    within_prepositions: list[str]
    custody_nouns: list[str]
    state_date_prepositions: list[str]
    occasion_prepositions: list[str]
    length_prepositions: list[str]
    lasting_actions: list[str]
    own_act_prepositions: list[str]
    listed_date_prepositions: list[str]
    reporting_lemmas: list[str]
    holding_lemmas: list[str]
    # adverbs that make a participle a state ("was still detained at year's end")
    state_adverbs: list[str] = []
    # a pronoun described by custody ("those in detention at year's end") tells a state
    state_prepositions: list[str] = []
    state_places: list[str] = []
    hearsay_lemmas: list[str] = []
    """Verbs of believing or publishing that, like `reporting_lemmas`, make the act under them
    someone's account: it takes no date from the paragraph (they date nothing themselves)."""
    hearsay_adverbs: list[str] = []
    """Adverbs that mark the act as someone's account ("reportedly interrogated them"): it takes
    no date from the paragraph."""
    source_prepositions: list[str] = []
    """Prepositions that name an account's source ("according to the NGO"): the act of their
    clause takes no date from the paragraph."""


class DateWords(BaseModel):
    """The vocabulary of `rules/dates.yaml`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    months: dict[int, list[str]]
    weekdays: list[str]
    numbers: dict[str, int | None]
    vague: list[str]
    decade_words: list[str]
    months_ahead_in_news: int = 3
    spelled: SpelledNumbers
    holidays: list[Holiday] = []
    common_word_months: list[str] = []
    narrative: NarrativeCues


@cache
def date_words() -> DateWords:
    text = resources.files("hrevents.rules").joinpath("dates.yaml").read_text(encoding="utf-8")
    return DateWords.model_validate(yaml.safe_load(text))


def _alternation(names: list[str]) -> str:
    return "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))


class Grammar:
    """The date expressions, compiled once from the words of `rules/dates.yaml`."""

    def __init__(self, words: DateWords) -> None:
        self.words = words
        self.month_number = {name: number for number, names in words.months.items() for name in names}
        self.weekday_number = {name: number for number, name in enumerate(words.weekdays)}
        self.numbers = words.numbers
        month = rf"\b({_alternation(list(self.month_number))})\b\.?"
        weekday = rf"\b({_alternation(words.weekdays)})\b"
        count = rf"(\d+|{_alternation(list(words.numbers))}|a\s+few)"
        self.month = month
        self.count = count
        flags = re.I

        self.vague = re.compile(rf"\b(?:{_alternation(words.vague)})\b", flags)
        self.decade = re.compile(
            rf"\b(?:1[0-9]|20)\d0['’]?s\b|['’]\d0s\b|\b(?:{_alternation(words.decade_words)})\b|\bdecades?\b", flags
        )
        self.iso = re.compile(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b")
        self.year_first = re.compile(r"\b(\d{4})([./])(\d{1,2})\2(\d{1,2})\b")
        self.numeric = re.compile(r"(?<![\d.,/-])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/-]|\.\d)")
        self.day_month_year = re.compile(rf"\b(\d{{1,2}}){ORDINAL}\s+(?:of\s+)?{month}(?:,?\s+{YEAR})?\b", flags)
        self.month_day_year = re.compile(
            rf"{month}\s+(\d{{1,2}}){ORDINAL}\b(?!\s*(?:-|to)?\s*\d{{3}})(?:,?\s+{YEAR})?", flags
        )
        self.month_year = re.compile(rf"{month}(?:\s+of)?,?\s+{YEAR}\b", flags)
        self.month_only = re.compile(month, flags)
        self.year_only = re.compile(rf"\b{YEAR}\b")
        self.day_range = re.compile(
            rf"\b(\d{{1,2}}){ORDINAL}\s*(?:-|–|—|to|and|until|till|through)\s*(\d{{1,2}}){ORDINAL}\s+(?:of\s+)?{month}"
            rf"(?:,?\s+{YEAR})?",
            flags,
        )
        self.month_day_range = re.compile(
            rf"{month}\s+(\d{{1,2}}){ORDINAL}\s*(?:-|–|—|to|and|until|till|through)\s*(\d{{1,2}}){ORDINAL}\b"
            rf"(?:,?\s+{YEAR})?",
            flags,
        )
        self.range = re.compile(
            r"^(.*?\b(?:from|between)\s+)?(?P<first>.+?)(?:\s+(?:to|and|until|till|through)\s+|\s*[-–—]\s*)"
            r"(?P<second>.+)$",
            flags,
        )
        self.duration = re.compile(
            r"^\s*(for\s+)?(up\s+to\s+|over\s+|more\s+than\s+|less\s+than\s+|at\s+least\s+|about\s+"
            r"|approximately\s+|nearly\s+|almost\s+)?"
            r"(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few|a\s+few|many)"
            r"[\s-]+(hours?|days?|weeks?|months?|years?|decades?)(\s+(of|in)\b.*)?\s*$",
            flags,
        )
        self.not_duration = re.compile(r"\b(ago|later|earlier|after|before|afterwards)\b", flags)
        self.modifiers = re.compile(
            r"\b(early|mid|late|the\s+end\s+of|end\s+of|the\s+beginning\s+of|beginning\s+of|the\s+middle\s+of"
            r"|middle\s+of|the\s+start\s+of|start\s+of|the\s+first\s+half\s+of|first\s+half\s+of"
            r"|the\s+second\s+half\s+of|second\s+half\s+of)\b[\s-]*",
            flags,
        )
        # anaphoric: count from the reference (the previous event of the paragraph)
        self.same_day = re.compile(
            r"\b((the|that)\s+same\s+(day|date|morning|evening|night|afternoon)|that\s+(day|morning|evening|night|afternoon)"
            r"|later\s+that\s+day|earlier\s+that\s+day)\b",
            flags,
        )
        self.next_day = re.compile(
            r"\b(the\s+)?(following|next)\s+(day|morning|evening|night|afternoon)\b|\bthe\s+day\s+after\b", flags
        )
        self.previous_day = re.compile(
            r"\b(the\s+)?(previous|preceding)\s+(day|morning|evening|night|afternoon)\b|\bthe\s+day\s+before\b(?!\s+yesterday)"
            r"|\bthe\s+(night|evening)\s+before\b",
            flags,
        )
        self.n_later = re.compile(rf"\b{count}\s+(days?|weeks?|months?|years?)\s+(later|afterwards|after|on)\b", flags)
        # "released six hours later": hours after the reference act fall on its day (GUIDELINES D24)
        self.hours_later = re.compile(rf"\b({count}|several|some)\s+hours?\s+(later|afterwards)\b", flags)
        self.after_n = re.compile(rf"\b(?:after|within)\s+{count}\s+(days?|weeks?|months?|years?)\b", flags)
        self.n_earlier = re.compile(
            rf"\b{count}\s+(days?|weeks?|months?|years?)\s+(earlier|before|previously)\b", flags
        )
        self.next_few = re.compile(r"\b(next|following|coming|subsequent)\s+(few\s+|several\s+)?(days|weeks)\b", flags)
        self.ref_period = re.compile(
            r"\b(?:(the\s+following|the\s+next|the\s+subsequent)|(the\s+previous|the\s+preceding|the\s+prior)"
            r"|(that|the\s+same|later\s+that|earlier\s+that))\s+(week|month|year)\b",
            flags,
        )
        # deictic: count from the speech time (the publication date)
        self.today = re.compile(r"\b(today|tonight|this\s+(morning|afternoon|evening))\b", flags)
        self.day_before_yesterday = re.compile(r"\bthe\s+day\s+before\s+yesterday\b", flags)
        self.yesterday = re.compile(r"\byesterday\b|\blast\s+night\b", flags)
        self.tomorrow = re.compile(r"\btomorrow\b", flags)
        self.weekday = re.compile(
            rf"\b(?:(last|past|previous)|(next|this\s+coming|coming|this))?\s*{weekday}(?:['’]s)?", flags
        )
        self.ago = re.compile(rf"\b{count}\s+(days?|weeks?|months?|years?)\s+ago\b", flags)
        self.deictic_period = re.compile(
            r"\b(?:(last|past|previous)|(this|current|earlier\s+this|later\s+this)|(next|coming))\s+"
            r"(week|month|year)\b|\b(?:the\s+)?(year)[\s-]+(earlier|ago|before)\b",
            flags,
        )
        self.deictic_month = re.compile(
            rf"\b(?:(last|past)|(this)|(next|coming))\s+{month}|{month}\s+(?:of\s+)?(?:(last)|(this)|(next))\s+year\b",
            flags,
        )
        self.the_year = re.compile(
            r"\b(the|this|that)\s+(current\s+|full\s+|calendar\s+|latest\s+|current\s+fiscal\s+|fiscal\s+)?year\b|\byear['’]?s?[\s-]+end\b|\bend\s+of\s+year\b"
            r"|\b(during|in|throughout|over)\s+the\s+year\b",
            flags,
        )
        self.last_year_end = re.compile(r"\bend\s+of\s+last\s+year\b", flags)
        self.holiday_of = {name: holiday for holiday in words.holidays for name in holiday.names}
        self.holiday = re.compile(
            rf"\b(?:(last|next|this)\s+)?({_alternation(list(self.holiday_of))})\b(?:,?\s+{YEAR})?", flags
        )
        spelled = words.spelled
        self.spelled = spelled
        units, teens, tens = (
            _alternation(list(spelled.units)),
            _alternation(list(spelled.teens)),
            _alternation(list(spelled.tens)),
        )
        two_digits = rf"(?:({tens})(?:[\s-]({units}))?|({teens})|(?:{_alternation(spelled.zero)})[\s-]({units}))"
        thousand = r"\s+".join(re.escape(word) for word in spelled.thousand.split())
        self.spelled_century = re.compile(
            rf"\b({_alternation(list(spelled.centuries))})[\s-]+{two_digits}\b|"
            rf"\b{thousand}(?:\s+and)?(?:[\s-]+(?:{two_digits}|({units})))?\b",
            flags,
        )


@cache
def grammar() -> Grammar:
    return Grammar(date_words())


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

    def date(self) -> dt.date | None:
        return dt.date(self.year, self.month, self.day) if self.month and self.day else None

    @classmethod
    def parse(cls, value: str | None) -> PartialDate | None:
        """An ISO prefix, or None for anything else (an invalid anchor counts as none)."""
        if not value or not isinstance(value, str):
            return None
        # a timestamp ("2020-09-15T10:00:00") counts as its day
        match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ]\S*)?)?)?", value.strip())
        if not match:
            return None
        year, month, day = match.groups()
        return _valid(int(year), int(month) if month else None, int(day) if day else None)


@dataclass(frozen=True)
class DateReading:
    """A normalised date, and whether the words settle it.

    `guess` is true where the value is one reading among others (a numeric date in an
    ambiguous order, a month whose year is inferred from the publication date, a week given
    by its month, an answer of the fallback library); `note` says why, and `alternatives`
    lists the other readings where there are any.
    """

    value: str
    guess: bool = False
    note: str = ""
    alternatives: tuple[str, ...] = ()


def _valid(year: int, month: int | None, day: int | None) -> PartialDate | None:
    if not 1 <= year <= 9999:
        return None
    if month is not None and not 1 <= month <= 12:
        return None
    if month is None and day is not None:
        return None
    if month is not None and day is not None:
        try:
            dt.date(year, month, day)
        except ValueError:
            return None
    return PartialDate(year, month, day)


def _count(word: str) -> int | None:
    word = re.sub(r"\s+", " ", word.lower())
    if word.isdigit():
        return int(word) if len(word) < 5 else None
    if word == "a few":
        return None
    return grammar().numbers.get(word)


def _add_days(date: dt.date, days: int) -> dt.date | None:
    try:
        return date + dt.timedelta(days=days)
    except OverflowError:
        return None


def _add_months(year: int, month: int, months: int) -> PartialDate | None:
    total = year * 12 + (month - 1) + months
    return _valid(total // 12, total % 12 + 1, None)


def _from_day(day: dt.date | None) -> PartialDate | None:
    return PartialDate(day.year, day.month, day.day) if day and 1 <= day.year <= 9999 else None


def _period(first: dt.date | None, last: dt.date | None) -> PartialDate | None:
    """The most precise ISO prefix true of every day from `first` to `last`."""
    if first is None or last is None:
        return None
    if first == last:
        return _from_day(first)
    if (first.year, first.month) == (last.year, last.month):
        return PartialDate(first.year, first.month)
    if first.year == last.year:
        return PartialDate(first.year)
    return None


def _shift(reference: PartialDate, amount: int, unit: str) -> tuple[PartialDate | None, bool]:
    """`reference` moved by `amount` units; (value, guess). A reference coarser than the unit
    keeps its own precision and is marked a guess ("two days later" after "in August")."""
    unit = unit.lower().rstrip("s")
    if unit == "year":
        return _valid(reference.year + amount, None, None), False
    if unit == "month":
        if reference.month is None:
            return PartialDate(reference.year), True
        return _add_months(reference.year, reference.month, amount), False
    days = amount * (7 if unit == "week" else 1)
    day = reference.date()
    if day is None:
        return reference, True
    return _from_day(_add_days(day, days)), unit == "week"


def hours_later(text: str) -> bool:
    """ "six hours later": a time phrase with no clock time that still dates an act, by the
    day of the act it counts from."""
    return bool(grammar().hours_later.search(text))


def is_duration(text: str) -> bool:
    """ "25 days", "five years", "for two weeks": how long, not when."""
    g = grammar()
    return bool(g.duration.match(text)) and not g.not_duration.search(text)


def end_of_length(reference: str | None, length: str) -> str | None:
    """The day a stated length of custody ends, counted from the reference day: "for
    approximately 24 hours" from 2008-02-12 is 2008-02-13, "for two weeks" 14 days on. Only a
    day reference and a length in hours, days or weeks give one; the caller flags it as an
    inference (inclusive or exclusive counting is not said)."""
    return _moved_by_length(reference, length, 1)


def start_of_length(reference: str | None, length: str) -> str | None:
    """The day a stated length before the reference day began: "died 72 hours after his
    arrest", the death on 2019-04-18, puts the arrest on 2019-04-15. The same lengths as
    `end_of_length`; the caller flags it as an inference."""
    return _moved_by_length(reference, length, -1)


def _moved_by_length(reference: str | None, length: str, sign: int) -> str | None:
    start = PartialDate.parse(reference)
    day = start.date() if start else None
    match = re.search(rf"\b{grammar().count}[\s-]+(hours?|days?|weeks?)\b", length.replace("approximately", ""), re.I)
    if day is None or match is None or not is_duration(length):
        return None
    amount = _count(match.group(1))
    if amount is None:
        return None
    unit = match.group(2).lower().rstrip("s")
    days = amount // 24 if unit == "hour" else amount * (7 if unit == "week" else 1)
    found = _from_day(_add_days(day, sign * days))
    return found.iso() if found else None


def months_on(reference: str | None, length: str) -> str | None:
    """The month a stated number of months after the reference falls in: "two months after
    his arrest", the arrest in March 2020 (or on 3 March), is 2020-05, at month precision only
    (the day is not said). A round figure ("about", "approximately two months") still names
    the month the text means, as the labellers read it (the caller flags it as inferred); a
    bound or no count ("over a month", "up to two months", "a few months") gives none."""
    start = PartialDate.parse(reference)
    match = re.fullmatch(
        rf"(?:(?:about|approximately|around|roughly|nearly|almost|some)\s+)?{grammar().count}[\s-]+months?",
        length.strip(),
        re.I,
    )
    if start is None or start.month is None or match is None or match.group(1).lower().startswith("a "):
        return None
    amount = _count(match.group(1))
    shifted = _add_months(start.year, start.month, amount) if amount else None
    return shifted.iso() if shifted else None


def _month_of(name: str) -> int:
    return grammar().month_number[name.lower().rstrip(".")]


def _is_modal_may(text: str, word: str) -> bool:
    """ "may" is a month only as "May" or after a preposition ("in may"); else it is the modal."""
    return (
        word.lower() == "may"
        and word != "May"
        and not re.search(r"\b(in|of|on|since|during|until|early|mid|late|by|from|last|next|this)\s+may\b", text, re.I)
    )


@dataclass(frozen=True)
class Context:
    """What a phrase may count from: see the module docstring."""

    reference: PartialDate | None = None
    year: int | None = None
    now: dt.date | None = None
    latest: dt.date | None = None
    # the reference's year was itself inferred, not written ("since December" in news):
    # it dates relative words, but gives no year to a month written without one
    reference_guessed: bool = False

    def year_for(self, month: int, day: int | None = None) -> tuple[int | None, bool]:
        """The year of a month (or day) written without one; (year, guess)."""
        if self.year is not None:
            return self.year, False
        if (
            self.reference is not None
            and not (self.reference_guessed and self.now is not None)
            and (self.now is None or self.reference.date() != self.now)
        ):
            return self.reference.year, False
        if self.now is None:
            return None, False
        # the nearest such month: a coming one at most a few months ahead, else a past one
        ahead = (month - self.now.month) % 12
        year, guess = self.now.year, ahead > 0
        if ahead > date_words().months_ahead_in_news:
            year, guess = (self.now.year - 1, True) if month > self.now.month else (self.now.year, False)
        elif month < self.now.month:
            year = self.now.year + 1
        latest = self.latest
        if latest is not None and (year, month, day or 1) > (latest.year, latest.month, latest.day):
            year, guess = year - 1, True
        return year, guess


def _spelled_years(text: str) -> str:
    """ "nineteen ninety-six" -> "1996", "the year two thousand" -> "the year 2000"."""
    g = grammar()
    spelled = g.spelled

    def number(match: re.Match[str]) -> str:
        groups = match.groups()
        century = spelled.centuries.get((groups[0] or "").lower())
        rest = groups[1:5] if century is not None else groups[5:9]
        tens_word, unit_word, teen_word, zero_unit = (word.lower() if word else None for word in rest)
        zero_unit = zero_unit or (groups[9].lower() if century is None and groups[9] else None)
        value = (
            spelled.tens[tens_word] + (spelled.units[unit_word] if unit_word else 0)
            if tens_word
            else spelled.teens[teen_word]
            if teen_word
            else spelled.units[zero_unit]
            if zero_unit
            else 0
        )
        return str((century * 100 if century is not None else 2000) + value)

    return g.spelled_century.sub(number, text)


def _numeric(text: str, context: Context) -> DateReading | None:
    """ "2020-08-10", "2020/08/10", "10.08.2020", "10/08/2020", "10.08.20".

    Year-first dates are ISO order. Otherwise day first, the order of most of the world and of
    the reports and news this tool reads (a month-first US date is recognised when its day is
    over 12); where both orders give a valid date, the day-first reading is a guess and the
    month-first one its alternative.
    """
    g = grammar()
    match = g.iso.search(text)
    found = (
        _valid(int(match.group(1)), int(match.group(2)), int(match.group(3)) if match.group(3) else None)
        if (match)
        else None
    )
    if found:
        return DateReading(found.iso())
    match = g.year_first.search(text)
    found = _valid(int(match.group(1)), int(match.group(3)), int(match.group(4))) if match else None
    if found:
        return DateReading(found.iso())
    match = g.numeric.search(text)
    if not match:
        return None
    first, second, year_text = int(match.group(1)), int(match.group(3)), match.group(4)
    year = int(year_text)
    if len(year_text) == 2:
        pivot = (context.now.year if context.now else context.year or 2000) % 100 + 1
        year += 2000 if year <= pivot else 1900
    day_first = _valid(year, second, first)
    month_first = _valid(year, first, second)
    if day_first and month_first and first != second:
        return DateReading(
            day_first.iso(),
            guess=True,
            note="numeric date read day first; month first it would be " + month_first.iso(),
            alternatives=(month_first.iso(),),
        )
    found = day_first or month_first
    if found is None:
        return None
    return DateReading(found.iso(), note="" if day_first else "numeric date read month first (day over 12)")


def _absolute(text: str, context: Context) -> DateReading | None:
    """Calendar dates written out; a missing year comes from the context."""
    g = grammar()
    for pattern, day_group, month_group in ((g.day_month_year, 1, 2), (g.month_day_year, 2, 1)):
        match = pattern.search(text)
        if match and not _is_modal_may(text, match.group(month_group)):
            day, month = int(match.group(day_group)), _month_of(match.group(month_group))
            if day > 31:
                continue
            explicit = match.group(3)
            if explicit:
                found = _valid(int(explicit), month, day)
                return DateReading(found.iso()) if found else None
            year, guess = context.year_for(month, day)
            found = _valid(year, month, day) if year else None
            return DateReading(found.iso(), guess, "year from the publication date" if guess else "") if found else None
    match = g.month_year.search(text)
    if match:
        found = _valid(int(match.group(2)), _month_of(match.group(1)), None)
        return DateReading(found.iso()) if found else None
    match = g.month_only.search(text)
    if match and not _is_modal_may(text, match.group(1)):
        month = _month_of(match.group(1))
        explicit_year = g.year_only.search(text)
        if explicit_year:
            found = _valid(int(explicit_year.group(1)), month, None)
            return DateReading(found.iso()) if found else None
        year, guess = context.year_for(month)
        found = _valid(year, month, None) if year else None
        return DateReading(found.iso(), guess, "year from the publication date" if guess else "") if found else None
    match = g.year_only.search(text)
    if match:
        return DateReading(match.group(1))
    return None


def _range_start(text: str, context: Context) -> DateReading | None:
    """ "9-10 August 2020", "the night of 9 to 10 August", "from May to July 2004",
    "between 10 and 16 June": a range is dated by its start, which takes the month and the
    year the end states when it gives none of its own."""
    g = grammar()
    match = g.day_range.search(text)
    if match:
        day, month, explicit = int(match.group(1)), _month_of(match.group(3)), match.group(4)
        return _dated_day(day, month, explicit, context)
    match = g.month_day_range.search(text)
    if match:
        month, day, explicit = _month_of(match.group(1)), int(match.group(2)), match.group(4)
        return _dated_day(day, month, explicit, context)
    match = g.range.match(text)
    if not match:
        return None
    second = _absolute(match.group("second"), context)
    if second is None:
        return None
    end = PartialDate.parse(second.value)
    if end is None:
        return None
    first_text = match.group("first")
    bare_day = re.fullmatch(rf"(?:.*\D)?(\d{{1,2}}){ORDINAL}", first_text.strip())
    if bare_day and end.month:
        found = _valid(end.year, end.month, int(bare_day.group(1)))
        return DateReading(found.iso(), second.guess, second.note) if found else second
    first = _absolute(first_text, replace(context, year=end.year))
    return first or second


def _dated_day(day: int, month: int, explicit: str | None, context: Context) -> DateReading | None:
    if explicit:
        found = _valid(int(explicit), month, day)
        return DateReading(found.iso()) if found else None
    year, guess = context.year_for(month, day)
    found = _valid(year, month, day) if year else None
    return DateReading(found.iso(), guess, "year from the publication date" if guess else "") if found else None


def _anaphoric(text: str, reference: PartialDate | None) -> DateReading | None:
    """Phrases that count from the previous event: nothing without one."""
    g = grammar()
    if reference is None:
        return None
    if g.same_day.search(text) or g.hours_later.search(text):
        return DateReading(reference.iso())
    for pattern, sign in ((g.next_day, 1), (g.previous_day, -1)):
        if pattern.search(text):
            found, guess = _shift(reference, sign, "day")
            return DateReading(found.iso(), guess, "reference coarser than a day" if guess else "") if found else None
    for pattern, sign in ((g.n_later, 1), (g.after_n, 1), (g.n_earlier, -1)):
        match = pattern.search(text)
        if match:
            amount = _count(match.group(1))
            if amount is None:
                return None
            found, guess = _shift(reference, sign * amount, match.group(2))
            return DateReading(found.iso(), guess, "shift coarser than its unit" if guess else "") if found else None
    if g.next_few.search(text):
        start = reference.date()
        found = _period(start, _add_days(start, 7)) if start else reference
        return DateReading(found.iso(), True, "a few days after the reference") if found else None
    match = g.ref_period.search(text)
    if match:
        sign = 1 if match.group(1) else -1 if match.group(2) else 0
        unit = match.group(4).lower()
        if unit == "year":
            found = _valid(reference.year + sign, None, None)
            return DateReading(found.iso()) if found else None
        if unit == "month":
            if reference.month is None:
                return (
                    DateReading(str(reference.year).zfill(4), True, "reference gives no month") if sign == 0 else None
                )
            found = _add_months(reference.year, reference.month, sign)
            return DateReading(found.iso()) if found else None
        start = reference.date()
        if start is None:
            return None
        monday = _add_days(start, 7 * sign - start.weekday())
        found = _period(monday, _add_days(monday, 6) if monday else None)
        return DateReading(found.iso(), True, "a week, given by what it lies in") if found else None
    return None


def _weekday_date(now: dt.date, weekday: int, direction: str, latest: dt.date | None) -> dt.date | None:
    """A weekday named in news: the last such day up to the publication date, except the
    day after it ("on Friday" in Thursday's paper is tomorrow), unless `latest` forbids it."""
    back = (now.weekday() - weekday) % 7
    if direction == "last":
        return _add_days(now, -(back or 7))
    if direction == "next":
        return _add_days(now, (weekday - now.weekday()) % 7 or 7)
    if back == 6 and (latest is None or latest > now):
        return _add_days(now, 1)
    return _add_days(now, -back)


# "over the weekend", "last weekend", "this past weekend": a weekend counted from the speech time.
_WEEKEND = re.compile(r"\b(?:(last|this past|past)|(this|the)|(next))\s+weekend\b", re.IGNORECASE)
# "last summer", "this spring", "the autumn of last year": a season counted from the speech
# time, given by its year (the months are the northern seasons; a winter spans two years, so
# it gives none).
_SEASON = re.compile(
    r"\b(?:(last|this past|past)|(this)|(next))\s+(spring|summer|autumn|fall)\b"
    r"|\b(?:the\s+)?(spring|summer|autumn|fall)\s+(?:of\s+)?(last|this|next)\s+year\b",
    re.IGNORECASE,
)
SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}


def _weekend(now: dt.date, text: str) -> DateReading | None:
    """A weekend in news: the one just past (the one under way on a Saturday or Sunday) unless
    "last" or "next" moves it a week; dated by what its two days lie in, like a week."""
    match = _WEEKEND.search(text)
    if match is None:
        return None
    saturday = _add_days(now, -((now.weekday() - 5) % 7))
    if saturday is None:
        return None
    if match.group(1) and now.weekday() >= 5:
        saturday = _add_days(saturday, -7)
    elif match.group(3):
        saturday = _add_days(saturday, 7)
    found = _period(saturday, _add_days(saturday, 1) if saturday else None)
    return DateReading(found.iso(), True, "a weekend, given by what it lies in") if found else None


def _season(now: dt.date, text: str) -> DateReading | None:
    """ "last summer" is the most recent summer over by the speech time, "next spring" the first
    not yet begun; "the summer of last year" the previous year's."""
    match = _SEASON.search(text)
    if match is None:
        return None
    if match.group(5):
        offset = {"last": -1, "this": 0, "next": 1}[match.group(6).lower()]
        return DateReading(f"{now.year + offset:04d}")
    first, last = SEASON_MONTHS[match.group(4).lower()]
    if match.group(1):
        year = now.year if now.month > last else now.year - 1
    elif match.group(3):
        year = now.year if now.month < first else now.year + 1
    else:
        year = now.year
    return DateReading(f"{year:04d}")


def _deictic(text: str, context: Context) -> DateReading | None:
    """Phrases that count from the speech time (the publication date): nothing without one."""
    g = grammar()
    now = context.now
    if now is None:
        return None
    if g.today.search(text):
        return DateReading(now.isoformat())
    for pattern, days in ((g.day_before_yesterday, -2), (g.yesterday, -1), (g.tomorrow, 1)):
        if pattern.search(text):
            found = _from_day(_add_days(now, days))
            return DateReading(found.iso()) if found else None
    match = g.ago.search(text)
    if match:
        amount = _count(match.group(1))
        unit = match.group(2).lower().rstrip("s")
        if amount is None:
            return None
        if unit == "year":
            found = _valid(now.year - amount, None, None)
            return DateReading(found.iso()) if found else None
        if unit == "month":
            found = _add_months(now.year, now.month, -amount)
            return DateReading(found.iso()) if found else None
        found = _from_day(_add_days(now, -amount * (7 if unit == "week" else 1)))
        return (
            DateReading(found.iso(), unit == "week", "weeks ago counted in days" if unit == "week" else "")
            if (found)
            else None
        )
    match = g.deictic_month.search(text)
    if match and not _is_modal_may(text, match.group(4) or match.group(5)):
        name = match.group(4) or match.group(5)
        month = _month_of(name)
        if match.group(1):  # last June: the most recent June before this month
            year = now.year if month < now.month else now.year - 1
        elif match.group(3):  # next June: the first June after this month
            year = now.year if month > now.month else now.year + 1
        elif match.group(6):  # June last year
            year = now.year - 1
        elif match.group(8):  # June next year
            year = now.year + 1
        else:  # this June, June this year
            year = now.year
        found = _valid(year, month, None)
        return DateReading(found.iso()) if found else None
    match = g.weekday.search(text)
    if match:
        direction = "last" if match.group(1) else "next" if (match.group(2) or "").lower() not in ("", "this") else ""
        found = _from_day(_weekday_date(now, g.weekday_number[match.group(3).lower()], direction, context.latest))
        return DateReading(found.iso()) if found else None
    if g.last_year_end.search(text):
        return DateReading(f"{now.year - 1:04d}")
    match = g.deictic_period.search(text)
    if match:
        sign = -1 if match.group(1) or match.group(5) else 1 if match.group(3) else 0
        unit = (match.group(4) or match.group(5) or "").lower()
        if unit == "year":
            found = _valid(now.year + sign, None, None)
            return DateReading(found.iso()) if found else None
        if unit == "month":
            found = _add_months(now.year, now.month, sign)
            return DateReading(found.iso()) if found else None
        monday = _add_days(now, 7 * sign - now.weekday())
        found = _period(monday, _add_days(monday, 6) if monday else None)
        return DateReading(found.iso(), True, "a week, given by what it lies in") if found else None
    return _weekend(now, text) or _season(now, text)


@lru_cache(maxsize=64)
def _parser_for(base: str) -> DateDataParser:
    """One dateparser per reference day: building one loads its language data, which cost
    about a twentieth of a whole report's extraction when it was done for every phrase."""
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": dt.datetime.fromisoformat(base),
            "RETURN_TIME_AS_PERIOD": True,
            "PREFER_DATES_FROM": "past",
            "STRICT_PARSING": False,
        },
    )


@lru_cache(maxsize=4096)
def _dateparser(text: str, base: str) -> PartialDate | None:
    """Last resort for shapes the expressions above do not know."""
    try:
        data = _parser_for(base).get_date_data(text)
    except Exception:  # the fallback library failing on odd text means no reading, never a crash
        return None
    if data is None or data.date_obj is None:
        return None
    value, period = data.date_obj, data.period
    if period == "year":
        return _valid(value.year, None, None)
    if period == "month":
        return _valid(value.year, value.month, None)
    return _valid(value.year, value.month, value.day)


def read_date(
    text: str,
    *,
    reference: str | None = None,
    year: int | None = None,
    published: str | None = None,
    latest: str | None = None,
    reference_guessed: bool = False,
) -> DateReading | None:
    """The date date words give, with the context each kind of phrase counts from.

    `reference`: the previous event's date (anaphoric phrases); `year`: the year a date without
    one takes (the period a report covers, or its narrative's year); `published`: the speech
    time (deictic phrases, and the year of a year-less month where no `year` is given);
    `latest`: no year inferred for a year-less date may put it after this date (an event
    cannot be reported before it happened). `reference_guessed`: the reference's year was
    inferred, so with a publication date a month written without a year takes the nearest
    such month up to it, not the reference's year ("since December ... in February" in news
    published in May). Never raises; a value is always an ISO prefix.
    """
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_CHARS:
        return None
    g = grammar()
    if is_duration(text) or g.decade.search(text) or g.vague.search(text) or _common_word(text):
        return None
    base = PartialDate.parse(reference)
    now_date = PartialDate.parse(published)
    latest_date = PartialDate.parse(latest)
    now = now_date.date() if now_date else None
    context = Context(
        base,
        year if isinstance(year, int) and 1 <= year <= 9999 else None,
        now,
        latest_date.date() if latest_date else None,
        reference_guessed,
    )
    text = _spelled_years(text)
    found = _numeric(text, context)
    if found:
        return found
    cleaned = g.modifiers.sub("", text)
    found = (
        _range_start(cleaned, context)
        or _anaphoric(cleaned, base)
        or _explicit_day(cleaned, context)
        or _holiday(cleaned, context)
        or _deictic(cleaned, context)
        or _absolute(cleaned, context)
    )
    if found:
        return found
    if g.the_year.search(text):
        chosen = context.year or (now.year if now else base.year if base else None)
        if chosen:
            return DateReading(f"{chosen:04d}")
    fallback = now or (base.date() if base else None)
    if fallback is None or not _calendar_words(cleaned):
        return None
    parsed = _dateparser(cleaned, fallback.isoformat())
    return DateReading(parsed.iso(), True, "read by dateparser") if parsed else None


def _common_word(text: str) -> bool:
    """A month name that is also an ordinary word, written in lower case and with no number:
    "before Friday's march" is a demonstration, not March."""
    if re.search(r"\d", text):
        return False
    words = set(re.findall(r"[a-z]+", text))
    months = set(date_words().common_word_months)
    return bool(words & months) and not any(word.lower() in months for word in re.findall(r"[A-Z][a-z]*", text))


def _calendar_words(text: str) -> bool:
    """Whether the fallback library may read `text`: it names a month, a year or a numeric date.
    A bare number or a count of units ("61", an age; "the 34 days"; "the 10th") is no date,
    though dateparser makes one of it (1961, 34 days ago, October)."""
    g = grammar()
    return bool(
        re.search(r"\d", text)
        and (g.month_only.search(text) or g.year_only.search(text) or re.search(r"\d\s*[./-]\s*\d", text))
    )


def _holiday(text: str, context: Context) -> DateReading | None:
    """ "on Christmas Day 2019", "last Thanksgiving", "on New Year's Eve" (the year as for a
    calendar day written without one)."""
    g = grammar()
    match = g.holiday.search(text.replace("’", "'"))
    if not match:
        return None
    holiday = g.holiday_of[match.group(2).lower()]
    direction, explicit = (match.group(1) or "").lower(), match.group(3)
    now = context.now
    if explicit:
        year, guess = int(explicit), False
    elif direction in ("last", "next") and now is not None:
        this_year = holiday.date_in(now.year)
        if this_year is None:
            return None
        if direction == "last":
            year = now.year if this_year < now else now.year - 1
        else:
            year = now.year if this_year > now else now.year + 1
        guess = False
    else:
        chosen, guess = context.year_for(holiday.month, holiday.day or 28)
        if chosen is None:
            return None
        year = chosen
    found = _from_day(holiday.date_in(year))
    return DateReading(found.iso(), guess, "year from the publication date" if guess else "") if found else None


def _explicit_day(text: str, context: Context) -> DateReading | None:
    """A written calendar day ("Friday, 23 October") wins over the weekday beside it."""
    g = grammar()
    if g.day_month_year.search(text) or g.month_day_year.search(text):
        return _absolute(text, context)
    return None


def read_anchored(
    text: str, anchor: str | None = None, year: int | None = None, anchor_kind: AnchorKind = "narrative"
) -> DateReading | None:
    """`read_date` for one anchor of a known kind (see `normalise`)."""
    anchor = anchor if isinstance(anchor, str) else None
    if anchor_kind == "published":
        return read_date(text, reference=anchor, year=year, published=anchor)
    if anchor_kind == "covers":
        covered = PartialDate.parse(anchor)
        return read_date(text, year=year if year is not None else (covered.year if covered else None))
    base = PartialDate.parse(anchor)
    return read_date(text, reference=anchor, year=year if year is not None else (base.year if base else None))


def normalise(
    text: str, anchor: str | None = None, year: int | None = None, anchor_kind: AnchorKind = "narrative"
) -> str | None:
    """ISO date (YYYY, YYYY-MM or YYYY-MM-DD) for date words, or None.

    `anchor_kind` says what `anchor` is: `narrative` (default), the date of the event the words
    follow (relative phrases count from it; its year fills a missing year); `published`, the
    publication date of a news article (deictic phrases count from it, a year-less month takes
    the nearest year, a few months ahead at most); `covers`, the year a report covers (the year
    of year-less dates; relative phrases give nothing). `year` overrides the year of year-less
    dates in every case.
    """
    reading = read_anchored(text, anchor, year, anchor_kind)
    return reading.value if reading else None


@cache
def _date_span() -> re.Pattern[str]:
    month = grammar().month
    weekday = f"(?:{_alternation(date_words().weekdays)})"
    tie = r"\s*(?:-|–|—|to|and)\s*"
    part_of_day = r"(?:the\s+(?:morning|evening|night|afternoon)\s+of\s+)?"
    # Every branch starts at a digit or at the start of a word: the lookahead skips all other
    # positions at once instead of trying each branch there (half the cost of the search).
    return re.compile(
        r"(?=\d|\b\w)(?:"
        + "|".join(
            [
                rf"\b{part_of_day}(?:(?:from|between)\s+)?\d{{1,2}}{ORDINAL}{tie}\d{{1,2}}{ORDINAL}\s+(?:of\s+)?{month}"
                rf"(?:,?\s+{YEAR})?\b",
                rf"\b{part_of_day}\d{{1,2}}{ORDINAL}\s+(?:of\s+)?{month}(?:,?\s+{YEAR})?\b",
                rf"(?:\b(?:early|mid|late)[\s-]+)?{month}\s+\d{{1,2}}{ORDINAL}\b(?:{tie}\d{{1,2}}\b)?(?:,?\s+{YEAR})?",
                rf"(?:\b(?:early|mid|late)[\s-]+)?{month}(?:,?\s+{YEAR})?\b",
                rf"\b(?:since|in|during|until|by)\s+{YEAR}\b",
                rf"(?<![\d.,/])\d{{1,2}}(?P<sep>[./])\d{{1,2}}(?P=sep){YEAR}\b",
                # the day of the act just told ("arrested him that same day"): the tagger often
                # leaves it out, and the act then took the paragraph's older date
                r"\b(?:that|the)\s+same\s+(?:day|morning|evening|night|afternoon)\b",
                # news dates an act by a weekday's part ("Sunday night", "on Monday morning") and
                # by "last night": the tagger calls them times, or the weekday a compound
                rf"\b{weekday}\s+(?:morning|afternoon|evening|night)\b",
                r"\blast\s+night\b",
            ]
        )
        + ")",
        re.I,
    )


def find_date_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of calendar-date expressions, to correct NER that misses them (or cuts
    a range to its end: "9-10 August 2020")."""
    spans = []
    for match in _date_span().finditer(text):
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
