"""Property-based tests of the date normaliser (issue 13): whatever the text and the anchors,
no exception escapes and the answer is empty or a valid ISO prefix of a real date."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from hrevents.dates import find_date_spans, normalise, read_date

ISO_PREFIX = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")

# Words that steer the grammar, so that generated text reaches its branches, not only garbage.
PIECES = st.sampled_from(
    [
        "on",
        "in",
        "the",
        "last",
        "next",
        "this",
        "following",
        "same",
        "day",
        "week",
        "month",
        "year",
        "ago",
        "later",
        "earlier",
        "two",
        "a",
        "few",
        "May",
        "may",
        "August",
        "Dec.",
        "Tuesday",
        "1990s",
        "1970s",
        "between",
        "and",
        "to",
        "from",
        "-",
        "–",
        "night",
        "of",
        "yesterday",
        "9",
        "10",
        "31",
        "12",
        "2020",
        "0000",
        "9999",
        "29",
        "February",
        "10.08.2020",
        "31/02/2021",
        "99.99.99",
        "2020-13-45",
        "end",
        "Christmas",
        "Thanksgiving",
        "New Year's Eve",
        "nineteen",
        "ninety-six",
        "two thousand and",
        "oh",
        "early",
        "mid-",
        "recently",
        "for",
        "days",
        "years",
    ]
)
PHRASES = st.one_of(st.text(max_size=60), st.lists(PIECES, max_size=8).map(" ".join))
ANCHORS = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(dt.date.isoformat),
    st.integers(min_value=0, max_value=9999).map(lambda y: f"{y:04d}"),
    st.sampled_from(["2020-02", "9999-12-31", "0001-01-01", "2020-13", "2020-02-30"]),
)
KINDS = st.sampled_from(["narrative", "published", "covers"])


def valid_iso(value: str) -> bool:
    if not ISO_PREFIX.fullmatch(value):
        return False
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


@settings(max_examples=400, deadline=None)
@given(PHRASES, ANCHORS, KINDS, st.one_of(st.none(), st.integers(min_value=-5, max_value=10000)))
def test_normalise_never_raises_and_gives_an_iso_prefix(text, anchor, kind, year):
    value = normalise(text, anchor, year, anchor_kind=kind)
    assert value is None or valid_iso(value)


@settings(max_examples=300, deadline=None)
@given(PHRASES, ANCHORS, ANCHORS, ANCHORS)
def test_read_date_never_raises_and_its_readings_are_iso_prefixes(text, reference, published, latest):
    reading = read_date(text, reference=reference, published=published, latest=latest)
    if reading is not None:
        assert valid_iso(reading.value)
        assert all(valid_iso(other) for other in reading.alternatives)
        assert reading.guess or not reading.alternatives


@settings(max_examples=200, deadline=None)
@given(PHRASES)
def test_date_spans_lie_inside_the_text(text):
    for start, end in find_date_spans(text):
        assert 0 <= start < end <= len(text)
