"""The date kinds of issues 13, 14 and 15, each against the anchor it depends on (invented
phrases). No model needed, except the pipeline tests at the end."""

from __future__ import annotations

import pytest

from hrevents.dates import normalise, read_date

PUBLISHED = [
    # (text, publication date, expected): news, deictic words count from the publication date
    ("police arrested him on Tuesday", "2020-09-17", "2020-09-15"),  # a Thursday paper
    ("on Thursday", "2020-09-17", "2020-09-17"),
    ("on Saturday", "2020-09-17", "2020-09-12"),
    ("last Friday", "2020-09-17", "2020-09-11"),
    ("next Tuesday", "2019-11-22", "2019-11-26"),
    ("on Saturday, 6 January", "2018-01-10", "2018-01-06"),
    ("last June", "2020-09-15", "2020-06"),
    ("early last March", "2020-09-15", "2020-03"),
    ("last October", "2020-09-15", "2019-10"),
    ("next year", "2020-09-15", "2021"),
    ("the end of the year", "2020-09-15", "2020"),
    ("earlier this month", "2020-09-15", "2020-09"),
    ("Two years ago", "2020-09-15", "2018"),
    ("yesterday", "2020-09-15", "2020-09-14"),
    ("the day before yesterday", "2020-09-15", "2020-09-13"),
    ("Last week", "2020-09-15", "2020-09"),  # a week, given by the month it lies in
    ("last week", "2020-10-06", "2020"),  # ... or the year, when it straddles two months
    ("six months ago", "2020-09-15", "2020-03"),
    ("in June last year", "2020-09-15", "2019-06"),
    # a month without a year: the nearest such month, a few months ahead at most
    ("in December", "2021-03-04", "2020-12"),
    ("in July", "2021-03-04", "2020-07"),
    ("On 28 December", "2018-01-10", "2017-12-28"),
    ("in May", "2020-09-15", "2020-05"),
    ("in October", "2020-09-15", "2020-10"),
    ("in January", "2019-11-22", "2020-01"),
]


@pytest.mark.parametrize(("text", "published", "expected"), PUBLISHED)
def test_news_phrases_count_from_the_publication_date(text, published, expected):
    assert normalise(text, published, anchor_kind="published") == expected


NOT_DATES = [
    # (text, anchor, kind): issue 13 item 2, a decade or a vague period gives nothing
    ("In the 1970s and 1980s", "2020-09-15", "published"),
    ("In the 1990s", "2020-09-15", "published"),
    ("in the late 1990s", "2003", "narrative"),
    ("during the nineties", "2020-09-15", "published"),
    ("recently", "2020-09-15", "published"),
    ("in recent years", "2020-09-15", "published"),
    ("over the past decade", "2020-09-15", "published"),
    # relative words without their own anchor: nothing, never a year from elsewhere
    ("Last week", "2003", "narrative"),
    ("Two years ago", "1998", "covers"),
    ("on Tuesday", "2005", "covers"),
    ("the same day", "2005", "covers"),
    ("two days later", "2019", "covers"),
]


@pytest.mark.parametrize(("text", "anchor", "kind"), NOT_DATES)
def test_what_is_not_a_date_gives_no_date(text, anchor, kind):
    assert normalise(text, anchor, anchor_kind=kind) is None


NUMERIC_AND_RANGES = [
    # (text, covered year, expected): issue 14
    ("10.08.2020", "2020", "2020-08-10"),  # day first
    ("10/08/2020", "2020", "2020-08-10"),
    ("08/24/2020", "2020", "2020-08-24"),  # month first, since 24 cannot be a month
    ("2020/12/05", "2020", "2020-12-05"),
    ("dated 28.02.21", "2021", "2021-02-28"),
    ("9-10 August 2020", "2020", "2020-08-09"),
    ("the night of 9 to 10 August", "2020", "2020-08-09"),
    ("August 9-10, 2020", "2020", "2020-08-09"),
    ("from May to July 2004", "2005", "2004-05"),
    ("between 28 February and 2 March 2021", "2021", "2021-02-28"),
    ("14–16 November", "2019", "2019-11-14"),
    ("from 2014 to 2016", "2020", "2014"),
]


@pytest.mark.parametrize(("text", "covers", "expected"), NUMERIC_AND_RANGES)
def test_numeric_dates_and_ranges(text, covers, expected):
    assert normalise(text, covers, anchor_kind="covers") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("in nineteen ninety-six", "1996"), ("the year two thousand", "2000"), ("May two thousand and one", "2001-05")],
)
def test_years_spelled_out(text, expected):
    assert normalise(text, "2003", anchor_kind="covers") == expected


@pytest.mark.parametrize(
    ("text", "anchor", "kind", "expected"),
    [
        ("on Christmas Day", "2021-01-12", "published", "2020-12-25"),
        ("on Human Rights Day", "2005", "covers", "2005-12-10"),
        ("last Thanksgiving", "2020-09-15", "published", "2019-11-28"),
        ("on New Year’s Eve 2017", "2020-09-15", "published", "2017-12-31"),
    ],
)
def test_named_days(text, anchor, kind, expected):
    assert normalise(text, anchor, anchor_kind=kind) == expected


def test_an_ambiguous_numeric_date_is_a_flagged_guess_with_both_readings():
    reading = read_date("10/08/2020")
    assert reading is not None
    assert (reading.value, reading.guess, reading.alternatives) == ("2020-08-10", True, ("2020-10-08",))
    clear = read_date("24/08/2020")
    assert clear is not None and not clear.guess


def test_covered_year_decides_a_month_in_a_report():
    assert normalise("in November", "2005", anchor_kind="covers") == "2005-11"
    assert normalise("On April 18", "2019", anchor_kind="covers") == "2019-04-18"


def test_an_event_is_never_dated_after_its_publication():
    """For events (realis), the publication date is the latest possible date: a month just
    after it is last year's, where the bare phrase would read as a coming month."""
    assert read_date("in October", published="2020-09-15").value == "2020-10"
    event = read_date("in October", published="2020-09-15", latest="2020-09-15")
    assert (event.value, event.guess) == ("2019-10", True)
    friday = read_date("on Friday", published="2021-03-04", latest="2021-03-04")
    assert friday.value == "2021-02-26"


def test_relative_words_count_from_their_own_reference_only():
    assert read_date("the following day", reference="2020-08-24").value == "2020-08-25"
    assert read_date("the following day", year=2003) is None
    assert read_date("two years ago", reference="2003-05-01") is None  # deictic: needs the speech time


@pytest.mark.model
def test_news_dates_in_the_pipeline_count_from_the_publication_date(extractor):
    from hrevents.reader import report_from_text

    text = (
        "---\npublished: 2020-09-17\n---\n"
        "In 2015 the authorities first questioned Ivan Petrov.\n\n"
        "Police arrested the activist Ivan Petrov on Tuesday.\n\n"
        "In the 1970s and 1980s, police detained Oleg Petrov several times.\n\n"
        "Security officers detained the journalist Maria Kovaleva in November.\n"
    )
    events = {e.victim: e for e in extractor.extract(report_from_text(text, "news")) if e.action == "arrest"}
    assert events["Ivan Petrov"].date == "2020-09-15"
    assert events["Oleg Petrov"].date == ""
    # not 2015-11 from the first paragraph, not a coming November: the last one before publication
    kovaleva = events["Maria Kovaleva"]
    assert kovaleva.date == "2019-11"
    assert kovaleva.confidence < 0.9


def test_the_development_set_stays_read(corpus_dir):
    """corpus/dates_dev.jsonl (invented) as a regression guard: scripts/score_dates.py gives the
    per-kind table and plain dateparser beside it (0.51 there)."""
    import json

    rows = [json.loads(line) for line in (corpus_dir / "dates_dev.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 150
    right = [normalise(r["text"], r["anchor"], anchor_kind=r["anchor_kind"]) == r["value"] for r in rows]
    assert sum(right) / len(rows) >= 0.95


def test_cli_dates_explains_a_guess():
    import json

    from typer.testing import CliRunner

    from hrevents.cli import app

    result = CliRunner().invoke(app, ["dates", "--explain"], input='{"text": "10/08/2020", "anchor": "2020"}\n')
    answer = json.loads(result.output)
    assert (answer["value"], answer["guess"], answer["alternatives"]) == ("2020-08-10", True, ["2020-10-08"])
