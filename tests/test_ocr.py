"""OCR of a scanned PDF the test makes from an image of invented text."""

from __future__ import annotations

import io
import re

import pytest

from hrevents import ocr
from hrevents.errors import ReportError
from hrevents.reader import report_from_bytes

LINES = [
    "On 12 March 2021 the police arrested",
    "the journalist Amira Delacroix in Port Vell.",
    "She was released on 14 March.",
]


def scanned_pdf() -> bytes:
    """A one-page PDF whose only content is a picture of text (no text layer), as a scanner writes."""
    image_module = pytest.importorskip("PIL.Image", reason="Pillow draws the scanned page")
    from PIL import ImageDraw, ImageFont

    page = image_module.new("RGB", (1700, 800), "white")
    draw = ImageDraw.Draw(page)
    font = ImageFont.load_default(size=48)
    for row, line in enumerate(LINES):
        draw.text((100, 120 + 90 * row), line, fill="black", font=font)
    buffer = io.BytesIO()
    page.save(buffer, "PDF", resolution=200.0)
    return buffer.getvalue()


needs_tesseract = pytest.mark.skipif(
    ocr.find_tesseract() is None, reason=f"tesseract with English data is not installed ({ocr.INSTALL})"
)


@needs_tesseract
def test_scanned_pdf_is_read_by_ocr_with_its_provenance(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ocr.OCR_ENV, "auto")
    report = report_from_bytes(scanned_pdf(), "scan.pdf", "scan")
    flat = " ".join(report.text.split())
    assert " ".join(LINES) in flat
    assert re.fullmatch(r"ocr: tesseract [\d.]+ \(eng\), pages 1", report.meta.extra["text_layer"])


@needs_tesseract
@pytest.mark.model
def test_events_from_a_scan(extractor, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ocr.OCR_ENV, "auto")
    events = extractor.extract(report_from_bytes(scanned_pdf(), "scan.pdf", "scan"))
    assert ("arrest", "Amira Delacroix", "2021-03-12") in {(e.action, e.victim, e.date) for e in events}


def test_never_keeps_the_needs_ocr_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ocr.OCR_ENV, "never")
    with pytest.raises(ReportError, match=re.escape("scan.pdf: no text layer, needs OCR")):
        report_from_bytes(scanned_pdf(), "scan.pdf", "scan")


def test_missing_tesseract_names_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ocr.OCR_ENV, "auto")
    monkeypatch.setattr(ocr, "find_tesseract", lambda: None)
    message = "scan.pdf: no text layer, needs OCR (1 of 1 pages without text); OCR needs tesseract with its "
    with pytest.raises(
        ReportError, match=re.escape(message + "English data: apt-get install tesseract-ocr tesseract-ocr-eng")
    ):
        report_from_bytes(scanned_pdf(), "scan.pdf", "scan")


def test_unknown_mode_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ocr.OCR_ENV, "sometimes")
    with pytest.raises(ValueError, match="use one of auto, always, never"):
        ocr.ocr_mode()


@pytest.mark.parametrize(("numbers", "text"), [([1], "1"), ([1, 2, 3], "1-3"), ([1, 3, 4, 7], "1, 3-4, 7")])
def test_page_ranges(numbers: list[int], text: str) -> None:
    assert ocr._ranges(numbers) == text
