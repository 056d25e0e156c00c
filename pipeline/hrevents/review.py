"""The review page: one self-contained HTML file for checking extracted events by hand.

`build_page` embeds the events (and, when given, the report texts) as JSON in a page whose
JavaScript and CSS are inline (package data in `review_assets/`), so the file opens from
disk with no server and no network. The reviewer's decisions leave the page as a CSV with
the event columns of SPEC section 4 plus `review_status` and `review_note`; the same
columns can be filled in a spreadsheet. `read_reviewed` reads such a file back, for
`gold import` and for reopening a half-done review.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pandas as pd

from hrevents.reader import SUPPORTED_SUFFIXES, read_report
from hrevents.writers import FORMULA_START, atomic_path, keep_mode
from hrevents.writers import neutralise as neutralise_cell
from hrevents.writers import unneutralise as unneutralise_cell
from hrevents_models import EVENT_COLUMNS, Event, load_actions

#: `reviewer` and `reviewed_at` (ISO 8601, UTC) say who took each decision and when, so two
#: reviewers' exports of the same events can be compared (`scripts/agreement.py`).
REVIEW_COLUMNS: tuple[str, ...] = (*EVENT_COLUMNS, "review_status", "review_note", "reviewer", "reviewed_at")
#: `added`: an event the extractor missed, marked by the reviewer in the report text.
STATUSES: tuple[str, ...] = ("correct", "wrong", "corrected", "added")
NUMERIC_COLUMNS = frozenset({"start_char", "end_char", "confidence"})
WHITESPACE = re.compile(r"\s+")
PLACEHOLDER = re.compile(r"\{\{(TITLE|CSS|JS|DATA)\}\}")


# ---------------------------------------------------------------- text helpers


def collapse(text: str) -> str:
    """Runs of whitespace to one space, stripped: how evidence is compared (SPEC section 5)."""
    return WHITESPACE.sub(" ", text).strip()


def evidence_pattern(evidence: str) -> re.Pattern[str] | None:
    words = evidence.split()
    if not words:
        return None
    return re.compile(r"\s+".join(re.escape(word) for word in words))


def find_passage(text: str, evidence: str, near: int | None = None) -> tuple[int, int] | None:
    """Where `evidence` occurs in `text` after collapsing whitespace on both sides.

    Returns (start, end) offsets into `text` itself, the occurrence closest to `near`
    when it occurs more than once, or None when it does not occur at all.
    """
    pattern = evidence_pattern(evidence)
    if pattern is None:
        return None
    best: tuple[int, int] | None = None
    for match in pattern.finditer(text):
        if near is None:
            return match.span()
        if best is None or abs(match.start() - near) < abs(best[0] - near):
            best = match.span()
        if match.start() > near:
            break
    return best


def utf16_offsets(text: str, offsets: Iterable[int]) -> list[int]:
    """Code-point offsets (Python) to UTF-16 offsets (JavaScript strings, Label Studio)."""
    offsets = list(offsets)
    astral = [i for i, char in enumerate(text) if ord(char) > 0xFFFF] if not text.isascii() else []
    if not astral:
        return offsets
    from bisect import bisect_left

    return [offset + bisect_left(astral, offset) for offset in offsets]


def code_point_offsets(text: str, offsets: Iterable[int]) -> list[int]:
    """UTF-16 offsets back to code-point offsets (the inverse of `utf16_offsets`)."""
    offsets = list(offsets)
    if text.isascii() or not any(ord(char) > 0xFFFF for char in text):
        return offsets
    units = []  # units[i] = UTF-16 offset of code point i
    position = 0
    for char in text:
        units.append(position)
        position += 2 if ord(char) > 0xFFFF else 1
    units.append(position)
    from bisect import bisect_left

    return [bisect_left(units, offset) for offset in offsets]


def script_json(data: object) -> str:
    """JSON that is safe inside a <script> element: no `</script>`, `<!--` or line separators."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text


# ---------------------------------------------------------------- reviewed CSVs


@dataclass
class ReviewedRow:
    """One row of a reviewed CSV: the event fields as the reviewer left them, and the verdict."""

    line: int  # line number in the file (the header is line 1)
    fields: dict[str, str]
    status: str  # "" (not reviewed), correct, wrong, corrected or added
    note: str = ""
    reviewer: str = ""
    reviewed_at: str = ""

    def describe(self) -> str:
        get = self.fields.get
        return f"line {self.line} ({get('report_id', '?')}: {get('action', '?')} of {get('victim', '?')!r})"

    def event(self) -> Event:
        """The row as an event record (raises ValueError naming the line when it is not one)."""
        row: dict[str, object] = {name: self.fields.get(name, "") for name in EVENT_COLUMNS}
        try:
            for name in ("start_char", "end_char"):
                row[name] = int(float(str(row[name] or 0)))
            row["confidence"] = float(str(row["confidence"] or 0))
            return Event.model_validate(row)
        except ValueError as error:
            raise ValueError(f"{self.describe()}: {error}") from error


class ReviewFileError(ValueError):
    """A reviewed CSV that cannot be read at all (missing columns, unknown statuses)."""


def normalise_status(value: str) -> str:
    status = value.strip().lower()
    if status in ("", *STATUSES):
        return status
    raise ValueError(f"review_status {value!r} is not one of: {', '.join(STATUSES)} (or empty)")


def read_reviewed(path: str | Path, require_status: bool = True) -> list[ReviewedRow]:
    """Read a reviewed CSV (from the page or a spreadsheet); cells are un-neutralised.

    Column order is free and the event columns a spreadsheet user deleted count as empty,
    but `report_id`, `action`, `victim`, `evidence` and (unless `require_status` is
    false) `review_status` must be there.
    """
    path = Path(path)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as error:
        raise ReviewFileError(f"{path}: not a readable CSV file: {error}") from error
    frame.columns = [str(column).strip() for column in frame.columns]
    needed = ["report_id", "action", "victim", "evidence"] + (["review_status"] if require_status else [])
    missing = [column for column in needed if column not in frame.columns]
    if missing:
        raise ReviewFileError(
            f"{path}: missing column(s) {', '.join(missing)}; expected the columns {', '.join(REVIEW_COLUMNS)}"
        )
    rows = []
    problems = []
    for number, record in enumerate(frame.to_dict(orient="records"), start=2):
        values = {str(key): unneutralise_cell(str(value)) for key, value in record.items()}
        if not any(value.strip() for value in values.values()):
            continue  # a blank spreadsheet line
        try:
            status = normalise_status(values.pop("review_status", ""))
        except ValueError as error:
            problems.append(f"line {number}: {error}")
            continue
        note = values.pop("review_note", "")
        who, when = values.pop("reviewer", ""), values.pop("reviewed_at", "")
        rows.append(ReviewedRow(line=number, fields=values, status=status, note=note, reviewer=who, reviewed_at=when))
    if problems:
        raise ReviewFileError(f"{path}: " + "; ".join(problems))
    return rows


def read_events_for_review(path: str | Path) -> tuple[list[Event], dict[int, dict[str, str]]]:
    """Events from an events CSV/JSONL, or from a reviewed CSV (whose decisions come back too).

    Returns the events and, by row index, the decisions already taken.
    """
    path = Path(path)
    if path.suffix.lower() in (".jsonl", ".parquet"):
        from hrevents.writers import read_events

        return read_events(path), {}
    rows = read_reviewed(path, require_status=False)
    events = [row.event() for row in rows]
    decisions = {
        index: {"status": row.status, "note": row.note, "reviewer": row.reviewer, "reviewed_at": row.reviewed_at}
        for index, row in enumerate(rows)
        if row.status or row.note
    }
    return events, decisions


# ---------------------------------------------------------------- report texts


@dataclass
class ReportTexts:
    texts: dict[str, dict[str, str]] = field(default_factory=dict)  # report_id -> {text, path, title}
    missing: list[str] = field(default_factory=list)


def index_report_files(sources: Sequence[Path]) -> dict[str, Path]:
    """report id (file name without extension) -> file, for folders (searched recursively) and files."""
    found: dict[str, Path] = {}
    for source in sources:
        candidates = sorted(source.rglob("*")) if source.is_dir() else [source]
        for candidate in candidates:
            if candidate.is_file() and candidate.suffix.lower() in SUPPORTED_SUFFIXES:
                found.setdefault(candidate.stem, candidate)
    return found


def load_report_texts(sources: Sequence[Path], report_ids: Iterable[str]) -> ReportTexts:
    """The texts of the reports the events come from, read exactly as the extractor reads them."""
    files = index_report_files(sources)
    result = ReportTexts()
    for report_id in dict.fromkeys(report_ids):
        path = files.get(report_id)
        if path is None:
            result.missing.append(report_id)
            continue
        report = read_report(path, report_id=report_id)
        result.texts[report_id] = {"text": report.text, "path": str(path), "title": report.meta.title or ""}
    return result


# ---------------------------------------------------------------- the page


def asset(name: str) -> str:
    return resources.files("hrevents").joinpath("review_assets").joinpath(name).read_text("utf-8")


def world_outline() -> dict:
    """Country outlines for the map (Natural Earth 1:110m, public domain; `scripts/make_world_outline.py`)."""
    return json.loads(asset("world.json"))


def passage_offsets(event: Event, text: str | None) -> tuple[int, int, str]:
    """Where the event's evidence is in its report: the offsets when they hold, else a search.

    Returns (start, end, how) with how one of `offsets`, `found` (the offsets were wrong but
    the evidence occurs), `missing` (no report text, or the evidence is not in it).
    """
    if text is None:
        return -1, -1, "missing"
    start, end = event.start_char, event.end_char
    if 0 <= start < end <= len(text) and collapse(text[start:end]) == collapse(event.evidence):
        return start, end, "offsets"
    found = find_passage(text, event.evidence, near=start)
    if found:
        return found[0], found[1], "found"
    return -1, -1, "missing"


def page_data(
    events: Sequence[Event],
    reports: ReportTexts | None = None,
    decisions: dict[int, dict[str, str]] | None = None,
    title: str = "hrevents review",
    source: str = "",
) -> dict:
    """Everything the page needs, compact: events as arrays in EVENT_COLUMNS order."""
    reports = reports or ReportTexts()
    rows = []
    passages = []
    digest = hashlib.sha1()
    for event in events:
        row = event.row()
        values = [row[column] for column in EVENT_COLUMNS]
        rows.append(values)
        digest.update(json.dumps(values, ensure_ascii=False).encode())
        report = reports.texts.get(event.report_id)
        text = report["text"] if report else None
        start, end, how = passage_offsets(event, text)
        if how != "missing":
            assert text is not None
            start, end = utf16_offsets(text, (start, end))
        passages.append([start, end, how])
    return {
        "title": title,
        "source": source,
        "generated": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "key": digest.hexdigest()[:16],
        "columns": list(EVENT_COLUMNS),
        "statuses": list(STATUSES),
        "actions": {
            name: {"cameo": action.cameo or "", "description": action.description}
            for name, action in load_actions().items()
        },
        "events": rows,
        "passages": passages,
        "decisions": {str(index): value for index, value in (decisions or {}).items()},
        "reports": reports.texts,
        "missing_reports": reports.missing,
        "formula_start": list(FORMULA_START),
        "world": world_outline(),
    }


def build_page(data: dict) -> str:
    """The HTML document: template with CSS, JS and the data inlined."""
    script = asset("review.js")
    if "</script" in script.lower():
        raise ValueError("review.js must not contain a closing script tag")
    parts = {
        "TITLE": html.escape(data.get("title") or "hrevents review"),
        "CSS": asset("review.css"),
        "JS": script,
        "DATA": script_json(data),
    }
    return PLACEHOLDER.sub(lambda match: parts[match.group(1)], asset("review.html"))


@dataclass
class ReviewSummary:
    out: Path
    events: int
    reports_embedded: int
    missing_reports: list[str]
    passages_missing: int
    decisions: int


def write_review(
    events_path: str | Path,
    out: str | Path,
    reports: Sequence[Path] = (),
    title: str | None = None,
    all_reports: bool = False,
) -> ReviewSummary:
    """Read events (or a reviewed CSV), embed the report texts found, write the page atomically.

    With `all_reports`, every report file under `reports` is embedded, not only those with
    events: a reviewer can then add the events of reports where the extractor found none."""
    events_path, out = Path(events_path), Path(out)
    events, decisions = read_events_for_review(events_path)
    wanted = [event.report_id for event in events]
    if all_reports:
        wanted += sorted(index_report_files(reports))
    texts = load_report_texts(reports, wanted) if reports else ReportTexts()
    data = page_data(events, texts, decisions, title=title or f"Review of {events_path.name}", source=events_path.name)
    document = build_page(data)
    with atomic_path(out) as temporary:
        temporary.write_text(document, encoding="utf-8")
        keep_mode(temporary, out)
    return ReviewSummary(
        out=out,
        events=len(events),
        reports_embedded=len(texts.texts),
        missing_reports=texts.missing,
        passages_missing=sum(1 for _, _, how in data["passages"] if how == "missing" and reports),
        decisions=len(decisions),
    )


def write_reviewed_csv(rows: Iterable[dict[str, object]], path: str | Path, bom: bool = False) -> Path:
    """Write rows with REVIEW_COLUMNS, neutralised, atomically (what the page's export gives)."""
    path = Path(path)
    records = [
        {column: "" if row.get(column) is None else row.get(column) for column in REVIEW_COLUMNS} for row in rows
    ]
    frame = pd.DataFrame(records, columns=list(REVIEW_COLUMNS))
    frame = frame.apply(lambda column: column.map(neutralise_cell))
    with atomic_path(path) as temporary:
        # CRLF rows (RFC 4180): with a bare "\n" terminator the csv module leaves a field holding "\r" unquoted,
        # which splits the row in readers and can start a new cell with a formula.
        frame.to_csv(temporary, index=False, encoding="utf-8-sig" if bom else "utf-8", lineterminator="\r\n")
        keep_mode(temporary, path)
    return path


def decision_agreement(first: str | Path, second: str | Path) -> dict:
    """Agreement of two reviewers' exports of the same events: on the events both decided
    (matched by `event_id` and `report_id`), the share of equal verdicts and Cohen's kappa.

    `corrected` counts as `correct` (both reviewers kept the event; field edits are compared
    by `gold import` and `scripts/agreement.py` on the gold they produce); `added` rows have
    no counterpart and are counted apart."""

    def verdicts(path: str | Path) -> tuple[dict[tuple[str, str], str], int]:
        rows = read_reviewed(path)
        found = {
            (row.fields.get("report_id", ""), row.fields.get("event_id", "")): (
                "correct" if row.status == "corrected" else row.status
            )
            for row in rows
            if row.status and row.status != "added"
        }
        return found, sum(row.status == "added" for row in rows)

    a, added_a = verdicts(first)
    b, added_b = verdicts(second)
    both = sorted(set(a) & set(b))
    pairs = [(a[key], b[key]) for key in both]
    labels = sorted({x for pair in pairs for x in pair})
    n = len(pairs)
    observed = sum(x == y for x, y in pairs) / n if n else 0.0
    expected = (
        sum((sum(x == lab for x, _ in pairs) / n) * (sum(y == lab for _, y in pairs) / n) for lab in labels)
        if n
        else 0.0
    )
    kappa = (observed - expected) / (1 - expected) if n and expected < 1 else (1.0 if n else 0.0)
    confusion = {f"{x}/{y}": sum(p == (x, y) for p in pairs) for x in labels for y in labels}
    return {
        "both_decided": n,
        "only_first": len(set(a) - set(b)),
        "only_second": len(set(b) - set(a)),
        "added": [added_a, added_b],
        "agreement": round(observed, 4),
        "kappa": round(kappa, 4),
        "confusion": confusion,
    }
