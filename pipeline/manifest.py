"""Manifests: report metadata kept outside the files (a CSV with one row per report)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from hrevents.models import Report

COLUMNS = ("path", "report_id", "published", "covers", "title", "source")


@dataclass(frozen=True)
class ManifestEntry:
    path: Path
    report_id: str | None
    published: dt.date | None
    covers: str | None
    title: str | None
    source: str | None

    def apply(self, report: Report) -> Report:
        """Manifest values win over front matter: the user stated them on purpose."""
        meta = report.meta.model_copy(
            update={
                key: value
                for key, value in {
                    "published": self.published,
                    "covers": self.covers,
                    "title": self.title,
                    "source": self.source,
                }.items()
                if value is not None
            }
        )
        return report.model_copy(update={"meta": meta, "report_id": self.report_id or report.report_id})


def read_manifest(path: Path) -> dict[str, ManifestEntry]:
    """Entries keyed by path as given (relative to the manifest's folder) and by file name."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    if "path" not in frame.columns:
        raise ValueError(f"{path}: a manifest needs a `path` column (columns: {', '.join(COLUMNS)})")
    unknown = set(frame.columns) - set(COLUMNS)
    if unknown:
        raise ValueError(f"{path}: unknown manifest columns {sorted(unknown)} (known: {', '.join(COLUMNS)})")
    entries: dict[str, ManifestEntry] = {}
    for number, row in enumerate(frame.to_dict(orient="records"), start=2):
        target = Path(row["path"])
        if not target.is_absolute():
            target = path.parent / target
        published = row.get("published") or None
        try:
            published_date = dt.date.fromisoformat(published) if published else None
        except ValueError as error:
            raise ValueError(f"{path}:{number}: published {published!r} is not an ISO date") from error
        entry = ManifestEntry(
            target,
            row.get("report_id") or None,
            published_date,
            row.get("covers") or None,
            row.get("title") or None,
            row.get("source") or None,
        )
        entries[str(target)] = entry
        entries.setdefault(target.name, entry)
    return entries
