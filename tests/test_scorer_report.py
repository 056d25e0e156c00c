"""The classification report, its bootstrap intervals and the charts of `evaluate --plot`."""

from __future__ import annotations

import json

import pytest
from factories import make_event

from hrevents.scoring.plots import events_per_month, write_plots
from hrevents.scoring.report import classification_report, format_report, report_dict
from hrevents.scoring.scorer import score
from hrevents_models import Event, load_gold


def event(action: str, victim: str, report: str, date: str = "") -> Event:
    return make_event(report_id=report, action=action, victim=victim, date=date)


@pytest.fixture
def gold(tmp_path):
    """Three invented reports: r1 two arrests and a charge, r2 one arrest, r3 a release."""
    reports = [
        {
            "report_id": "r1",
            "text_file": "r1.txt",
            "events": [
                {"action": "arrest", "victim": "Anna Lind", "evidence": "e"},
                {"action": "arrest", "victim": "Boris Kale", "evidence": "e"},
                {"action": "charge", "victim": "Anna Lind", "evidence": "e"},
            ],
        },
        {
            "report_id": "r2",
            "text_file": "r2.txt",
            "events": [{"action": "arrest", "victim": "Cem Ozer", "evidence": "e"}],
        },
        {
            "report_id": "r3",
            "text_file": "r3.txt",
            "events": [{"action": "release", "victim": "Dana Moor", "evidence": "e"}],
        },
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in reports) + "\n")
    return load_gold(path)


@pytest.fixture
def predictions():
    return [
        event("arrest", "Anna Lind", "r1", "2020-08-24"),  # tp
        event("charge", "Boris Kale", "r1", "2020-09"),  # fp (and Anna's charge fn)
        event("arrest", "Cem Ozer", "r2", "2020-09-01"),  # tp; Boris's arrest fn
        event("release", "Dana Moor", "r3", "2021"),  # tp
        event("killing", "Eli Ness", "r3"),  # fp of an action with no gold
    ]


def test_per_action_and_averages_by_hand(gold, predictions):
    frame = classification_report(score(predictions, gold), resamples=0)
    assert list(frame.index) == ["arrest", "charge", "killing", "release", "micro avg", "macro avg", "weighted avg"]
    arrest = frame.loc["arrest"]
    assert (arrest.precision, arrest.recall, arrest.support, arrest.predicted) == (1.0, 2 / 3, 3, 2)
    assert arrest.f1 == pytest.approx(0.8)
    assert frame.loc["charge", "f1"] == 0.0 and frame.loc["killing", "support"] == 0
    micro = frame.loc["micro avg"]  # tp 3, fp 2, fn 2
    assert (micro.precision, micro.recall, micro.support, micro.predicted) == (0.6, 0.6, 5, 5)
    # macro: mean over the four actions present in gold or predictions
    assert frame.loc["macro avg", "f1"] == pytest.approx((0.8 + 0 + 0 + 1) / 4)
    # weighted by support: arrest 3, charge 1, release 1, killing 0
    assert frame.loc["weighted avg", "recall"] == pytest.approx((3 * 2 / 3 + 0 + 1) / 5)


def test_bootstrap_is_seeded_and_brackets_the_point(gold, predictions):
    result = score(predictions, gold)
    first = classification_report(result, resamples=200, seed=3)
    again = classification_report(result, resamples=200, seed=3)
    assert first.equals(again)
    micro = first.loc["micro avg"]
    assert micro.f1_low <= micro.f1 <= micro.f1_high
    assert 0 <= micro.f1_low < micro.f1_high <= 1
    # release occurs in r3 only: a draw without r3 says nothing about it, so it is not counted as 0
    assert first.loc["release", "f1_low"] == 1.0
    text = format_report(first)
    assert "micro avg" in text and "[" in text
    assert report_dict(first)["arrest"]["support"] == 3


def test_events_per_month_leaves_out_year_only_dates(predictions):
    assert events_per_month(predictions).to_dict() == {"2020-08": 1, "2020-09": 2}


def test_plots_are_written_and_not_empty(tmp_path, gold, predictions):
    scores = {"pipeline": score(predictions, gold), "baseline": score(predictions[:2], gold)}
    reports = {name: classification_report(result, resamples=20) for name, result in scores.items()}
    written = write_plots(scores, predictions, tmp_path / "plots", reports)
    names = sorted(p.name for p in written)
    stems = ("events_per_action", "events_per_month", "f1_per_action", "field_accuracy")
    assert names == sorted(f"{stem}.{ext}" for stem in stems for ext in ("png", "svg"))
    for path in written:
        data = path.read_bytes()
        assert len(data) > 2000, path
        if path.suffix == ".png":
            assert data.startswith(b"\x89PNG\r\n\x1a\n")
        else:
            assert b"<svg" in data[:2000] and b"<path" in data
    assert b"baseline" in (tmp_path / "plots" / "f1_per_action.svg").read_bytes()


def test_evaluate_command_prints_the_report_and_writes_json_and_charts(tmp_path):
    """The CLI wiring, on the shipped gold scored against itself (no model: --pred, --no-baseline)."""
    from pathlib import Path

    from typer.testing import CliRunner

    from hrevents.cli import app
    from hrevents.writers import write_events

    repo = Path(__file__).resolve().parents[1]
    gold = load_gold(repo / "corpus" / "gold.jsonl")
    events = [
        e.as_event(report.report_id, f"{report.report_id}-{n}", "gold")
        for report in gold.reports
        for n, e in enumerate(report.events)
    ]
    pred = tmp_path / "pred.csv"
    write_events(events, pred)
    args = ["evaluate", "--gold", str(repo / "corpus" / "gold.jsonl"), "--pred", str(pred), "--no-baseline"]
    args += ["--json", str(tmp_path / "m.json"), "--plot", str(tmp_path / "plots"), "--bootstrap", "50"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "predictions: per action, 50 bootstrap resamples of reports, seed 12" in result.output
    assert "micro avg      1.000 [1.00, 1.00]" in result.output
    metrics = json.loads((tmp_path / "m.json").read_text())
    assert metrics["predictions"]["report"]["micro avg"]["f1"] == 1.0
    assert metrics["predictions"]["report"]["arrest"]["support"] > 10
    assert len(list((tmp_path / "plots").iterdir())) == 8
