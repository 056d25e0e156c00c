"""PDF-break and footnote repair, with offsets mapping back to the text as read."""

from __future__ import annotations

import pytest

from hrevents.repair import SINGLE_BREAK, Offsets, repair, single_breaks

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


def test_a_degenerate_input_keeps_exact_offsets_in_a_few_runs():
    """One word repeated on one line (a stalled batch once): the map stays exact and small."""
    raw = "harvest " * 50_000 + "charges10 under\nArticle 361 3of the\r\nCode.\n\nharvest " * 3
    repaired = repair(raw, 8)
    offsets = repaired.offsets
    assert len(offsets) == len(repaired.text) + 1 and offsets[-1] == len(raw)
    assert len(list(offsets.runs())) <= 16  # a run per repair, not an int per character
    for index in [*range(0, len(repaired.text), 997), *range(len(repaired.text) - 120, len(repaired.text))]:
        original = raw[offsets[index]]
        assert repaired.text[index] == original or (repaired.text[index] == " " and original == "\n")
    assert list(offsets) == sorted(set(offsets))
    tail = repaired.text.index("Article 361 of")
    begin, end = repaired.original_span(tail, tail + len("Article 361"))
    assert raw[begin:end] == "Article 361"


@pytest.mark.parametrize(
    "raw",
    ["a\nb", "a \t\nb", "a\r\nb", "a\n\nb", " \nb", "a\n", "\nb", "a\r\n\r\nb", "a\n \tb", "a \r \nb", "a\x0b\nb"],
)
def test_single_breaks_are_the_patterns_matches(raw):
    assert list(single_breaks(raw)) == [match.span() for match in SINGLE_BREAK.finditer(raw)]


@pytest.mark.parametrize("values", [[0], [0, 1, 2, 3], [5, 6, 9, 10, 11, 11, 12], [3, 4, 7, 7, 7, 8, 20, 21, 22, 40]])
def test_offsets_index_and_slice_as_the_list(values):
    offsets = Offsets.of(values)
    assert list(offsets) == values and offsets == values and len(offsets) == len(values)
    for start in range(-len(values), len(values) + 1):
        for stop in range(-len(values), len(values) + 2):
            assert list(offsets[start:stop]) == values[start:stop]
    assert [offsets[i] for i in range(-len(values), len(values))] == values[-len(values) :] + values
    with pytest.raises(IndexError):
        offsets[len(values)]
