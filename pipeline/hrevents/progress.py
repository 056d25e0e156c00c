"""Progress of a batch on stderr: a rich progress bar on a terminal, plain lines otherwise.

On a terminal the bar is drawn by `rich.progress`, which fits the terminal's width (an
80-column terminal included) and prints errors and warnings above the bar without breaking it.
Anywhere else (a log file, a pipe, CI) each report gets one plain line, so logs stay
greppable. `--quiet` shows errors only, one plain line each.
"""

from __future__ import annotations

import sys
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
from rich.progress import Progress as RichProgress

from hrevents.work import ReportOutcome


class Progress:
    """Reports one outcome at a time to `stream` (stderr by default)."""

    def __init__(self, total: int, quiet: bool, stream: TextIO | None = None, width: int | None = None) -> None:
        self.stream = stream or sys.stderr
        self.total, self.quiet = total, quiet
        self.done = self.events = self.errors = 0
        self.bar: RichProgress | None = None
        if not quiet and total and self.stream.isatty():
            console = Console(file=self.stream, width=width, highlight=False)
            self.bar = RichProgress(
                BarColumn(bar_width=20),
                MofNCompleteColumn(),
                TextColumn("reports"),
                TextColumn("{task.fields[counts]}"),
                TimeRemainingColumn(),
                console=console,
            )
            self.task = self.bar.add_task("extract", total=total, counts=self._counts())
            self.bar.start()

    def update(self, outcome: ReportOutcome) -> None:
        self.done += 1
        self.events += outcome.events
        failed = outcome.status != "ok"
        self.errors += failed
        warnings = [f"warning: {outcome.task.path}: {warning}" for warning in outcome.warnings]
        if self.quiet:
            if failed:
                self._print(f"error: {outcome.error}")
        elif self.bar is not None:
            if failed:
                self.bar.console.print(f"error: {outcome.error}", markup=False)
            for line in warnings:
                self.bar.console.print(line, markup=False)
            self.bar.update(self.task, advance=1, counts=self._counts())
        else:
            what = f"FAILED: {outcome.error}" if failed else f"ok, {plural(outcome.events, 'event')}"
            if outcome.warnings:
                what += f" ({plural(len(outcome.warnings), 'warning')}, in errors.csv)"
            self._print(f"[{self.done}/{self.total}] {outcome.task.path}: {what}")
            for line in warnings:
                self._print(f"  {line}")

    def _counts(self) -> str:
        return f"{plural(self.events, 'event')}, {plural(self.errors, 'error')}"

    def _print(self, text: str) -> None:
        print(text, file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


def plural(count: int, word: str) -> str:
    """ "1 event", "2 events" (English plurals of the words used here)."""
    return f"{count:,} {word}" if count == 1 else f"{count:,} {word}s"
