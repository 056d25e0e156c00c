"""Decoding of text reports: UTF-8 stays UTF-8, legacy files in a documented order, never a silent guess."""

from __future__ import annotations

from pathlib import Path

import pytest

from hrevents.errors import ReportError
from hrevents.reader import decode_text, read_report, report_from_bytes

LEGACY = "On 3 May 2021 the police arrested Hélène Dubois and Iñaki Peña in Bilbao.\n"


def test_a_stray_byte_in_utf8_keeps_utf8_and_names_its_offset() -> None:
    head = "Police arrested Gudú Ali in Minsk. ".encode()
    decoded = decode_text(head + b"\xe9 He was released.\n", "stray.txt")
    assert decoded.encoding == "utf-8"
    assert decoded.text == "Police arrested Gudú Ali in Minsk. \ufffd He was released.\n"
    (warning,) = decoded.warnings
    assert f"byte offset {len(head)} " in warning and "U+FFFD" in warning


def test_many_stray_bytes_are_all_counted_and_the_first_named() -> None:
    data = "Gudú ".encode() * 20 + b"a\xffb " * 15
    decoded = decode_text(data, "many.txt")
    assert decoded.text.count("\ufffd") == 15
    assert "15 bytes" in decoded.warnings[0] and "and 5 more" in decoded.warnings[0]
    assert str(len("Gudú ".encode()) * 20 + 1) in decoded.warnings[0]


@pytest.mark.parametrize("codec", ["cp1252", "latin-1"])
def test_a_western_legacy_file_is_cp1252_exactly_with_a_warning(codec: str) -> None:
    decoded = decode_text(LEGACY.encode(codec), "legacy.txt")
    assert decoded.text == LEGACY  # "Hélène", "Iñaki Peña" exactly, not cp1250's "Hélčne", "Ińaki Peńa"
    assert decoded.encoding == "cp1252"
    assert "not UTF-8" in decoded.warnings[0]


def test_cyrillic_legacy_file_is_guessed_with_a_warning() -> None:
    text = "Сотрудники милиции задержали журналиста Андрея Иванова в Минске в мае прошлого года.\n"
    decoded = decode_text(text.encode("cp1251"), "ru.txt")
    assert decoded.text == text and decoded.encoding == "cp1251"
    assert "guess" in decoded.warnings[0]


def test_encoding_option_decides_for_files_that_are_not_utf8() -> None:
    text = "Милиция задержала Андрея.\n"
    decoded = decode_text(text.encode("koi8_r"), "ru.txt", encoding="koi8-r")
    assert decoded.text == text and decoded.encoding == "koi8-r" and "--encoding" in decoded.warnings[0]
    utf8 = decode_text("Gudú\n".encode(), "u.txt", encoding="cp1252")  # valid UTF-8 stays UTF-8
    assert utf8.text == "Gudú\n" and utf8.warnings == []


@pytest.mark.parametrize(
    ("data", "encoding", "problem"),
    [
        # UTF-8 "ú" read as Arabic cp1256: words that mix scripts
        ("Police arrested Gudú Ali and Hélène Dubois and Iñaki Peña.\n".encode() + b"\x81", "cp1256", "mix scripts"),
        (b"\x81\x8d\x8f" * 40 + b"1234 ... 5678 ,,,, ----" * 30, None, "implausible"),
        (b"ab\x84\x85\x86\x87\x95\x96\x97 " * 3, "cp1252", "letters"),
        (b"caf\xe9", "no-such-codec", "unknown encoding"),
        ("Gudú".encode("cp1252") + b"\x81", "utf-8", "not valid utf-8"),
    ],
)
def test_an_implausible_or_impossible_decoding_is_an_error(data: bytes, encoding: str | None, problem: str) -> None:
    with pytest.raises(ReportError, match=problem):
        decode_text(data, "bad.txt", encoding)


def test_read_report_logs_warnings_when_not_collected(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(LEGACY.encode("cp1252"))
    with caplog.at_level("WARNING", logger="hrevents"):
        report = read_report(path)
    assert report.text == LEGACY
    assert str(path) in caplog.text and "not UTF-8" in caplog.text
    found: list[str] = []
    read_report(path, warnings=found)
    assert len(found) == 1


def test_offsets_after_a_replaced_byte_still_point_into_the_text() -> None:
    data = "---\ntitle: Gudú\n---\n".encode() + b"\xe9 Police arrested Ana Ruiz.\n"
    found: list[str] = []
    report = report_from_bytes(data, "r.txt", "r", warnings=found)
    start = report.text.index("Ana Ruiz")
    assert report.text[start : start + 8] == "Ana Ruiz" and report.meta.title == "Gudú" and found
