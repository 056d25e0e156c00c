"""A classification report of a Score, as sklearn's `classification_report` and nervaluate
print one, with bootstrap confidence intervals over reports.

Why bootstrap over *reports* and not over events: events of one report are not independent
(one writer, one country, one style), so resampling events would give intervals that are too
narrow. Resampling whole reports with replacement keeps that dependence. With ~160 gold
events the interval is about ±0.05, which is what a reader must see before trusting a
difference of 0.02 between two systems.

Everything here reads only the `Score`'s outcomes (tp, fp, fn per report and action), so
it is exactly as faithful to SPEC section 6 as the scorer that produced them.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from hrevents.scoring.scorer import Score

#: Resamples drawn by default; 1,000 gives the 2.5th/97.5th percentiles to about ±0.005.
DEFAULT_RESAMPLES = 1000
#: The seed is fixed so that the same score prints the same interval on every run.
DEFAULT_SEED = 12
KINDS = ("tp", "fp", "fn")


@dataclass(frozen=True)
class CountCube:
    """tp/fp/fn counts as an array reports × actions × (tp, fp, fn)."""

    reports: list[str]
    actions: list[str]
    counts: np.ndarray


def count_cube(score: Score) -> CountCube:
    """The scored outcomes (tp, fp, fn; not ignored or optional ones) per report and action."""
    reports = sorted(score.per_report)
    actions = sorted(action for action, c in score.per_action.items() if c.tp + c.fp + c.fn)
    r_index = {r: i for i, r in enumerate(reports)}
    a_index = {a: i for i, a in enumerate(actions)}
    counts = np.zeros((len(reports), len(actions), 3), dtype=np.int64)
    for outcome in score.outcomes:
        if outcome.kind in KINDS and outcome.report_id in r_index and outcome.action in a_index:
            counts[r_index[outcome.report_id], a_index[outcome.action], KINDS.index(outcome.kind)] += 1
    return CountCube(reports, actions, counts)


def _prf(tp: np.ndarray, fp: np.ndarray, fn: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Precision, recall, F1 elementwise; 0 where undefined (as `Counts` does)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(tp + fp > 0, tp / np.maximum(tp + fp, 1), 0.0)
        recall = np.where(tp + fn > 0, tp / np.maximum(tp + fn, 1), 0.0)
        f1 = np.where(precision + recall > 0, 2 * precision * recall / np.maximum(precision + recall, 1e-12), 0.0)
    return precision, recall, f1


def _summaries(counts: np.ndarray) -> dict[str, np.ndarray]:
    """Per action P/R/F1 and the micro, macro and weighted averages, for counts (..., actions, 3).

    Macro averages take every action that occurs in gold or predictions (sklearn's labels =
    union of y_true and y_pred); weighted averages weight by support (gold events)."""
    tp, fp, fn = counts[..., 0], counts[..., 1], counts[..., 2]
    p, r, f = _prf(tp.astype(float), fp.astype(float), fn.astype(float))
    present = (tp + fp + fn) > 0
    n_present = np.maximum(present.sum(axis=-1), 1)
    support = (tp + fn).astype(float)
    weights = support / np.maximum(support.sum(axis=-1, keepdims=True), 1)
    mp, mr, mf = _prf(*(x.sum(axis=-1).astype(float) for x in (tp, fp, fn)))
    out = {"precision": p, "recall": r, "f1": f}
    for name, values in (("precision", p), ("recall", r), ("f1", f)):
        out[f"macro_{name}"] = (values * present).sum(axis=-1) / n_present
        out[f"weighted_{name}"] = (values * weights).sum(axis=-1)
    out.update(micro_precision=mp, micro_recall=mr, micro_f1=mf)
    return out


def bootstrap(
    cube: CountCube, resamples: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED, level: float = 0.95
) -> dict[str, np.ndarray]:
    """Percentile intervals: for each summary, an array (..., 2) of lower and upper bounds.

    Reports are drawn with replacement `resamples` times (numpy's default generator seeded
    with `seed`); each draw is scored by summing its reports' counts."""
    if not cube.reports or not cube.actions:
        return {}
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(cube.reports), size=(resamples, len(cube.reports)))
    sums = cube.counts[draws].sum(axis=1)  # resamples × actions × 3
    tp, fp, fn = sums[..., 0], sums[..., 1], sums[..., 2]
    # A draw without a single event of an action says nothing about it: its figures are
    # undefined there (not 0) and are left out of that action's percentiles.
    undefined = {"precision": tp + fp == 0, "recall": tp + fn == 0, "f1": tp + fp + fn == 0}
    tail = (1 - level) / 2 * 100
    spans = {}
    for name, values in _summaries(sums).items():
        values = np.where(undefined[name], np.nan, values) if name in undefined else values
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # an action absent from every draw: NaN bounds
            low, high = np.nanpercentile(values, tail, axis=0), np.nanpercentile(values, 100 - tail, axis=0)
        spans[name] = np.stack([low, high], axis=-1)
    return spans


def classification_report(
    score: Score, resamples: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED, level: float = 0.95
) -> pd.DataFrame:
    """One row per action, then micro, macro and weighted averages: precision, recall, F1,
    support (required gold events), predicted (scored predictions), and with `resamples` > 0
    the bounds of the `level` bootstrap interval of each figure (`f1_low`, `f1_high` ...)."""
    cube = count_cube(score)
    point = _summaries(cube.counts.sum(axis=0))
    spans = bootstrap(cube, resamples, seed, level) if resamples > 0 else {}
    tp, fp, fn = (cube.counts[..., i] for i in range(3))
    rows: list[dict[str, object]] = []
    for i, action in enumerate(cube.actions):
        row: dict[str, object] = {"label": action}
        for name in ("precision", "recall", "f1"):
            row[name] = float(point[name][i])
            if spans:
                row[f"{name}_low"], row[f"{name}_high"] = (float(x) for x in spans[name][i])
        row["support"] = int(tp[:, i].sum() + fn[:, i].sum())
        row["predicted"] = int(tp[:, i].sum() + fp[:, i].sum())
        rows.append(row)
    total_support = int(tp.sum() + fn.sum())
    total_predicted = int(tp.sum() + fp.sum())
    for average in ("micro", "macro", "weighted"):
        row = {"label": f"{average} avg"}
        for name in ("precision", "recall", "f1"):
            key = f"{average}_{name}"
            row[name] = float(point[key])
            if spans:
                row[f"{name}_low"], row[f"{name}_high"] = (float(x) for x in spans[key])
        row["support"], row["predicted"] = total_support, total_predicted
        rows.append(row)
    return pd.DataFrame(rows).set_index("label")


def format_report(frame: pd.DataFrame, digits: int = 3) -> str:
    """The report as text: `0.812 [0.75, 0.87]` cells where intervals exist."""
    shown = pd.DataFrame(index=frame.index)
    for name in ("precision", "recall", "f1"):
        if f"{name}_low" in frame:
            shown[name] = [
                f"{v:.{digits}f} [{lo:.{digits - 1}f}, {hi:.{digits - 1}f}]"
                for v, lo, hi in zip(frame[name], frame[f"{name}_low"], frame[f"{name}_high"], strict=True)
            ]
        else:
            shown[name] = [f"{v:.{digits}f}" for v in frame[name]]
    shown["support"] = frame["support"]
    shown["predicted"] = frame["predicted"]
    return shown.to_string()


def report_dict(frame: pd.DataFrame) -> dict[str, dict[str, float | int]]:
    """The report for JSON: label → figures, rounded to 4 places."""
    return {
        str(label): {k: (round(float(v), 4) if isinstance(v, float) else int(v)) for k, v in row.items()}
        for label, row in frame.iterrows()
    }
