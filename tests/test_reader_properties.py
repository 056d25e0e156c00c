"""Property-based tests (issue 13) of the reader, the front matter and the repair offset map:
whatever the bytes, only a ReportError escapes, and every offset maps back into the file."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hrevents.errors import ReportError
from hrevents.reader import decode_text, parse_front_matter, report_from_bytes
from hrevents.repair import repair

# Pieces that reach the reader's branches: front matter fences, known and misspelled keys,
# accents in UTF-8 and cp1252, stray bytes, NULs, byte-order marks, line breaks.
BYTE_PIECES = st.sampled_from(
    [
        b"---\n",
        b"--- \r\n",
        b"title: T\n",
        b"covers: 2005\n",
        b"cover: 2005\n",
        b"published: 2020-09-15\n",
        b"published: nope\n",
        b"key: [unclosed\n",
        b"- a list\n",
        "Gudú ".encode(),
        "Hélène ".encode("cp1252"),
        "Сяргей ".encode("cp1251"),
        b"\xe9",
        b"\xff",
        b"\x81",
        b"\x00",
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"Police arrested Ana Ruiz. ",
        b"\n",
        b"\n\n",
        b" ",
    ]
)
DATA = st.one_of(st.binary(max_size=300), st.lists(BYTE_PIECES, max_size=20).map(b"".join))
TEXT_PIECES = st.sampled_from(
    [
        "---\n",
        "title: x\n",
        "covers: 2005\n",
        "cover: 1\n",
        "a: [\n",
        "Maryia\nKalesnikava ",
        "charges10 under ",
        "vote-\nrigging ",
        "Article 361 3of ",
        "will.9 It ",
        "\r\n",
        "\n\n",
        " ",
        "2020",
    ]
)
TEXT = st.one_of(st.text(max_size=200), st.lists(TEXT_PIECES, max_size=20).map("".join))
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(DATA, st.sampled_from([None, "cp1252", "cp1251", "utf-8", "latin-1"]))
def test_decoding_raises_only_report_errors_and_warns_on_any_doubt(data: bytes, encoding: str | None) -> None:
    try:
        decoded = decode_text(data, "x.txt", encoding)
    except ReportError as error:
        assert error.path == "x.txt" and error.problem
        return
    if decoded.encoding not in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        assert decoded.warnings  # a legacy or guessed decoding is never silent
    if "\ufffd" in decoded.text and "\ufffd".encode() not in data:
        assert decoded.warnings  # a replaced byte is never silent


@SETTINGS
@given(DATA, st.sampled_from(["r.txt", "r.md"]))
def test_reading_bytes_raises_only_report_errors_and_body_start_is_in_the_text(data: bytes, name: str) -> None:
    warnings: list[str] = []
    try:
        report = report_from_bytes(data, name, "r", None, warnings)
    except ReportError:
        return
    assert 0 <= report.body_start <= len(report.text)
    assert report.text[report.body_start :].strip()
    assert all(isinstance(warning, str) and warning for warning in warnings)


@SETTINGS
@given(TEXT)
def test_front_matter_raises_only_report_errors_and_the_body_follows_it(text: str) -> None:
    warnings: list[str] = []
    try:
        meta, body_start = parse_front_matter(text, "r.md", warnings)
    except ReportError:
        return
    assert 0 <= body_start <= len(text)
    if body_start:
        assert text.lstrip("\ufeff").startswith("---")
    else:
        assert meta.title is None and meta.covers is None


@SETTINGS
@given(TEXT, st.integers(min_value=0, max_value=20))
def test_repair_offsets_map_back_into_the_text(text: str, start: int) -> None:
    start = min(start, len(text))
    repaired = repair(text, start)
    offsets = repaired.offsets
    assert len(offsets) == len(repaired.text) + 1 and offsets[-1] == len(text)
    assert all(start <= offset < len(text) for offset in offsets[:-1])
    assert offsets == sorted(set(offsets))  # strictly increasing: deletions only, no reordering
    for index, char in enumerate(repaired.text):
        original = text[offsets[index]]
        assert char == original or (char == " " and original == "\n")
    for begin in range(0, len(repaired.text) + 1, 7):
        for end in (begin, min(begin + 5, len(repaired.text))):
            first, last = repaired.original_span(begin, end)
            assert start <= first <= last <= len(text)
