"""News shapes of issue 15, fifth round: month names dated in news. Every sentence is
invented (names, places and wording).
"""

from __future__ import annotations

import pytest

from hrevents.dates import read_date

NEWS_MONTHS = [
    # (text, action, date) in news published on 30 May 2021: a month named without a year,
    # after a month whose year was itself inferred, is the nearest such month up to the
    # publication date
    (
        "Gunmen have kidnapped hundreds of students since December. In February, 279 girls were abducted.",
        "abduction",
        "2021-02",
    ),
    ("Police arrested Ana Ruiz in December. She was charged in January.", "charge", "2021-01"),
    ("Police arrested Ana Ruiz in December. She was released in November.", "release", "2020-11"),
    ("Police arrested Ana Ruiz in March. Two days later she was charged.", "charge", "2021-03"),
]


@pytest.mark.parametrize(("text", "action", "date"), NEWS_MONTHS)
def test_months_in_news_count_from_the_publication_date(extract_text, text, action, date):
    events = extract_text(f"---\npublished: 2021-05-30\n---\n{text}", covers=None)
    assert date in [e.date for e in events if e.action == action]


@pytest.mark.parametrize(
    ("words", "reference", "guessed", "value"),
    [
        ("in February", "2020-12", True, "2021-02"),
        ("in February", "2020-12", False, "2020-02"),
        ("on February 5", "2020-12", True, "2021-02-05"),
        ("in November", "2020-12", True, "2020-11"),
        ("two days later", "2020-12-03", True, "2020-12-05"),
    ],
)
def test_an_inferred_reference_year_gives_no_year_to_a_month(words, reference, guessed, value):
    reading = read_date(
        words, reference=reference, published="2021-05-30", latest="2021-05-30", reference_guessed=guessed
    )
    assert reading is not None and reading.value == value
