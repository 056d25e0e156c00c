"""Label Studio import and export: label or correct gold in the tool people already use.

Export (`annotate export`): one Label Studio task per report, its text as `data.text`.
Gold events become an annotation (to correct) and extracted events become predictions
(pre-annotations to accept or fix). Import (`annotate import`): the annotations of a
Label Studio JSON export back into the gold JSONL of SPEC section 5.

How an event is drawn (the labelling config is `label_config()`):

- a span labelled with the action (`arrest`, `release` …): the words that express it;
- spans labelled `VICTIM`, `PERPETRATOR`, `PLACE`, `DESTINATION`, `DATE`, `DETAIL` and
  `EVIDENCE`, each joined to the action span by a relation. One action span with two
  VICTIM spans is two events ("arrested A and B").
- per-region text boxes on the action span: `date_iso` (ISO date, alternatives split by
  `|`) and `extra` (`field: value` lines for values not written as a span); on a VICTIM
  or other argument span, `value` holds the normalised value when it differs from the words
  (the victim's fullest name where the sentence says "Babaryka"), and `aliases` (on VICTIM)
  other spellings, one a line. A per-region choice `optional` marks a borderline event.
- the report-level choice `incomplete` gives `complete: false`.

Offsets in Label Studio are UTF-16 units of `data.text`; they are converted here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from xml.sax.saxutils import quoteattr

import yaml
from pydantic import ValidationError

from hrevents import __version__
from hrevents.gold_import import (
    GOLD_FIELDS,
    GoldLine,
    read_gold_lines,
    relative_path,
    same_event,
    write_gold_lines,
)
from hrevents.reader import read_report
from hrevents.review import (
    code_point_offsets,
    collapse,
    find_passage,
    index_report_files,
    keep_mode,
    passage_offsets,
    utf16_offsets,
)
from hrevents.writers import atomic_path
from hrevents_models import Event, GoldEvent, GoldReport, load_actions

FROM_NAME = "label"
TO_NAME = "text"
ARGUMENTS = {  # span label -> event field
    "VICTIM": "victim",
    "PERPETRATOR": "perpetrator",
    "PLACE": "place",
    "DESTINATION": "destination",
    "DATE": "date_text",
    "DETAIL": "detail",
    "EVIDENCE": "evidence",
}
FIELD_LABEL = {value: key for key, value in ARGUMENTS.items()}
COLOURS = {
    "VICTIM": "#aa9cfc",
    "PERPETRATOR": "#7aecec",
    "PLACE": "#feca74",
    "DESTINATION": "#ff9561",
    "DATE": "#bfe1d9",
    "DETAIL": "#e4e7d2",
    "EVIDENCE": "#d9d9d9",
}
ACTION_COLOUR = "#ffeb80"
EXTRA_FIELDS = ("victim", "perpetrator", "place", "destination", "detail")
# The victim's other spellings, in the `extra` box when the victim has no span in the evidence.
ALIASES_KEY = "victim_aliases"
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+|\n\s*\n")
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class AnnotationError(ValueError):
    """A Label Studio file that cannot be used at all."""


# ---------------------------------------------------------------- the labelling config


def _same_name(event: GoldEvent, other: GoldEvent) -> bool:
    """One act of one person labelled twice: same action and a name or alias written the same.

    Not SPEC 6 matching, which lets a surname stand for a full name: "Saad Rafique" and "Salman
    Rafique" arrested in one sentence are two people, and both labels must survive the round trip.
    """
    if event.action != other.action:
        return False

    def names(e: GoldEvent) -> set[str]:
        return {" ".join(n.casefold().split()) for n in [e.victim, *(e.victim_aliases or [])] if n}

    return bool(names(event) & names(other))


def label_config() -> str:
    """The Label Studio labelling interface (XML) that the exported tasks are made for."""
    actions = load_actions()
    labels = [
        f"    <Label value={quoteattr(name)} background={quoteattr(ACTION_COLOUR)} "
        f"hint={quoteattr(action.description)}/>"
        for name, action in actions.items()
    ]
    labels += [f"    <Label value={quoteattr(name)} background={quoteattr(COLOURS[name])}/>" for name in ARGUMENTS]
    relations = "".join(f'\n    <Relation value="{name.lower()}"/>' for name in ARGUMENTS)
    return f"""<View>
  <Header value="$report_id"/>
  <Labels name="{FROM_NAME}" toName="{TO_NAME}">
{chr(10).join(labels)}
  </Labels>
  <Relations>{relations}
  </Relations>
  <Text name="{TO_NAME}" value="$text"/>
  <View visibleWhen="region-selected">
    <Header value="Selected span"/>
    <TextArea name="date_iso" toName="{TO_NAME}" perRegion="true" editable="true" maxSubmissions="1"
              placeholder="On an action span: the date as YYYY, YYYY-MM or YYYY-MM-DD (alternatives: a | b)"/>
    <TextArea name="value" toName="{TO_NAME}" perRegion="true" editable="true" maxSubmissions="1"
              placeholder="On a VICTIM (or other) span: the value when it differs from the words (fullest name)"/>
    <TextArea name="aliases" toName="{TO_NAME}" perRegion="true" editable="true" maxSubmissions="1"
              placeholder="On a VICTIM span: other spellings in the report, one a line"/>
    <TextArea name="extra" toName="{TO_NAME}" perRegion="true" editable="true" maxSubmissions="1"
              placeholder="On an action span: field: value lines for values not marked as spans"/>
    <Choices name="flags" toName="{TO_NAME}" perRegion="true" choice="multiple">
      <Choice value="optional"/>
    </Choices>
  </View>
  <Choices name="report" toName="{TO_NAME}" choice="single">
    <Choice value="incomplete" hint="Only some events of this report are labelled"/>
  </Choices>
</View>
"""


# ---------------------------------------------------------------- export


@lru_cache(maxsize=1)
def action_keywords() -> dict[str, list[str]]:
    """Words that name each action (the keyword baseline's list), to find an action span in gold evidence."""
    text = resources.files("hrevents.scoring").joinpath("baseline_keywords.yaml").read_text("utf-8")
    return {action: [str(word) for word in words] for action, words in (yaml.safe_load(text) or {}).items()}


def _pattern(needle: str, ignore_case: bool, whole_words: bool = True) -> re.Pattern[str] | None:
    words = needle.split()
    if not words:
        return None
    body = r"\s+".join(re.escape(word) for word in words)
    if whole_words:
        body = (
            (r"(?<!\w)" if re.match(r"\w", words[0]) else "")
            + body
            + (r"(?!\w)" if re.search(r"\w$", words[-1]) else "")
        )
    return re.compile(body, re.I if ignore_case else 0)


def locate(text: str, needle: str, window: tuple[int, int], anywhere: bool = True) -> tuple[int, int] | None:
    """`needle` in the window (exact case first), else in the whole text nearest to the window."""
    needle = collapse(needle)
    start, end = window
    for ignore_case in (False, True):
        pattern = _pattern(needle, ignore_case)
        if pattern is None:
            return None
        match = pattern.search(text, start, end)
        if match:
            return match.span()
    if not anywhere:
        return None
    for ignore_case in (False, True):
        pattern = _pattern(needle, ignore_case)
        assert pattern is not None
        spans = [m.span() for m in pattern.finditer(text)]
        if spans:
            return min(spans, key=lambda span: abs(span[0] - start))
    return None


class ResultBuilder:
    """Label Studio `result` items for one task, with ids and UTF-16 offsets."""

    def __init__(self, text: str, origin: str) -> None:
        self.text = text
        self.origin = origin
        self.results: list[dict] = []
        self.spans: dict[str, tuple[int, int]] = {}
        self._count = 0

    def _value(self, region: str) -> dict:
        start, end = self.spans[region]
        start16, end16 = utf16_offsets(self.text, (start, end))
        return {"start": start16, "end": end16}

    def span(self, start: int, end: int, label: str, score: float | None = None) -> str:
        self._count += 1
        region = f"{self.origin[0]}{self._count}"
        self.spans[region] = (start, end)
        item: dict[str, object] = {
            "id": region,
            "from_name": FROM_NAME,
            "to_name": TO_NAME,
            "type": "labels",
            "origin": self.origin,
            "value": {**self._value(region), "text": self.text[start:end], "labels": [label]},
        }
        if score is not None:
            item["score"] = score
        self.results.append(item)
        return region

    def textarea(self, region: str, name: str, values: list[str]) -> None:
        value = {**self._value(region), "text": values}
        self.results.append({"id": region, "from_name": name, "to_name": TO_NAME, "type": "textarea", "value": value})

    def choices(self, region: str | None, name: str, choices: list[str]) -> None:
        value = {**self._value(region), "choices": choices} if region else {"choices": choices}
        item = {
            "id": region or f"{name}-choice",
            "from_name": name,
            "to_name": TO_NAME,
            "type": "choices",
            "value": value,
        }
        self.results.append(item)

    def relation(self, source: str, target: str, label: str) -> None:
        self.results.append(
            {"from_id": source, "to_id": target, "type": "relation", "direction": "right", "labels": [label]}
        )


def _action_span(text: str, action: str, window: tuple[int, int], trigger: str = "") -> tuple[int, int]:
    """The words that express the action: the trigger when given, else a keyword, else the passage."""
    if trigger:
        found = locate(text, trigger, window, anywhere=False)
        if found:
            return found
        for word in sorted((w for w in trigger.split() if len(w) > 3), key=len, reverse=True):
            found = locate(text, word, window, anywhere=False)
            if found:
                return found
    start, end = window
    for keyword in action_keywords().get(action, []):
        match = re.search(r"(?<!\w)" + re.escape(keyword) + r"\w*", text[start:end], re.I)
        if match:
            return start + match.start(), start + match.end()
    return window


def _add_argument(
    builder: ResultBuilder,
    action_region: str,
    label: str,
    value: str,
    window: tuple[int, int],
    fallbacks: Sequence[str] = (),
) -> str | None:
    """A span for one field joined to the action span; None when the words are nowhere in the text."""
    text = builder.text
    found = None
    for needle in (value, *fallbacks):
        found = locate(text, needle, window, anywhere=False)
        if found:
            break
    if not found:
        found = locate(text, value, window)
    if not found:
        return None
    region = builder.span(found[0], found[1], label)
    builder.relation(action_region, region, label.lower())
    if collapse(text[found[0] : found[1]]) != collapse(value):
        builder.textarea(region, "value", [value])
    return region


def _event_results(
    builder: ResultBuilder,
    action: str,
    window: tuple[int, int],
    fields: dict[str, str],
    trigger: str = "",
    dates: Sequence[str] = (),
    optional: bool = False,
    aliases: Sequence[str] = (),
    score: float | None = None,
) -> None:
    text = builder.text
    start, end = _action_span(text, action, window, trigger)
    action_region = builder.span(start, end, action, score)
    evidence = builder.span(window[0], window[1], "EVIDENCE")
    builder.relation(action_region, evidence, "evidence")
    extra = []
    for name in ("victim", "perpetrator", "place", "destination", "date_text", "detail"):
        value = fields.get(name) or ""
        if not value:
            continue
        fallbacks: list[str] = []
        if name == "victim":
            fallbacks = [*aliases, *([value.split()[-1]] if len(value.split()) > 1 else [])]
        region = _add_argument(builder, action_region, FIELD_LABEL[name], value, window, fallbacks)
        if name == "victim" and region and aliases:
            builder.textarea(region, "aliases", ["\n".join(aliases)])
        if region is None and name != "date_text":
            extra.append(f"{name}: {value}")
            if name == "victim" and aliases:
                # No span to hang the aliases on (the sentence says "They"): they travel in the same box.
                extra.append(f"{ALIASES_KEY}: {' | '.join(aliases)}")
    if dates:
        builder.textarea(action_region, "date_iso", [" | ".join(dates)])
    if extra:
        builder.textarea(action_region, "extra", ["\n".join(extra)])
    if optional:
        builder.choices(action_region, "flags", ["optional"])


@dataclass
class ExportResult:
    tasks: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def gold_results(text: str, report: GoldReport, warnings: list[str]) -> list[dict]:
    builder = ResultBuilder(text, "manual")
    for event in report.events:
        found = find_passage(text, event.evidence)
        if found is None:
            warnings.append(
                f"{report.report_id}: gold evidence not found in the text, event left out: {event.evidence!r}"
            )
            continue
        fields = {name: getattr(event, name) or "" for name in EXTRA_FIELDS}
        _event_results(
            builder,
            event.action,
            found,
            fields,
            dates=event.dates(),
            optional=event.optional,
            aliases=event.victim_aliases,
        )
    if not report.complete:
        builder.choices(None, "report", ["incomplete"])
    return builder.results


def event_results(text: str, events: Sequence[Event], warnings: list[str]) -> list[dict]:
    builder = ResultBuilder(text, "prediction")
    for event in events:
        start, end, how = passage_offsets(event, text)
        if how == "missing":
            warnings.append(
                f"{event.report_id}: evidence of {event.action} of {event.victim} not in the text, left out"
            )
            continue
        fields = {name: getattr(event, name) for name in (*EXTRA_FIELDS, "date_text")}
        _event_results(
            builder,
            event.action,
            (start, end),
            fields,
            trigger=event.trigger,
            dates=[event.date] if event.date else [],
            score=event.confidence,
        )
    return builder.results


BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")
LINE_AFTER_SENTENCE = re.compile(r"[.!?][\"'”’)\]]*[ \t]*\n")
#: Paragraphs longer than this (characters) are cut at a line break after a sentence: text
#: converted from PDF often has no blank lines at all, and one task per page of it is too much.
MAX_TASK_CHARS = 1500


def _cut_long(text: str, start: int, end: int, limit: int) -> list[list[int]]:
    """[start, end) cut into pieces of at most about `limit` characters, at sentence-final line breaks."""
    cuts = [m.end() for m in LINE_AFTER_SENTENCE.finditer(text, start, end) if m.end() < end]
    pieces, at = [], start
    while end - at > limit:
        before = [c for c in cuts if at < c <= at + limit]
        after = [c for c in cuts if c > at + limit]
        cut = before[-1] if before else after[0] if after else end
        if cut >= end:
            break
        pieces.append([at, cut])
        at = cut
    pieces.append([at, end])
    return pieces


def paragraph_spans(
    text: str, passages: Iterable[tuple[int, int]] = (), limit: int = MAX_TASK_CHARS
) -> list[tuple[int, int]]:
    """(start, end) of the paragraphs of `text` (split at blank lines, long ones at sentence-final
    line breaks), joined where a passage (an event's evidence) crosses a break, so that every
    passage lies in one task."""
    spans: list[list[int]] = []
    at = 0
    for match in [*BLANK_LINES.finditer(text), None]:
        stop = match.start() if match else len(text)
        if text[at:stop].strip():
            spans += _cut_long(text, at, stop, limit)
        if match:
            at = match.end()
    if not spans:
        spans = [[0, len(text)]]
    for start, end in sorted(passages):
        first = next((i for i, (a, b) in enumerate(spans) if start < b), len(spans) - 1)
        last = next((i for i, (a, b) in enumerate(spans) if end <= b), len(spans) - 1)
        if last > first:
            spans[first : last + 1] = [[spans[first][0], spans[last][1]]]
    return [(a, b) for a, b in spans]


def _paragraph_tasks(
    data: dict, text: str, gold: GoldReport | None, events: Sequence[Event], warnings: list[str]
) -> list[dict]:
    """One task per paragraph of a report: its text, and the gold and predicted events read from it.

    `data.offset` (code points) and `data.paragraph`/`data.paragraphs` let `import_tasks` put
    the report back together; it imports a report only when all its paragraphs come back."""
    gold_spans = [(e, find_passage(text, e.evidence)) for e in (gold.events if gold else [])]
    for event, span in gold_spans:
        if span is None:
            warnings.append(
                f"{data['report_id']}: gold evidence not found in the text, event left out: {event.evidence!r}"
            )
    predicted = [(e, passage_offsets(e, text)) for e in events]
    passages = [span for _, span in gold_spans if span] + [(a, b) for _, (a, b, how) in predicted if how != "missing"]
    paragraphs = paragraph_spans(text, passages)
    tasks = []
    for number, (start, end) in enumerate(paragraphs):
        piece = text[start:end]
        task: dict = {
            "data": {**data, "text": piece, "offset": start, "paragraph": number, "paragraphs": len(paragraphs)}
        }
        if gold is not None:
            inside = [e for e, span in gold_spans if span and start <= span[0] < end]
            sub = gold.model_copy(update={"events": inside})
            task["annotations"] = [{"result": gold_results(piece, sub, warnings), "ground_truth": True}]
        mine = [
            e.model_copy(update={"start_char": a - start, "end_char": b - start})
            for e, (a, b, how) in predicted
            if how != "missing" and start <= a < end
        ]
        if mine:
            task["predictions"] = [
                {
                    "model_version": f"hrevents-{__version__}",
                    "score": round(sum(e.confidence for e in mine) / len(mine), 4),
                    "result": event_results(piece, mine, warnings),
                }
            ]
        tasks.append(task)
    return tasks


def export_tasks(
    gold: Path | None = None,
    events: Sequence[Event] = (),
    reports: Sequence[Path] = (),
    paragraphs: bool = False,
) -> ExportResult:
    """Label Studio tasks for every report in the gold and/or the events.

    With `paragraphs`, one task per paragraph instead of one per report: a long report as
    one task puts hundreds of regions on one screen."""
    result = ExportResult()
    gold_reports: dict[str, GoldReport] = {}
    text_paths: dict[str, Path] = {}
    gold_dir = gold.parent if gold else Path(".")
    if gold is not None:
        for line in read_gold_lines(gold):
            if line.report is not None:
                gold_reports[line.report.report_id] = line.report
                text_paths[line.report.report_id] = gold_dir / line.report.text_file
    by_report: dict[str, list[Event]] = {}
    for event in events:
        by_report.setdefault(event.report_id, []).append(event)
    files = index_report_files(reports) if reports else {}
    for report_id in dict.fromkeys([*gold_reports, *by_report]):
        path = text_paths.get(report_id) or files.get(report_id)
        if path is None or not path.is_file():
            result.warnings.append(f"{report_id}: no report text found (pass --reports DIR); left out")
            continue
        report = read_report(path, report_id=report_id)
        try:
            text_file = Path(path).resolve().relative_to(gold_dir.resolve()).as_posix()
        except ValueError:
            text_file = str(path)
        data = {
            "text": report.text,
            "report_id": report_id,
            "text_file": text_file,
            "title": report.meta.title or "",
            "published": report.meta.published.isoformat() if report.meta.published else None,
        }
        if paragraphs:
            result.tasks += _paragraph_tasks(
                data, report.text, gold_reports.get(report_id), by_report.get(report_id, []), result.warnings
            )
            continue
        task: dict = {"data": data}
        if report_id in gold_reports:
            task["annotations"] = [
                {"result": gold_results(report.text, gold_reports[report_id], result.warnings), "ground_truth": True}
            ]
        if report_id in by_report:
            found = by_report[report_id]
            task["predictions"] = [
                {
                    "model_version": f"hrevents-{__version__}",
                    "score": round(sum(e.confidence for e in found) / len(found), 4),
                    "result": event_results(report.text, found, result.warnings),
                }
            ]
        result.tasks.append(task)
    return result


def write_json(data: object, path: Path) -> None:
    with atomic_path(path) as temporary:
        temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        keep_mode(temporary, path)


# ---------------------------------------------------------------- import


@dataclass
class Region:
    id: str
    start: int
    end: int
    label: str
    text: str
    extras: dict[str, list[str]] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)

    def value(self) -> str:
        """The normalised value where the annotator gave one, else the words."""
        given = "\n".join(self.extras.get("value", [])).strip()
        return collapse(given) if given else collapse(self.text)


def choose_annotation(task: dict, use_predictions: bool) -> list[dict] | None:
    """The result list to import: the latest annotation that was not cancelled."""
    annotations = [a for a in task.get("annotations") or [] if not a.get("was_cancelled")]
    if annotations:
        latest = max(
            enumerate(annotations),
            key=lambda item: (str(item[1].get("updated_at") or item[1].get("created_at") or ""), item[0]),
        )
        return latest[1].get("result") or []
    if use_predictions and task.get("predictions"):
        return task["predictions"][0].get("result") or []
    return None


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence(s) holding [start, end): from after the previous sentence end to the next one."""
    left = 0
    for match in SENTENCE_END.finditer(text, 0, start):
        left = match.end()
    after = SENTENCE_END.search(text, end)
    right = after.start() + 1 if after and after.group(0)[0] in ".!?" else after.start() if after else len(text)
    return left, right


@dataclass
class ParsedReport:
    report_id: str
    text: str
    data: dict
    events: list[GoldEvent]
    complete: bool
    positions: list[int]
    pieces: list[tuple[int, str]] = field(default_factory=list)  # (offset, text) of paragraph tasks


def parse_task(task: dict, use_predictions: bool, warnings: list[str]) -> ParsedReport | None:
    data = task.get("data") or {}
    text = data.get("text")
    report_id = data.get("report_id")
    if not isinstance(text, str) or not report_id:
        warnings.append(f"task {task.get('id', '?')}: no data.text or data.report_id; left out")
        return None
    results = choose_annotation(task, use_predictions)
    if results is None:
        warnings.append(f"{report_id}: not annotated; left out")
        return None
    regions: dict[str, Region] = {}
    for item in results:
        if item.get("type") == "labels" and item.get("value", {}).get("labels"):
            value = item["value"]
            start, end = code_point_offsets(text, (int(value["start"]), int(value["end"])))
            regions[item["id"]] = Region(item["id"], start, end, value["labels"][0], text[start:end])
    complete = True
    links: dict[str, list[tuple[str, str]]] = {}
    for item in results:
        kind, region = item.get("type"), regions.get(str(item.get("id")))
        if kind == "textarea" and region is not None:
            region.extras.setdefault(item.get("from_name", ""), []).extend(item.get("value", {}).get("text", []))
        elif kind == "choices" and region is not None:
            region.flags.extend(item.get("value", {}).get("choices", []))
        elif kind == "choices" and item.get("from_name") == "report":
            complete = "incomplete" not in item.get("value", {}).get("choices", [])
        elif kind == "relation":
            source, target = str(item.get("from_id")), str(item.get("to_id"))
            links.setdefault(source, []).append((target, "out"))
            links.setdefault(target, []).append((source, "in"))
    actions = load_actions()
    events: list[GoldEvent] = []
    positions: list[int] = []
    for region in sorted(regions.values(), key=lambda r: (r.start, r.end)):
        if region.label not in actions:
            if region.label not in ARGUMENTS:
                warnings.append(f"{report_id}: unknown label {region.label!r} on {region.text!r}; ignored")
            continue
        related = [regions[other] for other, _ in links.get(region.id, []) if other in regions]
        related = [r for r in related if r.label in ARGUMENTS]
        extra: dict[str, str] = {}
        for line in "\n".join(region.extras.get("extra", [])).splitlines():
            key, _, value = line.partition(":")
            if key.strip() in (*EXTRA_FIELDS, ALIASES_KEY) and value.strip():
                extra[key.strip()] = collapse(value)

        def first(label: str, related: list[Region] = related, extra: dict[str, str] = extra) -> str | None:
            for candidate in related:
                if candidate.label == label:
                    return candidate.value()
            return extra.get(ARGUMENTS[label]) or None

        victims = [r for r in related if r.label == "VICTIM"]
        names: list[tuple[str, list[str], Region | None]] = [
            (r.value(), [a.strip() for a in "\n".join(r.extras.get("aliases", [])).splitlines() if a.strip()], r)
            for r in victims
        ]
        if not names and extra.get("victim"):
            written = [a.strip() for a in extra.get(ALIASES_KEY, "").split("|") if a.strip()]
            names = [(extra["victim"], written, None)]
        if not names:
            warnings.append(f"{report_id}: {region.label} span {region.text!r} has no VICTIM joined to it; left out")
            continue
        raw_dates = [
            d.strip() for d in "|".join(region.extras.get("date_iso", [])).replace(",", "|").split("|") if d.strip()
        ]
        evidence_regions = [r for r in related if r.label == "EVIDENCE"]
        for name, aliases, _ in names:
            if evidence_regions:
                evidence = collapse(evidence_regions[0].text)
            else:  # the sentence of the action (the victim may be named in an earlier one: "They were released")
                left, right = _sentence_around(text, region.start, region.end)
                evidence = collapse(text[left:right])
            record = {
                "action": region.label,
                "victim": name,
                "date": raw_dates[0] if len(raw_dates) == 1 else raw_dates or None,
                "perpetrator": first("PERPETRATOR"),
                "place": first("PLACE"),
                "destination": first("DESTINATION"),
                "detail": first("DETAIL"),
                "evidence": evidence,
                "optional": "optional" in region.flags,
                "victim_aliases": aliases,
            }
            try:
                events.append(GoldEvent.model_validate(record))
                positions.append(region.start)
            except ValidationError as error:
                problem = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
                warnings.append(
                    f"{report_id}: {region.label} of {name!r} is not a valid gold event ({problem}); left out"
                )
    return ParsedReport(report_id, text, data, events, complete, positions)


def gold_event_record(event: GoldEvent) -> dict:
    record = {name: getattr(event, name) for name in GOLD_FIELDS}
    if event.optional:
        record["optional"] = True
    if event.victim_aliases:
        record["victim_aliases"] = list(event.victim_aliases)
    return record


@dataclass
class AnnotationImportResult:
    replaced: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    events: int = 0
    warnings: list[str] = field(default_factory=list)
    written: bool = False

    def summary(self) -> str:
        lines = [
            f"{self.events} gold event(s) in {len(self.replaced) + len(self.added)} report(s): "
            f"{len(self.replaced)} replaced, {len(self.added)} added"
        ]
        lines += [f"warning: {warning}" for warning in self.warnings]
        return "\n".join(lines)


def load_tasks(path: Path) -> list[dict]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise AnnotationError(f"{path}: not a Label Studio JSON export: {error}") from error
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list) or not all(isinstance(task, dict) for task in data):
        raise AnnotationError(f"{path}: expected a list of tasks (Label Studio's JSON export)")
    return data


def _same_gold(a: GoldEvent, b: GoldEvent) -> bool:
    return {**a.model_dump(), "evidence": collapse(a.evidence)} == {**b.model_dump(), "evidence": collapse(b.evidence)}


def in_gold_order(events: list[GoldEvent], existing: GoldLine | None) -> list[tuple[GoldEvent, dict]]:
    """The imported events in the order the gold already had them, each with the record to write.

    An event equal to a gold event keeps that event's place and its record as written (key
    order, nulls), so re-importing unchanged labels changes no byte; an event matching one by
    action, person and evidence (an edited date, say) takes that event's place with the new
    record; new events follow, in text order. Without this, every import reordered the gold
    by text position and made noisy diffs."""
    old_records = list((existing.data or {}).get("events", [])) if existing is not None else []
    old_events = list(existing.report.events) if existing is not None and existing.report is not None else []
    slots: dict[int, tuple[GoldEvent, dict]] = {}
    fresh: list[tuple[GoldEvent, dict]] = []
    for event in events:
        free = [i for i in range(len(old_events)) if i not in slots]
        equal = [i for i in free if _same_gold(event, old_events[i])]
        similar = [
            i
            for i in free
            if old_events[i].action == event.action
            and collapse(old_events[i].evidence) == collapse(event.evidence)
            and same_event(event.action, event.victim, old_events[i])
        ]
        if equal and equal[0] < len(old_records):
            slots[equal[0]] = (event, old_records[equal[0]])
        elif similar:
            slots[similar[0]] = (event, gold_event_record(event))
        else:
            fresh.append((event, gold_event_record(event)))
    return [slots[i] for i in sorted(slots)] + fresh


def import_tasks(
    export: str | Path,
    gold: str | Path,
    reports: Sequence[Path] = (),
    use_predictions: bool = False,
    dry_run: bool = False,
) -> AnnotationImportResult:
    """Label Studio annotations into the gold file: each annotated report replaces its gold line.

    Every evidence must be found in the report file the gold points to; events whose
    evidence is not are left out with a warning. Lines of other reports are kept as they are,
    and so are the events of a report that did not change (see `in_gold_order`).
    """
    return import_task_list(load_tasks(Path(export)), gold, reports, use_predictions, dry_run)


def merge_paragraphs(
    parsed: list[ParsedReport], tasks_per_report: dict[str, int], warnings: list[str]
) -> list[ParsedReport]:
    """Paragraph tasks (`data.offset`) of one report joined back into one parsed report.

    A report is imported only when every one of its paragraph tasks came back annotated:
    importing some paragraphs would drop the gold events of the others."""
    whole: list[ParsedReport] = []
    groups: dict[str, list[ParsedReport]] = {}
    for item in parsed:
        if "offset" in item.data:
            groups.setdefault(item.report_id, []).append(item)
        else:
            whole.append(item)
    for report_id, pieces in groups.items():
        expected = int(pieces[0].data.get("paragraphs") or tasks_per_report.get(report_id, len(pieces)))
        if len(pieces) != expected:
            warnings.append(
                f"{report_id}: {len(pieces)} of its {expected} paragraph tasks are annotated; report left out"
            )
            continue
        pieces.sort(key=lambda p: int(p.data["offset"]))
        merged = ParsedReport(
            report_id,
            "",
            {k: v for k, v in pieces[0].data.items() if k not in ("text", "offset", "paragraph")},
            [event for piece in pieces for event in piece.events],
            all(piece.complete for piece in pieces),
            [int(piece.data["offset"]) + position for piece in pieces for position in piece.positions],
            [(int(piece.data["offset"]), piece.text) for piece in pieces],
        )
        whole.append(merged)
    return whole


def import_task_list(
    tasks: list[dict],
    gold: str | Path,
    reports: Sequence[Path] = (),
    use_predictions: bool = False,
    dry_run: bool = False,
) -> AnnotationImportResult:
    """`import_tasks` on tasks already loaded (from Label Studio, or converted from Doccano or INCEpTION)."""
    gold = Path(gold)
    result = AnnotationImportResult()
    lines = read_gold_lines(gold)
    by_id = {line.report.report_id: line for line in lines if line.report is not None}
    files: dict[str, Path] | None = None
    per_report: dict[str, int] = {}
    for task in tasks:
        report_key = str((task.get("data") or {}).get("report_id") or "")
        per_report[report_key] = per_report.get(report_key, 0) + 1
    parsed_reports = [p for p in (parse_task(task, use_predictions, result.warnings) for task in tasks) if p]
    for parsed in merge_paragraphs(parsed_reports, per_report, result.warnings):
        existing = by_id.get(parsed.report_id)
        if existing is not None and existing.report is not None:
            text_file, published = existing.report.text_file, existing.report.published
        else:
            text_file = str(parsed.data.get("text_file") or "")
            candidate = gold.parent / text_file if text_file else None
            if candidate is None or not candidate.is_file():
                if files is None:
                    files = index_report_files(reports or [gold.parent / "reports"])
                candidate = files.get(parsed.report_id)
                if candidate is None:
                    result.warnings.append(
                        f"{parsed.report_id}: no report file found for it (pass --reports DIR); left out"
                    )
                    continue
            text_file = relative_path(candidate, gold.parent)
            published = parsed.data.get("published")
        report = read_report(gold.parent / text_file, report_id=parsed.report_id)
        pieces = parsed.pieces or [(0, parsed.text)]
        if any(report.text[offset : offset + len(piece)] != piece for offset, piece in pieces):
            result.warnings.append(
                f"{parsed.report_id}: the task's text differs from {text_file}; evidence checked against the file"
            )
        kept: list[tuple[int, GoldEvent]] = []
        for position, event in zip(parsed.positions, parsed.events, strict=True):
            if find_passage(report.text, event.evidence) is None:
                result.warnings.append(
                    f"{parsed.report_id}: evidence not found in {text_file}, event left out: {event.evidence!r}"
                )
                continue
            twice = [o for _, o in kept if o.evidence == event.evidence and _same_name(event, o)]
            if twice:
                result.warnings.append(
                    f"{parsed.report_id}: {event.action} of {event.victim} labelled twice on the same evidence; "
                    "kept the first"
                )
                continue
            kept.append((position, event))
        record: dict = {"report_id": parsed.report_id, "text_file": text_file, "published": published}
        if not parsed.complete:
            record["complete"] = False
        record["events"] = [written for _, written in in_gold_order([event for _, event in kept], existing)]
        if not parsed.complete and existing is not None and existing.report is not None and existing.report.rejected:
            record["rejected"] = [r.model_dump() for r in existing.report.rejected]
        groups = (existing.data or {}).get("group_events") if existing is not None else None
        if groups is not None:
            record["group_events"] = groups  # labelled apart (SPEC 7), kept as they are
        line = GoldLine(
            raw=json.dumps(record, ensure_ascii=False), data=record, report=GoldReport.model_validate(record)
        )
        if existing is not None and existing.report is not None and existing.report == line.report:
            line = existing  # nothing changed: the line stays byte for byte
        if existing is not None:
            lines[lines.index(existing)] = line
            result.replaced.append(parsed.report_id)
        else:
            lines.append(line)
            result.added.append(parsed.report_id)
        by_id[parsed.report_id] = line
        result.events += len(kept)
    if (result.replaced or result.added) and not dry_run:
        write_gold_lines(lines, gold)
        result.written = True
    return result


def events_for_export(paths: Iterable[Path]) -> list[Event]:
    from hrevents.writers import read_events

    return [event for path in paths for event in read_events(path)]
