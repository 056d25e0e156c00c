"""Gold integrity: the shipped gold validates and every excerpt is in its report."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hrevents_models import load_actions, load_gold

WHITESPACE = re.compile(r"\s+")


def collapse(text: str) -> str:
    return WHITESPACE.sub(" ", text).strip()


# The development gold and the blind parts (scored last, never used to write rules) are checked alike;
# a blind part that joins development moves into gold.jsonl, a new one is another gold_blind*.jsonl.
CORPUS = Path(__file__).parent.parent / "corpus"
GOLD_FILES = ["gold.jsonl", *sorted(p.name for p in CORPUS.glob("gold_blind*.jsonl"))]


@pytest.fixture(scope="module", params=GOLD_FILES)
def gold(request, corpus_dir):
    return load_gold(corpus_dir / request.param)


def test_gold_validates_and_is_big_enough(corpus_dir):
    development = load_gold(corpus_dir / "gold.jsonl")
    blind = [load_gold(corpus_dir / name) for name in GOLD_FILES[1:]]
    assert len(development.reports) >= 34 and sum(len(b.reports) for b in blind) >= 9
    assert sum(len(r.events) for r in development.reports) >= 950
    ids = [r.report_id for gold in (development, *blind) for r in gold.reports]
    assert len(ids) == len(set(ids))


def test_every_report_file_exists_once(gold):
    ids = [r.report_id for r in gold.reports]
    assert len(ids) == len(set(ids))
    for report in gold.reports:
        assert gold.text_path(report).is_file(), report.text_file


def test_every_evidence_excerpt_is_found_in_its_report(gold):
    missing = []
    for report in gold.reports:
        text = collapse(gold.text_path(report).read_text("utf-8"))
        excerpts = [e.evidence for e in report.events] + [g.evidence for g in report.group_events or []]
        missing += [(report.report_id, excerpt) for excerpt in excerpts if collapse(excerpt) not in text]
    assert missing == []


def test_actions_are_in_the_vocabulary(gold):
    actions = set(load_actions())
    assert {e.action for r in gold.reports for e in r.events} <= actions


def test_dates_are_iso_at_one_of_three_precisions(gold):
    pattern = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
    for report in gold.reports:
        for item in report.events:
            for value in item.dates():
                assert pattern.match(value), (report.report_id, item.victim, value)


def test_published_matches_the_report_front_matter(gold):
    from hrevents.reader import read_report

    for report in gold.reports:
        meta = read_report(gold.text_path(report)).meta
        expected = meta.published.isoformat() if meta.published else None
        assert report.published == expected, report.report_id
