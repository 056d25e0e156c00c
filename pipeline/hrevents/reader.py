"""Reading a report file: bytes on disk to text, front matter and a stable report id.

`read_report` is the one way every command (extract, evaluate, review, gold import,
annotation) reads a report, whatever its format: `.txt`/`.md` are decoded here, PDF, HTML and
Word files are converted by `hrevents.formats`.

Offsets in event records point into the text exactly as read (SPEC section 4), so the
reader never alters a text file; the front matter is parsed but left in place and
`body_start` says where the body begins.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import yaml

from hrevents.errors import ReportError
from hrevents.formats import DOCX_SUFFIXES, HTML_SUFFIXES, PDF_SUFFIXES, docx_report, html_report, pdf_report
from hrevents_models import Report, ReportMeta

FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)^---[ \t]*(\r?\n|\Z)", re.S | re.M)
KNOWN_KEYS = frozenset({"title", "published", "covers", "source", "licence"})
TEXT_SUFFIXES = frozenset({".txt", ".md"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES | HTML_SUFFIXES | DOCX_SUFFIXES


UTF16_32_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def decode(data: bytes, path: str) -> tuple[str, str]:
    """UTF-8 first, then a UTF-16/32 byte-order mark, then detection; returns (text, encoding used)."""
    for bom, encoding in UTF16_32_BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError as error:
                problem = f"starts with a {encoding} byte-order mark but is not valid {encoding}"
                raise ReportError(path, problem) from error
    if b"\x00" in data[:4096]:
        raise ReportError(path, "binary file (NUL bytes), not a text report")
    try:
        return data.decode("utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ReportError(path, "not valid UTF-8 and no text encoding could be detected")
    return str(best), best.encoding


def parse_front_matter(text: str, path: str) -> tuple[ReportMeta, int]:
    """Return the metadata and the offset where the body starts (0 without front matter)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return ReportMeta(), 0
    try:
        data = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as error:
        raise ReportError(path, f"front matter is not valid YAML: {error}") from error
    if not isinstance(data, dict):
        raise ReportError(path, "front matter must be `key: value` lines")
    known = {key: data[key] for key in KNOWN_KEYS & data.keys()}
    if isinstance(known.get("published"), str):
        try:
            known["published"] = dt.date.fromisoformat(known["published"])
        except ValueError as error:
            raise ReportError(path, f"front matter `published` is not an ISO date: {error}") from error
    extra = {str(key): str(value) for key, value in data.items() if key not in KNOWN_KEYS}
    try:
        meta = ReportMeta(**known, extra=extra)
    except ValueError as error:
        raise ReportError(path, f"front matter: {error}") from error
    return meta, match.end()


def report_from_text(text: str, report_id: str, path: str = "<text>", encoding: str = "utf-8") -> Report:
    """Build a report from text already in memory (tests, the API, other formats)."""
    meta, body_start = parse_front_matter(text, path)
    if not text[body_start:].strip():
        raise ReportError(path, "the report is empty")
    return Report(report_id=report_id, path=path, text=text, body_start=body_start, meta=meta, encoding=encoding)


def load_bytes(path: Path, max_bytes: int | None = None, name: str | None = None) -> bytes:
    """The file's bytes, refusing files over `max_bytes` before reading them; errors name `name`."""
    name = name or str(path)
    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise ReportError(name, f"file is {size:,} bytes, over the limit of {max_bytes:,} (see --max-bytes)")
        data = path.read_bytes()
    except OSError as error:
        raise ReportError(name, f"cannot read: {error.strerror or error}") from error
    if max_bytes is not None and len(data) > max_bytes:  # grew since stat()
        raise ReportError(name, f"file is {len(data):,} bytes, over the limit of {max_bytes:,} (see --max-bytes)")
    return data


def text_report(data: bytes, name: str, report_id: str) -> Report:
    """A `.txt`/`.md` report from its bytes; text with many control characters is binary."""
    text, encoding = decode(data, name)
    controls = len(CONTROL_CHARACTERS.findall(text))
    if controls > max(8, len(text) // 100):
        raise ReportError(name, f"binary file ({controls:,} control characters), not a text report")
    return report_from_text(text, report_id, name, encoding)


def check_supported(path: Path) -> None:
    if Path(path).suffix.lower() not in SUPPORTED_SUFFIXES:
        raise _unsupported(str(path))


def _unsupported(name: str) -> ReportError:
    suffix = Path(name).suffix.lower()
    return ReportError(name, f"unsupported file type {suffix!r} (supported: {', '.join(sorted(SUPPORTED_SUFFIXES))})")


def report_from_bytes(data: bytes, name: str, report_id: str) -> Report:
    """Convert the bytes of a file called `name` (the suffix picks the format) into a report."""
    suffix = Path(name).suffix.lower()
    convert: Callable[[bytes, str, str], Report]
    if suffix in TEXT_SUFFIXES:
        convert = text_report
    elif suffix in PDF_SUFFIXES:
        convert = pdf_report
    elif suffix in HTML_SUFFIXES:
        convert = html_report
    elif suffix in DOCX_SUFFIXES:
        convert = docx_report
    else:
        raise _unsupported(name)
    if not data.strip():
        raise ReportError(name, "the file is empty")
    return convert(data, name, report_id)


def read_report(path: str | Path, report_id: str | None = None, max_bytes: int | None = None) -> Report:
    """Read one report file of any supported format; the id defaults to the file name without extension."""
    path = Path(path)
    check_supported(path)
    return report_from_bytes(load_bytes(path, max_bytes), str(path), report_id or path.stem)
