"""The `export` command: events table to HURIDOCS, PLOVER or ACLED (wiring only; see exports.py)."""

from __future__ import annotations

import sys
import tempfile
from enum import Enum
from pathlib import Path

import typer


# The formats of hrevents.exports.ExportFormat, repeated here so that the CLI does not import
# pandas and the gazetteer before a command needs them (a test keeps the two in step).
class ExportChoice(str, Enum):
    huridocs = "huridocs"
    plover = "plover"
    acled = "acled"
    uwazi = "uwazi"
    polecat = "polecat"


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
            help="huridocs (JSON), plover or acled (CSV; .jsonl for JSON Lines), uwazi (CSV + template JSON),"
            " polecat (TSV with POLECAT's headers).",
        ),
        out: Path = typer.Option(
            ..., "--out", "-o", help="File to write (replaced atomically); - for standard output (not uwazi)."
        ),
        reports: list[Path] = typer.Option(
            [],
            "--reports",
            help="Report files or folders: source titles and dates, and geocoding when EVENTS has no geo"
            " columns (repeatable).",
        ),
        pseudonymise: bool = typer.Option(
            False, "--pseudonymise", help="Replace every victim name, wherever it occurs, by an HMAC pseudonym."
        ),
        key: Path | None = typer.Option(
            None, "--key", help="Pseudonym key file (default ~/.config/hrevents/pseudonym.key, made on first use)."
        ),
        names_table: Path | None = typer.Option(
            None, "--names-table", help="Also write the pseudonym-to-name table here (keep it private)."
        ),
    ) -> None:
        """Export events for HURIDOCS case databases, PLOVER/POLECAT or ACLED users."""
        from hrevents.errors import ReportError
        from hrevents.exports import export
        from hrevents.writers import check_events_table

        to_stdout = str(out) == "-"
        if to_stdout and fmt is ExportChoice.uwazi:
            typer.echo("error: --format uwazi writes a CSV and its template: give --out a file name", err=True)
            raise typer.Exit(2)
        try:
            check_events_table(events)
            with tempfile.TemporaryDirectory() as folder:
                target = Path(folder) / f"export{_STDOUT_SUFFIX[fmt]}" if to_stdout else out
                path, count = export(events, fmt.value, target, reports)
                if pseudonymise:
                    _pseudonymise(events, path, key, names_table)
                if to_stdout:  # the records on stdout, the count on stderr: `hrevents export ... -o - | ...`
                    sys.stdout.write(path.read_text("utf-8"))
                    sys.stdout.flush()
        except (ReportError, ValueError, KeyError) as error:  # pydantic's ValidationError is a ValueError
            typer.echo(f"error: {_one_paragraph(error)}", err=True)
            raise typer.Exit(2) from error
        typer.echo(f"{count} {fmt.value} records written to {'standard output' if to_stdout else path}", err=to_stdout)

    @app.command("reidentify")
    def reidentify_command(
        source: Path = typer.Argument(
            ..., exists=True, dir_okay=False, help="A file written by export --pseudonymise."
        ),
        table: Path = typer.Option(..., "--names-table", exists=True, help="Its pseudonym-to-name table."),
        out: Path = typer.Option(..., "--out", "-o", help="File to write with the names restored."),
    ) -> None:
        """Restore the names of a pseudonymised export exactly, from its names table."""
        from hrevents.pseudonymise import reidentify_file

        try:
            reidentify_file(source, table, out)
        except ValueError as error:
            typer.echo(f"error: {_one_paragraph(error)}", err=True)
            raise typer.Exit(2) from error
        typer.echo(f"names restored in {out}")


# The file kind each format writes to standard output with --out -.
_STDOUT_SUFFIX = {
    ExportChoice.huridocs: ".json",
    ExportChoice.plover: ".csv",
    ExportChoice.acled: ".csv",
    ExportChoice.uwazi: ".csv",
    ExportChoice.polecat: ".tsv",
}


def _pseudonymise(events: Path, path: Path, key: Path | None, names_table: Path | None) -> None:
    from hrevents.exports import read_geo_events
    from hrevents.pseudonymise import load_key, pseudonymise_file, write_table

    table = pseudonymise_file(path, read_geo_events(events)[0], load_key(key))
    if names_table is not None:
        write_table(names_table, table)


def _one_paragraph(error: Exception) -> str:
    """pydantic lists every field on its own line with a link: the first lines are enough."""
    lines = str(error).splitlines()
    return " ".join(lines[:4]) + (" …" if len(lines) > 4 else "")
