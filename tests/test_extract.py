"""End to end on the shipped corpus: provenance, stable ids, writers."""

from __future__ import annotations

import re

import pytest

from hrevents.reader import read_report
from hrevents.writers import read_events, write_events
from hrevents_models import OUTPUT_COLUMNS


@pytest.fixture(scope="module")
def belarus(extractor, corpus_dir):
    report = read_report(corpus_dir / "reports" / "amnesty-belarus-2020-09.txt")
    return report, extractor.extract(report)


@pytest.mark.model
def test_every_event_points_at_its_sentence(belarus):
    report, events = belarus
    assert len(events) > 20
    for event in events:
        assert event.evidence == re.sub(r"\s+", " ", report.text[event.start_char : event.end_char]).strip()
        assert event.rule and event.trigger and (event.victim or event.victim_group)
        assert 0 < event.confidence <= 1


@pytest.mark.model
def test_ids_are_stable_and_unique(belarus, extractor):
    report, events = belarus
    again = extractor.extract(report)
    assert [e.event_id for e in events] == [e.event_id for e in again]
    assert len({e.event_id for e in events}) == len(events)


@pytest.mark.model
def test_a_known_event_with_its_fields(belarus):
    _, events = belarus
    arrest = next(e for e in events if e.action == "arrest" and e.victim == "Syarhei Dyleusky")
    assert (arrest.date, arrest.perpetrator, arrest.cameo) == ("2020-08-24", "the police", "173")


@pytest.mark.model
@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_round_trip_through_writers(belarus, tmp_path, suffix):
    _, events = belarus
    path = write_events(events, tmp_path / f"events{suffix}")
    assert read_events(path) == events
    if suffix == ".csv":
        assert path.read_text("utf-8").splitlines()[0] == ",".join(OUTPUT_COLUMNS)


@pytest.mark.model
def test_csv_cells_that_look_like_formulas_are_neutralised(belarus, tmp_path):
    _, events = belarus
    named = next(e for e in events if e.victim)
    crafted = named.model_copy(update={"victim": '=HYPERLINK("http://x")', "detail": "@SUM(A1)"})
    path = write_events([crafted], tmp_path / "events.csv")
    text = path.read_text("utf-8")
    assert "'=HYPERLINK" in text and "'@SUM" in text
    assert read_events(path)[0].victim == crafted.victim


@pytest.mark.model
def test_writing_is_atomic(tmp_path, belarus):
    _, events = belarus
    target = tmp_path / "events.csv"
    target.write_text("old")
    with pytest.raises(ValueError):
        write_events(events, tmp_path / "events.xlsx")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["events.csv"]


def test_missing_model_message_names_the_install_command():
    from hrevents.errors import ModelNotInstalledError
    from hrevents.nlp import load_model

    with pytest.raises(ModelNotInstalledError, match="pip install en-core-web-nonexistent"):
        load_model("en_core_web_nonexistent")


def test_pieces_cover_the_text_and_map_back():
    from hrevents.chunks import pieces
    from hrevents.repair import repair

    raw = "First paragraph about May.\n\n" + "A sentence that goes on. " * 40 + "\n\nLast one."
    repaired = repair(raw)
    parts = list(pieces(repaired, 200))
    assert len(parts) > 3 and all(len(p.text) <= 200 for p in parts)
    assert "".join(p.text for p in parts) == repaired.text
    for part in parts:
        start, end = part.original_span(0, len(part.text))
        assert raw[start:end] == part.text


@pytest.mark.model
@pytest.mark.parametrize(
    "name", ["2005-ethiopia-arbitrary-arrest", "2006-burundi-arbitrary-arrest", "amnesty-belarus-2020-09"]
)
def test_a_report_read_in_pieces_gives_the_same_events(extractor, corpus_dir, name):
    from hrevents.extract import Extractor

    report = read_report(corpus_dir / "reports" / f"{name}.txt")
    whole = extractor.extract(report)
    pieced = Extractor(nlp=extractor.nlp, piece_chars=4000).extract(report)
    assert len({e.event_id for e in pieced}) == len(pieced)
    same = {(e.action, e.victim, e.victim_group, e.start_char) for e in whole} & {
        (e.action, e.victim, e.victim_group, e.start_char) for e in pieced
    }
    assert len(same) >= 0.9 * len(whole)
    for event in pieced:
        assert event.evidence == re.sub(r"\s+", " ", report.text[event.start_char : event.end_char]).strip()
