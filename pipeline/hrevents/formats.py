"""Converters for the input formats that are not text (SPEC section 3): PDF, HTML and Word.

PDF (its text layer), HTML (its main text, boilerplate dropped) and Word `.docx` files are
converted to text; their offsets point into that text. `hrevents.reader` picks the converter
by the file's suffix (plain text and Markdown it decodes itself) and is the one entry point
every command reads reports through.

Each converter works on bytes already in memory, so a file is read once: the batch runner
hashes exactly the bytes that were extracted from, and a Dask client can ship the bytes to
workers that do not share its file system.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from typing import Any

from hrevents.errors import ReportError
from hrevents.pdf_margins import drop_running_lines
from hrevents_models import Report, ReportMeta

PDF_SUFFIXES = frozenset({".pdf"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
DOCX_SUFFIXES = frozenset({".docx"})

# A PDF whose text layer has fewer letters than this per page is a scan (at most a page
# number or a stamp in text): extracting from it would silently find nothing.
MIN_LETTERS_PER_PAGE = 20
SPACES = re.compile(r"[ \t\r\n\f\v\u00a0]+")
SENTENCE_END = re.compile(r"[.!?:;”\"’)\]]\s*$")


# --- converted text -------------------------------------------------------------------


def converted_report(text: str, name: str, report_id: str, what: str, meta: ReportMeta, encoding: str) -> Report:
    text = text.strip("\n")
    if not text.strip():
        raise ReportError(name, f"the {what} contains no text")
    return Report(report_id=report_id, path=name, text=text + "\n", body_start=0, meta=meta, encoding=encoding)


def _missing(name: str, package: str, what: str) -> ReportError:
    return ReportError(
        name,
        f"reading {what} needs the `{package}` package: pip install 'hrevents[formats]' (or pip install {package})",
    )


# --- PDF ------------------------------------------------------------------------------


def pdf_report(data: bytes, name: str, report_id: str) -> Report:
    try:
        from pypdf import PdfReader
        from pypdf.errors import DependencyError
    except ImportError as error:
        raise _missing(name, "pypdf", "PDF files") from error
    if not data.lstrip().startswith(b"%PDF"):
        raise ReportError(name, "not a PDF file (no %PDF header)")
    quiet = logging.getLogger("pypdf")
    if quiet.level == logging.NOTSET:  # its warnings about damaged files would break the progress display
        quiet.setLevel(logging.ERROR)
    try:
        pdf = PdfReader(io.BytesIO(data))
        # An owner-password-only PDF (printing or copying restricted) opens with the empty user
        # password, as in every viewer; AES needs the `cryptography` package (a dependency).
        if pdf.is_encrypted and not pdf.decrypt(""):
            raise ReportError(name, "the PDF is encrypted with a password; decrypt it first")
        pages = [(page.extract_text() or "") for page in pdf.pages]
        title = _pdf_title(pdf)
    except ReportError:
        raise
    except DependencyError as error:  # AES without `cryptography`, in an installation that lacks it
        raise ReportError(
            name, f"the PDF is AES-encrypted and reading it needs {error}: pip install cryptography"
        ) from error
    except Exception as error:  # pypdf raises many kinds on damaged files
        raise ReportError(name, f"not a readable PDF: {type(error).__name__}: {error}") from error
    pages, text_layer = _ocr_where_needed(pdf, pages, name)
    letters = sum(ch.isalpha() for page in pages for ch in page)
    if letters < MIN_LETTERS_PER_PAGE * max(len(pages), 1):
        raise ReportError(
            name, f"no text layer, needs OCR ({letters} letters of text in {_pages(len(pages))}; see --ocr)"
        )
    margins = drop_running_lines(pages)
    extra = {"text_layer": text_layer}
    if margins.dropped:
        extra["margin_lines_dropped"] = str(margins.dropped)
    return converted_report(join_pages(margins.pages), name, report_id, "PDF", ReportMeta(title=title, extra=extra), "")


def _ocr_where_needed(pdf: Any, pages: list[str], name: str) -> tuple[list[str], str]:
    """OCR (see `hrevents.ocr`) for the pages that need it in the mode asked; the text layer's provenance.

    In `auto` a document that has a text layer elsewhere keeps its image-only pages empty
    when tesseract is missing (a chart, a blank page); a document with no text at all fails
    with the command that installs tesseract.
    """
    from hrevents import ocr

    mode = ocr.ocr_mode()
    if mode == "never":
        return pages, "pdf"
    bare = [i for i, page in enumerate(pages) if sum(ch.isalpha() for ch in page) < MIN_LETTERS_PER_PAGE]
    which = list(range(len(pages))) if mode == "always" else bare
    if not which:
        return pages, "pdf"
    letters = sum(ch.isalpha() for page in pages for ch in page)
    if mode == "auto" and ocr.find_tesseract() is None and letters >= MIN_LETTERS_PER_PAGE * max(len(pages), 1):
        return pages, "pdf"
    try:
        done, note = ocr.ocr_pages(pdf, pages, which, name)
    except ReportError:
        raise
    except Exception as error:  # pypdf and Pillow errors on the page images
        raise ReportError(name, f"OCR: cannot read the page images: {type(error).__name__}: {error}") from error
    if not note:
        return pages, "pdf"
    return done, note if mode == "always" or len(which) == len(pages) else f"pdf; {note}"


def _pages(count: int) -> str:
    return f"{count} page" if count == 1 else f"{count} pages"


def _pdf_title(pdf: Any) -> str | None:
    try:
        metadata = pdf.metadata
        title = metadata.title if metadata else None
    except Exception:
        return None
    return str(title).strip() or None if title else None


def join_pages(pages: list[str]) -> str:
    """Pages in order; a page break inside a sentence is a line break, else a paragraph break."""
    text = ""
    for page in pages:
        page = page.strip("\n")
        if not page.strip():
            continue
        if text:
            text += "\n\n" if SENTENCE_END.search(text) else "\n"
        text += page
    return text


# --- HTML -----------------------------------------------------------------------------


def html_report(data: bytes, name: str, report_id: str) -> Report:
    """A web page's main text (trafilatura's choice, see `hrevents.webpage`) and its dates."""
    try:
        from bs4 import BeautifulSoup, Comment, Declaration, Doctype, ProcessingInstruction

        from hrevents import webpage
    except ImportError as error:
        raise _missing(name, "beautifulsoup4", "HTML files") from error
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReportError(name, "binary file (NUL bytes), not an HTML page")
    # html.parser (the standard library's) rather than lxml: the same text on every machine.
    soup = BeautifulSoup(data, "html.parser")
    encoding = (soup.original_encoding or "utf-8").lower()
    encoding = "utf-8" if encoding == "ascii" else encoding
    for node in soup.find_all(string=lambda s: isinstance(s, (Comment, Declaration, Doctype, ProcessingInstruction))):
        node.extract()
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    headings = [tag.get_text(" ", strip=True) for tag in soup.find_all(webpage.HEADINGS)[:8]]
    extra: dict[str, str] = {}
    published = webpage.published_date(soup, lambda: str(soup))
    if published is not None:
        extra["published_from"] = published.source
    covers = webpage.covers_from_headings([*headings, title or ""])
    if covers is not None:
        extra["covers_from"] = covers[1]
    try:
        text = webpage.main_text(soup)
    except ImportError as error:
        raise _missing(name, "trafilatura", "HTML files") from error
    meta = ReportMeta(
        title=title or None,
        published=published.value if published else None,
        covers=covers[0] if covers else None,
        extra=extra,
    )
    return converted_report(text, name, report_id, "HTML page", meta, encoding)


# --- Word .docx -----------------------------------------------------------------------


def docx_report(data: bytes, name: str, report_id: str) -> Report:
    try:
        import docx
    except ImportError as error:
        raise _missing(name, "python-docx", "Word .docx files") from error
    if not data.startswith(b"PK"):
        raise ReportError(name, "not a Word .docx file (not a ZIP package)")
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = list(_docx_blocks(document))
        title = (document.core_properties.title or "").strip() or None
    except Exception as error:  # zipfile, lxml and python-docx errors on damaged files
        raise ReportError(name, f"not a readable Word .docx file: {type(error).__name__}: {error}") from error
    return converted_report("\n\n".join(blocks), name, report_id, "Word document", ReportMeta(title=title), "")


def _docx_blocks(document: Any) -> Iterator[str]:
    """Paragraphs and table cells in document order, one block each."""
    from docx.table import Table

    for item in document.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = " ".join(cell.text.split())
                    if text and (not cells or cells[-1] != text):  # merged cells repeat
                        cells.append(text)
                if cells:
                    yield "\n".join(cells)
        else:
            text = item.text.strip()
            if text:
                yield text
