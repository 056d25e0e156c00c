"""Exact-value accuracy of `hrevents dates` and of plain dateparser on a set of date expressions.

The set is JSON Lines, one expression a line: `text`, `anchor` (ISO date or year), `anchor_kind`
(`published`: the anchor is the article's publication date, as in news; `covers`: the year a
report covers; `narrative`: the date of the previous event in the paragraph), `value` (the ISO
prefix expected, or null where no date should be given) and optionally `kind` (a label to break
the score down by). `corpus/dates_dev.jsonl` is the project's invented development set; the same
script scores any other file of that shape (for example DATE expressions taken from TimeML
training data, which stay outside the repository).

An answer is correct when it equals the expected value exactly (a null expected value needs an
empty answer). `hrevents dates` is run as a user runs it, through the command line, once for the
whole file. "Plain dateparser" is the library the normaliser wraps, called the way a user would
call it: English, the anchor as `RELATIVE_BASE`, past dates preferred, and the precision it
reports (`period`) kept, so that "May 2019" is scored as `2019-05`.

Usage:
    python scripts/score_dates.py [corpus/dates_dev.jsonl] [--errors] [--json OUT.json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd

DEFAULT = Path(__file__).resolve().parent.parent / "corpus" / "dates_dev.jsonl"


def dateparser_value(text: str, anchor: str | None) -> str | None:
    """What dateparser alone says, at the precision it reports."""
    from dateparser.date import DateDataParser

    settings: dict = {"RETURN_TIME_AS_PERIOD": True, "PREFER_DATES_FROM": "past"}
    if anchor:
        # a year or a month anchor stands for its last days, as a "covers" period ends
        parts = [int(p) for p in anchor.split("-")]
        year, month, day = (*parts, 12, 31)[:3] if len(parts) == 1 else (*parts, 28)[:3]
        settings["RELATIVE_BASE"] = dt.datetime(year, month, day)
    try:
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    except Exception:  # the baseline's own failures count as no answer
        return None
    if data is None or data.date_obj is None:
        return None
    value = data.date_obj
    if data.period == "year":
        return f"{value.year:04d}"
    if data.period == "month":
        return f"{value.year:04d}-{value.month:02d}"
    return value.date().isoformat()


def hrevents_values(rows: list[dict]) -> list[str | None]:
    """Run `hrevents dates` on every row at once, as a user would."""
    executable = Path(sys.executable).with_name("hrevents")
    command = [str(executable)] if executable.exists() else [sys.executable, "-m", "hrevents.cli"]
    lines = "".join(
        json.dumps({"text": r["text"], "anchor": r.get("anchor"), "anchor_kind": r.get("anchor_kind")}) + "\n"
        for r in rows
    )
    done = subprocess.run([*command, "dates"], input=lines, capture_output=True, text=True, check=True)
    return [json.loads(line)["value"] for line in done.stdout.splitlines() if line.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT, help="JSON Lines set of date expressions")
    parser.add_argument("--errors", action="store_true", help="list the expressions hrevents gets wrong")
    parser.add_argument("--json", type=Path, help="write the per-kind table as JSON here")
    args = parser.parse_args()

    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    table = pd.DataFrame(rows)
    if "kind" not in table:
        table["kind"] = "all"
    table["kind"] = table["kind"].fillna("other")
    answers = {
        "hrevents": hrevents_values(rows),
        "dateparser": [dateparser_value(r["text"], r.get("anchor")) for r in rows],
    }
    for system, values in answers.items():
        table[system] = values
        table[f"{system}_ok"] = [got == row.get("value") for got, row in zip(values, rows, strict=True)]

    per_kind = table.groupby("kind").agg(
        n=("text", "size"), hrevents=("hrevents_ok", "mean"), dateparser=("dateparser_ok", "mean")
    )
    total = pd.DataFrame(
        {"n": [len(table)], "hrevents": [table["hrevents_ok"].mean()], "dateparser": [table["dateparser_ok"].mean()]},
        index=["ALL"],
    )
    summary = pd.concat([per_kind, total]).round(3)
    print(summary.to_string())
    if args.errors:
        wrong = table.loc[~table["hrevents_ok"], ["kind", "text", "anchor", "anchor_kind", "value", "hrevents"]]
        print(wrong.to_string(max_colwidth=50))
    if args.json:
        args.json.write_text(summary.to_json(orient="index", indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
