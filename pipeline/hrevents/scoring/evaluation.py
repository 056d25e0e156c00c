"""One evaluation run: choose the gold's reports, get predictions, score them and the baseline.

The CLI only wires options to `run_evaluation` and prints `summary_lines`; this module is
what a script or a notebook calls to get the same numbers. The extractor is imported only
when there are no predictions to read (`--pred`), so scoring a file never loads spaCy's
pipeline for extraction; the scorer it calls depends on the records alone.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from pathlib import Path

from hrevents.scoring.scorer import Score, score
from hrevents_models import Event, GoldFile, GoldReport, Report, load_gold


@dataclass
class Evaluation:
    """What one run produced: the chosen gold, the reports' texts, the main system's events and
    every system's score (the main system first)."""

    gold_path: Path
    gold: GoldFile
    texts: list[Report]
    events: list[Event]
    results: dict[str, Score] = field(default_factory=dict)

    @property
    def main(self) -> str:
        return next(iter(self.results))


def choose_reports(gold: GoldFile, include: list[str], exclude: list[str]) -> GoldFile:
    """The gold restricted to report ids matching one `include` glob (all if none) and no `exclude` glob."""
    chosen = [
        r
        for r in gold.reports
        if (not include or any(fnmatch.fnmatch(r.report_id, p) for p in include))
        and not any(fnmatch.fnmatch(r.report_id, p) for p in exclude)
    ]
    return GoldFile(path=gold.path, reports=chosen)


def run_evaluation(
    gold_path: Path,
    pred: Path | None,
    model: str,
    baseline: bool = True,
    include: list[str] | None = None,
    exclude: list[str] | None = None,
) -> Evaluation:
    """Score `pred` (or a fresh extraction of the gold's reports) and, if asked, the keyword baseline.

    Raises `ModelNotInstalledError` when extraction or the baseline needs a missing model."""
    from hrevents.reader import read_report
    from hrevents.writers import read_events

    gold = choose_reports(load_gold(gold_path), include or [], exclude or [])
    texts = [read_report(gold.text_path(r), report_id=r.report_id) for r in gold.reports]
    run = Evaluation(gold_path=gold_path, gold=gold, texts=texts, events=[])
    if pred is not None:
        run.events = read_events(pred)
        run.results["predictions"] = score(run.events, gold)
    else:
        from hrevents.extract import Extractor

        extractor = Extractor(model)
        run.events = [event for _, found in extractor.pipe(texts) for event in found]
        run.results["pipeline"] = score(run.events, gold)
    if baseline:
        from hrevents.scoring.baseline import baseline_events, load_baseline_model

        nlp = load_baseline_model(model)
        run.results["baseline"] = score([e for report in texts for e in baseline_events(nlp, report)], gold)
    return run


def _report_line(report: GoldReport) -> str:
    required = sum(not e.optional for e in report.events)
    return f"  {report.report_id}: {required} required + {len(report.events) - required} optional events"


def summary_lines(run: Evaluation) -> list[str]:
    """The gold's size, then one line per report: what the tables below are computed on."""
    reports = run.gold.reports
    total = sum(len(r.events) for r in reports)
    optional = sum(e.optional for r in reports for e in r.events)
    return [
        f"gold: {run.gold_path} — {len(reports)} reports, {total} events ({optional} optional)",
        *(_report_line(r) for r in reports),
    ]


def geo_lines(run: Evaluation) -> list[str]:
    """Geocoding accuracy where `places_gold.jsonl` sits beside the gold (README *Measuring*)."""
    places_gold = run.gold_path.parent / "places_gold.jsonl"
    if not places_gold.exists():
        return []
    from hrevents.scoring.geo import geo_accuracy

    g = geo_accuracy(run.events, places_gold, [r.report_id for r in run.gold.reports])
    return [
        f"geocoding: {g['correct']} correct, {g['wrong']} wrong, {g['unresolved']} unresolved of {g['scored']} "
        f"gold places ({g['unmatched']} events not extracted); resolved accuracy {g['accuracy_resolved']}, "
        f"unresolved share {g['unresolved_share']}"
    ]
