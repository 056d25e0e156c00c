"""Charts of an evaluation, as SVG and PNG files (`hrevents evaluate --plot DIR`).

Drawn with matplotlib's object API (`matplotlib.figure.Figure`), which renders with the
Agg canvas without touching pyplot's global state or choosing a GUI backend: nothing is
shown, nothing is fetched, and it works on a machine without a display. The two views of
a predictions file (events per action, per month) are the review page's two charts, so a
reader sees the same picture in both places.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from hrevents.scoring.scorer import FIELDS, Score
from hrevents_models import Event

FORMATS = ("svg", "png")
#: Colours of the systems, in the order they are given (pipeline first, baseline second).
PALETTE = ("#1f6fb4", "#b0b0b0", "#e08a1e", "#5a9f3e")


def _save(figure: Figure, folder: Path, stem: str) -> list[Path]:
    """Write `stem.svg` and `stem.png`; dates are left out so reruns give the same files."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for ext in FORMATS:
        path = folder / f"{stem}.{ext}"
        metadata = {"Date": None} if ext == "svg" else {"Software": None}
        figure.savefig(path, format=ext, dpi=110, bbox_inches="tight", metadata=metadata)
        paths.append(path)
    return paths


def _grouped_bars(
    frame: pd.DataFrame,
    title: str,
    xlabel: str,
    limit: float | None = 1.0,
    spans: dict[str, tuple[list[float], list[float]]] | None = None,
) -> Figure:
    """Horizontal bars, one group per row of `frame`, one bar per column (system); `spans`
    (system → lower and upper bounds per row) draws each bar's confidence interval."""
    rows, systems = list(frame.index), list(frame.columns)
    height = 0.8 / max(len(systems), 1)
    figure = Figure(figsize=(7, max(2.5, 0.42 * len(rows) * max(1, len(systems) / 1.5) + 1)))
    axes = figure.add_subplot()
    for j, system in enumerate(systems):
        positions = [i + (j - (len(systems) - 1) / 2) * height for i in range(len(rows))]
        missing = frame[system].isna().tolist()  # nothing scored: labelled "n/a", not 0
        values = frame[system].fillna(0).tolist()
        xerr = None
        if spans and system in spans:
            low, high = spans[system]
            xerr = [
                [max(0.0, v - lo) for v, lo in zip(values, low, strict=True)],
                [max(0.0, hi - v) for v, hi in zip(values, high, strict=True)],
            ]
        bars = axes.barh(
            positions,
            values,
            height=height,
            label=system,
            color=PALETTE[j % len(PALETTE)],
            xerr=xerr,
            error_kw={"ecolor": "#333333", "elinewidth": 0.8, "capsize": 2},
        )
        labels = ["n/a" if gap else f"{v:.2f}" if limit else f"{v:.0f}" for v, gap in zip(values, missing, strict=True)]
        axes.bar_label(bars, labels=labels, fontsize=7, padding=2)
    axes.set_yticks(range(len(rows)), [str(r) for r in rows])
    axes.invert_yaxis()
    if limit:
        axes.set_xlim(0, limit * 1.12)
    axes.set_xlabel(xlabel)
    axes.set_title(title)
    if len(systems) > 1:
        axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    return figure


def f1_per_action(scores: dict[str, Score]) -> pd.DataFrame:
    """F1 per action (rows) for each system (columns); actions with gold or predictions only."""
    actions = sorted({a for s in scores.values() for a, c in s.per_action.items() if c.tp + c.fp + c.fn})
    return pd.DataFrame(
        {name: [s.per_action[a].f1 if a in s.per_action else 0.0 for a in actions] for name, s in scores.items()},
        index=actions,
    )


def field_accuracy(scores: dict[str, Score]) -> pd.DataFrame:
    """Accuracy of each field on matched events, per system; NaN where nothing was scored."""
    return pd.DataFrame(
        {
            name: [(c / n if n else float("nan")) for c, n in (s.fields[f] for f in FIELDS)]
            for name, s in scores.items()
        },
        index=list(FIELDS),
    )


def events_per_action(events: Iterable[Event]) -> pd.Series:
    counts = Counter(e.action for e in events)
    return pd.Series(dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))), dtype="int64")


def events_per_month(events: Iterable[Event]) -> pd.Series:
    """Events per `YYYY-MM` of their date; events dated to a year only or undated are left out
    (the review page's month chart does the same)."""
    counts = Counter(e.date[:7] for e in events if len(e.date or "") >= 7)
    return pd.Series(dict(sorted(counts.items())), dtype="int64")


def _column_chart(series: pd.Series, title: str, ylabel: str) -> Figure:
    figure = Figure(figsize=(max(5, 0.35 * len(series) + 2), 3.6))
    axes = figure.add_subplot()
    labels = [str(x) for x in series.index]
    bars = axes.bar(range(len(series)), series.tolist(), color=PALETTE[0])
    axes.bar_label(bars, fontsize=7, padding=1)
    axes.set_xticks(range(len(series)), labels, rotation=60 if len(series) > 6 else 0, ha="right", fontsize=8)
    axes.set_ylabel(ylabel)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_title(title)
    axes.spines[["top", "right"]].set_visible(False)
    if series.empty:
        axes.text(0.5, 0.5, "no events", ha="center", va="center", transform=axes.transAxes)
    return figure


def f1_spans(frame: pd.DataFrame, reports: dict[str, pd.DataFrame]) -> dict[str, tuple[list[float], list[float]]]:
    """Bootstrap bounds of F1 per action (rows of `frame`) from classification reports with intervals."""
    spans = {}
    for system, report in reports.items():
        if "f1_low" not in report:
            continue
        low = [float(report.at[a, "f1_low"]) if a in report.index else float("nan") for a in frame.index]
        high = [float(report.at[a, "f1_high"]) if a in report.index else float("nan") for a in frame.index]
        spans[system] = ([0.0 if lo != lo else lo for lo in low], [0.0 if hi != hi else hi for hi in high])
    return spans


def write_plots(
    scores: dict[str, Score], events: list[Event], folder: Path, reports: dict[str, pd.DataFrame] | None = None
) -> list[Path]:
    """All charts into `folder`; returns the files written. With `reports` (classification
    reports with bootstrap intervals, as `evaluate` prints them), F1 bars carry their interval."""
    written: list[Path] = []
    f1 = f1_per_action(scores)
    title = "Event F1 per action" + (" (bars: 95% bootstrap interval over reports)" if reports else "")
    written += _save(_grouped_bars(f1, title, "F1", spans=f1_spans(f1, reports or {})), folder, "f1_per_action")
    written += _save(
        _grouped_bars(field_accuracy(scores), "Field accuracy on matched events", "accuracy"), folder, "field_accuracy"
    )
    written += _save(
        _column_chart(events_per_action(events), "Events per action", "events"), folder, "events_per_action"
    )
    written += _save(_column_chart(events_per_month(events), "Events per month", "events"), folder, "events_per_month")
    return written
