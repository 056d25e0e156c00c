"""The `export` command: events table to HURIDOCS, PLOVER or ACLED (wiring only; see exports.py)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer


# The formats of hrevents.exports.ExportFormat, repeated here so that the CLI does not import
# pandas and the gazetteer before a command needs them (a test keeps the two in step).
class ExportChoice(str, Enum):
    huridocs = "huridocs"
    plover = "plover"
    acled = "acled"


def register(app: typer.Typer) -> None:
    """Add `hrevents export` to the application."""

    @app.command("export")
    def export_command(
        events: Path = typer.Argument(
            ..., exists=True, dir_okay=False, help="Events table (.csv or .jsonl) written by `extract`."
        ),
        fmt: ExportChoice = typer.Option(
            ...,
            "--format",
            "-f",
            case_sensitive=False,
            help="huridocs (JSON), plover or acled (CSV; .jsonl for JSON Lines).",
        ),
        out: Path = typer.Option(..., "--out", "-o", help="File to write (replaced atomically)."),
        reports: list[Path] = typer.Option(
            [],
            "--reports",
            help="Report files or folders: source titles and dates, and geocoding when EVENTS has no geo"
            " columns (repeatable).",
        ),
    ) -> None:
        """Export events for HURIDOCS case databases, PLOVER/POLECAT or ACLED users."""
        from hrevents.errors import ReportError
        from hrevents.exports import export
        from hrevents.writers import check_events_table

        try:
            check_events_table(events)
            path, count = export(events, fmt.value, out, reports)
        except (ReportError, ValueError, KeyError) as error:  # pydantic's ValidationError is a ValueError
            typer.echo(f"error: {_one_paragraph(error)}", err=True)
            raise typer.Exit(2) from error
        typer.echo(f"{count} {fmt.value} records written to {path}")


def _one_paragraph(error: Exception) -> str:
    """pydantic lists every field on its own line with a link: the first lines are enough."""
    lines = str(error).splitlines()
    return " ".join(lines[:4]) + (" …" if len(lines) > 4 else "")
