"""Reading a report file: bytes on disk to text, front matter and a stable report id.

`read_report` is the one way every command (extract, evaluate, review, gold import,
annotation) reads a report, whatever its format: `.txt`/`.md` are decoded here, PDF, HTML and
Word files are converted by `hrevents.formats`.

Offsets in event records point into the text exactly as read (SPEC section 4), so the
reader never alters a text file; the front matter is parsed but left in place and
`body_start` says where the body begins.
"""

from __future__ import annotations

import codecs
import datetime as dt
import difflib
import logging
import os
import re
import stat
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from hrevents.errors import ReportError
from hrevents.formats import DOCX_SUFFIXES, HTML_SUFFIXES, PDF_SUFFIXES, docx_report, html_report, pdf_report
from hrevents_models import Report, ReportMeta

FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)^---[ \t]*(\r?\n|\Z)", re.S | re.M)
OPENING = re.compile(r"\A\ufeff?---[ \t]*\r?\n")
KNOWN_KEYS = frozenset({"title", "published", "covers", "source", "licence"})
YEAR_KEYS = frozenset({"published", "covers"})  # the keys dates without a year are read against
TEXT_SUFFIXES = frozenset({".txt", ".md"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES | HTML_SUFFIXES | DOCX_SUFFIXES
log = logging.getLogger("hrevents")


UTF16_32_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


# The order in which a text file is decoded (README, "Reports"): 1. UTF-16/32 by byte-order
# mark; 2. UTF-8; if it is not valid UTF-8: 3. the encoding given by `--encoding`, if any;
# else 4. UTF-8 with the bad bytes replaced, when the file's valid multi-byte UTF-8 sequences
# outnumber its bad bytes (a stray byte in a UTF-8 file); else 5. cp1252 (Windows Western, a
# superset of Latin-1's letters) when that gives Western text; else 6. detection by
# charset_normalizer. Steps 3-6 are warnings; an implausible result of 3, 5 or 6 is an error.
LEGACY_ENCODING = "cp1252"
VALID_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
MAX_OFFSETS_SHOWN = 10
ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
# A cp1252 reading where more than this share of the letters is not ASCII is not a Western
# European text (a Cyrillic or Greek file read with the wrong code page looks like that).
MAX_NON_ASCII_LETTERS = 0.3
# A decoding is implausible when under this share of its visible characters are letters, or
# when many of its words mix scripts ("Gudأ؛": a UTF-8 "ú" read as cp1256); real text
# seldom mixes scripts inside a word.
MIN_LETTER_SHARE = 0.5
MAX_MIXED_WORDS = 0.2
WORD = re.compile(r"[^\W\d_]+")


@dataclass
class Decoded:
    """A decoded text, the encoding used and the warnings a user must see (not UTF-8, bad bytes)."""

    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def decode(data: bytes, path: str, encoding: str | None = None) -> tuple[str, str]:
    """The text and the encoding used (see `decode_text` for the order and its warnings)."""
    decoded = decode_text(data, path, encoding)
    return decoded.text, decoded.encoding


def decode_text(data: bytes, path: str, encoding: str | None = None) -> Decoded:
    """Decode a text file in the documented order (LEGACY_ENCODING above), or by `encoding` when given.

    Never guesses silently: any decoding but clean UTF-8 carries a warning, and a guess that
    gives implausible text (mostly non-letters, mixed scripts) is an error, because names
    read from it would be wrong.
    """
    for bom, bom_encoding in UTF16_32_BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(bom_encoding), bom_encoding)
            except UnicodeDecodeError as error:
                problem = f"starts with a {bom_encoding} byte-order mark but is not valid {bom_encoding}"
                raise ReportError(path, problem) from error
    if b"\x00" in data[:4096]:
        raise ReportError(path, "binary file (NUL bytes), not a text report")
    utf8 = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    try:
        return Decoded(data.decode(utf8), "utf-8")
    except UnicodeDecodeError:
        pass
    if encoding:
        return _decode_as(data, path, encoding)
    escaped = data.decode(utf8, errors="surrogateescape")  # each invalid byte becomes one lone surrogate
    bad = len(ESCAPED_BYTE.findall(escaped))
    if len(VALID_MULTIBYTE.findall(data)) >= bad:
        return _utf8_replacing(escaped, utf8)
    legacy = data.decode(LEGACY_ENCODING, errors="replace")
    if "\ufffd" not in legacy and _non_ascii_letter_share(legacy) <= MAX_NON_ASCII_LETTERS:
        _check_plausible(legacy, path, LEGACY_ENCODING)
        return Decoded(legacy, LEGACY_ENCODING, [_not_utf8(LEGACY_ENCODING, "the legacy Western encoding")])
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ReportError(path, "not valid UTF-8 and no text encoding could be detected; give one with --encoding")
    text = str(best)
    _check_plausible(text, path, best.encoding)
    return Decoded(text, best.encoding, [_not_utf8(best.encoding, "a guess by charset detection")])


def _decode_as(data: bytes, path: str, encoding: str) -> Decoded:
    try:
        text = data.decode(encoding)
    except LookupError as error:
        raise ReportError(path, f"unknown encoding {encoding!r} (--encoding)") from error
    except UnicodeDecodeError as error:
        raise ReportError(path, f"not valid {encoding} (--encoding) at byte offset {error.start}") from error
    name = codecs.lookup(encoding).name
    _check_plausible(text, path, f"{name} (--encoding)")
    return Decoded(text, name, [_not_utf8(name, "given by --encoding")])


def _utf8_replacing(escaped: str, utf8: str) -> Decoded:
    """UTF-8 with each invalid byte replaced by U+FFFD; the warning names the byte offsets.

    `escaped` is the file decoded with `surrogateescape`: one lone surrogate per bad byte.
    """
    bad: list[int] = []
    done_bytes = 3 if utf8 == "utf-8-sig" else 0
    done_chars = 0
    for match in ESCAPED_BYTE.finditer(escaped):
        done_bytes += len(escaped[done_chars : match.start()].encode("utf-8"))
        bad.append(done_bytes)
        done_bytes, done_chars = done_bytes + 1, match.end()
    text = ESCAPED_BYTE.sub("\ufffd", escaped)
    shown = ", ".join(str(offset) for offset in bad[:MAX_OFFSETS_SHOWN])
    more = f" and {len(bad) - MAX_OFFSETS_SHOWN:,} more" if len(bad) > MAX_OFFSETS_SHOWN else ""
    count = "1 byte" if len(bad) == 1 else f"{len(bad):,} bytes"
    warning = (
        f"not valid UTF-8 at byte offset{'s' if len(bad) > 1 else ''} {shown}{more} ({count}): "
        "read as UTF-8 with those bytes replaced by U+FFFD"
    )
    return Decoded(text, "utf-8", [warning])


def _not_utf8(encoding: str, why: str) -> str:
    return f"not UTF-8: decoded as {encoding} ({why}); check names with accents, or give --encoding"


def _non_ascii_letter_share(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    return sum(not ch.isascii() for ch in letters) / len(letters) if letters else 1.0


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else "?"


def _check_plausible(text: str, path: str, encoding: str) -> None:
    """Refuse a guessed decoding that does not look like text in one script."""
    visible = [ch for ch in text if not ch.isspace()]
    letters = [ch for ch in visible if ch.isalpha()]
    if not visible or len(letters) < MIN_LETTER_SHARE * len(visible):
        share = len(letters) / len(visible) if visible else 0.0
        raise ReportError(
            path,
            f"not valid UTF-8, and decoded as {encoding} it is implausible text ({share:.0%} letters); "
            "give the right encoding with --encoding",
        )
    words = [word for word in WORD.findall(text) if not word.isascii()]
    mixed = [word for word in words if len({_script(ch) for ch in word}) > 1]
    if words and len(mixed) > MAX_MIXED_WORDS * len(words):
        examples = ", ".join(repr(word) for word in mixed[:3])
        raise ReportError(
            path,
            f"not valid UTF-8, and decoded as {encoding} {len(mixed):,} words mix scripts ({examples}): implausible; "
            "give the right encoding with --encoding",
        )


def parse_front_matter(text: str, path: str, warnings: list[str] | None = None) -> tuple[ReportMeta, int]:
    """Return the metadata and the offset where the body starts (0 without front matter).

    What would silently change the results is appended to `warnings`: front matter opened
    but never closed (read as body text), and unknown keys close to a known one ("cover").
    """
    match = FRONT_MATTER.match(text)
    if not match:
        if OPENING.match(text) and warnings is not None:
            warnings.append("front matter opened by '---' on line 1 is never closed by a '---' line: read as body text")
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
    if warnings is not None:
        warnings.extend(_misspelled_keys(extra, known))
    try:
        meta = ReportMeta(**known, extra=extra)
    except ValueError as error:
        raise ReportError(path, f"front matter: {error}") from error
    return meta, match.end()


def _misspelled_keys(extra: dict[str, str], known: dict[str, object]) -> list[str]:
    """A warning for each unknown key that looks like a known one the front matter lacks."""
    found = []
    for key in extra:
        close = difflib.get_close_matches(key.lower(), sorted(KNOWN_KEYS - known.keys()), n=1, cutoff=0.7)
        if not close:
            continue
        what = f"front matter key {key!r} is not known, did you mean {close[0]!r}? It is ignored"
        if close[0] in YEAR_KEYS:
            what += f'; without {close[0]!r} a date without a year ("On June 8") may get no year or another one'
        found.append(what)
    return found


def report_from_text(
    text: str, report_id: str, path: str = "<text>", encoding: str = "utf-8", warnings: list[str] | None = None
) -> Report:
    """Build a report from text already in memory (tests, the API, other formats)."""
    meta, body_start = parse_front_matter(text, path, warnings)
    if not text[body_start:].strip():
        raise ReportError(path, "the report is empty")
    return Report(report_id=report_id, path=path, text=text, body_start=body_start, meta=meta, encoding=encoding)


def load_bytes(path: Path, max_bytes: int | None = None, name: str | None = None) -> bytes:
    """The file's bytes, refusing files over `max_bytes` before reading them; errors name `name`.

    Only a regular file is read: a FIFO, socket or device named like a report would block the
    batch forever or read without end, so it is refused (opened non-blocking, never read).
    """
    name = name or str(path)
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except (OSError, ValueError) as error:
        raise ReportError(name, f"cannot read: {_reason(error)}") from error
    with os.fdopen(handle, "rb") as file:
        try:
            info = os.fstat(file.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise ReportError(name, f"not a regular file ({file_kind(info.st_mode)}), not a report")
            if max_bytes is not None and info.st_size > max_bytes:
                limit = f"over the limit of {max_bytes:,} (see --max-bytes)"
                raise ReportError(name, f"file is {info.st_size:,} bytes, {limit}")
            data = file.read() if max_bytes is None else file.read(max_bytes + 1)
        except OSError as error:
            raise ReportError(name, f"cannot read: {_reason(error)}") from error
    if max_bytes is not None and len(data) > max_bytes:  # grew since stat()
        raise ReportError(name, f"file is over the limit of {max_bytes:,} bytes (see --max-bytes)")
    return data


def _reason(error: Exception) -> str:
    return (error.strerror if isinstance(error, OSError) else None) or str(error)


def file_kind(mode: int) -> str:
    """What a non-regular file is, in words."""
    for test, kind in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return kind
    return "not a regular file"


def text_report(
    data: bytes, name: str, report_id: str, encoding: str | None = None, warnings: list[str] | None = None
) -> Report:
    """A `.txt`/`.md` report from its bytes; text with many control characters is binary.

    `encoding` overrides the decoding order (`--encoding`); decoding and front-matter warnings
    are appended to `warnings`.
    """
    decoded = decode_text(data, name, encoding)
    text = decoded.text
    if warnings is not None:
        warnings.extend(decoded.warnings)
    controls = len(CONTROL_CHARACTERS.findall(text))
    if controls > max(8, len(text) // 100):
        raise ReportError(name, f"binary file ({controls:,} control characters), not a text report")
    return report_from_text(text, report_id, name, decoded.encoding, warnings)


def check_supported(path: Path) -> None:
    if Path(path).suffix.lower() not in SUPPORTED_SUFFIXES:
        raise _unsupported(str(path))


def _unsupported(name: str) -> ReportError:
    suffix = Path(name).suffix.lower()
    return ReportError(name, f"unsupported file type {suffix!r} (supported: {', '.join(sorted(SUPPORTED_SUFFIXES))})")


def report_from_bytes(
    data: bytes, name: str, report_id: str, encoding: str | None = None, warnings: list[str] | None = None
) -> Report:
    """Convert the bytes of a file called `name` (the suffix picks the format) into a report.

    `encoding` and `warnings` concern text files (see `text_report`).
    """
    suffix = Path(name).suffix.lower()
    convert: Callable[[bytes, str, str], Report]
    if suffix in TEXT_SUFFIXES:
        if not data.strip():
            raise ReportError(name, "the file is empty")
        return text_report(data, name, report_id, encoding, warnings)
    if suffix in PDF_SUFFIXES:
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


def read_report(
    path: str | Path,
    report_id: str | None = None,
    max_bytes: int | None = None,
    encoding: str | None = None,
    warnings: list[str] | None = None,
) -> Report:
    """Read one report file of any supported format; the id defaults to the file name without extension.

    Warnings (not UTF-8, bad bytes, front matter) go to `warnings` when given, else to the
    `hrevents` logger, so no command reads a doubtful file without saying so.
    """
    path = Path(path)
    check_supported(path)
    found: list[str] = []
    report = report_from_bytes(load_bytes(path, max_bytes), str(path), report_id or path.stem, encoding, found)
    if warnings is not None:
        warnings.extend(found)
    else:
        for warning in found:
            log.warning("%s: %s", path, warning)
    return report
