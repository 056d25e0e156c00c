"""The command line: wiring only; every step lives in its own module."""

from __future__ import annotations

import fnmatch
import json
import re
import sys
from pathlib import Path

import typer

from hrevents.errors import ModelNotInstalledError, ReportError
from hrevents.nlp import DEFAULT_MODEL

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
        help="Events file; the extension picks the format: .csv, .jsonl or .parquet.",
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
        None, "--scheduler", help="Run on a Dask cluster at this address (tcp://HOST:PORT); needs the [dask] extra."
    ),
    bom: bool = typer.Option(False, "--excel-bom", help="Write CSVs as UTF-8 with a byte-order mark, for Excel."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress output; errors are still reported."),
    ocr: str = typer.Option(
        "auto",
        "--ocr",
        help="OCR of scanned PDF pages with tesseract: auto (image-only pages), always (every page) or never.",
    ),
) -> None:
    """Extract events from reports into one table (SPEC section 4), resumably."""
    from hrevents.batch import BatchOptions, run_batch
    from hrevents.ocr import use_ocr_mode

    use_ocr_mode(ocr)

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
    )
    try:
        summary = run_batch(options)
    except KeyboardInterrupt as error:
        typer.echo("interrupted; finished reports are kept in the ledger: run the same command to resume", err=True)
        raise typer.Exit(130) from error
    except ModelNotInstalledError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(3) from error
    except (ReportError, ValueError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error
    if summary.failed:
        raise typer.Exit(1)


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
) -> None:
    """Score extracted events against hand-labelled gold, with the baseline beside them."""
    from hrevents.reader import read_report
    from hrevents.scoring.scorer import score
    from hrevents.scoring.tables import metrics_table, write_errors, write_json
    from hrevents.writers import read_events
    from hrevents_models import GoldFile, load_gold

    gold_file = load_gold(gold)
    chosen = [
        r
        for r in gold_file.reports
        if (not reports or any(fnmatch.fnmatch(r.report_id, p) for p in reports))
        and not any(fnmatch.fnmatch(r.report_id, p) for p in exclude)
    ]
    gold_file = GoldFile(path=gold_file.path, reports=chosen)
    texts = [read_report(gold_file.text_path(r), report_id=r.report_id) for r in chosen]
    results = {}
    try:
        if pred is not None:
            events = read_events(pred)
            results["predictions"] = score(events, gold_file)
        else:
            from hrevents.extract import Extractor

            extractor = Extractor(model)
            events = [event for _, found in extractor.pipe(texts) for event in found]
            results["pipeline"] = score(events, gold_file)
        if baseline:
            from hrevents.scoring.baseline import baseline_events, load_baseline_model

            nlp = load_baseline_model(model)
            results["baseline"] = score([e for report in texts for e in baseline_events(nlp, report)], gold_file)
    except ModelNotInstalledError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(3) from error
    main_name = next(iter(results))
    total = sum(len(r.events) for r in chosen)
    optional = sum(e.optional for r in chosen for e in r.events)
    typer.echo(f"gold: {gold} — {len(chosen)} reports, {total} events ({optional} optional)")
    for report in chosen:
        required = sum(not e.optional for e in report.events)
        typer.echo(f"  {report.report_id}: {required} required + {len(report.events) - required} optional events")
    typer.echo(metrics_table(results).to_string())
    places_gold = gold.parent / "places_gold.jsonl"
    if places_gold.exists():
        from hrevents.scoring.geo import geo_accuracy

        g = geo_accuracy(events, places_gold, [r.report_id for r in chosen])
        typer.echo(
            f"geocoding: {g['correct']} correct, {g['wrong']} wrong, {g['unresolved']} unresolved of {g['scored']} "
            f"gold places ({g['unmatched']} events not extracted); resolved accuracy {g['accuracy_resolved']}, "
            f"unresolved share {g['unresolved_share']}"
        )
    if json_out:
        write_json(results, json_out)
    if errors:
        count = write_errors(results[main_name], errors)
        typer.echo(f"{count} error rows written to {errors}")


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
