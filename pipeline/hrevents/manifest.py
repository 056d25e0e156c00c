"""Manifests: report metadata kept outside the files (a CSV with one row per report).

Columns: `path, report_id, published, covers, title, source`; only `path` is required, and
an empty cell means "not given" (front matter, or the file name for the id, applies).
A relative `path` is relative to the manifest's own folder.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from hrevents_models import Report

COLUMNS = ("path", "report_id", "published", "covers", "title", "source")


@dataclass(frozen=True)
class ManifestEntry:
    path: Path
    report_id: str | None = None
    published: dt.date | None = None
    covers: str | None = None
    title: str | None = None
    source: str | None = None

    def values(self) -> dict[str, object]:
        return {"published": self.published, "covers": self.covers, "title": self.title, "source": self.source}

    def apply(self, report: Report) -> Report:
        """Manifest values win over front matter: the user stated them on purpose."""
        meta = report.meta.model_copy(update={key: value for key, value in self.values().items() if value is not None})
        return report.model_copy(update={"meta": meta, "report_id": self.report_id or report.report_id})

    def fingerprint(self) -> str:
        """What a result depends on besides the file's bytes (a change means re-processing)."""
        data = {"report_id": self.report_id, **{k: None if v is None else str(v) for k, v in self.values().items()}}
        return json.dumps(data, sort_keys=True)


@dataclass
class Manifest:
    """Entries by absolute path, and by file name where that name is unique in the manifest."""

    source: Path | None = None
    by_path: dict[str, ManifestEntry] = field(default_factory=dict)
    by_name: dict[str, ManifestEntry | None] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.by_path)

    def __len__(self) -> int:
        return len(self.by_path)

    def paths(self) -> list[Path]:
        return [entry.path for entry in self.by_path.values()]

    def find(self, path: Path) -> ManifestEntry | None:
        key = str(path.resolve())
        if key in self.by_path:
            return self.by_path[key]
        return self.by_name.get(path.name)

    # dict-like access by path or file name, as earlier versions offered
    def get(self, key: str) -> ManifestEntry | None:
        return self.find(Path(key)) if key else None

    def values(self):
        return self.by_path.values()


def inputs_hash(report_id: str, entry: ManifestEntry | None, encoding: str | None = None) -> str:
    """What a result depends on besides the bytes: the id, manifest metadata and any --encoding."""
    text = f"{report_id}|{entry.fingerprint() if entry else ''}"
    if encoding:  # only when given, so results from before the option stay current
        text += f"|encoding={encoding}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def read_manifest(path: Path) -> Manifest:
    """Read and check a manifest CSV (UTF-8, with or without a byte-order mark)."""
    path = Path(path)
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.reader(handle))
    except OSError as error:
        raise ValueError(f"{path}: cannot read the manifest: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise ValueError(f"{path}: the manifest is not UTF-8 text: {error}") from error
    header = _header(rows, path)
    manifest = Manifest(source=path)
    ids: dict[str, int] = {}
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header):
            raise ValueError(f"{path}:{number}: {len(cells)} cells but the header has {len(header)} columns")
        row = {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(header)}
        entry = _entry(row, f"{path}:{number}", path.parent)
        if entry.report_id is not None:
            if entry.report_id in ids:
                raise ValueError(
                    f"{path}:{number}: report_id {entry.report_id!r} is also given on line {ids[entry.report_id]}"
                )
            ids[entry.report_id] = number
        key = str(entry.path.resolve())
        if key in manifest.by_path:
            raise ValueError(f"{path}:{number}: {row['path']} is listed twice")
        manifest.by_path[key] = entry
        # a bare name matches a file found elsewhere only if no other entry has the same name
        name = entry.path.name
        manifest.by_name[name] = None if name in manifest.by_name else entry
    return manifest


def _header(rows: list[list[str]], path: Path) -> list[str]:
    """The column names of the first row, checked: `path` present, none unknown or repeated."""
    if not rows:
        raise ValueError(f"{path}: the manifest is empty; it needs a header row ({', '.join(COLUMNS)})")
    header = [name.strip().lower() for name in rows[0]]
    if "path" not in header:
        raise ValueError(f"{path}: a manifest needs a `path` column (columns: {', '.join(COLUMNS)})")
    unknown = [name for name in header if name not in COLUMNS]
    if unknown:
        raise ValueError(f"{path}: unknown manifest columns {unknown} (known: {', '.join(COLUMNS)})")
    if len(set(header)) != len(header):
        raise ValueError(f"{path}: a manifest column appears twice in the header")
    return header


def _entry(row: dict[str, str], where: str, folder: Path) -> ManifestEntry:
    """One row as an entry; a relative path is relative to the manifest's `folder`."""
    if not row["path"]:
        raise ValueError(f"{where}: the `path` cell is empty")
    target = Path(row["path"])
    if not target.is_absolute():
        target = folder / target
    published = row.get("published") or None
    try:
        published_date = dt.date.fromisoformat(published) if published else None
    except ValueError as error:
        raise ValueError(f"{where}: published {published!r} is not an ISO date (YYYY-MM-DD)") from error
    return ManifestEntry(
        target,
        row.get("report_id") or None,
        published_date,
        row.get("covers") or None,
        row.get("title") or None,
        row.get("source") or None,
    )
