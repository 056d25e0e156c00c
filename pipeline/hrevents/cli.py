"""The command line: wiring only; every step lives in its own module."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from hrevents.errors import ModelNotInstalledError, OutputError, ReportError
from hrevents.nlp import DEFAULT_MODEL

if TYPE_CHECKING:
    from hrevents.batch import BatchOptions

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Turn human-rights reports into event records.",
)


def _print_version(value: bool) -> None:
    if value:
        from hrevents import __version__

        typer.echo(f"hrevents {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(
        False, "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Turn human-rights reports into event records."""


@app.command()
def extract(
    inputs: list[Path] = typer.Argument(
        ..., help="Report files (.txt, .md, .pdf, .html, .htm, .docx) or folders, searched recursively."
    ),
    out: Path = typer.Option(
        Path("outputs/events.csv"),
        "--out",
        "-o",
        help="Events file; the extension picks the format: .csv, .jsonl or .parquet. '-' writes the events "
        "to standard output (in --format) and progress and warnings to stderr.",
    ),
    out_format: str = typer.Option(
        "csv", "--format", help="Format of the events written to `--out -`: csv, jsonl or parquet."
    ),
    model: str = typer.Option(
        DEFAULT_MODEL, "--model", help="Installed spaCy pipeline to use (e.g. en_core_web_sm, en_core_web_trf)."
    ),
    workers: int = typer.Option(
        1, "--workers", min=1, help="Processes on this machine; results are identical to one worker."
    ),
    ledger: Path | None = typer.Option(
        None, "--ledger", help="SQLite ledger of processed reports (default: ledger.sqlite beside --out)."
    ),
    manifest: Path | None = typer.Option(
        None, "--manifest", help="CSV with path, report_id, published, covers, title, source for each report."
    ),
    force: bool = typer.Option(
        False, "--force", help="Re-process every report even if the ledger says its results are current."
    ),
    max_bytes: int = typer.Option(
        20_000_000, "--max-bytes", help="Reports larger than this many bytes are refused with an error."
    ),
    scheduler: str | None = typer.Option(
        None,
        "--scheduler",
        # "\\[" keeps rich markup from taking "[dask]" for a style tag and dropping it
        help="Run on a Dask cluster at this address (tcp://HOST:PORT); needs the \\[dask] extra.",
    ),
    encoding: str | None = typer.Option(
        None,
        "--encoding",
        help="Decode .txt/.md files that are not valid UTF-8 with this encoding (e.g. cp1251) instead of "
        "the default order: UTF-8 with bad bytes replaced, cp1252, then a guess. Each is a warning in errors.csv.",
    ),
    bom: bool = typer.Option(False, "--excel-bom", help="Write CSVs as UTF-8 with a byte-order mark, for Excel."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress output; errors are still reported."),
    no_prefilter: bool = typer.Option(
        False, "--no-prefilter", help="Run the full pipeline on every sentence, not only where an act can be (slow)."
    ),
    candidates: bool = typer.Option(
        False,
        "--candidates",
        help="Also run the trained component for (act word, person) pairs no rule read (shipped off; "
        "its events' rule starts with model.candidates). Use with --force on a folder already extracted.",
    ),
    ocr: str = typer.Option(
        "auto",
        "--ocr",
        help="OCR of scanned PDF pages with tesseract: auto (image-only pages), always (every page) or never.",
    ),
) -> None:
    """Extract events from reports into one table (SPEC section 4), resumably."""
    from hrevents.batch import BatchOptions
    from hrevents.ocr import use_ocr_mode

    use_ocr_mode(ocr)

    _prefilter_option(no_prefilter)
    _candidates_option(candidates)

    options = BatchOptions(
        inputs=inputs,
        out=out,
        model=model,
        workers=workers,
        ledger=ledger,
        manifest=manifest,
        force=force,
        max_bytes=max_bytes,
        scheduler=scheduler,
        bom=bom,
        quiet=quiet,
        encoding=encoding,
    )
    _refuse_flag_values(inputs)
    if str(out) == "-":
        _extract_to_stdout(options, out_format)
    else:
        _run_extract(options)


def _run_extract(options: BatchOptions) -> None:
    """Run the batch; its failures as exit codes (1 a report failed, 2 usage, 3 model, 4 output)."""
    from hrevents.batch import run_batch

    try:
        summary = run_batch(options)
    except KeyboardInterrupt as error:
        typer.echo("interrupted; finished reports are kept in the ledger: run the same command to resume", err=True)
        raise typer.Exit(130) from error
    except ModelNotInstalledError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(3) from error
    except OutputError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(4) from error
    except (ReportError, ValueError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error
    if summary.failed:
        raise typer.Exit(1)


def _extract_to_stdout(options: BatchOptions, out_format: str) -> None:
    """`extract --out -`: the same run into a scratch folder, then the events file's bytes to
    stdout and the rows of errors.csv (warnings, failed reports) to stderr. The scratch folder
    goes, with its reports.csv and errors.csv; a `--ledger` given is kept, so runs still resume."""
    import dataclasses
    import tempfile

    from hrevents.writers import EVENT_FORMATS, echo_error_rows

    suffix = "." + out_format.lower().lstrip(".")
    if suffix not in EVENT_FORMATS:
        typer.echo(f"error: --format {out_format!r} is not one of csv, jsonl, parquet", err=True)
        raise typer.Exit(2)
    with tempfile.TemporaryDirectory(prefix="hrevents-stdout-") as scratch:
        events = Path(scratch) / f"events{suffix}"
        ledger = options.ledger or Path(scratch) / "ledger.sqlite"
        failed: typer.Exit | None = None
        try:
            _run_extract(dataclasses.replace(options, out=events, ledger=ledger))
        except typer.Exit as error:
            if not events.exists():
                raise
            failed = error  # some reports failed: the others' events still go out, then the exit code
        echo_error_rows(Path(scratch) / "errors.csv", sys.stderr)
        with events.open("rb") as handle:
            while chunk := handle.read(1 << 16):
                sys.stdout.buffer.write(chunk)
        sys.stdout.buffer.flush()
    if failed is not None:
        raise failed


FLAG_VALUES = frozenset({"true", "false", "yes", "no", "on", "off", "1", "0"})


def _refuse_flag_values(inputs: list[Path]) -> None:
    """`--force true` makes "true" an input: say that flags take no value, before it reads as a missing file."""
    for item in inputs:
        if str(item).lower() in FLAG_VALUES and not item.exists():
            typer.echo(
                f"error: {str(item)!r} is not a file or folder; --force, --quiet and --excel-bom are flags "
                "and take no value (write `--force`, not `--force true`)",
                err=True,
            )
            raise typer.Exit(2)


def _candidates_option(on: bool) -> None:
    """`--candidates` reaches every worker process (which builds its own pipeline) through the
    environment, as `--no-prefilter` does; without it the factory's shipped default holds."""
    if on:
        from hrevents.components.candidates import ENV_SWITCH

        os.environ[ENV_SWITCH] = "1"


def _prefilter_option(off: bool) -> None:
    """`--no-prefilter` reaches every worker process through the environment."""
    if off:
        from hrevents.prefilter import PREFILTER_VARIABLE

        os.environ[PREFILTER_VARIABLE] = "0"


@app.command()
def evaluate(
    gold: Path = typer.Option(Path("corpus/gold.jsonl"), "--gold", help="Gold file (SPEC section 5)."),
    pred: Path | None = typer.Option(
        None, "--pred", help="Events CSV/JSONL to score; without it the pipeline runs on the gold's reports."
    ),
    json_out: Path | None = typer.Option(None, "--json", help="Also write the metrics as JSON here."),
    errors: Path | None = typer.Option(
        None, "--errors", help="Write one row per false positive, false negative and wrong field here."
    ),
    model: str = typer.Option(DEFAULT_MODEL, "--model", help="spaCy pipeline for the extraction and the baseline."),
    baseline: bool = typer.Option(
        True, "--baseline/--no-baseline", help="Score the keyword baseline beside the pipeline."
    ),
    reports: list[str] = typer.Option(
        [], "--report", help="Score only reports whose id matches this glob (repeatable)."
    ),
    exclude: list[str] = typer.Option(
        [], "--exclude", help="Leave out reports whose id matches this glob (repeatable)."
    ),
    plot: Path | None = typer.Option(
        None, "--plot", help="Write charts (SVG and PNG) here: F1 per action, field accuracy, events per action/month."
    ),
    resamples: int = typer.Option(
        1000, "--bootstrap", min=0, help="Bootstrap resamples of reports for the confidence intervals (0: none)."
    ),
    seed: int = typer.Option(12, "--seed", help="Seed of the bootstrap, so intervals are the same on every run."),
    no_prefilter: bool = typer.Option(
        False, "--no-prefilter", help="Extract with the full pipeline on every sentence (to compare; slow)."
    ),
    candidates: bool = typer.Option(
        False, "--candidates", help="Extract with the trained component for pairs no rule read (shipped off)."
    ),
) -> None:
    """Score extracted events against hand-labelled gold, with the baseline beside them."""
    _prefilter_option(no_prefilter)
    _candidates_option(candidates)
    from hrevents.scoring.evaluation import geo_lines, run_evaluation, summary_lines
    from hrevents.scoring.report import classification_report, format_report
    from hrevents.scoring.tables import metrics_table, write_errors, write_json

    try:
        run = run_evaluation(gold, pred, model, baseline, reports, exclude)
    except ModelNotInstalledError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(3) from error
    except (ValueError, OSError) as error:  # a --pred that is not an events table, an unreadable gold
        typer.echo(f"error: {' '.join(str(error).splitlines()[:4])}", err=True)
        raise typer.Exit(2) from error
    results = run.results
    typer.echo("\n".join(summary_lines(run)))
    typer.echo(metrics_table(results).to_string())
    breakdown = {name: classification_report(result, resamples, seed) for name, result in results.items()}
    for name, frame in breakdown.items():
        interval = f", {resamples} bootstrap resamples of reports, seed {seed}: 95% interval" if resamples else ""
        typer.echo(f"\n{name}: per action{interval}\n{format_report(frame)}")
    for line in geo_lines(run):
        typer.echo(line)
    if json_out:
        write_json(results, json_out, breakdown)
    if errors:
        count = write_errors(results[run.main], errors)
        typer.echo(f"{count} error rows written to {errors}")
    if plot:
        from hrevents.scoring.plots import write_plots

        written = write_plots(results, run.events, plot, breakdown)
        typer.echo(f"{len(written)} charts written to {plot}")
    from hrevents.scoring.groups import evaluate_groups

    evaluate_groups(
        run.events, run.gold, {r.report_id: r.text for r in run.texts}, run.main, typer.echo, json_out, errors
    )


@app.command()
def dates(
    explain: bool = typer.Option(
        False, "--explain", help="Also print guess, note and alternatives: where the words leave the date open."
    ),
) -> None:
    """Normalise dates: JSON lines {"text", "anchor", "anchor_kind"} on stdin, {"text", "value"} on stdout.

    `anchor_kind` is `published` (the anchor is a publication date: "on Tuesday", "last June"
    count from it), `covers` (the year a report covers) or `narrative` (the previous event's
    date). Without it, a day anchor (YYYY-MM-DD) is taken as a publication date and a year or
    month anchor as the period covered.
    """
    from typing import cast

    from hrevents.dates import ANCHOR_KINDS, AnchorKind, read_anchored

    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            text, anchor = item["text"], item.get("anchor")
            kind = item.get("anchor_kind") or (
                "published" if isinstance(anchor, str) and re.match(r"\s*\d{4}-\d{2}-\d{2}", anchor) else "covers"
            )
            if not isinstance(text, str) or kind not in ANCHOR_KINDS:
                raise TypeError(f"text must be a string and anchor_kind one of {', '.join(ANCHOR_KINDS)}")
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            typer.echo(f'line {number}: expected {{"text": ..., "anchor": ...}}: {error}', err=True)
            raise typer.Exit(2) from error
        reading = read_anchored(text, anchor, anchor_kind=cast(AnchorKind, kind))
        answer: dict = {"text": text, "value": reading.value if reading else None}
        if explain:
            answer.update(
                guess=bool(reading and reading.guess),
                note=reading.note if reading else "",
                alternatives=list(reading.alternatives) if reading else [],
            )
        typer.echo(json.dumps(answer, ensure_ascii=False))


def _register_subcommands() -> None:
    """Commands that live in their own modules add themselves to the app."""
    from hrevents import cli_export, cli_review

    cli_review.register(app)
    cli_export.register(app)


_register_subcommands()
