"""`gold import`: reviewed events into the gold set (SPEC section 5).

Rows marked `correct` or `corrected`, and events the reviewer `added` (ones the extractor
missed, marked in the report text on the review page), become gold events, rows marked `wrong` become
`rejected` entries (known false positives); rows with no decision are left out. A report
that is not in the gold yet is added with `complete: false`, since review only labels the
events the extractor found. An event already in the gold (same action, same person as
SPEC section 6 matches them) is never added twice, and a row whose evidence is not in the
report text (after collapsing whitespace) is refused with a message naming its line.

Lines of the gold file that the import does not touch are written back byte for byte.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from hrevents.errors import ReportError
from hrevents.reader import read_report
from hrevents.review import ReviewedRow, collapse, find_passage, index_report_files, keep_mode, read_reviewed
from hrevents.scoring.scorer import same_person
from hrevents.writers import atomic_path
from hrevents_models import GoldEvent, GoldReport, RejectedEvent

GOLD_FIELDS = ("action", "victim", "date", "perpetrator", "place", "destination", "detail", "evidence")


class GoldImportError(ValueError):
    """The gold file or the reviewed file cannot be used at all."""


@dataclass
class ImportResult:
    added: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    unreviewed: int = 0
    new_reports: list[str] = field(default_factory=list)
    completed_gaps: list[str] = field(default_factory=list)  # events added to reports marked complete
    written: bool = False

    def summary(self) -> str:
        lines = [
            f"{len(self.added)} gold event(s) added, {len(self.rejected)} rejected (false-positive) entry(ies) added, "
            f"{len(self.duplicates)} already in the gold, {self.unreviewed} row(s) without a decision, "
            f"{len(self.refused)} refused",
        ]
        if self.new_reports:
            lines.append(f"new report(s), marked complete: false: {', '.join(self.new_reports)}")
        for item in self.completed_gaps:
            lines.append(f"note: added to a report marked complete (the gold had missed it): {item}")
        for item in self.refused:
            lines.append(f"refused: {item}")
        return "\n".join(lines)


@dataclass
class GoldLine:
    """One line of the gold file: its text as read, and, for report lines, the parsed report."""

    raw: str
    data: dict | None = None
    report: GoldReport | None = None
    changed: bool = False


def read_gold_lines(path: Path) -> list[GoldLine]:
    if not path.exists():
        return []
    lines = []
    for number, raw in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not raw.strip():
            lines.append(GoldLine(raw))
            continue
        try:
            data = json.loads(raw)
            lines.append(GoldLine(raw, data, GoldReport.model_validate(data)))
        except (ValueError, json.JSONDecodeError) as error:
            raise GoldImportError(f"{path}:{number}: {error}") from error
    return lines


def same_event(action: str, victim: str, gold: GoldEvent) -> bool:
    """SPEC section 6 matching, tried both ways so aliases on either side count."""
    if gold.action != action:
        return False
    if same_person(victim, gold):
        return True
    return same_person(gold.victim, GoldEvent(action=action, victim=victim, evidence="-"))


def _value(row: ReviewedRow, name: str) -> str | None:
    value = collapse(row.fields.get(name, "") or "")
    return value or None


def gold_event_from_row(row: ReviewedRow) -> GoldEvent:
    data = {name: _value(row, name) for name in GOLD_FIELDS}
    return GoldEvent.model_validate(data)


def gold_event_dict(event: GoldEvent) -> dict:
    """The event as the labelling brief writes it: every field, null where unknown."""
    return {name: getattr(event, name) for name in GOLD_FIELDS}


class TextFinder:
    """Report texts by id: the gold's own `text_file`, else a search of the report folders."""

    def __init__(self, gold_path: Path, sources: Sequence[Path]) -> None:
        self.gold_dir = gold_path.parent
        self.sources = list(sources) or [p for p in (self.gold_dir / "reports",) if p.is_dir()]
        self._files: dict[str, Path] | None = None
        self._texts: dict[Path, tuple[str, str | None]] = {}

    def path_for(self, report_id: str, gold: GoldReport | None) -> Path | None:
        if gold is not None:
            return self.gold_dir / gold.text_file
        if self._files is None:
            self._files = index_report_files(self.sources)
        return self._files.get(report_id)

    def read(self, path: Path, report_id: str) -> tuple[str, str | None]:
        """(text, published) of a report file, read as the extractor reads it."""
        if path not in self._texts:
            report = read_report(path, report_id=report_id)
            published = report.meta.published.isoformat() if report.meta.published else None
            self._texts[path] = (report.text, published)
        return self._texts[path]

    def relative(self, path: Path) -> str:
        return relative_path(path, self.gold_dir)


def relative_path(path: Path, folder: Path) -> str:
    """`path` relative to `folder` (with `..` where needed), as the gold's `text_file` is written."""
    return Path(os.path.relpath(Path(path).resolve(), folder.resolve())).as_posix()


def merge_reviewed(rows: Sequence[ReviewedRow], lines: list[GoldLine], finder: TextFinder) -> ImportResult:
    """Apply reviewed rows to the parsed gold lines in place; returns what was done."""
    result = ImportResult()
    by_id: dict[str, GoldLine] = {line.report.report_id: line for line in lines if line.report is not None}
    positions: dict[int, int] = {}  # id(GoldEvent) -> where its evidence starts, for ordering new events
    for row in rows:
        if not row.status:
            result.unreviewed += 1
            continue
        label = row.describe()
        report_id = (row.fields.get("report_id") or "").strip()
        if not report_id:
            result.refused.append(f"{label}: no report_id")
            continue
        line = by_id.get(report_id)
        path = finder.path_for(report_id, line.report if line else None)
        if path is None or not path.is_file():
            where = (
                f"{path}"
                if path is not None
                else f"any of {', '.join(map(str, finder.sources)) or '(no --reports given)'}"
            )
            result.refused.append(f"{label}: the text of report {report_id!r} is not in {where}; pass --reports DIR")
            continue
        try:
            text, published = finder.read(path, report_id)
        except ReportError as error:
            result.refused.append(f"{label}: {error}")
            continue
        try:
            event = gold_event_from_row(row)
        except ValidationError as error:
            problem = "; ".join(f"{'.'.join(map(str, part['loc']))}: {part['msg']}" for part in error.errors())
            result.refused.append(f"{label}: not a valid event: {problem}")
            continue
        passage = find_passage(text, event.evidence)
        if passage is None:
            shown = event.evidence if len(event.evidence) <= 120 else event.evidence[:117] + "..."
            result.refused.append(
                f"{label}: evidence not found in {path} (even after collapsing whitespace): {shown!r}"
            )
            continue
        if line is None:
            data: dict[str, object] = {
                "report_id": report_id,
                "text_file": finder.relative(path),
                "published": published,
                "complete": False,
                "events": [],
                "rejected": [],
            }
            line = GoldLine(raw="", data=data, report=GoldReport.model_validate(data), changed=True)
            lines.append(line)
            by_id[report_id] = line
            result.new_reports.append(report_id)
        report = line.report
        assert report is not None and line.data is not None
        what = f"{report_id}: {event.action} of {event.victim}"
        rejected_match = [
            r
            for r in report.rejected
            if same_event(r.action, r.victim, GoldEvent(action=event.action, victim=event.victim, evidence="-"))
            or same_event(event.action, event.victim, GoldEvent(action=r.action, victim=r.victim, evidence="-"))
        ]
        gold_match = [g for g in report.events if same_event(event.action, event.victim, g)]
        if row.status in ("correct", "corrected", "added"):
            if gold_match:
                result.duplicates.append(what)
                continue
            if rejected_match:
                result.refused.append(
                    f"{label}: the gold lists {event.action} of {rejected_match[0].victim} as a known false positive "
                    "(rejected); remove that entry by hand if this review is right"
                )
                continue
            report.events.append(event)
            positions[id(event)] = passage[0]
            line.changed = True
            result.added.append(what)
            if report.complete and report_id not in result.new_reports:
                result.completed_gaps.append(what)
        else:  # wrong
            if gold_match:
                result.refused.append(
                    f"{label}: marked wrong, but the gold has this event ({gold_match[0].action} of "
                    f"{gold_match[0].victim}, evidence {gold_match[0].evidence!r}); "
                    "fix the gold by hand if this review is right"
                )
                continue
            if rejected_match:
                result.duplicates.append(what + " (rejected)")
                continue
            report.rejected.append(RejectedEvent(action=event.action, victim=event.victim))
            line.changed = True
            result.rejected.append(what)
    for line in lines:
        if not line.changed:
            continue
        assert line.report is not None and line.data is not None
        _write_back(line, positions)
    return result


def _write_back(line: GoldLine, positions: dict[int, int]) -> None:
    """Update the line's JSON from its report, keeping the keys and values it already had."""
    data, report = line.data, line.report
    assert data is not None and report is not None
    old_count = len(data.get("events", []))
    new_events = report.events[old_count:]
    new_events = sorted(new_events, key=lambda e: positions.get(id(e), 0))
    data["events"] = [*data.get("events", []), *(gold_event_dict(e) for e in new_events)]
    old_rejected = len(data.get("rejected", []))
    added_rejected = [r.model_dump() for r in report.rejected[old_rejected:]]
    if added_rejected or data.get("rejected"):
        data["rejected"] = [*data.get("rejected", []), *added_rejected]
    elif "rejected" in data and not line.raw:
        del data["rejected"]  # a new report with no rejected entries: leave the default out
    line.report = GoldReport.model_validate(data)  # never write what would not load
    line.raw = json.dumps(data, ensure_ascii=False)


def write_gold_lines(lines: Sequence[GoldLine], path: Path) -> None:
    text = "".join(line.raw + "\n" for line in lines)
    with atomic_path(path) as temporary:
        temporary.write_text(text, encoding="utf-8")
        keep_mode(temporary, path)


def import_reviewed(
    reviewed: str | Path,
    gold: str | Path,
    reports: Sequence[Path] = (),
    dry_run: bool = False,
    strict: bool = False,
) -> ImportResult:
    """Merge a reviewed CSV into a gold JSONL file (created when missing), atomically.

    With `strict`, nothing is written when any row is refused; otherwise the rows that can
    be imported are, and the refused ones are listed in the result.
    """
    reviewed, gold = Path(reviewed), Path(gold)
    rows = read_reviewed(reviewed)
    lines = read_gold_lines(gold)
    result = merge_reviewed(rows, lines, TextFinder(gold, reports))
    changed = bool(result.added or result.rejected)
    if changed and not dry_run and not (strict and result.refused):
        write_gold_lines(lines, gold)
        result.written = True
    return result
