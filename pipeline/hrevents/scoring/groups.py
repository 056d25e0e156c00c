"""SPEC section 7 scoring: group events, apart from the named events of section 6.

A predicted group event (empty `victim`) matches a gold group event of the same report when
the action is equal and the prediction's evidence span overlaps the place of the gold
evidence in the report. Matching is one-to-one, predictions taken in file order; among the
gold events a prediction could match, one whose `victim_count` it gets right comes first,
then a required one before an optional one, then the earlier one. Reports whose gold line
has no `group_events` key are not labelled for groups and are left out.

Like the rest of this package it depends on `hrevents_models` only.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from hrevents.scoring.scorer import Counts
from hrevents_models import Event, GoldFile, GoldGroupEvent, GoldReport


def evidence_places(text: str, evidence: str) -> list[tuple[int, int]]:
    """Every (start, end) where `evidence` occurs in `text`, whitespace runs compared as one
    space (SPEC section 5)."""
    words = evidence.split()
    if not words:
        return []
    pattern = re.compile(r"\s+".join(re.escape(word) for word in words))
    return [match.span() for match in pattern.finditer(text)]


def overlaps(start: int, end: int, places: Iterable[tuple[int, int]]) -> bool:
    return any(start < place_end and place_start < end for place_start, place_end in places)


@dataclass
class GroupOutcome:
    """What happened to one predicted or gold group event, for the error analysis."""

    report_id: str
    kind: str  # tp, fp, fn, optional_match, wrong_count
    action: str
    victim_group: str
    predicted_count: int | None = None
    gold_count: int | None = None
    evidence: str = ""


@dataclass
class GroupScore:
    overall: Counts = field(default_factory=Counts)
    per_action: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    count_correct: int = 0
    count_scored: int = 0
    # Per action: [summed predicted counts, summed gold counts] (SPEC 7).
    sums: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    reports: int = 0
    outcomes: list[GroupOutcome] = field(default_factory=list)

    @property
    def count_accuracy(self) -> float | None:
        return self.count_correct / self.count_scored if self.count_scored else None

    def as_dict(self) -> dict:
        accuracy = self.count_accuracy
        return {
            "reports": self.reports,
            "overall": self.overall.as_dict(),
            "per_action": {action: counts.as_dict() for action, counts in sorted(self.per_action.items())},
            "count": {
                "correct": self.count_correct,
                "scored": self.count_scored,
                "accuracy": round(accuracy, 4) if accuracy is not None else None,
            },
            "summed_counts": {
                action: {"predicted": pair[0], "gold": pair[1]} for action, pair in sorted(self.sums.items())
            },
        }


def _report_text(gold: GoldFile, report: GoldReport, texts: Mapping[str, str] | None) -> str:
    if texts is not None and report.report_id in texts:
        return texts[report.report_id]
    return gold.text_path(report).read_text("utf-8-sig")


def match_groups(
    predictions: list[Event], gold_events: list[GoldGroupEvent], text: str, report_id: str = ""
) -> list[tuple[Event, GoldGroupEvent | None]]:
    """One-to-one matching of one report's group events, predictions in file order."""
    places = []
    for gold_event in gold_events:
        found = evidence_places(text, gold_event.evidence)
        if not found:
            raise ValueError(f"{report_id}: group evidence not in the report: {gold_event.evidence[:80]!r}")
        places.append(found)
    free = list(range(len(gold_events)))
    pairs: list[tuple[Event, GoldGroupEvent | None]] = []
    for prediction in predictions:
        options = [
            i
            for i in free
            if gold_events[i].action == prediction.action
            and overlaps(prediction.start_char, prediction.end_char, places[i])
        ]
        if not options:
            pairs.append((prediction, None))
            continue
        options.sort(key=lambda i: (gold_events[i].victim_count != prediction.victim_count, gold_events[i].optional, i))
        free.remove(options[0])
        pairs.append((prediction, gold_events[options[0]]))
    return pairs


def score_groups(predictions: Iterable[Event], gold: GoldFile, texts: Mapping[str, str] | None = None) -> GroupScore:
    """Group-event scores over the gold's reports labelled for groups.

    `texts` maps report ids to the report text as read (front matter included); a report
    not in it is read from the gold's `text_file`.
    """
    by_report: dict[str, list[Event]] = defaultdict(list)
    for prediction in predictions:
        if prediction.is_group:
            by_report[prediction.report_id].append(prediction)
    result = GroupScore()
    for report in gold.reports:
        if report.group_events is None:
            continue
        result.reports += 1
        _score_report(by_report.get(report.report_id, []), report, _report_text(gold, report, texts), result)
    return result


def _score_report(predictions: list[Event], report: GoldReport, text: str, result: GroupScore) -> None:
    rid = report.report_id
    gold_events = report.group_events or []

    def note(kind: str, prediction: Event | None, gold_event: GoldGroupEvent | None) -> None:
        source = prediction if prediction is not None else gold_event
        assert source is not None
        result.outcomes.append(
            GroupOutcome(
                rid,
                kind,
                source.action,
                gold_event.victim_group if gold_event is not None else source.victim_group,
                predicted_count=prediction.victim_count if prediction is not None else None,
                gold_count=gold_event.victim_count if gold_event is not None else None,
                evidence=source.evidence,
            )
        )

    matched: set[int] = set()
    for prediction, gold_event in match_groups(predictions, gold_events, text, rid):
        if gold_event is not None and gold_event.optional:
            matched.add(id(gold_event))
            note("optional_match", prediction, gold_event)
            continue
        result.sums[prediction.action][0] += prediction.victim_count or 0
        if gold_event is None:
            result.overall.fp += 1
            result.per_action[prediction.action].fp += 1
            note("fp", prediction, None)
            continue
        matched.add(id(gold_event))
        result.overall.tp += 1
        result.per_action[prediction.action].tp += 1
        note("tp", prediction, gold_event)
        if gold_event.victim_count is not None:
            result.count_scored += 1
            right = prediction.victim_count == gold_event.victim_count
            result.count_correct += right
            if not right:
                note("wrong_count", prediction, gold_event)
    for gold_event in gold_events:
        if gold_event.optional:
            continue
        result.sums[gold_event.action][1] += gold_event.victim_count or 0
        if id(gold_event) in matched:
            continue
        result.overall.fn += 1
        result.per_action[gold_event.action].fn += 1
        note("fn", None, gold_event)


def group_table(scores: Mapping[str, GroupScore]) -> pd.DataFrame:
    """Group-event figures, systems side by side (the named-event table stays as it is)."""
    rows: dict[str, dict[str, str]] = {}

    def put(label: str, system: str, value: str) -> None:
        rows.setdefault(label, {})[system] = value

    actions = sorted(set().union(*(set(s.per_action) | set(s.sums) for s in scores.values())))
    for system, result in scores.items():
        o = result.overall
        put("group precision", system, f"{o.precision:.3f}")
        put("group recall", system, f"{o.recall:.3f}")
        put("group F1", system, f"{o.f1:.3f}")
        put("TP / FP / FN", system, f"{o.tp} / {o.fp} / {o.fn}")
        accuracy = result.count_accuracy
        put(
            "count accuracy",
            system,
            f"{accuracy:.3f} ({result.count_correct}/{result.count_scored})" if accuracy is not None else "-",
        )
        for action in actions:
            counts = result.per_action.get(action)
            put(f"F1 {action}", system, f"{counts.f1:.3f} ({counts.tp}/{counts.fp}/{counts.fn})" if counts else "-")
        for action in actions:
            predicted, wanted = result.sums.get(action, [0, 0])
            put(f"summed count {action} (pred / gold)", system, f"{predicted} / {wanted}")
    frame = pd.DataFrame.from_dict(rows, orient="index")
    frame.index.name = "group events"
    return frame.fillna("-")


def write_group_errors(score: GroupScore, path: Path) -> int:
    """One row per group false positive, false negative and wrong count."""
    rows = [o for o in score.outcomes if o.kind in ("fp", "fn", "wrong_count")]
    frame = pd.DataFrame(
        [vars(o) for o in rows],
        columns=["report_id", "kind", "action", "victim_group", "predicted_count", "gold_count", "evidence"],
    )
    frame.to_csv(path, index=False)
    return len(rows)


def evaluate_groups(
    events: Iterable[Event],
    gold: GoldFile,
    texts: Mapping[str, str],
    system: str,
    echo: Callable[[str], object],
    json_out: Path | None = None,
    errors: Path | None = None,
) -> GroupScore | None:
    """What `hrevents evaluate` adds for group events: their own table, printed after the
    named-event table; their figures under `group_events` in the JSON; their errors in a
    `-groups` file beside the errors file. Nothing when no report is labelled for groups."""
    labelled = [r for r in gold.reports if r.group_events is not None]
    if not labelled:
        return None
    result = score_groups(events, gold, texts)
    wanted = sum(not e.optional for r in labelled for e in r.group_events or [])
    optional = sum(e.optional for r in labelled for e in r.group_events or [])
    echo(f"group events (SPEC 7): {len(labelled)} reports labelled, {wanted} required + {optional} optional")
    echo(group_table({system: result}).to_string())
    if json_out is not None and json_out.exists():
        data = json.loads(json_out.read_text("utf-8"))
        data.setdefault(system, {})["group_events"] = result.as_dict()
        json_out.write_text(json.dumps(data, indent=2) + "\n", "utf-8")
    if errors is not None:
        path = errors.with_name(f"{errors.stem}-groups{errors.suffix or '.csv'}")
        echo(f"{write_group_errors(result, path)} group error rows written to {path}")
    return result
