"""How much geocoding adds to extraction time (issue 6: it must stay under 5%).

    .venv/bin/python scripts/bench_geo.py [REPORT_OR_FOLDER ...] [--repeat N] [--model NAME]

Times, on the same reports: loading the spaCy pipeline (once), extracting events (best of N),
opening the gazetteer in a fresh state (building its cached index first if it is missing, which
happens once per machine and is reported apart), and geocoding the extracted events (best of N,
with the in-process name caches emptied before each run). Prints the overhead of geocoding
against extraction alone and against load + extraction, as a table and as JSON (--json FILE).
Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import hrevents.geo.gazetteer as gazetteer_index
from hrevents.extract import Extractor
from hrevents.geo import geocode_events
from hrevents.nlp import DEFAULT_MODEL
from hrevents.reader import read_report


def report_paths(inputs: list[str]) -> list[Path]:
    paths: list[Path] = []
    for item in inputs:
        path = Path(item)
        paths.extend(sorted(p for p in path.rglob("*.txt")) if path.is_dir() else [path])
    return paths


def best(times: list[float]) -> float:
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="*", default=["corpus/reports"])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)

    reports = [read_report(path) for path in report_paths(args.inputs)]
    size = sum(len(r.text) for r in reports)

    import hrevents.extract as extract_module

    if hasattr(extract_module, "geocode_events"):  # once extraction geocodes, time it without that step
        extract_module.geocode_events = lambda events, report: events

    start = time.perf_counter()
    extractor = Extractor(args.model)
    load_s = time.perf_counter() - start

    extract_times, results = [], []
    for _ in range(args.repeat):
        start = time.perf_counter()
        results = list(extractor.pipe(reports))
        extract_times.append(time.perf_counter() - start)
    events = sum(len(found) for _, found in results)

    index = gazetteer_index.cache_dir() / gazetteer_index._index_name()
    build_s = None
    if not index.exists():
        start = time.perf_counter()
        gazetteer_index.gazetteer()
        build_s = time.perf_counter() - start
        gazetteer_index._GAZETTEER = None
    gazetteer_index.fold.cache_clear()
    start = time.perf_counter()
    gazetteer_index.gazetteer()
    open_s = time.perf_counter() - start

    geocode_times = []
    for _ in range(args.repeat):
        gazetteer_index.fold.cache_clear()
        gazetteer_index.gazetteer()._city_cache.clear()
        start = time.perf_counter()
        for report, found in results:
            geocode_events(found, report)
        geocode_times.append(time.perf_counter() - start)

    extract_s, geocode_s = best(extract_times), best(geocode_times)
    summary = {
        "reports": len(reports),
        "characters": size,
        "events": events,
        "model": args.model,
        "model_load_s": round(load_s, 3),
        "extract_s_best": round(extract_s, 3),
        "extract_s_runs": [round(t, 3) for t in extract_times],
        "gazetteer_index_build_s_once_per_machine": None if build_s is None else round(build_s, 3),
        "gazetteer_open_s": round(open_s, 4),
        "geocode_s_best": round(geocode_s, 4),
        "geocode_s_runs": [round(t, 4) for t in geocode_times],
        "overhead_vs_extract": round((open_s + geocode_s) / extract_s, 4),
        "overhead_vs_load_and_extract": round((open_s + geocode_s) / (load_s + extract_s), 4),
        "overhead_per_report_vs_extract": round(geocode_s / extract_s, 4),
    }
    width = max(len(k) for k in summary)
    for key, value in summary.items():
        print(f"{key:<{width}}  {value}")
    verdict = "OK" if summary["overhead_vs_extract"] < 0.05 else "OVER BUDGET"
    print(f"geocoding adds {summary['overhead_vs_extract']:.1%} to extraction (budget 5%): {verdict}")
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return 0 if verdict == "OK" else 1


if __name__ == "__main__":
    sys.exit(main())
