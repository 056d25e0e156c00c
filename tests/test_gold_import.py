"""`gold import`: reviewed rows into the gold JSONL (SPEC section 5)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hrevents.cli import app
from hrevents.gold_import import GoldImportError, import_reviewed
from hrevents.review import collapse, write_reviewed_csv
from hrevents.scoring.scorer import score
from hrevents_models import Event, GoldFile, load_gold

REPO = Path(__file__).resolve().parents[1]
BELARUS = "amnesty-belarus-2020-09"
# Spans a line break in the report file: found only after collapsing whitespace.
PRESIDIUM = (
    "Over the next few days investigators summoned for questioning several members of the Coordinating "
    "Council’s Presidium, including Maksim Znak, Syarhei Dyleusky, Pavel Latushka, Maryia Kalesnikava, and Svyatlana "
    "Aleksievich."
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A copy of the shipped corpus (reports and gold) to import into."""
    shutil.copytree(REPO / "corpus" / "reports", tmp_path / "reports")
    shutil.copy(REPO / "corpus" / "gold.jsonl", tmp_path / "gold.jsonl")
    return tmp_path


def row(report_id: str, action: str, victim: str, evidence: str, status: str, **fields: str) -> dict[str, object]:
    values: dict[str, object] = {
        "event_id": f"{report_id}:{action}:{victim}",
        "report_id": report_id,
        "action": action,
        "trigger": "",
        "cameo": "",
        "victim": victim,
        "evidence": evidence,
        "start_char": 0,
        "end_char": 0,
        "confidence": 0.5,
        "rule": "test",
        "review_status": status,
        "review_note": "",
    }
    values.update(fields)
    return values


def gold_line(path: Path, report_id: str) -> dict:
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and json.loads(line)["report_id"] == report_id:
            return json.loads(line)
    raise KeyError(report_id)


def test_correct_wrong_and_duplicates(corpus: Path) -> None:
    gold = corpus / "gold.jsonl"
    before = gold.read_text("utf-8").splitlines()
    reviewed = write_reviewed_csv(
        [
            # already in the gold, with a shorter spelling: same person by SPEC section 6
            row(BELARUS, "arrest", "Tsikhanousky", "was arrested in May", "correct"),
            # new: an event the gold does not list (made up for the test)
            row(
                BELARUS,
                "ill_treatment",
                "Svyatlana Aleksievich",
                PRESIDIUM,
                "corrected",
                perpetrator="investigators",
                date="2020-08",
            ),
            # a false positive
            row(BELARUS, "killing", "Pavel Latushka", PRESIDIUM, "wrong"),
            # no decision: left out
            row(BELARUS, "arrest", "Maryia Kalesnikava", PRESIDIUM, ""),
        ],
        corpus / "reviewed.csv",
    )
    result = import_reviewed(reviewed, gold)
    assert result.refused == []
    assert result.duplicates == [f"{BELARUS}: arrest of Tsikhanousky"]
    assert result.unreviewed == 1
    assert result.added == [f"{BELARUS}: ill_treatment of Svyatlana Aleksievich"]
    assert result.completed_gaps == result.added  # the report was marked complete
    assert result.rejected == [f"{BELARUS}: killing of Pavel Latushka"]

    after = gold.read_text("utf-8").splitlines()
    changed = [n for n, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert changed == [0]  # only the Belarus line; the others byte for byte
    line = gold_line(gold, BELARUS)
    assert line["events"][-1] == {
        "action": "ill_treatment",
        "victim": "Svyatlana Aleksievich",
        "date": "2020-08",
        "perpetrator": "investigators",
        "place": None,
        "destination": None,
        "detail": None,
        "evidence": PRESIDIUM,
    }
    assert line["rejected"] == [{"action": "killing", "victim": "Pavel Latushka"}]
    assert "complete" not in line  # still complete, as it was

    again = import_reviewed(reviewed, gold)  # idempotent
    assert not again.added and not again.rejected and not again.written
    assert gold.read_text("utf-8").splitlines() == after


def test_new_report_is_incomplete_and_scored_as_such(corpus: Path) -> None:
    text = (
        '---\ntitle: A new report\npublished: 2021-02-01\ncovers: "2020"\n---\n'
        "On 3 May the police arrested Ivan Petrov in Minsk.\nOn 4 May   the police\n  arrested Olga Smirnova.\n"
    )
    (corpus / "reports" / "new-report.txt").write_text(text, encoding="utf-8")
    reviewed = write_reviewed_csv(
        [
            row(
                "new-report",
                "arrest",
                "Ivan Petrov",
                "On 3 May the police arrested Ivan Petrov in Minsk.",
                "correct",
                date="2020-05-03",
                place="Minsk",
            ),
            row("new-report", "release", "Ivan Petrov", "On 3 May the police arrested Ivan Petrov in Minsk.", "wrong"),
            row("new-report", "arrest", "Olga Smirnova", "On 4 May the police arrested Olga Smirnova.", "correct"),
        ],
        corpus / "reviewed.csv",
    )
    result = import_reviewed(reviewed, corpus / "gold.jsonl")
    assert result.refused == [] and result.new_reports == ["new-report"]
    line = gold_line(corpus / "gold.jsonl", "new-report")
    assert line["complete"] is False and line["published"] == "2021-02-01"
    assert line["text_file"] == "reports/new-report.txt"
    assert [e["victim"] for e in line["events"]] == ["Ivan Petrov", "Olga Smirnova"]
    assert line["rejected"] == [{"action": "release", "victim": "Ivan Petrov"}]

    gold = load_gold(corpus / "gold.jsonl")
    only = GoldFile(path=gold.path, reports=[r for r in gold.reports if r.report_id == "new-report"])
    predictions = [
        Event(
            event_id=str(n),
            report_id="new-report",
            action=action,
            trigger="x",
            victim=victim,
            evidence="x",
            start_char=0,
            end_char=1,
            confidence=1,
            rule="t",
        )
        for n, (action, victim) in enumerate(
            [("arrest", "Ivan Petrov"), ("release", "Ivan Petrov"), ("charge", "Ivan Petrov")]
        )
    ]
    scored = score(predictions, only)
    assert (scored.overall.tp, scored.overall.fp, scored.overall.fn) == (1, 1, 1)  # the charge is left out
    assert [o.kind for o in scored.outcomes if o.action == "charge"] == ["ignored"]


def test_rows_are_refused_with_reasons(corpus: Path) -> None:
    gold = corpus / "gold.jsonl"
    before = gold.read_bytes()
    reviewed = write_reviewed_csv(
        [
            row(BELARUS, "arrest", "Ivan Petrov", "The police arrested Ivan Petrov in Minsk.", "correct"),
            row("missing-report", "arrest", "Ivan Petrov", "anything", "correct"),
            row(BELARUS, "arrest", "Syarhei Tsikhanousky", "was arrested in May", "wrong"),
            row(BELARUS, "flogging", "Maksim Znak", PRESIDIUM, "correct"),
            row(BELARUS, "summons", "Maksim Znak", PRESIDIUM, "correct", date="August 2020"),
        ],
        corpus / "reviewed.csv",
    )
    strict = import_reviewed(reviewed, gold, strict=True)
    assert len(strict.refused) == 5 and not strict.written and gold.read_bytes() == before
    messages = "\n".join(strict.refused)
    assert "line 2" in messages and "evidence not found" in messages
    assert "line 3" in messages and "missing-report" in messages and "--reports" in messages
    assert "line 4" in messages and "marked wrong, but the gold has this event" in messages
    assert "line 5" in messages and "unknown action 'flogging'" in messages
    assert "line 6" in messages and "YYYY" in messages

    runner = CliRunner()
    out = runner.invoke(app, ["gold", "import", str(reviewed), "--gold", str(gold)])
    assert out.exit_code == 1
    assert "5 refused" in out.output and "evidence not found" in out.output


def test_correct_row_conflicting_with_a_rejected_entry_is_refused(corpus: Path) -> None:
    gold = corpus / "gold.jsonl"
    first = write_reviewed_csv([row(BELARUS, "killing", "Maksim Znak", PRESIDIUM, "wrong")], corpus / "a.csv")
    assert import_reviewed(first, gold).rejected
    second = write_reviewed_csv([row(BELARUS, "killing", "M. Znak", PRESIDIUM, "correct")], corpus / "b.csv")
    result = import_reviewed(second, gold)
    assert not result.added and "known false positive" in result.refused[0]


def test_spreadsheet_csv_with_bom_and_formula_cells(corpus: Path) -> None:
    text = "---\ntitle: t\n---\n=cmd|' /C calc'!A0 On 3 May the police arrested Ivan Petrov.\n"
    (corpus / "reports" / "hostile.txt").write_text(text, encoding="utf-8")
    evidence = "=cmd|' /C calc'!A0 On 3 May the police arrested Ivan Petrov."
    sheet = corpus / "sheet.csv"
    # as a spreadsheet saves it: BOM, its own column order, a quoted formula cell, status in capitals
    sheet.write_text(
        "\ufeffreview_status,review_note,report_id,victim,action,evidence,date\r\n"
        f'Corrected,fixed the date,hostile,Ivan Petrov,arrest,"\'{evidence}",2020-05-03\r\n',
        encoding="utf-8",
    )
    result = import_reviewed(sheet, corpus / "gold.jsonl", [corpus / "reports"])
    assert result.refused == [] and result.added == ["hostile: arrest of Ivan Petrov"]
    event = gold_line(corpus / "gold.jsonl", "hostile")["events"][0]
    assert event["evidence"] == evidence and event["date"] == "2020-05-03"


def test_dry_run_and_a_missing_gold_file(corpus: Path) -> None:
    reviewed = write_reviewed_csv([row(BELARUS, "summons", "Maksim Znak", PRESIDIUM, "correct")], corpus / "r.csv")
    fresh = corpus / "new" / "gold.jsonl"
    runner = CliRunner()
    dry = runner.invoke(
        app,
        ["gold", "import", str(reviewed), "--gold", str(fresh), "--reports", str(corpus / "reports"), "--dry-run"],
    )
    assert dry.exit_code == 0 and "dry run" in dry.output and not fresh.exists()
    real = runner.invoke(app, ["gold", "import", str(reviewed), "--gold", str(fresh), "-r", str(corpus / "reports")])
    assert real.exit_code == 0, real.output
    line = gold_line(fresh, BELARUS)
    assert line["text_file"] == "../reports/amnesty-belarus-2020-09.txt" and line["complete"] is False
    assert collapse(line["events"][0]["evidence"]) == PRESIDIUM
    assert load_gold(fresh).text_path(load_gold(fresh).reports[0]).is_file()


def test_a_broken_gold_file_is_named(corpus: Path) -> None:
    gold = corpus / "gold.jsonl"
    text = gold.read_text("utf-8")
    gold.write_text(text + '{"report_id": "x"}\n', encoding="utf-8")
    reviewed = write_reviewed_csv([row(BELARUS, "summons", "Maksim Znak", PRESIDIUM, "correct")], corpus / "r.csv")
    with pytest.raises(GoldImportError, match=rf"gold.jsonl:{len(text.splitlines()) + 1}"):
        import_reviewed(reviewed, gold)


def test_added_events_become_gold_and_reviewer_columns_are_read(tmp_path: Path) -> None:
    """An event the reviewer added on the review page (status `added`) is a gold event like a correct one."""
    shutil.copytree(REPO / "corpus" / "reports", tmp_path / "reports")
    gold = tmp_path / "gold.jsonl"
    evidence = "Tsikhanousky, was arrested in May"
    reviewed = write_reviewed_csv(
        [
            row(BELARUS, "arrest", "Syarhei Tsikhanousky", evidence, "added", date="2020-05", reviewer="A. B."),
            row(BELARUS, "arrest", "Nobody Here", "not in the report at all", "added"),
        ],
        tmp_path / "reviewed.csv",
    )
    result = import_reviewed(reviewed, gold, [tmp_path / "reports"])
    assert result.added == [f"{BELARUS}: arrest of Syarhei Tsikhanousky"]
    assert len(result.refused) == 1 and "evidence not found" in result.refused[0]
    (event,) = load_gold(gold).reports[0].events
    assert (event.victim, event.date, event.evidence) == ("Syarhei Tsikhanousky", "2020-05", evidence)


def test_two_relatives_arrested_in_one_sentence_are_two_labels() -> None:
    """The round trip's "labelled twice" check compares names as written, not SPEC 6's surname match."""
    from hrevents.annotation import _same_name
    from hrevents_models import GoldEvent

    saad = GoldEvent(action="arrest", victim="Karim Saad Tovar", evidence="arrested Karim Saad Tovar and Luis Tovar")
    luis = GoldEvent(action="arrest", victim="Luis Tovar", evidence="arrested Karim Saad Tovar and Luis Tovar")
    again = GoldEvent(action="arrest", victim="luis  tovar", evidence="arrested Karim Saad Tovar and Luis Tovar")
    assert not _same_name(saad, luis)
    assert _same_name(luis, again)
