"""`hrevents extract --out -`: events on standard output, progress and warnings on stderr."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from hrevents.cli import app
from hrevents_models import OUTPUT_COLUMNS

pytestmark = pytest.mark.model

REPORT = "On 24 August 2020, the police arrested Ana Lindqvist in Port Vell.\n"


@pytest.mark.parametrize(("options", "read"), [([], "csv"), (["--format", "jsonl"], "jsonl")])
def test_events_go_to_stdout_and_warnings_to_stderr(
    extractor, tmp_path: Path, monkeypatch, options: list[str], read: str
) -> None:
    monkeypatch.setattr("hrevents.extract.Extractor", lambda model: extractor)
    monkeypatch.chdir(tmp_path)  # nothing may be left in the working folder
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "arrest.txt").write_text(REPORT, "utf-8")
    (tmp_path / "in" / "latin.txt").write_bytes("Ana Lindqvist fue detenida en Montréal.\n".encode("cp1252"))
    result = CliRunner().invoke(app, ["extract", "in", "--out", "-", *options])
    assert result.exit_code == 0, result.stderr
    if read == "csv":
        frame = pd.read_csv(io.StringIO(result.stdout), dtype=str, keep_default_na=False)
        assert tuple(frame.columns) == OUTPUT_COLUMNS
        rows = frame.to_dict(orient="records")
    else:
        rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(row["action"], row["victim"], row["date_start"]) for row in rows] == [
        ("arrest", "Ana Lindqvist", "2020-08-24")
    ]
    assert "warning: " in result.stderr and "latin.txt" in result.stderr  # errors.csv, on stderr
    assert "1 event" in result.stderr  # the summary line
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in"]


def test_an_unknown_stdout_format_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(REPORT, "utf-8")
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "r.txt"), "--out", "-", "--format", "xlsx"])
    assert result.exit_code == 2 and "--format" in result.stderr and result.stdout == ""


def test_python_dash_m_hrevents_runs_the_command_line() -> None:
    """`python -m hrevents` is the same program as the console script (for a venv whose bin is not on PATH)."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "hrevents", "--version"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()
