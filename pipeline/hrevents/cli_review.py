"""Commands for reviewing events and curating gold: `review`, `gold import`, `annotate …`.

`register(app)` adds them to the main command line (hrevents.cli calls it).
"""

from __future__ import annotations

from pathlib import Path

import typer

from hrevents.errors import ReportError

gold_app = typer.Typer(
    add_completion=False, no_args_is_help=True, help="Curate the gold set (SPEC section 5) from reviewed events."
)
annotate_app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Label or correct gold in Label Studio, Doccano or INCEpTION: export tasks, import their exports.",
)


def review(
    events: Path = typer.Argument(..., help="Events CSV/JSONL (SPEC section 4), or a reviewed CSV to go on reviewing."),
    reports: list[Path] = typer.Option(
        [], "--reports", "-r", help="Folder (searched recursively) or file of report texts to embed (repeatable)."
    ),
    out: Path = typer.Option(Path("outputs/review.html"), "--out", "-o", help="The HTML page to write."),
    title: str | None = typer.Option(None, "--title", help="Page title (default: from the events file name)."),
    all_reports: bool = typer.Option(
        False, "--all-reports", help="Embed all reports under --reports, with or without events (to add missed ones)."
    ),
) -> None:
    """Write one self-contained HTML page for reviewing events: no server, no network needed."""
    from hrevents.review import ReviewFileError, write_review

    if not events.is_file():
        typer.echo(f"error: {events}: no such file", err=True)
        raise typer.Exit(2)
    try:
        summary = write_review(events, out, reports, title=title, all_reports=all_reports)
    except (ReviewFileError, ReportError, ValueError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error
    typer.echo(f"{summary.events} events, {summary.reports_embedded} report texts embedded → {summary.out}")
    if summary.decisions:
        typer.echo(f"{summary.decisions} earlier decisions loaded from {events}")
    if summary.missing_reports:
        typer.echo(f"warning: no text found for report(s): {', '.join(summary.missing_reports)}", err=True)
    if summary.passages_missing:
        typer.echo(f"warning: {summary.passages_missing} event(s) whose evidence is not in their report text", err=True)


@gold_app.command("import")
def gold_import(
    reviewed: Path = typer.Argument(..., help="Reviewed CSV: the events columns plus review_status and review_note."),
    gold: Path = typer.Option(
        Path("corpus/gold.jsonl"), "--gold", help="Gold JSONL to merge into (created if missing)."
    ),
    reports: list[Path] = typer.Option(
        [], "--reports", "-r", help="Where to find texts of reports not yet in the gold (default: reports/ beside it)."
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Say what would change; write nothing."),
    strict: bool = typer.Option(False, "--strict", help="Write nothing if any row is refused."),
) -> None:
    """Merge reviewed events into the gold: correct/corrected/added → events, wrong → rejected."""
    from hrevents.gold_import import GoldImportError, import_reviewed
    from hrevents.review import ReviewFileError

    if not reviewed.is_file():
        typer.echo(f"error: {reviewed}: no such file", err=True)
        raise typer.Exit(2)
    try:
        result = import_reviewed(reviewed, gold, reports, dry_run=dry_run, strict=strict)
    except (GoldImportError, ReviewFileError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error
    typer.echo(result.summary())
    if result.written:
        typer.echo(f"written: {gold}")
    elif dry_run:
        typer.echo("dry run: nothing written")
    elif strict and result.refused:
        typer.echo("--strict: nothing written because rows were refused", err=True)
    if result.refused:
        raise typer.Exit(1)


@annotate_app.command("export")
def annotate_export(
    out: Path = typer.Option(
        ..., "--out", "-o", help="File to write: Label Studio JSON, Doccano JSONL, or an INCEpTION folder or .zip."
    ),
    gold: Path | None = typer.Option(None, "--gold", help="Gold JSONL: its events become annotations to correct."),
    events: list[Path] = typer.Option([], "--events", "-e", help="Events CSV/JSONL: pre-annotations (repeatable)."),
    reports: list[Path] = typer.Option(
        [], "--reports", "-r", help="Report folders or files for reports not in the gold."
    ),
    config: Path | None = typer.Option(None, "--config", help="Also write the labelling config (XML) here."),
    fmt: str = typer.Option(
        "label-studio", "--format", "-f", help="label-studio (tasks JSON), doccano (JSONL) or inception (UIMA CAS XMI)."
    ),
    paragraphs: bool = typer.Option(
        False, "--paragraphs", help="One task per paragraph instead of one per report (fewer regions per screen)."
    ),
) -> None:
    """Export reports with gold and/or extracted events as annotation tasks."""
    from hrevents.annotation import events_for_export, export_tasks, label_config, write_json
    from hrevents.annotation_formats import FORMATS, write_tasks

    if gold is None and not events:
        typer.echo("error: give --gold and/or --events", err=True)
        raise typer.Exit(2)
    if fmt not in FORMATS:
        typer.echo(f"error: --format must be one of {', '.join(FORMATS)}", err=True)
        raise typer.Exit(2)
    try:
        result = export_tasks(gold=gold, events=events_for_export(events), reports=reports, paragraphs=paragraphs)
    except (ReportError, ValueError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error
    if fmt == "label-studio":
        write_json(result.tasks, out)
    else:
        write_tasks(result.tasks, out, fmt)
    for warning in result.warnings:
        typer.echo(f"warning: {warning}", err=True)
    typer.echo(f"{len(result.tasks)} task(s) → {out} ({fmt})")
    if config is not None:
        config.parent.mkdir(parents=True, exist_ok=True)
        config.write_text(label_config(), encoding="utf-8")
        typer.echo(f"labelling config → {config}")


@annotate_app.command("import")
def annotate_import(
    export: Path = typer.Argument(
        ..., help="Label Studio JSON export, Doccano JSONL, or INCEpTION XMI (a .xmi, a folder or a .zip of them)."
    ),
    gold: Path = typer.Option(Path("corpus/gold.jsonl"), "--gold", help="Gold JSONL to update (created if missing)."),
    reports: list[Path] = typer.Option(
        [], "--reports", "-r", help="Where to find texts of reports not yet in the gold."
    ),
    predictions: bool = typer.Option(
        False, "--use-predictions", help="For tasks with no annotation, take the pre-annotations as they are."
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Say what would change; write nothing."),
    fmt: str | None = typer.Option(
        None,
        "--format",
        "-f",
        help="label-studio, doccano or inception (default: from the file: .jsonl, .zip/.xmi/folder).",
    ),
) -> None:
    """Import annotations into the gold: each annotated report replaces its gold line, events in the gold's order."""
    from hrevents.annotation import AnnotationError, import_task_list, load_tasks
    from hrevents.annotation_formats import FORMATS, guess_format, read_tasks
    from hrevents.gold_import import GoldImportError

    fmt = fmt or guess_format(export)
    if fmt not in FORMATS:
        typer.echo(f"error: --format must be one of {', '.join(FORMATS)}", err=True)
        raise typer.Exit(2)
    try:
        tasks = load_tasks(export) if fmt == "label-studio" else read_tasks(export, fmt)
        result = import_task_list(tasks, gold, reports, use_predictions=predictions, dry_run=dry_run)
    except (AnnotationError, GoldImportError, ReportError, OSError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error
    typer.echo(result.summary())
    typer.echo(f"written: {gold}" if result.written else "nothing written")


@annotate_app.command("config")
def annotate_config(
    out: Path | None = typer.Option(None, "--out", "-o", help="Write here instead of standard output."),
) -> None:
    """Print the Label Studio labelling config (XML) the exported tasks are made for."""
    from hrevents.annotation import label_config

    if out is None:
        typer.echo(label_config(), nl=False)
    else:
        out.write_text(label_config(), encoding="utf-8")
        typer.echo(f"labelling config → {out}")


def register(app: typer.Typer) -> None:
    """Add `review`, `gold …` and `annotate …` to the command line."""
    app.command("review")(review)
    app.add_typer(gold_app, name="gold")
    app.add_typer(annotate_app, name="annotate")
