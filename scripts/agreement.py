"""Inter-annotator agreement between two hand-labelled gold files, measured with the project's scorer.

Labeller A's file is taken as gold and labeller B's events as predictions, scored exactly as an
extractor would be (SPEC section 6: event P/R/F1, strict F1, field accuracy on matched events);
then the roles are swapped. Each gold event of the "predicting" labeller becomes an `Event`
record: its first date if it gives a list, '' for null fields, no trigger, offsets 0, confidence
1.0, rule 'labeller-a' or 'labeller-b'. The `optional` flag is lost on that side, as it would be
for an extractor: an optional event of the predicting labeller that the gold labeller left out
counts as a false positive, one that the gold labeller marked optional is left out of the score.

Besides the two scores the script lists every disagreement: the false positives, false negatives
and wrong fields the scorer saw in each direction, and a field-by-field comparison of the two
labellings (including fields the scorer ignores: optional flag, detail, aliases, evidence).

Usage:
    python scripts/agreement.py A.jsonl B.jsonl [--report ID ...] [--json OUT.json]

Only reports present in both files are compared (or the ones named with --report).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from hrevents.scoring.groups import GroupScore, evidence_places, group_table, score_groups
from hrevents.scoring.scorer import Score, date_correct, same_person, score
from hrevents.scoring.tables import metrics_table
from hrevents_models import Event, GoldEvent, GoldFile, GoldReport, load_gold

COMPARED_FIELDS = ("optional", "date", "perpetrator", "place", "destination", "detail", "victim_aliases", "evidence")
WHITESPACE = re.compile(r"\s+")


def to_events(report: GoldReport, rule: str) -> list[Event]:
    """One labeller's events of one report as prediction records for the scorer."""
    return [
        item.as_event(report.report_id, f"{report.report_id}-{rule}-{number:03d}", rule)
        for number, item in enumerate(report.events)
    ]


def report_text(report: GoldReport, *golds: GoldFile) -> str:
    """The report's text from the first of the files whose `text_file` exists: a second
    labelling often lives in another folder (corpus/agreement/) than the report it labels."""
    for gold in golds:
        path = gold.text_path(report)
        if path.is_file():
            return path.read_text("utf-8-sig")
    raise SystemExit(f"{report.report_id}: report text not found at {report.text_file!r} beside either gold file")


def group_predictions(report: GoldReport, text: str, rule: str) -> list[Event]:
    """One labeller's group events (SPEC 7) of one report as group prediction records, placed at
    the first occurrence of their evidence so that the group scorer can match them by place."""
    events = []
    for number, item in enumerate(report.group_events or []):
        places = evidence_places(text, item.evidence)
        start, end = places[0] if places else (0, 0)
        events.append(
            item.as_event(report.report_id, f"{report.report_id}-{rule}-group-{number:03d}", rule, start, end)
        )
    return events


def directional_group_score(gold: GoldFile, labeller: GoldFile, rule: str) -> GroupScore:
    """Score one labeller's group events against the other's, as `hrevents evaluate` scores an
    extractor's (same action, overlapping evidence place). Optional events of the predicting side
    count as predictions, as for named events; a report one side did not label for groups (a
    labelling older than SPEC 7) is left out."""
    labelled = {r.report_id for r in labeller.reports if r.group_events is not None}
    gold = GoldFile(path=gold.path, reports=[r for r in gold.reports if r.report_id in labelled])
    texts = {report.report_id: report_text(report, gold, labeller) for report in labeller.reports}
    predictions = [
        event for report in labeller.reports for event in group_predictions(report, texts[report.report_id], rule)
    ]
    return score_groups(predictions, gold, texts)


def shared_reports(first: GoldFile, second: GoldFile, wanted: list[str]) -> tuple[GoldFile, GoldFile]:
    """Both files cut to the same reports, in the first file's order."""
    in_second = {r.report_id: r for r in second.reports}
    ids = [r.report_id for r in first.reports if r.report_id in in_second]
    if wanted:
        unknown = [w for w in wanted if w not in ids]
        if unknown:
            raise SystemExit(f"report(s) not labelled in both files: {', '.join(unknown)}")
        ids = [i for i in ids if i in wanted]
    if not ids:
        raise SystemExit("the two files have no report in common")
    keep_first = [r for r in first.reports if r.report_id in ids]
    keep_second = [in_second[i] for i in ids]
    return GoldFile(path=first.path, reports=keep_first), GoldFile(path=second.path, reports=keep_second)


def directional_score(gold: GoldFile, labeller: GoldFile, rule: str) -> Score:
    """Score one labeller's events as predictions against the other labeller's file as gold."""
    predictions = [event for report in labeller.reports for event in to_events(report, rule)]
    return score(predictions, gold)


def same_victim(one: GoldEvent, other: GoldEvent) -> bool:
    """The scorer's person match, tried both ways so that either labeller's aliases count."""
    return any(same_person(name, other) for name in (one.victim, *one.victim_aliases)) or any(
        same_person(name, one) for name in (other.victim, *other.victim_aliases)
    )


def pair_events(first: GoldReport, second: GoldReport) -> list[tuple[GoldEvent | None, GoldEvent | None]]:
    """One-to-one pairing of all events (optional ones too), the scorer's way: same action, same
    person, taken in the second file's order, preferring a partner with the same date and flag."""
    free = list(range(len(first.events)))
    pairs: list[tuple[GoldEvent | None, GoldEvent | None]] = []
    for theirs in second.events:
        options = [i for i in free if first.events[i].action == theirs.action and same_victim(first.events[i], theirs)]
        if not options:
            pairs.append((None, theirs))
            continue

        def rank(i: int, theirs: GoldEvent = theirs) -> tuple[bool, bool, int]:
            mine = first.events[i]
            wrong_date = date_correct(theirs.dates()[0] if theirs.dates() else "", mine) is False
            return wrong_date, mine.optional != theirs.optional, i

        chosen = min(options, key=rank)
        free.remove(chosen)
        pairs.append((first.events[chosen], theirs))
    pairs.extend((first.events[i], None) for i in free)
    return pairs


def _value(item: GoldEvent, name: str) -> object:
    value = getattr(item, name)
    if name == "date":
        return sorted(item.dates()) or None
    if name == "evidence":
        return WHITESPACE.sub(" ", value).strip()
    if name == "victim_aliases":
        return sorted(value)
    return value


@dataclass
class Difference:
    """One disagreement between the two labellings of a report."""

    report_id: str
    action: str
    victim: str
    kind: str  # only_a, only_b, or the name of the field that differs
    a: object = None
    b: object = None


@dataclass
class Agreement:
    """Everything the script measures."""

    a_as_gold: Score
    b_as_gold: Score
    groups_a_as_gold: GroupScore = field(default_factory=GroupScore)
    groups_b_as_gold: GroupScore = field(default_factory=GroupScore)
    differences: list[Difference] = field(default_factory=list)
    pairs: int = 0
    pairs_identical: int = 0


def compare(first: GoldFile, second: GoldFile) -> tuple[list[Difference], int, int]:
    """Field-by-field differences, the number of paired events and how many agree on every field."""
    differences: list[Difference] = []
    paired = identical = 0
    in_second = {r.report_id: r for r in second.reports}
    for report in first.reports:
        for mine, theirs in pair_events(report, in_second[report.report_id]):
            if mine is None or theirs is None:
                only = mine or theirs
                assert only is not None
                shown = f"date {only.date}" + (", optional" if only.optional else "")
                if theirs is None:
                    differences.append(Difference(report.report_id, only.action, only.victim, "only_a", a=shown))
                else:
                    differences.append(Difference(report.report_id, only.action, only.victim, "only_b", b=shown))
                continue
            paired += 1
            found = [
                Difference(report.report_id, mine.action, mine.victim, name, _value(mine, name), _value(theirs, name))
                for name in COMPARED_FIELDS
                if _value(mine, name) != _value(theirs, name)
            ]
            identical += not found
            differences += found
    return differences, paired, identical


def measure(first: GoldFile, second: GoldFile) -> Agreement:
    """Both directions of the score plus the full list of differences."""
    differences, paired, identical = compare(first, second)
    return Agreement(
        a_as_gold=directional_score(first, second, "labeller-b"),
        b_as_gold=directional_score(second, first, "labeller-a"),
        groups_a_as_gold=directional_group_score(first, second, "labeller-b"),
        groups_b_as_gold=directional_group_score(second, first, "labeller-a"),
        differences=differences,
        pairs=paired,
        pairs_identical=identical,
    )


def scorer_disagreements(result: Score, direction: str) -> list[str]:
    """The scorer's own error rows (fp, fn, wrong_<field>) as printable lines."""
    lines = []
    for o in result.outcomes:
        if o.kind in ("fp", "fn") or o.kind.startswith("wrong_"):
            shown = f"predicted {o.predicted!r}, expected {o.expected!r}" if o.kind.startswith("wrong_") else ""
            if o.kind == "fn":
                shown = f"gold date {o.expected}"
            lines.append(f"  [{direction}] {o.kind:<18} {o.action:<13} {o.victim:<22} {shown}".rstrip())
    return lines


def print_report(agreement: Agreement, first: Path, second: Path) -> None:
    print(f"A = {first}\nB = {second}\n")
    table = metrics_table({"A gold, B predicted": agreement.a_as_gold, "B gold, A predicted": agreement.b_as_gold})
    print(table.to_string())
    groups = {"A gold, B predicted": agreement.groups_a_as_gold, "B gold, A predicted": agreement.groups_b_as_gold}
    if any(result.reports for result in groups.values()):
        print("\nGroup events (SPEC 7), scored as `hrevents evaluate` scores them:")
        print(group_table(groups).to_string())
    print("\nDisagreements counted by the scorer:")
    lines = scorer_disagreements(agreement.a_as_gold, "A gold") + scorer_disagreements(agreement.b_as_gold, "B gold")
    print("\n".join(lines) if lines else "  none")
    print(
        f"\nAll events paired across the two files (optional ones included): {agreement.pairs} pairs, "
        f"{agreement.pairs_identical} identical on every compared field "
        f"({', '.join(COMPARED_FIELDS)})."
    )
    print("Field-by-field differences:")
    if not agreement.differences:
        print("  none")
    for d in agreement.differences:
        print(f"  {d.report_id} | {d.action} | {d.victim} | {d.kind}\n      A: {d.a!r}\n      B: {d.b!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("a", type=Path, help="labeller A's gold file (JSON Lines, SPEC section 5)")
    parser.add_argument("b", type=Path, help="labeller B's gold file")
    parser.add_argument("--report", action="append", default=[], help="compare only this report id (repeatable)")
    parser.add_argument("--json", type=Path, help="also write the figures and differences as JSON here")
    args = parser.parse_args(argv)

    first, second = shared_reports(load_gold(args.a), load_gold(args.b), args.report)
    agreement = measure(first, second)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "a": str(args.a),
            "b": str(args.b),
            "reports": [r.report_id for r in first.reports],
            "a_as_gold": agreement.a_as_gold.as_dict(),
            "b_as_gold": agreement.b_as_gold.as_dict(),
            "groups_a_as_gold": agreement.groups_a_as_gold.as_dict(),
            "groups_b_as_gold": agreement.groups_b_as_gold.as_dict(),
            "pairs": agreement.pairs,
            "pairs_identical": agreement.pairs_identical,
            "differences": [asdict(d) for d in agreement.differences],
        }
        args.json.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n", "utf-8")
    print_report(agreement, args.a, args.b)
    return 0


if __name__ == "__main__":
    sys.exit(main())
