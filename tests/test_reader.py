"""Reading reports: front matter, ids, encodings and clear errors."""

from __future__ import annotations

import datetime as dt

import pytest

from hrevents.errors import ReportError
from hrevents.reader import read_report, report_from_text


def test_front_matter_is_parsed_and_kept_in_the_text(tmp_path):
    path = tmp_path / "2005-x.txt"
    text = '---\ntitle: "X"\npublished: 2006-03-08\ncovers: "2005"\nauthor: me\n---\nPolice arrested A.\n'
    path.write_text(text, encoding="utf-8")
    report = read_report(path)
    assert report.report_id == "2005-x"
    assert report.meta.published == dt.date(2006, 3, 8)
    assert report.meta.covers == "2005"
    assert report.meta.extra == {"author": "me"}
    assert report.text == text
    assert report.text[report.body_start :] == "Police arrested A.\n"


def test_no_front_matter():
    report = report_from_text("Police arrested A.", "r")
    assert report.body_start == 0 and report.meta.covers is None


def test_numeric_covers_becomes_text():
    assert report_from_text("---\ncovers: 2004\n---\nText.", "r").meta.covers == "2004"


def test_latin1_file_is_decoded_and_the_encoding_recorded(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("Le journaliste André Kaboré a été arrêté à Ouagadougou en mai.".encode("latin-1"))
    report = read_report(path)
    assert "André" in report.text
    assert report.encoding != "utf-8"


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"---\ntitle: x\n---\n   \n", "empty"),
        ("binary.txt", b"\x00\x01\x02binary", "binary"),
        ("bad.txt", b"---\ntitle: [unclosed\n---\nText", "front matter"),
        ("date.txt", b"---\npublished: yesterday\n---\nText", "published"),
        ("report.xyz", b"Text", "unsupported"),
    ],
)
def test_bad_input_names_the_file_and_the_problem(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ReportError) as info:
        read_report(path)
    assert name in str(info.value)
    assert problem in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(ReportError, match="cannot read"):
        read_report(tmp_path / "nope.txt")


def test_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 100)
    with pytest.raises(ReportError, match="over the limit"):
        read_report(path, max_bytes=50)


def test_utf16_file_with_byte_order_mark(tmp_path):
    path = tmp_path / "wide.txt"
    path.write_bytes("\ufeffPolice arrested Ana Ruiz.".encode("utf-16-le"))
    report = read_report(path)
    assert report.text == "Police arrested Ana Ruiz." and report.encoding == "utf-16-le"
