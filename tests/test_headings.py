"""Run-in headings ("Sexual Exploitation of Children: The law ...") are sentences of their own."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.model

PAGE = """<!doctype html><html><head><title>Freedonia - Country Report</title></head><body><main>
<h2>Section 1. Respect for the Integrity of the Person</h2>
<h3>Arrest Procedures and Treatment of Detainees</h3>
<p>The law provides police with broad powers of arrest. On March 3, police arrested Ana Lindqvist in Port Vell.</p>
<p><u>Sexual Exploitation of Children</u>: Police arrested Marta Ekholm on May 9 for trafficking.</p>
<p><strong>Political Prisoners and Detainees</strong>: Authorities detained Jonas Berg on June 2.</p>
</main></body></html>
"""


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "Sexual Exploitation of Children: The law criminalizes sexual exploitation.",
            ["Sexual Exploitation of Children:", "The law criminalizes sexual exploitation."],
        ),
        (
            "ARREST PROCEDURES AND TREATMENT OF DETAINEES: Police may arrest suspects.",
            ["ARREST PROCEDURES AND TREATMENT OF DETAINEES:", "Police may arrest suspects."],
        ),
        ("Police said: The suspects fled.", ["Police said: The suspects fled."]),  # a verb: no heading
        ("The report added: Police arrested him.", ["The report added: Police arrested him."]),
        ("Freedom of Expression: the law is silent.", ["Freedom of Expression: the law is silent."]),
        # a heading line whose line break the PDF repair made a space
        (
            "Arrest Procedures and Treatment of Detainees The law provides police with broad powers.",
            ["Arrest Procedures and Treatment of Detainees", "The law provides police with broad powers."],
        ),
        (
            "ARREST PROCEDURES AND TREATMENT OF DETAINEES The law provides police with broad powers.",
            ["ARREST PROCEDURES AND TREATMENT OF DETAINEES", "The law provides police with broad powers."],
        ),
        (
            "Political Prisoners and Detainees There were no reports of political prisoners.",
            ["Political Prisoners and Detainees", "There were no reports of political prisoners."],
        ),
        ("The Police Arrested Ana Lind.", ["The Police Arrested Ana Lind."]),
        ("UN OHCHR Special Rapporteur Ana Lind said police detained Jonas Berg.", None),
        ("Ana Lind and Jonas Berg were arrested.", None),
    ],
)
def test_a_run_in_heading_is_its_own_sentence(nlp, text: str, sentences: list[str] | None) -> None:
    assert [sentence.text.strip() for sentence in nlp(text).sents] == (sentences or [text])


def test_headings_stay_out_of_evidence_and_victims_in_text(extract_text) -> None:
    text = (
        "Arrest Procedures and Treatment of Detainees\n\nOn March 3, police arrested Ana Lindqvist.\n\n"
        "Sexual Exploitation of Children: Police arrested Marta Ekholm on May 9.\n"
    )
    events = extract_text(text)
    assert sorted(event.victim for event in events) == ["Ana Lindqvist", "Marta Ekholm"]
    for event in events:
        assert "Procedures" not in event.evidence and "Exploitation" not in event.evidence
    marta = next(event for event in events if event.victim == "Marta Ekholm")
    assert marta.evidence == "Police arrested Marta Ekholm on May 9."


def test_a_glued_heading_line_in_pdf_text_stays_out_of_evidence(extract_text) -> None:
    text = "Arrest Procedures and Treatment of Detainees\nThe police arrested Ana Lindqvist on March 3.\n"
    (event,) = extract_text(text)
    assert event.evidence == "The police arrested Ana Lindqvist on March 3."


def test_headings_stay_out_of_evidence_on_a_page(extractor, tmp_path: Path) -> None:
    from hrevents.reader import read_report

    path = tmp_path / "freedonia.html"
    path.write_text(PAGE, "utf-8")
    report = read_report(path)
    events = extractor.extract(report)
    assert sorted(event.victim for event in events) == ["Ana Lindqvist", "Jonas Berg", "Marta Ekholm"]
    for event in events:
        assert ":" not in event.evidence, event.evidence
        assert report.text[event.start_char : event.end_char].split() == event.evidence.split()  # offsets exact
