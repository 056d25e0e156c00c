"""Input formats: everything becomes a text report before extraction (SPEC section 3).

Plain text and Markdown are read as they are, so event offsets point into the file.
Other formats are converted to text first; their offsets point into that text.
"""

from __future__ import annotations

from pathlib import Path

from hrevents.errors import ReportError
from hrevents.models import Report
from hrevents.reader import TEXT_SUFFIXES, read_report

SUPPORTED_SUFFIXES = frozenset(TEXT_SUFFIXES)


def read_any(path: Path, report_id: str | None = None, max_bytes: int | None = None) -> Report:
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return read_report(path, report_id=report_id, max_bytes=max_bytes)
    raise ReportError(str(path), f"unsupported file type {suffix!r} (supported: {', '.join(sorted(SUPPORTED_SUFFIXES))})")
