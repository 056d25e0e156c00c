"""Input formats and bad inputs, without the spaCy model: every reader turns bytes into a report
or a ReportError that names the file and the problem."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest

from hrevents.errors import ReportError
from hrevents.manifest import inputs_hash, read_manifest
from hrevents.reader import SUPPORTED_SUFFIXES, load_bytes, read_report, report_from_bytes

SENTENCE = "On 24 August 2020, the police arrested Syarhei Dyleusky in Minsk."


def make_pdf(pages: list[list[str]]) -> bytes:
    """A minimal PDF with a real text layer (Helvetica, one text line per string)."""
    objects: list[str | None] = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        None,
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    kids = []
    for lines in pages:
        shown = " ".join(
            "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") '" for line in lines
        )
        content = f"BT /F1 11 Tf 72 740 Td 14 TL {shown} ET"
        objects.append(f"<< /Length {len(content)} >>\nstream\n{content}\nendstream")
        objects.append(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {len(objects)} 0 R >>"
        )
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{obj}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def blank_pdf() -> bytes:
    """A 'scanned' PDF: pages without any text layer."""
    pypdf = pytest.importorskip("pypdf", reason="pypdf reads PDF reports")
    writer = pypdf.PdfWriter()
    writer.add_blank_page(612, 792)
    writer.add_blank_page(612, 792)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def make_docx(paragraphs: list[str], table: list[list[str]] | None = None, title: str | None = None) -> bytes:
    docx = pytest.importorskip("docx", reason="python-docx reads .docx reports")
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    if title:
        document.core_properties.title = title
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


HTML = """<!doctype html>
<html><head><meta charset="windows-1251"><title>Беларусь: arrests</title>
<meta property="article:published_time" content="2020-09-10T08:00:00Z">
<style>p {{ color: red }}</style><script>var tracking = "arrested Nobody Script";</script></head>
<body>
<header><nav><a href="/">Home</a> <a href="/about">About</a></nav></header>
<div role="navigation">Skip to content</div>
<main>
  <h1>Arrests in Minsk</h1>
  <p>{sentence}</p>
  <p>He was released<br>two days later.</p>
  <table><tr><td>Name</td><td>Сяргей</td></tr></table>
</main>
<aside>Related: arrested Nobody Aside</aside>
<footer>Copyright 2020. Share this page.</footer>
</body></html>
"""


# --- plain text ------------------------------------------------------------------------------


def test_text_report_keeps_text_and_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "r1.md"
    path.write_text(f"---\ntitle: T\npublished: 2020-09-10\n---\n{SENTENCE}\n", encoding="utf-8")
    report = read_report(path)
    assert report.report_id == "r1"
    assert report.text == path.read_text("utf-8")
    assert report.meta.published == dt.date(2020, 9, 10)
    assert report.encoding == "utf-8"


def test_wrongly_encoded_text_is_detected_and_the_encoding_recorded(tmp_path: Path) -> None:
    text = (
        "Le 24 août 2020, la police a arrêté Syarhei Dyleusky à Minsk. Les détenus ont été libérés "
        "après une journée; l'opposition a dénoncé des arrestations arbitraires et des procès inéquitables.\n"
    )
    path = tmp_path / "latin.txt"
    path.write_bytes(text.encode("cp1252"))
    report = read_report(path)
    assert report.encoding not in ("utf-8", "ascii")
    assert "arrêté" in report.text and "août" in report.text


def test_utf16_with_byte_order_mark_is_text_not_binary(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(SENTENCE.encode("utf-16"))  # with BOM
    report = read_report(path)
    assert report.text == SENTENCE
    assert report.encoding.startswith("utf-16")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary file"),
        ("controls.txt", bytes(range(1, 9)) * 200, "binary file"),
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n\t \n", "empty"),
        ("only-front-matter.md", b"---\ntitle: x\n---\n\n", "empty"),
        ("bad-yaml.md", b"---\ntitle: [unclosed\n---\nText.\n", "front matter is not valid YAML"),
        ("bad-date.md", b"---\npublished: 10 Sept 2020\n---\nText.\n", "not an ISO date"),
        ("list-front-matter.md", b"---\n- a\n- b\n---\nText.\n", "front matter must be"),
        ("report.rtf", b"{\\rtf1 text}", "unsupported file type '.rtf'"),
    ],
)
def test_bad_inputs_raise_a_report_error_naming_the_file(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ReportError) as caught:
        read_report(path)
    assert message in str(caught.value)
    assert str(caught.value).startswith(str(path))


def test_enormous_files_are_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * 1000)
    with pytest.raises(ReportError, match="5,000 bytes, over the limit of 4,999"):
        load_bytes(path, max_bytes=4999)
    assert read_report(path, max_bytes=5000).text.startswith("word")


def test_unreadable_files_say_so(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "missing.txt")
    with pytest.raises(ReportError, match=re.escape("gone.txt: cannot read: No such file")):
        read_report(link)


# --- PDF -------------------------------------------------------------------------------------


def test_pdf_text_layer_is_read_and_pages_joined(tmp_path: Path) -> None:
    pytest.importorskip("pypdf", reason="pypdf reads PDF reports")
    data = make_pdf(
        [
            ["On 24 August 2020, the police arrested", "Syarhei Dyleusky in Minsk. He was"],
            ["released on 26 August 2020."],
        ]
    )
    report = report_from_bytes(data, "r.pdf", "r")
    assert "the police arrested\nSyarhei Dyleusky in Minsk." in report.text
    # a page break inside a sentence is a line break, not a paragraph break
    assert "He was\nreleased on 26 August 2020." in report.text
    assert report.body_start == 0


def test_pdf_without_text_layer_needs_ocr(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match=re.escape("scan.pdf: no text layer, needs OCR")):
        report_from_bytes(blank_pdf(), "scan.pdf", "scan")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"GIF89a this is not a pdf", "not a PDF file"),
        (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "not a readable PDF"),
    ],
)
def test_damaged_pdfs_are_errors(data: bytes, message: str) -> None:
    pytest.importorskip("pypdf", reason="pypdf reads PDF reports")
    with pytest.raises(ReportError, match=message):
        report_from_bytes(data, "bad.pdf", "bad")


# --- HTML ------------------------------------------------------------------------------------


def test_html_main_text_without_boilerplate() -> None:
    pytest.importorskip("bs4", reason="beautifulsoup4 reads HTML reports")
    data = HTML.format(sentence=SENTENCE).encode("cp1251")
    report = report_from_bytes(data, "page.html", "page")
    assert report.text == (f"Arrests in Minsk\n\n{SENTENCE}\n\nHe was released\ntwo days later.\n\nName Сяргей\n")
    for boilerplate in ("Home", "Skip to content", "tracking", "Aside", "Copyright", "color"):
        assert boilerplate not in report.text
    assert report.meta.title == "Беларусь: arrests"
    assert report.meta.published == dt.date(2020, 9, 10)
    assert report.encoding == "windows-1251"


def test_html_without_main_uses_body_and_empty_page_is_an_error() -> None:
    pytest.importorskip("bs4", reason="beautifulsoup4 reads HTML reports")
    report = report_from_bytes(f"<html><body><p>{SENTENCE}</p></body></html>".encode(), "a.htm", "a")
    assert report.text == SENTENCE + "\n"
    with pytest.raises(ReportError, match=re.escape("empty.html: the HTML page contains no text")):
        report_from_bytes(b"<html><body><nav>Menu</nav><script>x</script></body></html>", "empty.html", "e")


# --- Word ------------------------------------------------------------------------------------


def test_docx_paragraphs_and_tables_in_order() -> None:
    data = make_docx(
        ["Arrests in Minsk", SENTENCE], table=[["Name", "Fate"], ["Dyleusky", "arrested"]], title="Belarus"
    )
    report = report_from_bytes(data, "r.docx", "r")
    assert report.text == f"Arrests in Minsk\n\n{SENTENCE}\n\nName\nFate\n\nDyleusky\narrested\n"
    assert report.meta.title == "Belarus"


def test_damaged_docx_is_an_error() -> None:
    pytest.importorskip("docx", reason="python-docx reads .docx reports")
    with pytest.raises(ReportError, match=re.escape("bad.docx: not a Word .docx file")):
        report_from_bytes(b"this is text, not a zip", "bad.docx", "bad")
    with pytest.raises(ReportError, match=re.escape("bad.docx: not a readable Word .docx file")):
        report_from_bytes(b"PK\x03\x04 truncated zip", "bad.docx", "bad")


def test_supported_suffixes() -> None:
    assert {".txt", ".md", ".pdf", ".html", ".htm", ".docx"} <= SUPPORTED_SUFFIXES


# --- manifest --------------------------------------------------------------------------------


def test_manifest_entries_by_path_and_name(tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(
        "path,report_id,published,covers,title,source\n"
        "reports/a.txt,AI-2020-01,2020-09-10,2020,Belarus,Amnesty\n"
        "b.pdf,,,,,\n",
        encoding="utf-8-sig",
    )
    entries = read_manifest(manifest)
    entry = entries.find(tmp_path / "reports" / "a.txt")
    assert entry is not None and entry.report_id == "AI-2020-01" and entry.published == dt.date(2020, 9, 10)
    assert entries.find(Path("elsewhere/a.txt")) is entry  # by unique file name
    assert entries.find(tmp_path / "c.txt") is None
    report = read_report(_write(tmp_path / "reports" / "a.txt", f"---\ntitle: Old\n---\n{SENTENCE}\n"))
    applied = entry.apply(report)
    assert (applied.report_id, applied.meta.title, applied.meta.covers) == ("AI-2020-01", "Belarus", "2020")
    assert inputs_hash("AI-2020-01", entry) != inputs_hash("AI-2020-01", None)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("report_id\nx\n", "needs a `path` column"),
        ("path,colour\na.txt,red\n", "unknown manifest columns"),
        ("path,published\na.txt,10/09/2020\n", ":2: published '10/09/2020' is not an ISO date"),
        ("path,report_id\na.txt,X\nb.txt,X\n", ":3: report_id 'X' is also given on line 2"),
        ("path\na.txt\na.txt\n", "listed twice"),
    ],
)
def test_bad_manifests_are_refused_with_the_line(tmp_path: Path, content: str, message: str) -> None:
    manifest = tmp_path / "m.csv"
    manifest.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        read_manifest(manifest)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- encrypted PDFs (issue 13) ----------------------------------------------------------------


def _encrypted(user_password: str, algorithm: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf([[SENTENCE]]))))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("algorithm", ["AES-128", "AES-256", "RC4-128"])
def test_owner_password_only_pdf_is_read_like_any_viewer_does(algorithm: str) -> None:
    pytest.importorskip("cryptography", reason="a declared dependency: pypdf needs it for AES")
    report = report_from_bytes(_encrypted("", algorithm), "locked.pdf", "locked")
    assert SENTENCE in " ".join(report.text.split())


def test_pdf_with_a_user_password_is_a_clear_error() -> None:
    pytest.importorskip("cryptography", reason="a declared dependency: pypdf needs it for AES")
    with pytest.raises(ReportError, match="encrypted with a password; decrypt it first"):
        report_from_bytes(_encrypted("reader-secret", "AES-256"), "secret.pdf", "secret")
