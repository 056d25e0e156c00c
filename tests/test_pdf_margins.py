"""PDF running headers and footers are dropped by repetition across pages (invented PDFs)."""

from __future__ import annotations

import io

import pytest

from hrevents.pdf_margins import drop_running_lines, shape
from hrevents.reader import report_from_bytes

HEADER = "12/1/26, 7:05 PM    Lakeland report 2021    {page}/3"
FOOTER = "Lakeland Watch - Annual report - https://lakeland-watch.example/report-2021"
# Two columns a page; the sentence of the second event crosses the page break (column 2 of
# page 1 to column 1 of page 2), where the running header and footer were read into it.
COLUMNS = [
    [
        ["On 3 May police arrested the teacher", "Jana Orlova at her school in Port", "Vell after a lesson on the"],
        ["constitution. Her colleagues were", "questioned the same day. On 9 June", "officers detained the lawyer"],
    ],
    [
        ["Petr Malenko outside the regional", "court in Port Vell where he had", "represented her."],
        ["Both were charged with", "insulting officials. Their trial", "has not started."],
    ],
    [
        ["On 1 July the court released", "Jana Orlova on bail; Petr Malenko", "remained in custody."],
        ["Observers were not allowed", "to attend the hearing in", "Port Vell."],
    ],
]


def two_column_pdf() -> bytes:
    canvas_module = pytest.importorskip("reportlab.pdfgen.canvas", reason="reportlab makes the test PDF")
    buffer = io.BytesIO()
    canvas = canvas_module.Canvas(buffer, pagesize=(612, 792))
    for number, columns in enumerate(COLUMNS, start=1):
        canvas.setFont("Helvetica", 8)
        canvas.drawString(40, 770, HEADER.format(page=number))
        for x, lines in zip((60, 320), columns, strict=True):
            canvas.setFont("Helvetica", 11)
            for row, line in enumerate(lines):
                canvas.drawString(x, 700 - 14 * row, line)
        canvas.setFont("Helvetica", 8)
        canvas.drawString(40, 30, FOOTER)
        canvas.drawString(560, 30, str(number))
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_running_headers_and_footers_are_dropped_and_offsets_point_into_the_text() -> None:
    report = report_from_bytes(two_column_pdf(), "lakeland.pdf", "lakeland")
    for furniture in ("7:05 PM", "Lakeland report 2021", "Lakeland Watch", "https://"):
        assert furniture not in report.text
    assert report.meta.extra["margin_lines_dropped"] == str(3 * 3)
    flat = " ".join(report.text.split())
    sentence = (
        "On 9 June officers detained the lawyer Petr Malenko outside the regional court in Port Vell "
        "where he had represented her."
    )
    assert sentence in flat
    for column in (c for page in COLUMNS for c in page):
        for line in column:
            start = report.text.index(line)  # every line of the story is in the text, verbatim
            assert report.text[start : start + len(line)] == line


@pytest.mark.model
def test_event_evidence_across_a_page_break_has_no_header(extractor) -> None:
    events = extractor.extract(report_from_bytes(two_column_pdf(), "lakeland.pdf", "lakeland"))
    malenko = [event for event in events if event.victim == "Petr Malenko" and event.action == "arrest"]
    assert malenko
    for event in events:
        assert "Lakeland" not in event.evidence
        assert event.evidence == event.evidence.strip()


@pytest.mark.parametrize(
    ("pages", "kept", "dropped"),
    [
        # the same title atop every page goes; so does a lone page number at the foot
        (
            ["Lakeland report\nOne.\n1", "Lakeland report\nTwo.\n2", "Lakeland report\nThree.\n3"],
            ["One.", "Two.", "Three."],
            6,
        ),
        # numbers differ, shape repeats ("Page 1 of 3")
        (["Page 1 of 2\nOne.", "Page 2 of 2\nTwo."], ["One.", "Two."], 2),
        # a line repeated in only one page of four is text
        (["Intro\nA.", "B.", "C.", "D."], ["Intro\nA.", "B.", "C.", "D."], 0),
        # a single page keeps its lone number ("2019" may be a heading)
        (["2019\nOne."], ["2019\nOne."], 0),
        # a repeated line in the middle of a page (not in its margins) stays
        (
            ["a\nb\nc\nRepeated\nd\ne\nf", "g\nh\ni\nRepeated\nj\nk\nl"],
            ["a\nb\nc\nRepeated\nd\ne\nf", "g\nh\ni\nRepeated\nj\nk\nl"],
            0,
        ),
    ],
)
def test_drop_running_lines(pages: list[str], kept: list[str], dropped: int) -> None:
    margins = drop_running_lines(pages)
    assert (margins.pages, margins.dropped) == (kept, dropped)


def test_shape_ignores_numbers_and_spacing() -> None:
    assert shape("12/1/26, 7:05 PM   Uganda report 2021  1/4") == shape("12/1/26, 7:06 PM Uganda report 2021 2/4")
