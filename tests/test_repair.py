"""PDF-break and footnote repair, with offsets mapping back to the text as read."""

from __future__ import annotations

import pytest

from hrevents.repair import repair

CASES = [
    ("Maryia\nKalesnikava was arrested.", "Maryia Kalesnikava was arrested."),
    ("On 9\nAugust she left.", "On 9 August she left."),
    ("under Article 361 3of the Criminal Code", "under Article 361 of the Criminal Code"),
    ("facing charges10 under Article 361.", "facing charges under Article 361."),
    ("sentenced to 25 days 4of detention", "sentenced to 25 days of detention"),
    (
        "officers of the State Control Committee,6 a government agency",
        "officers of the State Control Committee, a government agency",
    ),
    ("Officials later claimed7 that she", "Officials later claimed that she"),
    ("Pavel Latushka, 8 who had been fired", "Pavel Latushka, who had been fired"),
    ("against their will.9 It later", "against their will. It later"),
    ("“an attempt of seizure of power”. 1 Subsequently all", "“an attempt of seizure of power”. Subsequently all"),
    ("vote-\nrigging", "vote-rigging"),
    ("First paragraph.\n\nSecond paragraph.", "First paragraph.\n\nSecond paragraph."),
]

KEEP = [
    "On 24 August, the police arrested him.",
    "He was sentenced to 25 days.",
    "around 4,300 members joined",
    "the 2015 Nobel Literary Prize",
    "In Minsk, 12 people were detained.",
    "a 1.5 million fine",
    "on the 3rd day",
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_repairs(raw, expected):
    assert repair(raw).text == expected


@pytest.mark.parametrize("text", KEEP)
def test_real_numbers_are_kept(text):
    assert repair(text).text == text


def test_offsets_map_back_to_the_original():
    raw = "---\ntitle: x\n---\nFacing charges10 under\nArticle 361."
    start = raw.index("Facing")
    repaired = repair(raw, start)
    index = repaired.text.index("Article 361")
    begin, end = repaired.original_span(index, index + len("Article 361"))
    assert raw[begin:end] == "Article 361"
    whole = repaired.original_span(0, len(repaired.text))
    assert raw[whole[0] : whole[1]] == raw[start:]
