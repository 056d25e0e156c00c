"""The review page builder and reviewed-CSV reader, without a browser (see test_review_browser.py)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from factories import make_event as base_event
from typer.testing import CliRunner

from hrevents.cli import app
from hrevents.review import (
    REVIEW_COLUMNS,
    ReviewFileError,
    code_point_offsets,
    find_passage,
    load_report_texts,
    page_data,
    read_events_for_review,
    read_reviewed,
    script_json,
    utf16_offsets,
    write_review,
    write_reviewed_csv,
)
from hrevents.writers import write_events
from hrevents_models import Event

REPO = Path(__file__).resolve().parents[1]
REPORTS = REPO / "corpus" / "reports"


def make_event(text: str, evidence: str, report_id: str = "r1", **fields: object) -> Event:
    start = text.index(evidence)
    values = {"event_id": f"{report_id}-{fields.get('victim', 'x')}", "victim": "Ivan Petrov", "confidence": 0.9}
    return base_event(
        **(values | fields), report_id=report_id, evidence=evidence, start_char=start, end_char=start + len(evidence)
    )


def test_script_json_cannot_close_the_script_element() -> None:
    nasty = {"evidence": "</script><script>alert(1)</script> <!-- & \u2028"}
    text = script_json(nasty)
    assert "</script" not in text.lower() and "<!--" not in text and "\u2028" not in text
    assert json.loads(text) == nasty


def test_page_embeds_hostile_text_inertly(tmp_path: Path) -> None:
    text = "Intro. Police arrested Ivan Petrov </script><script>alert(1)</script> in Minsk.\n"
    (tmp_path / "r1.txt").write_text(text, encoding="utf-8")
    event = make_event(text, "Police arrested Ivan Petrov </script><script>alert(1)</script> in Minsk.")
    events_csv = tmp_path / "events.csv"
    write_events([event], events_csv)
    out = tmp_path / "review.html"
    summary = write_review(events_csv, out, [tmp_path], title="<b>T</b>")
    page = out.read_text("utf-8")
    assert summary.events == 1 and summary.reports_embedded == 1
    assert len(re.findall(r"<script\b", page, re.I)) == 2  # the data element and the code, nothing injected
    assert len(re.findall(r"</script", page, re.I)) == 2
    assert "&lt;b&gt;T&lt;/b&gt;" in page and "<b>T</b>" not in page
    assert "http://" not in page and "https://" not in page  # nothing to fetch
    data = json.loads(re.search(r'id="review-data">(.*?)</script>', page, re.S).group(1))
    assert data["reports"]["r1"]["text"] == text
    assert data["passages"] == [[text.index("Police"), text.index("Police") + len(event.evidence), "offsets"]]


def test_find_passage_collapses_whitespace_and_prefers_the_nearest() -> None:
    text = "A was arrested.\n\nPolice  arrested\n  B in Minsk. Police arrested B in Minsk."
    first = find_passage(text, "Police arrested B in Minsk.")
    assert first == (17, text.index(" Police") + 0)
    assert text[first[0] : first[1]].split() == ["Police", "arrested", "B", "in", "Minsk."]
    second = find_passage(text, "Police arrested B in Minsk.", near=len(text) - 5)
    assert second[0] == text.rindex("Police")
    assert find_passage(text, "Police arrested C") is None
    assert find_passage(text, "   ") is None


def test_utf16_offsets_round_trip() -> None:
    text = "😀 a 😀😀 b"
    points = [0, 1, 2, 4, 6, len(text)]
    units = utf16_offsets(text, points)
    assert units == [0, 2, 3, 5, 9, len(text.encode("utf-16-le")) // 2]
    assert code_point_offsets(text, units) == points
    assert utf16_offsets("plain", [0, 3]) == [0, 3]


def test_passages_offsets_found_or_missing() -> None:
    text = "Police arrested Ivan Petrov. Later police arrested Olga Smirnova."
    good = make_event(text, "Police arrested Ivan Petrov.")
    moved = good.model_copy(update={"start_char": 40, "end_char": 50})
    absent = good.model_copy(update={"evidence": "Nobody arrested anyone."})
    other = make_event(text, "Police arrested Ivan Petrov.", report_id="r2")
    texts = load_report_texts([], [])
    texts.texts["r1"] = {"text": text, "path": "r1.txt", "title": ""}
    data = page_data([good, moved, absent, other], texts)
    assert [p[2] for p in data["passages"]] == ["offsets", "found", "missing", "missing"]
    assert data["passages"][1][:2] == [0, 28]
    assert len(data["events"][0]) == len(data["columns"])


def test_read_reviewed_accepts_spreadsheet_edits(tmp_path: Path) -> None:
    path = tmp_path / "reviewed.csv"
    path.write_text(
        "\ufeffreview_status,victim,report_id,action,evidence,review_note\n"
        "Correct,Ivan Petrov,r1,arrest,Police arrested Ivan Petrov.,\n"
        " wrong ,'=Olga,r1,arrest,'@x,not a person\n"
        ",Anna,r1,arrest,y,\n"
        ",,,,,\n",
        encoding="utf-8",
    )
    rows = read_reviewed(path)
    assert [(r.line, r.status) for r in rows] == [(2, "correct"), (3, "wrong"), (4, "")]
    assert rows[1].fields["victim"] == "=Olga" and rows[1].fields["evidence"] == "@x"
    assert rows[1].note == "not a person"


def test_read_reviewed_names_bad_statuses_and_missing_columns(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("report_id,action,victim,evidence,review_status\nr1,arrest,A,e,maybe\n", encoding="utf-8")
    with pytest.raises(ReviewFileError, match=r"line 2: review_status 'maybe'"):
        read_reviewed(bad)
    short = tmp_path / "short.csv"
    short.write_text("report_id,victim\nr1,A\n", encoding="utf-8")
    with pytest.raises(ReviewFileError, match="missing column"):
        read_reviewed(short)


def test_reviewed_csv_reopens_with_its_decisions(tmp_path: Path) -> None:
    text = "Police arrested Ivan Petrov. Police arrested Olga Smirnova."
    one = make_event(text, "Police arrested Ivan Petrov.")
    two = make_event(text, "Police arrested Olga Smirnova.", victim="Olga Smirnova")
    rows = [
        {
            **one.row(),
            "review_status": "wrong",
            "review_note": "n",
            "reviewer": "A",
            "reviewed_at": "2026-01-02T03:04:05Z",
        },
        {**two.row(), "review_status": ""},
    ]
    path = write_reviewed_csv(rows, tmp_path / "reviewed.csv")
    events, decisions = read_events_for_review(path)
    assert events == [one, two]
    assert decisions == {0: {"status": "wrong", "note": "n", "reviewer": "A", "reviewed_at": "2026-01-02T03:04:05Z"}}
    header = path.read_text("utf-8").splitlines()[0].split(",")
    assert tuple(header) == REVIEW_COLUMNS


def test_review_command(tmp_path: Path) -> None:
    text = (REPORTS / "amnesty-belarus-2020-09.txt").read_text("utf-8")
    evidence = "was arrested in May"
    event = make_event(text, evidence, report_id="amnesty-belarus-2020-09", victim="Syarhei Tsikhanousky")
    lost = make_event(text, evidence, report_id="no-such-report")
    events_csv = tmp_path / "events.csv"
    write_events([event, lost], events_csv)
    out = tmp_path / "page" / "review.html"
    result = CliRunner().invoke(app, ["review", str(events_csv), "--reports", str(REPORTS), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "2 events, 1 report texts embedded" in result.output
    assert "no-such-report" in result.output
    mask = os.umask(0)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask  # not the 0600 of a temporary file
    missing = CliRunner().invoke(app, ["review", str(tmp_path / "nope.csv"), "--out", str(out)])
    assert missing.exit_code == 2 and "no such file" in missing.output


def test_page_embeds_the_map_outline_and_nothing_to_fetch(tmp_path: Path) -> None:
    from hrevents.review import build_page, page_data

    data = page_data([])
    countries = data["world"]["countries"]
    assert len(countries) > 150 and {"BY", "ET", "FR"} <= {c["id"] for c in countries}
    assert all(c["d"].startswith("M") for c in countries if c["d"])
    assert "Natural Earth" in data["world"]["source"]
    document = build_page(data)
    assert "http://" not in document.split('<script type="application/json"')[1]
    assert "https://" not in document.split('<script type="application/json"')[1]


def test_read_reviewed_takes_added_status_and_reviewer(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(
        "report_id,action,victim,evidence,review_status,reviewer,reviewed_at\n"
        "r1,arrest,Ivan Petrov,Police arrested Ivan Petrov.,added,Ana,2026-12-01T10:00:00Z\n",
        "utf-8",
    )
    (row,) = read_reviewed(path)
    assert (row.status, row.reviewer, row.reviewed_at) == ("added", "Ana", "2026-12-01T10:00:00Z")
    assert "reviewer" not in row.fields


def test_decision_agreement_between_two_reviewers(tmp_path: Path) -> None:
    from hrevents.review import decision_agreement

    text = "Police arrested Ivan Petrov. Police arrested Olga Smirnova."
    events = [make_event(text, "Police arrested Ivan Petrov.", victim=f"Ivan Petrov{n}") for n in range(4)]
    events = [e.model_copy(update={"event_id": f"e{n}"}) for n, e in enumerate(events)]
    first = ["correct", "wrong", "corrected", "correct"]
    second = ["correct", "wrong", "wrong", ""]
    paths = []
    for name, statuses in (("a", first), ("b", second)):
        rows = [{**e.row(), "review_status": s, "reviewer": name} for e, s in zip(events, statuses, strict=True)]
        paths.append(write_reviewed_csv(rows, tmp_path / f"{name}.csv"))
    result = decision_agreement(*paths)
    assert (result["both_decided"], result["only_first"], result["only_second"]) == (3, 1, 0)
    assert result["agreement"] == round(2 / 3, 4)
    # observed 2/3; expected (2/3·1/3) + (1/3·2/3) = 4/9 → kappa (2/3 − 4/9)/(1 − 4/9) = 0.4
    assert result["kappa"] == 0.4
    assert result["confusion"]["correct/wrong"] == 1


def test_all_reports_embeds_reports_without_events(tmp_path: Path) -> None:
    text = (REPORTS / "amnesty-belarus-2020-09.txt").read_text("utf-8")
    event = make_event(text, "was arrested in May", report_id="amnesty-belarus-2020-09", victim="Syarhei Tsikhanousky")
    events_csv = tmp_path / "events.csv"
    write_events([event], events_csv)
    out = tmp_path / "review.html"
    args = ["review", str(events_csv), "--reports", str(REPORTS), "--out", str(out)]
    assert "1 report texts embedded" in CliRunner().invoke(app, args).output
    result = CliRunner().invoke(app, [*args, "--all-reports"])
    assert result.exit_code == 0, result.output
    assert f"{len(list(REPORTS.glob('*.txt')))} report texts embedded" in result.output
