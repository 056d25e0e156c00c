"""Printing and saving scores: one table, systems side by side."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd

from hrevents.scoring.scorer import FIELDS, Score


def metrics_table(scores: dict[str, Score]) -> pd.DataFrame:
    rows: dict[str, dict[str, str]] = {}

    def put(label: str, system: str, value: str) -> None:
        rows.setdefault(label, {})[system] = value

    for system, result in scores.items():
        o, s = result.overall, result.strict
        put("event precision", system, f"{o.precision:.3f}")
        put("event recall", system, f"{o.recall:.3f}")
        put("event F1", system, f"{o.f1:.3f}")
        put("strict F1", system, f"{s.f1:.3f}")
        put("TP / FP / FN", system, f"{o.tp} / {o.fp} / {o.fn}")
        for name in FIELDS:
            correct, scored = result.fields[name]
            put(f"{name} accuracy", system, f"{correct / scored:.3f} ({correct}/{scored})" if scored else "-")
        for name in FIELDS:  # SPEC 6.5: a value where the gold has none
            given, null = result.spurious[name]
            put(f"spurious {name}", system, f"{given / null:.3f} ({given}/{null})" if null else "-")
        actions = sorted(set().union(*(r.per_action.keys() for r in scores.values())))
        for action in actions:
            counts = result.per_action.get(action)
            put(f"F1 {action}", system, f"{counts.f1:.3f} ({counts.tp}/{counts.fp}/{counts.fn})" if counts else "-")
        for report in sorted(result.per_report):
            counts = result.per_report[report]
            put(f"F1 {report}", system, f"{counts.f1:.3f} ({counts.tp}/{counts.fp}/{counts.fn})")
    frame = pd.DataFrame.from_dict(rows, orient="index")
    frame.index.name = "metric"
    return frame.fillna("-")


def write_json(scores: dict[str, Score], path: Path, reports: dict[str, pd.DataFrame] | None = None) -> None:
    """Each system's metrics; with `reports` (classification reports), under its `report` key too."""
    from hrevents.scoring.report import report_dict

    data = {system: score.as_dict() for system, score in scores.items()}
    for system, frame in (reports or {}).items():
        data[system]["report"] = report_dict(frame)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n", "utf-8")


def write_errors(score: Score, path: Path) -> int:
    """One row per false positive, false negative, wrong field and spurious field (SPEC 6.5), with the evidence."""
    rows = [o for o in score.outcomes if o.kind in ("fp", "fn") or o.kind.startswith(("wrong_", "spurious_"))]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["report_id", "kind", "action", "victim", "predicted", "expected", "evidence"])
        for o in rows:
            writer.writerow([o.report_id, o.kind, o.action, o.victim, o.predicted, o.expected, o.evidence])
    return len(rows)
