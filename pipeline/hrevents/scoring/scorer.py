"""SPEC section 6, exactly: event matching, P/R/F1 overall and per action, field
accuracy on matched events, strict F1."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from hrevents_models import Event, GoldEvent, GoldFile, GoldReport

FIELDS = ("date", "place", "destination", "perpetrator")


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """Words that are never content words (SPEC 6.3), from `function_words.txt`."""
    text = resources.files("hrevents.scoring").joinpath("function_words.txt").read_text("utf-8")
    return frozenset(word for line in text.splitlines() if not line.startswith("#") for word in line.split())


def normalise_name(text: str) -> list[str]:
    """Lower case, no diacritics, no punctuation, split into tokens."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^\w\s]|_", " ", text).split()


def same_person(predicted: str, gold: GoldEvent) -> bool:
    """Last name tokens equal; where both give a first name, same first letter."""
    mine = normalise_name(predicted)
    if not mine:
        return False
    for name in (gold.victim, *gold.victim_aliases):
        theirs = normalise_name(name)
        if not theirs or mine[-1] != theirs[-1]:
            continue
        if len(mine) > 1 and len(theirs) > 1 and mine[0][:1] != theirs[0][:1]:
            continue
        return True
    return False


def date_correct(predicted: str, gold: GoldEvent) -> bool | None:
    """None where the gold has no date (not scored)."""
    values = gold.dates()
    if not values:
        return None
    return any(predicted and len(predicted) >= len(value) and predicted[: len(value)] == value for value in values)


def content_tokens(text: str | None) -> set[str]:
    return {token for token in normalise_name(text or "") if token not in function_words()}


def field_correct(name: str, predicted: str, gold: GoldEvent) -> bool | None:
    if name == "date":
        return date_correct(predicted, gold)
    wanted = getattr(gold, name)
    if wanted is None:
        return None
    return bool(content_tokens(predicted) & content_tokens(wanted))


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Outcome:
    """One row of the error analysis: what happened to one prediction or gold event."""

    report_id: str
    kind: str  # tp, fp, fn, wrong_<field>, spurious_<field>, optional_match, ignored
    action: str
    victim: str
    predicted: str = ""
    expected: str = ""
    evidence: str = ""


@dataclass
class Score:
    overall: Counts = field(default_factory=Counts)
    strict: Counts = field(default_factory=Counts)
    per_action: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    per_report: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    fields: dict[str, list[int]] = field(default_factory=lambda: {name: [0, 0] for name in FIELDS})
    # SPEC 6.5, per field: [matches giving a value the gold does not have, matches whose gold is null]
    spurious: dict[str, list[int]] = field(default_factory=lambda: {name: [0, 0] for name in FIELDS})
    outcomes: list[Outcome] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "overall": self.overall.as_dict(),
            "strict": self.strict.as_dict(),
            "per_action": {action: counts.as_dict() for action, counts in sorted(self.per_action.items())},
            "per_report": {report: counts.as_dict() for report, counts in sorted(self.per_report.items())},
            "fields": {
                name: {"correct": correct, "scored": scored, "accuracy": round(correct / scored, 4) if scored else None}
                for name, (correct, scored) in self.fields.items()
            },
            "spurious": {
                name: {"spurious": given, "gold_null": null, "share": round(given / null, 4) if null else None}
                for name, (given, null) in self.spurious.items()
            },
        }


def _match_report(predictions: list[Event], gold: GoldReport) -> list[tuple[Event, GoldEvent | None]]:
    """One-to-one matching in prediction order: required before optional, right date first."""
    free = list(range(len(gold.events)))
    pairs: list[tuple[Event, GoldEvent | None]] = []
    for prediction in predictions:
        options = [
            i
            for i in free
            if gold.events[i].action == prediction.action and same_person(prediction.victim, gold.events[i])
        ]
        if not options:
            pairs.append((prediction, None))
            continue
        options.sort(key=lambda i: (gold.events[i].optional, _date_rank(prediction, gold.events[i]), i))
        chosen = options[0]
        free.remove(chosen)
        pairs.append((prediction, gold.events[chosen]))
    return pairs


def _date_rank(prediction: Event, gold_event: GoldEvent) -> int:
    """Among candidates, the one whose date the prediction gets right comes first (SPEC 6.1)."""
    verdict = date_correct(prediction.date, gold_event)
    return 0 if verdict else 1 if verdict is None else 2


def _rejected(prediction: Event, report: GoldReport) -> bool:
    pseudo = [GoldEvent(action=r.action, victim=r.victim, evidence="-") for r in report.rejected]
    return any(g.action == prediction.action and same_person(prediction.victim, g) for g in pseudo)


def score(predictions: Iterable[Event], gold: GoldFile) -> Score:
    by_report: dict[str, list[Event]] = defaultdict(list)
    for prediction in predictions:
        if prediction.victim:  # group events (empty victim) are scored by SPEC 7, not here
            by_report[prediction.report_id].append(prediction)
    result = Score()
    for report in gold.reports:
        _score_report(by_report.get(report.report_id, []), report, result)
    return result


def _score_report(predictions: list[Event], report: GoldReport, result: Score) -> None:
    rid = report.report_id

    def counters(action: str) -> tuple[Counts, ...]:
        return result.overall, result.per_action[action], result.per_report[rid]

    def note(kind: str, prediction: Event | None, gold_event: GoldEvent | None, **extra: str) -> None:
        action = prediction.action if prediction else gold_event.action  # type: ignore[union-attr]
        victim = gold_event.victim if gold_event else prediction.victim  # type: ignore[union-attr]
        evidence = prediction.evidence if prediction else gold_event.evidence  # type: ignore[union-attr]
        result.outcomes.append(Outcome(rid, kind, action, victim, evidence=evidence, **extra))

    matched_ids = set()
    for prediction, gold_event in _match_report(predictions, report):
        if gold_event is None:
            if not report.complete and not _rejected(prediction, report):
                note("ignored", prediction, None)
                continue
            for counts in counters(prediction.action):
                counts.fp += 1
            result.strict.fp += 1
            note("fp", prediction, None)
            continue
        matched_ids.add(id(gold_event))
        if gold_event.optional:
            note("optional_match", prediction, gold_event)
            continue
        for counts in counters(prediction.action):
            counts.tp += 1
        for name in FIELDS:
            verdict = field_correct(name, getattr(prediction, name), gold_event)
            if verdict is None:
                continue
            result.fields[name][1] += 1
            result.fields[name][0] += verdict
            if not verdict:
                expected = gold_event.date if name == "date" else getattr(gold_event, name)
                note(
                    f"wrong_{name}", prediction, gold_event, predicted=getattr(prediction, name), expected=str(expected)
                )
        _count_spurious(prediction, gold_event, result, note)
        if date_correct(prediction.date, gold_event) is False:
            result.strict.fp += 1
            result.strict.fn += 1
        else:
            result.strict.tp += 1
        note("tp", prediction, gold_event)
    for gold_event in report.events:
        if gold_event.optional or id(gold_event) in matched_ids:
            continue
        for counts in counters(gold_event.action):
            counts.fn += 1
        result.strict.fn += 1
        note("fn", None, gold_event, expected=str(gold_event.date))


def _count_spurious(prediction: Event, gold_event: GoldEvent, result: Score, note: Callable[..., None]) -> None:
    """SPEC 6.5: on a matched required event, a field the gold leaves null but the prediction fills
    (a date the text does not give, an agent a passive sentence does not name). Field accuracy
    is scored only where the gold has a value, so it cannot see these. A date the extractor
    took from the paragraph's narrative carries `date.paragraph` in its `rule`: it is flagged as
    an inference there, and still counts here when the gold has no date."""
    for name in FIELDS:
        if getattr(gold_event, name) not in (None, "", []):
            continue
        result.spurious[name][1] += 1
        given = getattr(prediction, name)
        if given:
            result.spurious[name][0] += 1
            note(f"spurious_{name}", prediction, gold_event, predicted=given, expected="")
