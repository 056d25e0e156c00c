"""Rebuild outputs/examples/ from the shipped corpus: geocoded events and one file per export format.

    .venv/bin/python scripts/make_examples.py [--reports corpus/reports] [--out outputs/examples]
                                              [--exclude GLOB] [--model NAME]

Writes events.geo.csv (SPEC section 4 columns plus the geo columns), events.huridocs.json,
events.plover.csv and events.acled.csv. The reports of corpus/gold_blind*.jsonl are left out by
default: they are the blind part of the gold, never used while rules are written.
"""

from __future__ import annotations

import argparse
import fnmatch
import sys
from pathlib import Path

import pandas as pd

from hrevents.exports import export
from hrevents.extract import Extractor
from hrevents.geo import geocode_events
from hrevents.nlp import DEFAULT_MODEL
from hrevents.reader import read_report
from hrevents.writers import atomic_path, neutralise


def blind_reports(corpus: Path = Path("corpus")) -> list[str]:
    """The ids of the blind golds' reports (every `gold_blind*.jsonl`: a part that joins development moves out)."""
    from hrevents_models import load_gold

    return [report.report_id for gold in sorted(corpus.glob("gold_blind*.jsonl")) for report in load_gold(gold).reports]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=Path, default=Path("corpus/reports"))
    parser.add_argument("--out", type=Path, default=Path("outputs/examples"))
    parser.add_argument("--exclude", action="append", default=None, help="report id glob to leave out (repeatable)")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    args = parser.parse_args(argv)
    exclude = args.exclude if args.exclude is not None else blind_reports()

    paths = [p for p in sorted(args.reports.glob("*.txt")) if not any(fnmatch.fnmatch(p.stem, g) for g in exclude)]
    reports = [read_report(path) for path in paths]
    extractor = Extractor(args.model)
    events = []
    for report, found in extractor.pipe(reports):
        events.extend(geocode_events(found, report))

    args.out.mkdir(parents=True, exist_ok=True)
    table = args.out / "events.geo.csv"
    frame = pd.DataFrame([event.row() for event in events])
    with atomic_path(table) as temporary:
        frame.apply(lambda column: column.map(neutralise)).to_csv(temporary, index=False, encoding="utf-8")
    print(f"{len(events)} events from {len(reports)} reports written to {table}")
    for fmt, name in (
        ("huridocs", "events.huridocs.json"),
        ("plover", "events.plover.csv"),
        ("acled", "events.acled.csv"),
    ):
        path, count = export(table, fmt, args.out / name, [args.reports / f"{r.report_id}.txt" for r in reports])
        print(f"{count} {fmt} records written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
