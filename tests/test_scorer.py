"""SPEC section 6 scoring, against numbers computed by hand."""

from __future__ import annotations

import json

import pytest
from factories import make_event

from hrevents.scoring.scorer import same_person, score
from hrevents_models import Event, load_gold


def event(action: str, victim: str, date: str = "", report: str = "r1", **fields) -> Event:
    return make_event(report_id=report, action=action, victim=victim, date=date, **fields)


@pytest.fixture
def gold(tmp_path):
    reports = [
        {
            "report_id": "r1",
            "text_file": "r1.txt",
            "events": [
                {
                    "action": "arrest",
                    "victim": "Syarhei Dyleusky",
                    "date": "2020-08-24",
                    "perpetrator": "the police",
                    "evidence": "e",
                    "victim_aliases": ["Siarhei Dyleuski"],
                },
                {"action": "arrest", "victim": "Volha Kavalkova", "date": "2020-08", "evidence": "e"},
                {
                    "action": "expulsion",
                    "victim": "Ivan Krautsou",
                    "date": ["2020-09-07", "2020-09-08"],
                    "destination": "Ukraine",
                    "evidence": "e",
                },
                {"action": "exile", "victim": "Valery Tsapkala", "optional": True, "evidence": "e"},
                {"action": "charge", "victim": "Maksim Znak", "evidence": "e"},
            ],
        },
        {"report_id": "r2", "text_file": "r2.txt", "events": []},
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in reports) + "\n")
    return load_gold(path)


def test_hand_computed_scores(gold):
    predictions = [
        event("arrest", "S. Dyleusky", "2020-08-24", perpetrator="police officers"),  # TP, date ok, perp ok
        event("arrest", "Volha Kavalkova", "2020-08-24"),  # TP; gold month precision: date ok
        event("expulsion", "Krautsou", "2020-09-08", destination="the border with Ukraine"),  # TP (alt date)
        event("exile", "Valery Tsapkala"),  # optional: neither TP nor FP
        event("arrest", "Maksim Znak"),  # FP: wrong action
        event("arrest", "Someone Else", report="r2"),  # FP: report with no events
    ]
    result = score(predictions, gold)
    o = result.overall
    assert (o.tp, o.fp, o.fn) == (3, 2, 1)  # FN: the charge of Znak
    assert o.precision == pytest.approx(3 / 5)
    assert o.recall == pytest.approx(3 / 4)
    assert o.f1 == pytest.approx(2 * 0.6 * 0.75 / 1.35)
    assert result.fields["date"] == [3, 3]
    assert result.fields["perpetrator"] == [1, 1]
    assert result.fields["destination"] == [1, 1]
    s = result.strict
    assert (s.tp, s.fp, s.fn) == (3, 2, 1)
    assert result.per_action["arrest"].tp == 2 and result.per_action["arrest"].fp == 2
    assert result.per_action["charge"].fn == 1


def test_spurious_fields_are_values_where_the_gold_has_none(gold):
    """SPEC 6.5 by hand: three required matches. Kavalkova's gold has no perpetrator, place or
    destination; the prediction invents an agent and a place. Krautsou's gold has a destination
    and a date but no perpetrator or place; the prediction adds neither. Znak's charge has no date."""
    predictions = [
        event("arrest", "Volha Kavalkova", "2020-08", perpetrator="the police", place="Minsk"),
        event("expulsion", "Ivan Krautsou", "2020-09-07", destination="Ukraine"),
        event("charge", "Maksim Znak", "2020-09"),
        event("exile", "Valery Tsapkala", "2020", place="Warsaw"),  # optional: not scored
    ]
    result = score(predictions, gold)
    assert result.spurious["perpetrator"] == [1, 3]
    assert result.spurious["place"] == [1, 3]
    assert result.spurious["destination"] == [0, 2]
    assert result.spurious["date"] == [1, 1]
    assert result.as_dict()["spurious"]["perpetrator"] == {"spurious": 1, "gold_null": 3, "share": 0.3333}
    kinds = sorted(o.kind for o in result.outcomes if o.kind.startswith("spurious_"))
    assert kinds == ["spurious_date", "spurious_perpetrator", "spurious_place"]


def test_wrong_date_counts_against_strict_only(gold):
    result = score([event("arrest", "Syarhei Dyleusky", "2020-08-25")], gold)
    assert result.overall.tp == 1
    assert (result.strict.tp, result.strict.fp) == (0, 1)
    assert result.fields["date"] == [0, 1]


def test_coarser_prediction_is_not_a_correct_date(gold):
    result = score([event("arrest", "Syarhei Dyleusky", "2020-08")], gold)
    assert result.fields["date"] == [0, 1]


def test_one_to_one_matching_prefers_the_right_date(tmp_path):
    path = tmp_path / "g.jsonl"
    path.write_text(
        json.dumps(
            {
                "report_id": "r1",
                "text_file": "r1.txt",
                "events": [
                    {"action": "arrest", "victim": "Fikre Gudu", "date": "2005-06-08", "evidence": "e"},
                    {"action": "arrest", "victim": "Fikre Gudu", "date": "2005-08-19", "evidence": "e"},
                ],
            }
        )
        + "\n"
    )
    gold = load_gold(path)
    result = score([event("arrest", "Fikre Gudu", "2005-08-19"), event("arrest", "Fikre Gudu", "2005-06-08")], gold)
    assert (result.strict.tp, result.strict.fp, result.strict.fn) == (2, 0, 0)
    triple = score([event("arrest", "Fikre Gudu", "2005-08-19")] * 3, gold)
    assert (triple.overall.tp, triple.overall.fp, triple.overall.fn) == (2, 1, 0)


def test_required_is_matched_before_optional(tmp_path):
    path = tmp_path / "g.jsonl"
    path.write_text(
        json.dumps(
            {
                "report_id": "r1",
                "text_file": "r1.txt",
                "events": [
                    {"action": "detention", "victim": "Ana Ruiz", "optional": True, "evidence": "e"},
                    {"action": "detention", "victim": "Ana Ruiz", "evidence": "e"},
                ],
            }
        )
        + "\n"
    )
    result = score([event("detention", "Ana Ruiz")], load_gold(path))
    assert (result.overall.tp, result.overall.fp, result.overall.fn) == (1, 0, 0)


def test_incomplete_report_ignores_unknown_predictions(tmp_path):
    path = tmp_path / "g.jsonl"
    path.write_text(
        json.dumps(
            {
                "report_id": "r1",
                "text_file": "r1.txt",
                "complete": False,
                "events": [{"action": "arrest", "victim": "Ana Ruiz", "evidence": "e"}],
                "rejected": [{"action": "arrest", "victim": "Bob Stone"}],
            }
        )
        + "\n"
    )
    result = score(
        [event("arrest", "Ana Ruiz"), event("arrest", "Bob Stone"), event("arrest", "Carl Nemo")], load_gold(path)
    )
    assert (result.overall.tp, result.overall.fp, result.overall.fn) == (1, 1, 0)


@pytest.mark.parametrize(
    ("predicted", "gold_name", "aliases", "expected"),
    [
        ("Syarhei Dyleusky", "Syarhei Dyleusky", [], True),
        ("Dyleusky", "Syarhei Dyleusky", [], True),
        ("Sergei Dyleusky", "Syarhei Dyleusky", [], True),
        ("Pavel Dyleusky", "Syarhei Dyleusky", [], False),
        ("Tsikhanoŭski", "Syarhei Tsikhanouski", [], True),
        ("Siarhei Tsikhanousky", "Syarhei Tsikhanouskiy", ["Siarhei Tsikhanousky"], True),
        ("Mahmud Tusuru", "Mahmud Tusuru", [], True),
        ("Sheikh Mahmud Tusuru", "Mahmud Tusuru", ["Sheikh Mahmud Tusuru"], True),
        ("Babaryka", "Viktar Babaryka", [], True),
        ("Viktar Babaryk", "Viktar Babaryka", [], False),
    ],
)
def test_same_person(predicted, gold_name, aliases, expected):
    from hrevents_models import GoldEvent

    gold = GoldEvent(action="arrest", victim=gold_name, evidence="e", victim_aliases=aliases)
    assert same_person(predicted, gold) is expected
