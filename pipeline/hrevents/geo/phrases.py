"""Reading one place phrase with what the report says about where it is set.

How a phrase is read, in order:

1. The report's own context: the country the report is about (its title, else its opening
   heading, else the country it mentions most, else a news dateline's country, else the only
   country it names, else the country whose states and large cities it names most), and the
   countries named in the event's sentence.
2. Capitalised names in the phrase, longest first: country names, subdivisions ("Oromiya
   Region", only when an administrative word follows or the name is distinctive), and
   cities. A name followed by an administrative word ("South Gondar Zone") is never taken
   for a city; generic words ("Central Prison") are never a place on their own.
3. Ambiguity is settled by context: a city must lie in a country of the phrase, of the
   report or of the sentence; where several places of that name lie there, the clearly
   largest wins or none does. Outside that context only a large city whose name is unique
   among large cities is accepted. No answer is preferred to a wrong one.
4. Reference points are not locations: "near X", "outside the capital", "north of X" keep
   the country (and region) of X only; "the border with Lithuania" is a destination in
   Lithuania; a route "from A to B" keeps only the country.
5. Facilities keep their text and take the place the phrase or the sentence names:
   "SIZO-1 in the capital Minsk" -> Minsk; "the capital" alone -> the capital of the report's
   country.
6. Every event gets `country` when the report allows it: the country of its place, else the
   country the report is about. `geo_reason` says which rule gave each answer.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from hrevents.geo.gazetteer import Place, fold, gazetteer
from hrevents.mappings import load_places
from hrevents.news import find_dateline
from hrevents_models import Report

# --- words and country mentions -------------------------------------------------------------

_WORD = re.compile(r"[^\W_](?:[\w’'.\-]*[^\W_])?")


class Word(NamedTuple):
    """A word of a place phrase, with its folded form as the gazetteer key (not a spaCy token:
    the geocoder reads short phrases with a regular expression, no pipeline). A tuple, not a
    dataclass: a report's whole body is read into words once per report (its country
    mentions), and a frozen dataclass costs several times more to make."""

    text: str
    start: int
    end: int
    key: str

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def words_of(text: str) -> list[Word]:
    out = []
    for match in _WORD.finditer(text):
        word = match.group()
        if word.endswith(".") and word.count(".") == 1:
            word = word[:-1]
        key = _folded(word)
        if key:
            start = match.start()
            out.append(Word(word, start, start + len(word), key))
    return out


@lru_cache(maxsize=100_000)
def _folded(word: str) -> str:
    """`fold` of one word, cached: words repeat, and folding costs a Unicode normalisation."""
    return fold(word)


def country_mentions(text: str, with_demonyms: bool = True) -> list[tuple[int, str, str]]:
    """(offset, country code, words) of each country name (and demonym) in `text`, in order."""
    gaz = gazetteer()
    words = words_of(text)
    found, i = [], 0
    while i < len(words):
        if not words[i].capitalised:
            i += 1
            continue
        longest = gaz.first_words.get(words[i].key, 0)
        for n in range(min(longest, len(words) - i), 0, -1):
            key = " ".join(w.key for w in words[i : i + n])
            code = gaz.country_names.get(key) or (gaz.demonyms.get(key) if with_demonyms else None)
            if code:
                found.append((words[i].start, code, text[words[i].start : words[i + n - 1].end]))
                i += n
                break
        else:
            i += 1
    return found


# A place named in passing speaks for its country only when it is a city this large (a smaller
# one is too often a namesake: "Florida" is also a town in Uruguay) and the only one that large.
MENTIONED_CITY_POPULATION = 500_000
MENTION_WORDS = 4


# A city this large, found by an alternate name only, is the one meant when its namesakes are
# a hundred times smaller (`PhraseReader.choose_city`).
METROPOLIS_POPULATION = 1_000_000


@lru_cache(maxsize=1)
def _unique_subdivisions() -> dict[str, str]:
    """Folded subdivision name -> its country, for names that only one country's subdivisions use."""
    places = gazetteer()
    owners: dict[str, set[str]] = {}
    for code in places.countries:
        for key, _subdivision, _name in places.subdivisions(code):
            owners.setdefault(key, set()).add(code)
    return {key: next(iter(codes)) for key, codes in owners.items() if len(codes) == 1}


def subdivision_country(key: str) -> str | None:
    """The country of a folded subdivision name that only one country's subdivisions use."""
    return _unique_subdivisions().get(key)


def _place_country(key: str) -> str | None:
    found = _unique_subdivisions().get(key)
    if found:
        return found
    large = [c for c in gazetteer().cities(key) if c.population >= MENTIONED_CITY_POPULATION]
    return large[0].country if len(large) == 1 and large[0].primary else None


def place_mentions(text: str) -> list[tuple[int, str, str]]:
    """(offset, country code, words) of each place below a country that `text` names and that
    tells its country: a subdivision only one country has ("Ohio", "Kaduna"), a large city
    ("Lahore"). Country names themselves are `country_mentions`'s; a run of capitalised words
    is read longest first."""
    words = words_of(text)
    found, i = [], 0
    while i < len(words):
        if not words[i].capitalised:
            i += 1
            continue
        for n in range(min(MENTION_WORDS, len(words) - i), 0, -1):
            if not all(w.capitalised for w in words[i : i + n]):
                continue
            key = " ".join(w.key for w in words[i : i + n])
            if gazetteer().country_names.get(key) or gazetteer().demonyms.get(key):
                i += n - 1
                break
            code = _place_country(key)
            if code:
                found.append((words[i].start, code, text[words[i].start : words[i + n - 1].end]))
                i += n - 1
                break
        i += 1
    return found


@dataclass
class ReportContext:
    """What the report itself says about where it is set."""

    country: str = ""
    reason: str = ""
    mentions: Counter = field(default_factory=Counter)


def report_context(report: Report) -> ReportContext:
    body = report.text[report.body_start :]
    mentions = Counter(code for _, code, _ in country_mentions(body))
    context = ReportContext(mentions=mentions)
    title = report.meta.title or ""
    in_title = [code for _, code, _ in country_mentions(title, with_demonyms=False)]
    if in_title:
        distinct = list(dict.fromkeys(in_title))
        chosen = distinct[0] if len(distinct) == 1 else max(distinct, key=lambda c: (mentions[c], -distinct.index(c)))
        context.country, context.reason = chosen, "the report's title"
        return context
    heading = body.lstrip()[:300].split("\n\n")[0]
    in_heading = [code for _, code, _ in country_mentions(heading, with_demonyms=False)]
    if in_heading and mentions[in_heading[0]] >= 2:
        context.country, context.reason = in_heading[0], "the report's opening heading"
        return context
    ranked = mentions.most_common(2)
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
        context.country = ranked[0][0]
        context.reason = f"the country the report names most ({ranked[0][1]} mentions)"
        return context
    dateline_context(report, context)
    if not context.country and len(mentions) == 1:
        context.country = next(iter(mentions))
        context.reason = "the only country the report names"
    if not context.country:
        # News about one country often never names it: "deputies in Ohio", "a court in Lahore".
        named = mentions + Counter(code for _, code, _ in place_mentions(title + "\n" + body))
        places = named.most_common(2)
        if places and places[0][1] >= 2 and (len(places) == 1 or places[0][1] >= 2 * places[1][1]):
            context.country = places[0][0]
            context.reason = f"the country whose places the report names most ({places[0][1]} mentions)"
    return context


def dateline_context(report: Report, context: ReportContext) -> ReportContext:
    """A news article's dateline names where it was filed: its country is the article's
    when nothing above settled it (a Geneva or Washington dateline often reports on another
    country, which the title or the mentions then name)."""
    found = find_dateline(report.text, report.body_start)
    if found is None:
        return context
    answer = PhraseReader(ReportContext()).read(found.place, "place", [])
    if answer.country:
        context.country, context.reason = answer.country, f"the dateline {found.place!r}"
    return context


# --- reading one phrase ---------------------------------------------------------------------


@dataclass
class NameMatch:
    """A name found in a phrase and what it resolved to (character offsets in the phrase)."""

    text: str
    start: int
    end: int
    kind: str  # "country", "admin1", "city", "admin_unknown", "unknown", "capital"
    places: tuple[Place, ...] = ()
    relation: str = ""  # "", "near" or "border"


@dataclass
class Answer:
    """The geocoder's answer for one phrase."""

    place: Place | None = None
    country: str = ""
    admin1: str = ""
    reason: str = ""


def _words(items: Iterable[str]) -> frozenset[str]:
    return frozenset(fold(item) for item in items)


@lru_cache(maxsize=1)
def _word_lists() -> tuple[frozenset[str], frozenset[str], frozenset[str], re.Pattern[str]]:
    table = load_places()
    relation = "|".join(
        re.escape(word).replace(r"\ ", r"\s+") for word in sorted(table.relation_words, key=len, reverse=True)
    )
    relation_re = re.compile(
        rf"\b(?:{relation})\s+(?:the\s+)?(?:(?:capital|city|town|village)\s+(?:city\s+)?(?:of\s+)?)?,?\s*$", re.I
    )
    return _words(table.admin_words), _words(table.generic_words), _words(table.connectors), relation_re


_ROUTE = re.compile(r"\bfrom\b.+\bto\b", re.I | re.S)
_CAPITAL = re.compile(r"\bcapital\b(?:\s+city)?(?:\s+of\s+(?P<of>[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*)*))?", re.I)
_HEAD = re.compile(r"\b(?:in|at)\s+(?:the\s+)?(?:(?:capital|city|town|village)\s+(?:of\s+)?)?$", re.I)
_BORDER = re.compile(r"\bborders?\s+(?:with|of)\s+(?:the\s+)?$", re.I)


def _runs(text: str, words: list[Word], connectors: frozenset[str]) -> list[list[Word]]:
    """Maximal sequences of capitalised words, joined by lower-case connectors (not by punctuation)."""

    def _adjacent(left: Word, right: Word) -> bool:
        return not text[left.end : right.start].strip()

    def _connects(index: int) -> bool:
        # lower-case connectors ("de las") join the run only when a capitalised word follows them
        following = index + 1
        while following < len(words) and words[following].key in connectors and not words[following].capitalised:
            following += 1
        if following >= len(words) or not words[following].capitalised:
            return False
        return all(_adjacent(words[k], words[k + 1]) for k in range(index, following))

    runs: list[list[Word]] = []
    current: list[Word] = []
    for index, word in enumerate(words):
        gap_ok = not current or _adjacent(current[-1], word)
        if word.capitalised and gap_ok:
            current.append(word)
            continue
        if current and gap_ok and word.key in connectors and _connects(index):
            current.append(word)
            continue
        if current:
            runs.append(current)
        current = [word] if word.capitalised else []
    if current:
        runs.append(current)
    return runs


class PhraseReader:
    """Resolves one phrase with the report's context."""

    def __init__(self, context: ReportContext) -> None:
        self.gaz = gazetteer()
        self.context = context
        self.admin_words, self.generic, self.connectors, self.relation_re = _word_lists()

    # ----- names ---------------------------------------------------------------------------

    def spans(self, text: str, context_countries: list[str]) -> list[NameMatch]:
        words = words_of(text)
        found: list[NameMatch] = []
        for run in _runs(text, words, self.connectors):
            after = _next_word(words, run[-1])
            trailing_admin = run[-1].key in self.admin_words and len(run) > 1
            if trailing_admin or (after is not None and after.key in self.admin_words and not after.capitalised):
                name_words = run[:-1] if trailing_admin else run
                unit_end = run[-1].end if trailing_admin or after is None else after.end
                found.append(self._admin_unit(text, name_words, unit_end, context_countries))
                continue
            found.extend(self._names_in_run(text, run, context_countries))
        for span in found:
            if self.relation_re.search(text[: span.start]):
                span.relation = "border" if _BORDER.search(text[: span.start]) else "near"
        return found

    def _admin_unit(self, text: str, words: list[Word], end: int, countries: list[str]) -> NameMatch:
        key = " ".join(w.key for w in words)
        start = words[0].start
        for country in countries:
            for sub_key, code, name in self.gaz.subdivisions(country):
                if sub_key == key or (len(key) >= 5 and _edit_distance_at_most_one(sub_key, key)):
                    place = Place(name=name, country=country, kind="admin1", admin1=code)
                    return NameMatch(text[start:end], start, end, "admin1", (place,))
        return NameMatch(text[start:end], start, end, "admin_unknown")

    def _names_in_run(self, text: str, run: list[Word], countries: list[str]) -> list[NameMatch]:
        """Names in one run of capitalised words, longest first.

        A part that starts or ends with a generic word ("Mexico City", "Quezon City") counts only
        when it is the main name of a city or a country; a single generic word never counts. A
        city found next to a word the gazetteer does not know is taken as part of a longer
        unknown name ("San Cristobal de las Casas" is not "Casas")."""
        spans: list[NameMatch] = []
        i = 0
        while i < len(run):
            for j in range(len(run), i, -1):
                part = run[i:j]
                if part[0].key in self.connectors or part[-1].key in self.connectors:
                    continue
                edge_generic = part[0].key in self.generic or part[-1].key in self.generic
                if edge_generic and (j - i == 1 or all(w.key in self.generic for w in part)):
                    continue
                span = self._lookup(text, part, countries)
                if span is not None and edge_generic:
                    span.places = tuple(p for p in span.places if p.primary)
                    if not span.places or span.kind == "admin1":
                        span = None
                if span is not None:
                    spans.append(span)
                    i = j
                    break
            else:
                word = run[i]
                if word.key not in self.generic and word.key not in self.connectors and not word.key.isdigit():
                    spans.append(NameMatch(word.text, word.start, word.end, "unknown"))
                i += 1
        for index, span in enumerate(spans):
            if span.kind != "city":
                continue
            neighbours = spans[max(index - 1, 0) : index] + spans[index + 1 : index + 2]
            if any(n.kind == "unknown" and _touching(text, n, span) for n in neighbours):
                span.kind, span.places = "unknown", ()
        return spans

    def _lookup(self, text: str, words: list[Word], countries: list[str]) -> NameMatch | None:
        key = " ".join(w.key for w in words)
        start, end = words[0].start, words[-1].end
        code = self.gaz.country_names.get(key)
        if code:
            return NameMatch(
                text[start:end], start, end, "country", (self.gaz.countries.get(code) or Place(key, code, "country"),)
            )
        cities = self.gaz.cities(key)
        if cities:
            # A name that is both a region and only a small town there reads as the region
            # ("Guerrero"); a large city keeps its name ("Aleppo", "Idlib").
            for country in countries:
                here = [c for c in cities if c.country == country]
                if here and max(c.population for c in here) < 100_000:
                    for sub_key, sub_code, name in self.gaz.subdivisions(country):
                        if sub_key == key:
                            place = Place(name=name, country=country, kind="admin1", admin1=sub_code)
                            return NameMatch(text[start:end], start, end, "admin1", (place,))
            return NameMatch(text[start:end], start, end, "city", cities)
        if len(key) >= 5:
            for country in countries:
                for sub_key, sub_code, name in self.gaz.subdivisions(country):
                    if sub_key == key:
                        place = Place(name=name, country=country, kind="admin1", admin1=sub_code)
                        return NameMatch(text[start:end], start, end, "admin1", (place,))
        return None

    # ----- choosing among candidates ------------------------------------------------------

    def choose_city(self, span: NameMatch, priority: list[str]) -> tuple[Place | None, str]:
        candidates = span.places
        for country in priority:
            here = [c for c in candidates if c.country == country]
            if not here:
                continue
            primary = [c for c in here if c.primary] or here
            primary.sort(key=lambda c: c.population, reverse=True)
            if len(primary) == 1 or primary[0].population >= 5 * max(primary[1].population, 1):
                note = (
                    ""
                    if len(candidates) == 1
                    else f"; {len(candidates)} places share the name, kept the one in {country}"
                )
                return primary[0], note
            return None, f"{len(primary)} places called {span.text!r} in {country}, none clearly the one"
        large = sorted(
            (c for c in candidates if c.primary and c.population >= 100_000), key=lambda c: c.population, reverse=True
        )
        if large and (len(large) == 1 or large[0].population >= 10 * large[1].population):
            others = len(candidates) - 1
            return large[0], f"; the only large city of that name{f' ({others} smaller namesakes)' if others else ''}"
        if not large:
            # A metropolis known by a short form of its name ("New York" for New York City) is
            # found by an alternate name only; dwarfing every namesake, it is the one meant.
            biggest = max(candidates, key=lambda c: c.population)
            rest = max((c.population for c in candidates if c is not biggest), default=0)
            if biggest.population >= METROPOLIS_POPULATION and biggest.population >= 100 * max(rest, 1):
                return biggest, f"; {biggest.name}, the metropolis of that name ({len(candidates) - 1} small namesakes)"
        where = sorted({c.country for c in candidates})
        return (
            None,
            f"{span.text!r} matches {len(candidates)} place(s) in {', '.join(where[:5])}, none in the report's context",
        )

    # ----- the whole phrase ---------------------------------------------------------------

    def read(self, text: str, field_name: str, sentence_countries: list[str]) -> Answer:
        """The answer of the first rule that settles the phrase (module docstring, steps 2-5)."""
        text = " ".join(text.split())
        if not text:
            return Answer()
        phrase = self._phrase(text, field_name, sentence_countries)
        for rule in (self._route, self._city, self._region_or_country, self._capital_or_nearby):
            answer = rule(phrase)
            if answer is not None:
                return answer
        return _unresolved(phrase)

    def _phrase(self, text: str, field_name: str, sentence_countries: list[str]) -> _Phrase:
        base = [c for c in [self.context.country, *sentence_countries] if c]
        spans = self.spans(text, list(dict.fromkeys(base)))
        named_countries = [s.places[0].country for s in spans if s.kind == "country" and not s.relation]
        admin_countries = [s.places[0].country for s in spans if s.kind == "admin1"]
        priority = list(dict.fromkeys([*named_countries, *admin_countries, *base]))
        if admin_countries and not named_countries:
            spans = self.spans(text, priority)  # re-read subdivisions with the phrase's own country first
        phrase = _Phrase(
            text=text,
            quoted=repr(text if len(text) <= 60 else text[:57] + "..."),
            field_name=field_name,
            base=base,
            spans=spans,
            named_countries=named_countries,
        )
        for span in spans:
            if span.kind == "city":
                place, note = self.choose_city(span, priority)
                if place is not None:
                    phrase.cities.append((span, place, note))
                else:
                    phrase.misses.append(note)
        return phrase

    def _route(self, phrase: _Phrase) -> Answer | None:
        """A route "from A to B" keeps only the country."""
        quoted = phrase.quoted
        if not _ROUTE.search(phrase.text):
            return None
        countries = {p.country for _, p, _ in phrase.cities} | set(phrase.named_countries)
        if len(countries) == 1:
            country = countries.pop()
            return Answer(country=country, reason=f"{quoted} is a route between places: country {country} only")
        if not countries and phrase.base:
            return Answer(
                country=phrase.base[0], reason=f"{quoted} is a route between places; country from {self.context.reason}"
            )
        return Answer(reason=f"{quoted} is a route across countries: not resolved")

    def _city(self, phrase: _Phrase) -> Answer | None:
        """One city named (not as a reference point), or several in one country."""
        text, quoted = phrase.text, phrase.quoted
        located = [(s, p, n) for s, p, n in phrase.cities if not s.relation]
        if len({p.geonames_id for _, p, _ in located}) > 1:
            # "Lefortovo prison in Moscow": a facility or district named after a place near the
            # town it is in. The town introduced by "in"/"at" wins when the others lie close by.
            heads = [item for item in located if _HEAD.search(text[: item[0].start])]
            if heads:
                head = heads[-1]
                if all(_distance_km(p, head[1]) <= 50 for _, p, _ in located):
                    others = ", ".join(dict.fromkeys(p.name for _, p, _ in located if p is not head[1]))
                    located = [(head[0], head[1], f"{head[2]}; {others} read as part of a name, not the location")]
        if len({p.geonames_id for _, p, _ in located}) == 1:
            span, place, note = located[0]
            if phrase.named_countries and place.country not in phrase.named_countries:
                return Answer(reason=f"{quoted}: {place.name} is not in the country the phrase names")
            how = "city named in" if span.text.strip() == text.strip() else "city named in the phrase"
            return Answer(
                place=place,
                country=place.country,
                admin1=place.admin1,
                reason=f"{place.name}, {place.country}: {how} {quoted}{note}",
            )
        if len(located) > 1:
            countries = {p.country for _, p, _ in located}
            names = ", ".join(dict.fromkeys(p.name for _, p, _ in located))
            if len(countries) == 1:
                country = countries.pop()
                return Answer(
                    country=country, reason=f"{quoted} names several places ({names}): country {country} only"
                )
            return Answer(reason=f"{quoted} names places in several countries ({names}): not resolved")
        return None

    def _region_or_country(self, phrase: _Phrase) -> Answer | None:
        """A subdivision, else a country named; for a destination, the country across a border."""
        spans, quoted = phrase.spans, phrase.quoted
        admin = [s for s in spans if s.kind == "admin1" and not s.relation]
        if admin:
            place = admin[0].places[0]
            return Answer(
                place=place,
                country=place.country,
                admin1=place.admin1,
                reason=f"{place.name} ({place.admin1}): region named in {quoted}",
            )
        plain_countries = [s for s in spans if s.kind == "country" and not s.relation]
        if plain_countries:
            place = plain_countries[0].places[0]
            return Answer(place=place, country=place.country, reason=f"{place.name}: country named in {quoted}")
        borders = [s for s in spans if s.kind == "country" and s.relation == "border"]
        if borders and phrase.field_name == "destination":
            place = borders[-1].places[0]
            return Answer(place=place, country=place.country, reason=f"{place.name}: the border {quoted} leads there")
        return None

    def _capital_or_nearby(self, phrase: _Phrase) -> Answer | None:
        """ "the capital" (of a country named, else of the report's); near a place: its country and region."""
        text, quoted, base = phrase.text, phrase.quoted, phrase.base
        capital = _CAPITAL.search(text)
        if capital and not self.relation_re.search(text[: capital.start()]):
            of = capital.group("of")
            country = (self.gaz.country_names.get(fold(of)) if of else None) or (base[0] if base else "")
            place = self.gaz.capital(country) if country else None
            if place is not None:
                source = f"the capital of {country}" + ("" if of else f" ({self.context.reason})")
                return Answer(
                    place=place, country=country, admin1=place.admin1, reason=f"{place.name}: {source}, from {quoted}"
                )
        near = [p for s, p, _ in phrase.cities if s.relation == "near"]
        if near:
            place = near[0]
            return Answer(
                country=place.country,
                admin1=place.admin1,
                reason=f"{quoted} is near {place.name}, not in it: country and region only",
            )
        if capital and base:
            return Answer(country=base[0], reason=f"{quoted} is near the capital, not in it: country only")
        if any(s.kind == "country" and s.relation == "border" for s in phrase.spans):
            return Answer(reason=f"{quoted} is a border: which side is not said")
        return None


@dataclass
class _Phrase:
    """One phrase being read: its names, the countries that rank its cities, what matched."""

    text: str
    quoted: str  # the phrase as reasons quote it
    field_name: str  # "place" or "destination"
    base: list[str]  # the report's country, then the sentence's countries
    spans: list[NameMatch]
    named_countries: list[str]  # countries the phrase names itself (not as reference points)
    cities: list[tuple[NameMatch, Place, str]] = field(default_factory=list)  # city, place, note
    misses: list[str] = field(default_factory=list)  # why a city name was not resolved


def _unresolved(phrase: _Phrase) -> Answer:
    """No rule settled the phrase: say what was found and why it did not resolve."""
    unknown = [s.text for s in phrase.spans if s.kind == "unknown"]
    units = [s.text for s in phrase.spans if s.kind == "admin_unknown"]
    parts = []
    if unknown:
        parts.append(f"{', '.join(dict.fromkeys(unknown))} not in the gazetteer")
    if units:
        parts.append(f"{', '.join(dict.fromkeys(units))}: subdivision(s) the gazetteer does not hold")
    parts.extend(phrase.misses)
    return Answer(reason=f"{phrase.quoted}: " + ("; ".join(parts) if parts else "no place name"))


def _touching(text: str, a: NameMatch, b: NameMatch) -> bool:
    left, right = (a, b) if a.start < b.start else (b, a)
    return not text[left.end : right.start].strip()


def _distance_km(a: Place, b: Place) -> float:
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return float("inf")
    lat1, lon1, lat2, lon2 = (math.radians(v) for v in (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(h))


def _next_word(words: list[Word], word: Word) -> Word | None:
    for candidate in words:
        if candidate.start >= word.end:
            return candidate
    return None


def _edit_distance_at_most_one(a: str, b: str) -> bool:
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = j = edits = 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            i += 1
            j += 1
            continue
        edits += 1
        if edits > 1:
            return False
        if len(a) == len(b):
            i += 1
        j += 1
    return edits + (len(b) - j) + (len(a) - i) <= 1
