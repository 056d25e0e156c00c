"""Do two versions of the code extract the same events, byte for byte? (Not a test: a check for refactors.)

    .venv/bin/python scripts/same_events.py d5e1d5e HEAD          # two git revisions
    .venv/bin/python scripts/same_events.py --files a.csv b.csv   # two event files already written

With revisions, each one is checked out in a temporary git worktree and runs
`hrevents extract INPUTS --force` (INPUTS default: this checkout's `corpus/reports`, so only the
code differs) into every format given with `--format`, using this interpreter and its installed
dependencies with the revision's own `pipeline/` and `models/` first on the path. A revision
must have the package layout `pipeline/hrevents` + `models/hrevents_models` (main since d5e1d5e).

The files are compared byte for byte; when they differ, every difference is listed: events
only on one side (by `event_id`) and, for events on both sides, each field that differs. Exits
0 when every file is identical, 1 otherwise.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUN_CLI = "import sys; from hrevents.cli import app; sys.argv[0] = 'hrevents'; app()"
WHERE = "import hrevents, hrevents_models; print(hrevents.__file__); print(hrevents_models.__file__)"


def extract_at(revision: str, inputs: list[Path], formats: list[str], work: Path) -> dict[str, Path]:
    """Event files written by `hrevents extract` as of `revision`, one per format."""
    tree = work / f"tree-{hashlib.sha1(revision.encode()).hexdigest()[:8]}"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--quiet", str(tree), revision], check=True)
    try:
        if not (tree / "pipeline" / "hrevents").is_dir() or not (tree / "models" / "hrevents_models").is_dir():
            raise SystemExit(f"{revision}: no pipeline/hrevents and models/hrevents_models (layout older than d5e1d5e)")
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tree / "pipeline"), str(tree / "models")]))
        where = subprocess.run([sys.executable, "-c", WHERE], env=env, cwd=tree, check=True, capture_output=True)
        if not all(line.startswith(str(tree)) for line in where.stdout.decode().split()):
            raise SystemExit(f"{revision}: the package imported is not the revision's own:\n{where.stdout.decode()}")
        files = {}
        for suffix in formats:
            out = work / revision.replace("/", "_") / f"events.{suffix}"
            command = [sys.executable, "-c", RUN_CLI, "extract", *map(str, inputs), "--out", str(out)]
            subprocess.run([*command, "--force", "--quiet"], env=env, cwd=tree, check=True)
            files[suffix] = out
        return files
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=True)


def rows(path: Path) -> list[dict[str, str]]:
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    if path.suffix == ".parquet":
        import pandas as pd

        return pd.read_parquet(path).to_dict(orient="records")
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def differences(a: Path, b: Path) -> list[str]:
    """Every difference between two event files; empty when they are byte for byte the same."""
    if a.read_bytes() == b.read_bytes():
        return []
    left, right = rows(a), rows(b)
    found = [f"the files differ ({a.stat().st_size:,} and {b.stat().st_size:,} bytes)"]
    by_id_left = {row["event_id"]: row for row in left}
    by_id_right = {row["event_id"]: row for row in right}
    for event_id, row in by_id_left.items():
        if event_id not in by_id_right:
            found.append(f"only in {a}: {event_id} {row['report_id']} {row['action']} {row['victim']!r}")
    for event_id, row in by_id_right.items():
        if event_id not in by_id_left:
            found.append(f"only in {b}: {event_id} {row['report_id']} {row['action']} {row['victim']!r}")
    for event_id, row in by_id_left.items():
        other = by_id_right.get(event_id)
        if other is None:
            continue
        for name in sorted(set(row) | set(other)):
            if row.get(name) != other.get(name):
                found.append(f"{event_id} {name}: {row.get(name)!r} -> {other.get(name)!r}")
    shared = [event_id for event_id in by_id_left if event_id in by_id_right]
    if shared != [event_id for event_id in by_id_right if event_id in by_id_left]:
        found.append("the events present on both sides are in a different order")
    if left and right and list(left[0]) != list(right[0]):
        found.append(f"columns differ: {list(left[0])} -> {list(right[0])}")
    return found


def report(a: Path, b: Path) -> bool:
    found = differences(a, b)
    digest = hashlib.sha256(a.read_bytes()).hexdigest()[:16]
    if not found:
        print(f"identical: {a.name}: {len(rows(a))} events, {a.stat().st_size:,} bytes, sha256 {digest}...")
        return True
    print(f"DIFFERENT: {a} vs {b}")
    for line in found:
        print(f"  {line}")
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("revisions", nargs="*", help="two git revisions to compare")
    parser.add_argument("--files", nargs=2, type=Path, metavar=("A", "B"), help="compare two event files instead")
    parser.add_argument("--inputs", nargs="+", type=Path, default=[ROOT / "corpus" / "reports"])
    parser.add_argument("--format", nargs="+", default=["csv", "jsonl"], choices=["csv", "jsonl", "parquet"])
    args = parser.parse_args()
    if args.files:
        return 0 if report(*args.files) else 1
    if len(args.revisions) != 2:
        parser.error("give two revisions, or --files A B")
    with tempfile.TemporaryDirectory(prefix="same-events-") as folder:
        work = Path(folder)
        inputs = [path.resolve() for path in args.inputs]
        first = extract_at(args.revisions[0], inputs, args.format, work)
        second = extract_at(args.revisions[1], inputs, args.format, work)
        print(f"{args.revisions[0]} vs {args.revisions[1]} on {', '.join(map(str, args.inputs))}")
        same = [report(first[suffix], second[suffix]) for suffix in args.format]
    return 0 if all(same) else 1


if __name__ == "__main__":
    sys.exit(main())
