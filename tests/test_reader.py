"""Reading reports: front matter, ids, encodings and clear errors."""

from __future__ import annotations

import datetime as dt

import pytest

from hrevents.errors import ReportError
from hrevents.reader import read_report, report_from_text


def test_front_matter_is_parsed_and_kept_in_the_text(tmp_path):
    path = tmp_path / "2005-x.txt"
    text = '---\ntitle: "X"\npublished: 2006-03-08\ncovers: "2005"\nauthor: me\n---\nPolice arrested A.\n'
    path.write_text(text, encoding="utf-8")
    report = read_report(path)
    assert report.report_id == "2005-x"
    assert report.meta.published == dt.date(2006, 3, 8)
    assert report.meta.covers == "2005"
    assert report.meta.extra == {"author": "me"}
    assert report.text == text
    assert report.text[report.body_start :] == "Police arrested A.\n"


def test_no_front_matter():
    report = report_from_text("Police arrested A.", "r")
    assert report.body_start == 0 and report.meta.covers is None


def test_numeric_covers_becomes_text():
    assert report_from_text("---\ncovers: 2004\n---\nText.", "r").meta.covers == "2004"


def test_latin1_file_is_decoded_and_the_encoding_recorded(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("Le journaliste André Kaboré a été arrêté à Ouagadougou en mai.".encode("latin-1"))
    report = read_report(path)
    assert "André" in report.text
    assert report.encoding != "utf-8"


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"---\ntitle: x\n---\n   \n", "empty"),
        ("binary.txt", b"\x00\x01\x02binary", "binary"),
        ("bad.txt", b"---\ntitle: [unclosed\n---\nText", "front matter"),
        ("date.txt", b"---\npublished: yesterday\n---\nText", "published"),
        ("report.xyz", b"Text", "unsupported"),
    ],
)
def test_bad_input_names_the_file_and_the_problem(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ReportError) as info:
        read_report(path)
    assert name in str(info.value)
    assert problem in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(ReportError, match="cannot read"):
        read_report(tmp_path / "nope.txt")


def test_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 100)
    with pytest.raises(ReportError, match="over the limit"):
        read_report(path, max_bytes=50)


def test_utf16_file_with_byte_order_mark(tmp_path):
    path = tmp_path / "wide.txt"
    path.write_bytes("\ufeffPolice arrested Ana Ruiz.".encode("utf-16-le"))
    report = read_report(path)
    assert report.text == "Police arrested Ana Ruiz." and report.encoding == "utf-16-le"


# --- one reader for every command: evaluate scores gold whose reports are not text files ----

SENTENCE = "On 3 May 2020 the police arrested Ivan Petrov in Minsk."


def _gold_with_converted_reports(folder):
    """A gold file over an HTML and a Word report (invented text), and predictions for both."""
    import json

    from hrevents_models import Event

    try:
        from .test_formats import make_docx
    except ImportError:  # tests/ is not a package
        from test_formats import make_docx

    (folder / "reports").mkdir()
    (folder / "reports" / "page.html").write_text(
        f"<html><head><title>Belarus</title></head><body><main><p>{SENTENCE}</p></main></body></html>",
        encoding="utf-8",
    )
    (folder / "reports" / "memo.docx").write_bytes(make_docx([SENTENCE]))
    gold = folder / "gold.jsonl"
    lines = []
    for report_id, name in (("page", "page.html"), ("memo", "memo.docx")):
        event = {"action": "arrest", "victim": "Ivan Petrov", "date": "2020-05-03", "evidence": SENTENCE}
        lines.append(json.dumps({"report_id": report_id, "text_file": f"reports/{name}", "events": [event]}))
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    predictions = [
        Event(
            event_id=f"e-{report_id}",
            report_id=report_id,
            action="arrest",
            trigger="arrested",
            victim="Ivan Petrov",
            date="2020-05-03",
            evidence=SENTENCE,
            start_char=0,
            end_char=len(SENTENCE),
            confidence=0.9,
            rule="arrest.verb",
        )
        for report_id in ("page", "memo")
    ]
    return gold, predictions


@pytest.mark.parametrize("name", ["page.html", "memo.docx"])
def test_read_report_reads_every_supported_format(tmp_path, name):
    _gold_with_converted_reports(tmp_path)
    report = read_report(tmp_path / "reports" / name)
    assert report.report_id == name.split(".")[0] and SENTENCE in report.text


def test_evaluate_scores_gold_whose_reports_are_html_and_docx(tmp_path):
    from typer.testing import CliRunner

    from hrevents.cli import app
    from hrevents.writers import write_events

    gold, predictions = _gold_with_converted_reports(tmp_path)
    pred = write_events(predictions, tmp_path / "pred.csv")
    result = CliRunner().invoke(app, ["evaluate", "--gold", str(gold), "--pred", str(pred), "--no-baseline"])
    assert result.exit_code == 0, result.output
    assert "2 reports, 2 events" in result.output
    lines = result.output.splitlines()
    assert any(line.split() == ["event", "F1", "1.000"] for line in lines), result.output
    assert any(line.split()[:3] == ["F1", "memo", "1.000"] for line in lines), result.output
    assert any(line.split()[:3] == ["F1", "page", "1.000"] for line in lines), result.output


@pytest.mark.model
def test_evaluate_extracts_from_a_docx_report(tmp_path):
    """Without --pred, evaluate runs the pipeline on the converted text of the gold's reports."""
    from typer.testing import CliRunner

    from hrevents.cli import app

    gold, _ = _gold_with_converted_reports(tmp_path)
    result = CliRunner().invoke(app, ["evaluate", "--gold", str(gold), "--no-baseline", "--report", "memo"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(line.split() == ["event", "F1", "1.000"] for line in lines), result.output
