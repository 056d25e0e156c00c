"""SPEC section 7 scoring: group events match by action and evidence place, one-to-one,
in file order, a right count first; named-event scores leave group rows out."""

from __future__ import annotations

from pathlib import Path

import pytest

from hrevents.scoring.groups import evaluate_groups, group_table, score_groups
from hrevents.scoring.scorer import score
from hrevents_models import Event, GoldEvent, GoldFile, GoldGroupEvent, GoldReport

TEXT = (
    "On 3 May police arrested 24 students in Lakeside. "
    "Later soldiers killed at least 12 civilians. "
    "Police also arrested Ana Ruiz."
)


def place(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def predicted(action: str, words: str, count: int | None = None, group: str = "g", number: int = 0) -> Event:
    start, end = place(words)
    return Event(
        event_id=f"p{number}",
        report_id="r",
        action=action,
        trigger="t",
        victim_group=group,
        victim_count=count,
        evidence=words,
        start_char=start,
        end_char=end,
        confidence=0.9,
        rule="test",
    )


def gold(*events: GoldGroupEvent, labelled: bool = True) -> GoldFile:
    report = GoldReport(
        report_id="r",
        text_file="r.txt",
        events=[GoldEvent(action="arrest", victim="Ana Ruiz", evidence="Police also arrested Ana Ruiz.")],
        group_events=list(events) if labelled else None,
    )
    return GoldFile(path=Path("gold.jsonl"), reports=[report])


def g(action: str, evidence: str, count: int | None = None, optional: bool = False) -> GoldGroupEvent:
    return GoldGroupEvent(action=action, victim_group="g", victim_count=count, evidence=evidence, optional=optional)


TEXTS = {"r": TEXT}
ARREST = "On 3 May police arrested 24 students in Lakeside."
KILLING = "Later soldiers killed at least 12 civilians."


CASES = [
    # (predictions, gold group events, (tp, fp, fn), (count correct, count scored))
    ([predicted("arrest", "police arrested 24 students", 24)], [g("arrest", ARREST, 24)], (1, 0, 0), (1, 1)),
    ([predicted("arrest", "police arrested 24 students", 20)], [g("arrest", ARREST, 24)], (1, 0, 0), (0, 1)),
    ([predicted("detention", "police arrested 24 students")], [g("arrest", ARREST, 24)], (0, 1, 1), (0, 0)),
    ([predicted("arrest", "soldiers killed")], [g("arrest", ARREST)], (0, 1, 1), (0, 0)),
    ([predicted("arrest", "students in Lakeside. Later")], [g("arrest", ARREST)], (1, 0, 0), (0, 0)),
    (
        [predicted("arrest", "24 students", 24, number=1), predicted("arrest", "police arrested", 24, number=2)],
        [g("arrest", ARREST, 24)],
        (1, 1, 0),
        (1, 1),
    ),
    ([predicted("arrest", "24 students")], [g("arrest", ARREST, optional=True)], (0, 0, 0), (0, 0)),
    ([], [g("arrest", ARREST, optional=True), g("killing", KILLING, 12)], (0, 0, 1), (0, 0)),
]


@pytest.mark.parametrize(("predictions", "gold_events", "counts", "count_accuracy"), CASES)
def test_spec_7_matching(predictions, gold_events, counts, count_accuracy):
    result = score_groups(predictions, gold(*gold_events), TEXTS)
    assert (result.overall.tp, result.overall.fp, result.overall.fn) == counts
    assert (result.count_correct, result.count_scored) == count_accuracy


def test_a_prediction_takes_the_gold_event_whose_count_it_gets_right():
    two = [g("arrest", ARREST, 20), g("arrest", ARREST, 24)]
    first = predicted("arrest", "24 students", 24, number=1)
    second = predicted("arrest", "police arrested", 20, number=2)
    result = score_groups([first, second], gold(*two), TEXTS)
    assert (result.overall.tp, result.count_correct, result.count_scored) == (2, 2, 2)


def test_predictions_are_taken_in_file_order():
    one = [g("arrest", ARREST, 24)]
    first = predicted("arrest", "24 students", 20, number=1)
    second = predicted("arrest", "police arrested", 24, number=2)
    result = score_groups([first, second], gold(*one), TEXTS)
    assert [o.kind for o in result.outcomes if o.kind in ("tp", "fp")] == ["tp", "fp"]
    assert result.count_correct == 0


def test_summed_counts_per_action_beside_the_gold():
    predictions = [predicted("arrest", "24 students", 24), predicted("killing", "killed at least 12", 15, number=1)]
    result = score_groups(predictions, gold(g("arrest", ARREST, 24), g("killing", KILLING, 12)), TEXTS)
    assert dict(result.sums) == {"arrest": [24, 24], "killing": [15, 12]}
    table = group_table({"pipeline": result})
    assert table.loc["summed count killing (pred / gold)", "pipeline"] == "15 / 12"
    assert table.loc["count accuracy", "pipeline"] == "0.500 (1/2)"


def test_a_report_not_labelled_for_groups_is_left_out():
    result = score_groups([predicted("arrest", "24 students", 24)], gold(labelled=False), TEXTS)
    assert (result.reports, result.overall.tp, result.overall.fp) == (0, 0, 0)
    assert evaluate_groups([], gold(labelled=False), TEXTS, "pipeline", print) is None


def test_group_evidence_not_in_the_report_is_an_error():
    with pytest.raises(ValueError, match="not in the report"):
        score_groups([], gold(g("arrest", "Police arrested nobody.")), TEXTS)


def test_named_scores_leave_group_rows_out():
    named = Event(
        event_id="n",
        report_id="r",
        action="arrest",
        trigger="arrested",
        victim="Ana Ruiz",
        evidence="Police also arrested Ana Ruiz.",
        start_char=TEXT.index("Police also"),
        end_char=len(TEXT),
        confidence=0.9,
        rule="test",
    )
    groups = [predicted("arrest", "24 students", 24), predicted("killing", "killed", 12, number=1)]
    alone, with_groups = score([named], gold()), score([named, *groups], gold())
    assert alone.as_dict() == with_groups.as_dict()
    assert (with_groups.overall.tp, with_groups.overall.fp) == (1, 0)


def test_shipped_group_gold_is_found_in_its_reports(corpus_dir):
    from hrevents_models import load_gold

    gold_file = load_gold(corpus_dir / "gold.jsonl")
    labelled = [r for r in gold_file.reports if r.group_events is not None]
    assert len(labelled) == len(gold_file.reports)
    result = score_groups([], gold_file)  # raises if an evidence excerpt is not in its report
    assert result.overall.fn == sum(not e.optional for r in labelled for e in r.group_events or [])
