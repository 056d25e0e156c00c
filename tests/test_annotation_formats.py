"""Doccano and INCEpTION round trips, paragraph-sized tasks, and re-import in the gold's order."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hrevents.annotation import export_tasks, import_task_list, paragraph_spans
from hrevents.annotation_formats import read_tasks, write_tasks
from hrevents.cli import app
from hrevents.review import collapse
from hrevents_models import GoldReport, load_gold

REPO = Path(__file__).resolve().parents[1]
FORMATS = [("doccano", "tasks.jsonl"), ("inception", "tasks.zip"), ("inception", "xmi-folder")]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "corpus" / "reports", tmp_path / "reports")
    shutil.copy(REPO / "corpus" / "gold.jsonl", tmp_path / "gold.jsonl")
    return tmp_path


def comparable(report: GoldReport) -> list[dict]:
    return sorted(
        ({**event.model_dump(), "evidence": collapse(event.evidence)} for event in report.events), key=json.dumps
    )


@pytest.mark.parametrize(("fmt", "name"), FORMATS)
def test_shipped_gold_round_trips(corpus: Path, fmt: str, name: str) -> None:
    gold = corpus / "gold.jsonl"
    exported = export_tasks(gold=gold)
    out = corpus / name
    assert write_tasks(exported.tasks, out, fmt) == len(exported.tasks)
    tasks = read_tasks(out, fmt)

    fresh = import_task_list(tasks, corpus / "fresh.jsonl")
    assert fresh.warnings == [] and len(fresh.added) == len(exported.tasks)
    original, back = load_gold(gold), load_gold(corpus / "fresh.jsonl")
    # XMI files come back in file-name order; Doccano keeps the line order
    key = (lambda r: r.report_id) if fmt == "inception" else (lambda r: 0)
    assert sorted(r.report_id for r in back.reports) == sorted(r.report_id for r in original.reports)
    for before, after in zip(sorted(original.reports, key=key), sorted(back.reports, key=key), strict=True):
        assert (after.text_file, after.complete) == (before.text_file, before.complete)
        assert comparable(after) == comparable(before)

    before_bytes = gold.read_bytes()
    again = import_task_list(tasks, gold)  # over the gold it came from: not one byte changes
    assert again.warnings == [] and len(again.replaced) == len(exported.tasks)
    assert gold.read_bytes() == before_bytes


@pytest.fixture
def emoji_gold(write_emoji_gold) -> Path:
    return write_emoji_gold()


@pytest.fixture
def emoji_text(emoji_gold: Path) -> str:
    return (emoji_gold.parent / "reports" / "r.txt").read_text("utf-8")


@pytest.mark.parametrize(("fmt", "name"), FORMATS)
def test_round_trip_keeps_optional_aliases_dates_values_and_incomplete(emoji_gold: Path, fmt: str, name: str) -> None:
    out = emoji_gold.parent / name
    write_tasks(export_tasks(gold=emoji_gold).tasks, out, fmt)
    fresh = emoji_gold.parent / "fresh.jsonl"
    result = import_task_list(read_tasks(out, fmt), fresh)
    assert result.warnings == []
    (report,) = load_gold(fresh).reports
    (before,) = load_gold(emoji_gold).reports
    assert report.complete is False
    assert comparable(report) == comparable(before)


def test_offsets_are_code_points_in_doccano_and_utf16_in_the_xmi(emoji_gold: Path, emoji_text: str) -> None:
    tasks = export_tasks(gold=emoji_gold).tasks
    write_tasks(tasks, emoji_gold.parent / "d.jsonl", "doccano")
    line = json.loads((emoji_gold.parent / "d.jsonl").read_text("utf-8"))
    for entity in line["entities"]:
        assert emoji_text[entity["start_offset"] : entity["end_offset"]].strip()
    victim = next(e for e in line["entities"] if emoji_text[e["start_offset"] : e["end_offset"]] == "Masha Kolesnikova")
    write_tasks(tasks, emoji_gold.parent / "x", "inception")
    xmi = (emoji_gold.parent / "x" / "r.xmi").read_text("utf-8")
    begins = {int(b) for b in re.findall(r'HreventsSpan [^>]*begin="(\d+)"', xmi)}
    assert victim["start_offset"] + 1 in begins  # Java counts the emoji as two units
    assert (emoji_gold.parent / "x" / "TypeSystem.xml").read_text("utf-8").count("webanno.custom.Hrevents") >= 3


def test_doccano_edits_come_back_in_the_gold_order(corpus: Path) -> None:
    """An annotator deletes nothing, fixes nothing, draws one new event: the gold keeps its order and adds it last."""
    gold = corpus / "gold.jsonl"
    out = corpus / "tasks.jsonl"
    write_tasks(export_tasks(gold=gold).tasks, out, "doccano")
    lines = [json.loads(raw) for raw in out.read_text("utf-8").splitlines()]
    belarus = next(line for line in lines if line["report_id"] == "amnesty-belarus-2020-09")
    text = belarus["text"]
    evidence = "Tsikhanousky, was arrested in May"
    start = text.index(evidence)
    next_id = max(e["id"] for e in belarus["entities"]) + 1
    belarus["entities"] += [  # drawn in Doccano: no hrevents extras for them
        {"id": next_id, "label": "detention", "start_offset": start + 18, "end_offset": start + 26},
        {"id": next_id + 1, "label": "VICTIM", "start_offset": start, "end_offset": start + 12},
        {"id": next_id + 2, "label": "EVIDENCE", "start_offset": start, "end_offset": start + len(evidence)},
    ]
    belarus["relations"] += [
        {"id": 900, "from_id": next_id, "to_id": next_id + 1, "type": "victim"},
        {"id": 901, "from_id": next_id, "to_id": next_id + 2, "type": "evidence"},
    ]
    out.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    before_lines = gold.read_text("utf-8").splitlines()
    before = load_gold(gold).reports[0]
    result = import_task_list(read_tasks(out, "doccano"), gold)
    assert result.warnings == []
    after_lines = gold.read_text("utf-8").splitlines()
    assert after_lines[1:] == before_lines[1:]  # the other reports: byte for byte
    after = load_gold(gold).reports[0]
    assert after.events[:-1] == before.events  # the gold's order, the gold's events
    new = after.events[-1]
    assert (new.action, new.victim, new.evidence) == ("detention", "Tsikhanousky", evidence)


def test_label_studio_edit_keeps_the_event_in_its_place(corpus: Path) -> None:
    gold = corpus / "gold.jsonl"
    tasks = export_tasks(gold=gold).tasks
    belarus = next(t for t in tasks if t["data"]["report_id"] == "amnesty-belarus-2020-09")
    before = load_gold(gold).reports[0]
    index = 5
    target = before.events[index]
    assert target.date and isinstance(target.date, str)
    # the annotator corrects the ISO date of one event (its action span is the index-th action in the results)
    action_ids = [
        r["id"]
        for r in belarus["annotations"][0]["result"]
        if r.get("type") == "labels" and r["value"]["labels"][0] == target.action
    ]
    changed = False
    for item in belarus["annotations"][0]["result"]:
        if item.get("from_name") == "date_iso" and item["id"] in action_ids and item["value"]["text"] == [target.date]:
            item["value"]["text"] = ["1999"]
            changed = True
            break
    assert changed
    result = import_task_list(tasks, gold)
    assert result.warnings == []
    after = load_gold(gold).reports[0]
    dates = [e.date for e in after.events]
    assert "1999" in dates and len(after.events) == len(before.events)
    moved = dates.index("1999")
    assert [e.victim for e in after.events] == [e.victim for e in before.events]  # nothing reordered
    assert after.events[moved].victim in {e.victim for e in before.events if e.date == target.date}


def test_paragraph_spans_cut_long_text_and_keep_passages_whole() -> None:
    text = "First para.\n\nA long one. " + "Words go on.\n" * 200 + "\n\nLast."
    spans = paragraph_spans(text, limit=300)
    assert spans[0] == (0, 11) and text[spans[-1][0] : spans[-1][1]] == "Last."
    assert all(b - a <= 320 for a, b in spans[1:-1]) and len(spans) > 5
    crossing = (spans[2][1] - 5, spans[3][0] + 5)
    joined = paragraph_spans(text, [crossing], limit=300)
    assert any(a <= crossing[0] and crossing[1] <= b for a, b in joined)
    assert len(joined) == len(spans) - 1


def test_paragraph_tasks_round_trip_and_a_missing_paragraph_leaves_the_report_out(corpus: Path) -> None:
    gold = corpus / "gold.jsonl"
    exported = export_tasks(gold=gold, paragraphs=True)
    tasks = exported.tasks
    reports = load_gold(gold).reports
    assert exported.warnings == [] and len(tasks) > 3 * len(reports)
    assert max(len(t["data"]["text"]) for t in tasks) < 3000
    for task in tasks:  # each task is its place in the report
        report = next(r for r in reports if r.report_id == task["data"]["report_id"])
        whole = (corpus / report.text_file).read_text("utf-8")
        assert task["data"]["text"] in whole
    before_bytes = gold.read_bytes()
    result = import_task_list(tasks, gold)
    assert result.warnings == [] and gold.read_bytes() == before_bytes
    result = import_task_list(tasks, corpus / "fresh.jsonl")
    assert [comparable(r) for r in load_gold(corpus / "fresh.jsonl").reports] == [comparable(r) for r in reports]

    dropped = [t for t in tasks if not (t["data"]["report_id"] == reports[0].report_id and t["data"]["paragraph"] == 0)]
    result = import_task_list(dropped, corpus / "partial.jsonl")
    assert any(reports[0].report_id in w and "paragraph tasks are annotated" in w for w in result.warnings)
    assert reports[0].report_id not in {r.report_id for r in load_gold(corpus / "partial.jsonl").reports}


def test_cli_exports_and_imports_every_format(corpus: Path) -> None:
    runner = CliRunner()
    gold = corpus / "gold.jsonl"
    before = gold.read_bytes()
    replaced = f"{len(load_gold(gold).reports)} replaced"
    for fmt, name, extra in (
        ("doccano", "d.jsonl", []),
        ("inception", "i.zip", ["--paragraphs"]),
        ("label-studio", "ls.json", ["--paragraphs"]),
    ):
        out = corpus / name
        result = runner.invoke(
            app, ["annotate", "export", "--gold", str(gold), "--out", str(out), "--format", fmt, *extra]
        )
        assert result.exit_code == 0, result.output
        assert f"({fmt})" in result.output
        result = runner.invoke(app, ["annotate", "import", str(out), "--gold", str(gold)])  # format from the name
        assert result.exit_code == 0, result.output
        assert replaced in result.output and gold.read_bytes() == before
    with zipfile.ZipFile(corpus / "i.zip") as archive:
        assert "TypeSystem.xml" in archive.namelist()
    result = runner.invoke(app, ["annotate", "import", str(corpus / "nothing.zip"), "--gold", str(gold)])
    assert result.exit_code == 2
