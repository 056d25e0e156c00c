"""Date normalisation: precision as written, years from the narrative, and the traps
(durations, month-only dates, relative expressions, ranges). No model needed."""

from __future__ import annotations

import pytest

from hrevents.dates import find_date_spans, is_duration, normalise

CASES = [
    # (text, anchor, expected)
    ("On 24 August", "2020", "2020-08-24"),
    ("on 10 August 2020", None, "2020-08-10"),
    ("On June 8", "2005", "2005-06-08"),
    ("June 8, 2004", "2005", "2004-06-08"),
    ("in May", "2020", "2020-05"),
    ("In late November", "2005", "2005-11"),
    ("August 2020", None, "2020-08"),
    ("in 2004", "2005", "2004"),
    ("since 1994", "2005", "1994"),
    ("during the year", "2005", "2005"),
    ("the morning of 9 September", "2020", "2020-09-09"),
    ("2020-09-07", None, "2020-09-07"),
    # relative expressions resolve against the anchor (the previous event), not today
    ("the same day", "2020-08-31", "2020-08-31"),
    ("The following morning", "2020-09-07", "2020-09-08"),
    ("the next day", "2020-12-31", "2021-01-01"),
    ("two days later", "2005-06-08", "2005-06-10"),
    ("a week later", "2005-06-08", "2005-06-15"),
    ("after four days", "2005-08-19", "2005-08-23"),
    ("the previous day", "2005-03-01", "2005-02-28"),
    ("Over the next few days", "2020-08-20", "2020-08"),
    # ranges are dated by their start, which borrows the end's year
    ("from May to July 2004", "2005", "2004-05"),
    ("between 10 and 16 June", "2005", "2005-06-10"),
    ("In August and September", "2005", "2005-08"),
    # durations are not dates
    ("25 days", "2020-09-01", None),
    ("5 years", "2020", None),
    ("for two weeks", "2020", None),
    ("several months", "2020", None),
    # no year to be had: no guess
    ("On 24 August", None, None),
    ("", "2020", None),
    ("the contested election", "2020", None),
]


@pytest.mark.parametrize(("text", "anchor", "expected"), CASES)
def test_normalise(text, anchor, expected):
    assert normalise(text, anchor) == expected


def test_explicit_year_overrides_covered_year():
    assert normalise("in April 2004", "2005-11", 2005) == "2004-04"


def test_covered_year_fills_missing_year_even_with_precise_anchor():
    assert normalise("On March 3", "2004-12-30", 2005) == "2005-03-03"


def test_may_the_verb_is_not_a_month():
    assert normalise("may", "2020") is None
    assert find_date_spans("She may be arrested.") == []


@pytest.mark.parametrize("text", ["25 days", "five years", "up to 5 years", "48 hours", "a few weeks"])
def test_durations(text):
    assert is_duration(text)


@pytest.mark.parametrize("text", ["two days later", "after four days", "3 years ago"])
def test_relative_expressions_are_not_durations(text):
    assert not is_duration(text)


def test_find_date_spans_covers_what_ner_misses():
    text = "On the morning of 9 September, police arrested Maksim Znak. In May 2020 he was free."
    found = [text[s:e] for s, e in find_date_spans(text)]
    assert "the morning of 9 September" in found
    assert "May 2020" in found


def test_cli_dates_reads_json_lines(tmp_path):
    from typer.testing import CliRunner

    from hrevents.cli import app

    lines = (
        '{"text": "On 24 August", "anchor": "2020-01-01", "anchor_kind": "narrative"}\n'
        '{"text": "On 24 August", "anchor": "2020-01-01"}\n'
        '{"text": "On 24 August", "anchor": "2020"}\n'
        '{"text": "25 days", "anchor": "2020-09-01"}\n'
    )
    result = CliRunner().invoke(app, ["dates"], input=lines)
    assert result.exit_code == 0
    # without anchor_kind a day anchor is a publication date (news: the last August before it),
    # a year anchor the year covered
    assert result.output.splitlines() == [
        '{"text": "On 24 August", "value": "2020-08-24"}',
        '{"text": "On 24 August", "value": "2019-08-24"}',
        '{"text": "On 24 August", "value": "2020-08-24"}',
        '{"text": "25 days", "value": null}',
    ]


def test_cli_dates_refuses_an_unknown_anchor_kind():
    from typer.testing import CliRunner

    from hrevents.cli import app

    result = CliRunner().invoke(app, ["dates"], input='{"text": "May 2019", "anchor_kind": "someday"}\n')
    assert result.exit_code == 2
