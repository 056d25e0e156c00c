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

import datetime as dt
import io
import logging
import re
from collections.abc import Iterator
from typing import Any

from hrevents.errors import ReportError
from hrevents_models import Report, ReportMeta

PDF_SUFFIXES = frozenset({".pdf"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
DOCX_SUFFIXES = frozenset({".docx"})

# A PDF whose text layer has fewer letters than this per page is a scan (at most a page
# number or a stamp in text): extracting from it would silently find nothing.
MIN_LETTERS_PER_PAGE = 20
HTML_DROP = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "footer",
    "header",
    "aside",
    "form",
    "button",
    "iframe",
    "svg",
    "canvas",
    "select",
    "menu",
    "dialog",
    "head",
)
HTML_DROP_ROLES = ("navigation", "banner", "contentinfo", "search", "complementary", "menu", "menubar", "dialog")
HTML_BLOCKS = (
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "caption",
    "figure",
    "figcaption",
    "hr",
    "address",
    "details",
    "summary",
    "body",
)
HTML_CELLS = ("td", "th")
PARAGRAPH, LINE, CELL = "\u2029", "\u2028", "\u001f"
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
    letters = sum(ch.isalpha() for page in pages for ch in page)
    if letters < MIN_LETTERS_PER_PAGE * max(len(pages), 1):
        raise ReportError(name, f"no text layer, needs OCR ({letters} letters of text in {_pages(len(pages))})")
    return converted_report(join_pages(pages), name, report_id, "PDF", ReportMeta(title=title), "")


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
    try:
        from bs4 import BeautifulSoup
    except ImportError as error:
        raise _missing(name, "beautifulsoup4", "HTML files") from error
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReportError(name, "binary file (NUL bytes), not an HTML page")
    # html.parser (the standard library's) rather than lxml: the same text on every machine.
    soup = BeautifulSoup(data, "html.parser")
    encoding = (soup.original_encoding or "utf-8").lower()
    encoding = "utf-8" if encoding == "ascii" else encoding
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    published = _html_published(soup)
    text = html_main_text(soup)
    return converted_report(
        text, name, report_id, "HTML page", ReportMeta(title=title or None, published=published), encoding
    )


def html_main_text(soup: Any) -> str:
    """The page's main text: boilerplate elements dropped, one paragraph per block element."""
    from bs4 import Comment, Declaration, Doctype, ProcessingInstruction

    for node in soup.find_all(string=lambda s: isinstance(s, (Comment, Doctype, Declaration, ProcessingInstruction))):
        node.extract()
    for tag in soup.find_all(HTML_DROP):
        tag.decompose()
    for tag in soup.find_all(attrs={"role": True}):
        if not tag.decomposed and str(tag.get("role", "")).lower() in HTML_DROP_ROLES:
            tag.decompose()
    for tag in soup.find_all(attrs={"hidden": True}):
        if not tag.decomposed:
            tag.decompose()
    root = soup.find("main") or _largest(soup.find_all("article")) or soup.body or soup
    for tag in root.find_all("br"):
        tag.replace_with(LINE)
    for tag in root.find_all(HTML_CELLS):
        tag.insert_after(CELL)
    for tag in root.find_all(HTML_BLOCKS):
        tag.insert_before(PARAGRAPH)
        tag.insert_after(PARAGRAPH)
    for tag in root.find_all("pre"):
        tag.replace_with(PARAGRAPH + tag.get_text().replace("\n", LINE) + PARAGRAPH)
    flat = SPACES.sub(" ", root.get_text())
    paragraphs = []
    for block in flat.split(PARAGRAPH):
        lines = [" ".join(line.replace(CELL, " ").split()) for line in block.split(LINE)]
        text = "\n".join(line for line in lines if line)
        if text:
            paragraphs.append(text)
    return "\n\n".join(paragraphs)


def _largest(tags: list[Any]) -> Any:
    return max(tags, key=lambda tag: len(tag.get_text()), default=None)


def _html_published(soup: Any) -> dt.date | None:
    for attrs in (
        {"property": "article:published_time"},
        {"name": "date"},
        {"name": "dcterms.date"},
        {"name": "DC.date"},
        {"itemprop": "datePublished"},
    ):
        tag = soup.find("meta", attrs=attrs)
        content = str(tag.get("content", "")) if tag else ""
        try:
            return dt.date.fromisoformat(content[:10])
        except ValueError:
            continue
    return None


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
