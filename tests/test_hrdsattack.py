"""scripts/hrdsattack.py on an invented miniature of the HRDsAttack dataset (no mirror, no network).

The fixture is a throw-away git repository holding `data/dev.json` and `data/train.json` in the
dataset's JSON shape, with invented articles; every expected figure below is worked out by
hand from the fixture, following the paper's evaluate_all.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from factories import load_script
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent


hrd = load_script("hrdsattack")


def _victim(name: str | None) -> dict:
    return {
        "victim_idx": 1,
        "victim_population_type": "individual" if name else "multiple",
        "victim_name": name,
        "victim_keywords": "",
        "victim_type": ["insufficient information"],
        "victim_sex_type": "unknown",
        "victim_age_group": "unknown",
    }


def _article(identifier, title, published, markup, **labels) -> dict:
    merged = {
        "perpetrator_mention": True,
        "perpetrator_type": "state actor",
        "violation_types": labels["violation_types"],
        "year": labels.get("year"),
        "month": labels.get("month"),
        "date": labels.get("date"),
        "city": labels.get("city", "None"),
        "region": labels.get("region", "None"),
        "country": labels.get("country"),
        "victims": [_victim(name) for name in labels.get("victims", [])],
    }
    return {
        "sample": {
            "Input.GLOBALEVENTID": identifier,
            "Input.title": title,
            "Input.publish_date": published,
            "Input.article_interface": markup,
            "Input.batch_idx": "1",
            "HIT_id": "INVENTED",
        },
        "annotations": [{"worker_id": "w", "work_time_in_seconds": 1, "annotation": merged}],
        "merged_sample": merged,
    }


DEV = [
    _article(
        111,
        "Two  activists held in Lakeside",
        "2021-03-05 10:00:00-05:00",
        "<p>LAKESIDE, Kenya</p> <p>Police arrested the activist Ana Lima and the lawyer Jon Reed "
        "on 3 March 2021 outside the offices of AT&T &amp; partners.</p>",
        victims=["Ana Lima", "Jon Reed", None],
        violation_types=["arbitrary detention", "unknown"],
        country="Kenya",
        year="2021.0",
        month="03",
        date="3.0",
    ),
    _article(
        "222",
        "Reporter found dead",
        "2021-01-02 08:00:00",
        "<p>The body of the reporter Maria Gomez was found in December.</p>",
        victims=["Maria Gomez"],
        violation_types=["killing", "torture"],
        country="N/A",
        year="2020",
        month="Decenmber",
        date=None,
    ),
    _article(
        333,
        "A quiet week",
        "2019-06-01 00:00:00",
        "<p>Nothing happened to anyone.</p>",
        violation_types=["unknown"],
        country="Kenya",
        year="2019",
    ),
]
TRAIN = [DEV[0]]
TEST = [
    _article(999, "Never to be read", "2020-01-01 00:00:00", "<p>Exam.</p>", violation_types=["other"], country="Kenya")
]

# Predictions, invented: report 111 names "Jon" before "Jon Reed" and repeats "Ana Lima";
# report 222 has a group event (no victim); report 333 has none.
EVENTS = [
    {"report_id": "111", "action": "arrest", "victim": "Ana Lima", "date": "2021-03-03", "country": "KE"},
    {"report_id": "111", "action": "arrest", "victim": "Jon", "date": "2021", "country": "KE"},
    {"report_id": "111", "action": "release", "victim": "Jon Reed", "date": "2021-03-10", "country": "UG"},
    {"report_id": "111", "action": "charge", "victim": "Ana Lima", "date": "", "country": "KE"},
    {"report_id": "222", "action": "killing", "victim": "Maria", "date": "2020-12", "country": ""},
    {"report_id": "222", "action": "abduction", "victim": "", "date": "2020-12-05", "country": ""},
    {"report_id": "other", "action": "arrest", "victim": "Nobody", "date": "", "country": ""},
]
for number, row in enumerate(EVENTS):
    row["start_char"] = 10 * (number + 1)


def _git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-C", str(folder), *args],
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def dataset_repo(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hrdsattack-repo")
    (folder / "data").mkdir()
    for name, articles in (("dev", DEV), ("train", TRAIN), ("test", TEST)):
        (folder / "data" / f"{name}.json").write_text(json.dumps(articles), encoding="utf-8")
    _git(folder, "init", "-q")
    _git(folder, "add", "data")
    _git(folder, "commit", "-qm", "invented fixture")
    return folder


@pytest.fixture(scope="module")
def rebuilt(dataset_repo, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("rebuilt") / "dev"
    hrd.rebuild_split(dataset_repo, "dev", out)
    return out


@pytest.fixture()
def events_file(tmp_path) -> Path:
    path = tmp_path / "events.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in EVENTS), encoding="utf-8")
    return path


# --- rebuild ------------------------------------------------------------------------------


def test_rebuild_writes_reports_the_reader_understands(rebuilt):
    from hrevents.reader import read_report

    assert sorted(p.name for p in (rebuilt / "reports").iterdir()) == ["111.txt", "222.txt", "333.txt"]
    report = read_report(rebuilt / "reports" / "111.txt")
    assert report.meta.title == "Two activists held in Lakeside"
    assert str(report.meta.published) == "2021-03-05"
    assert "HRDsAttack" in (report.meta.source or "") and "dev split" in (report.meta.source or "")
    assert "never commit" in (report.meta.licence or "")
    body = report.text[report.body_start :]
    assert body == (
        "LAKESIDE, Kenya\n\nPolice arrested the activist Ana Lima and the lawyer Jon Reed on 3 March 2021 "
        "outside the offices of AT&T & partners.\n"
    )


def test_rebuild_labels_follow_the_papers_normalisation(rebuilt):
    labels = {r.report_id: r for r in hrd.load_labels(rebuilt)}
    first, second, third = labels["111"], labels["222"], labels["333"]
    assert first.victims == ["Ana Lima", "Jon Reed"]  # the unnamed victim is filtered out
    assert first.violation_types == ["arbitrary detention"]  # "unknown" beside another type goes
    assert (first.country, first.year, first.month, first.day) == ("Kenya", "2021", "March", "3")
    assert (second.country, second.year, second.month, second.day) == (None, "2020", "December", None)
    assert (third.country, third.year, third.month, third.day) == ("Kenya", "2019", None, None)
    assert third.violation_types == ["unknown"]
    assert first.published == "2021-03-05" and first.text_file == "reports/111.txt"
    manifest = json.loads((rebuilt / "manifest.json").read_text())
    assert manifest["split"] == "dev" and manifest["articles"] == 3 and len(manifest["commit"]) == 40


@pytest.mark.parametrize(
    ("markup", "paragraphs"),
    [
        ("<p>One.</p> <p> Two\n  lines. </p>", ["One.", "Two lines."]),
        ("<p>A &#8217;quote&#8217; &copy here</p>", ["A ’quote’ &copy here"]),
        ("<p></p><p>Kept <b>bold</b> text</p>", ["Kept bold text"]),
        ("Lead outside <p>Inside</p>", ["Inside", "Lead outside"]),
    ],
)
def test_article_paragraphs(markup, paragraphs):
    assert hrd.article_paragraphs(markup) == paragraphs


# --- the test split is refused ------------------------------------------------------------


@pytest.mark.parametrize("name", ["test", "TEST", " test "])
def test_test_split_is_refused(name, dataset_repo, monkeypatch):
    def no_git(*args):
        raise AssertionError("git must not be asked for the test split")

    monkeypatch.setattr(hrd, "_git", no_git)
    with pytest.raises(ValueError, match="external exam"):
        hrd.check_split(name)
    with pytest.raises(ValueError, match="external exam"):
        hrd.read_split(dataset_repo, name)


def test_cli_refuses_test_before_reading(dataset_repo, tmp_path):
    out = tmp_path / "test"
    for command in ("rebuild", "run"):
        result = CliRunner().invoke(
            hrd.app, [command, "--repo", str(dataset_repo), "--split", "test", "--out", str(out)]
        )
        assert result.exit_code == 2
        assert "external exam" in result.output
    assert not out.exists()


def test_a_folder_labelled_as_test_is_not_scored(rebuilt, tmp_path):
    folder = tmp_path / "copy"
    folder.mkdir()
    (folder / "labels.jsonl").write_text((rebuilt / "labels.jsonl").read_text())
    (folder / "manifest.json").write_text(json.dumps({"split": "test"}))
    with pytest.raises(ValueError, match="external exam"):
        hrd.load_labels(folder)
    events = tmp_path / "events.jsonl"
    events.write_text("")
    result = CliRunner().invoke(hrd.app, ["score", "--pred", str(events), "--gold", str(folder)])
    assert result.exit_code == 2 and "external exam" in result.output


def test_train_split_rebuilds(dataset_repo, tmp_path):
    manifest = hrd.rebuild_split(dataset_repo, "train", tmp_path / "train")
    assert manifest["articles"] == 1 and manifest["split"] == "train"


# --- the paper's metrics ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("names", "kept", "counted"),
    [
        (["Ana Lima", "Jon", "Jon Reed", "Ana Lima"], ["Ana Lima", "Jon Reed"], 3),
        (["Ali Musa", "Ali"], ["Ali Musa"], 1),  # a part of a name already given is not added
        (["", "  ", "Omar Said"], ["Omar Said"], 1),
        ([], [], 0),
    ],
)
def test_predicted_victims_cleaned_as_the_paper_does(names, kept, counted):
    assert hrd.predicted_victims(names) == (kept, counted)


@pytest.mark.parametrize(
    ("dates", "earliest"),
    [
        (["2021-03-03", "2021", "2021-03-10"], (2021, 3, 3)),
        (["2020-12", "2020-12-05"], (2020, 12, 5)),
        (["2019", "2018-07"], (2018, 7)),
        (["", ""], None),
    ],
)
def test_earliest_date(dates, earliest):
    assert hrd.earliest_date(dates) == earliest


@pytest.mark.parametrize(
    ("action", "violation"),
    [
        ("arrest", "arbitrary detention"),
        ("detention", "arbitrary detention"),
        ("sentence", "arbitrary detention"),
        ("disappearance", "enforced disappearance"),
        ("abduction", "kidnapping"),
        ("killing", "killing"),
        ("ill_treatment", "torture"),
        ("release", None),
        ("acquittal", None),
        ("charge", "other"),
        ("expulsion", "other"),
        ("threat", "other"),
    ],
)
def test_action_to_violation_type(action, violation):
    assert hrd.violation_type(action) == violation
    assert violation is None or violation in hrd.VIOLATION_TYPES


def test_every_action_of_the_vocabulary_has_a_violation_type():
    from hrevents_models.vocabulary import load_actions

    assert set(hrd.ACTION_VIOLATIONS) <= set(load_actions())
    for action in load_actions():
        assert hrd.violation_type(action) in (*hrd.VIOLATION_TYPES, None)


def test_answers_per_article(rebuilt):
    found = hrd.answers(EVENTS, ["111", "222", "333"])
    assert set(found) == {"111", "222", "333"}  # the unlabelled report "other" is left out
    first, second, third = found["111"], found["222"], found["333"]
    assert first.victims == ["Ana Lima", "Jon", "Jon Reed", "Ana Lima"]
    assert first.violation_types == {"arbitrary detention", "other"}
    assert (first.country_code, first.country) == ("KE", "Kenya")
    assert (first.year, first.month, first.day) == ("2021", "March", "3")
    assert second.victims == ["Maria"] and second.violation_types == {"killing", "kidnapping"}
    assert (second.country, second.year, second.month, second.day) == (None, "2020", "December", "5")
    assert third.events == 0 and third.violation_types == set()


def _expected_figures(scores) -> None:
    # victims: "Jon" and "Maria" take the full names their articles give ("Jon Reed", "Maria
    # Gomez", `full_name`), so 2 + 1 + 0 = 3 predicted, 3 gold, 3 exact (the paper's counting
    # of a short name before its long one is `test_predicted_victims_cleaned_as_the_paper_does`)
    assert scores.victim_exact == pytest.approx((100.0, 100.0, 100.0))
    assert scores.victim_fuzzy == pytest.approx((100.0, 100.0, 100.0))
    assert scores.counts["victim names completed"] == 2
    # types: predicted 2 + 2 + 1 ("unknown" for 333) = 5, gold 1 + 2 + 1 = 4, shared 1 + 1 + 1 = 3
    assert scores.violation_type == pytest.approx((60.0, 75.0, 200 / 3))
    assert scores.violation_type_exact_set == pytest.approx(100 / 3)
    # 111 right everywhere; 222 has no gold country, no gold day; 333 has no event at all
    assert scores.country == pytest.approx(100 / 3)
    assert scores.year == pytest.approx(200 / 3)
    assert scores.month == pytest.approx(200 / 3)
    assert scores.day == pytest.approx(100 / 3)
    assert scores.lenient == pytest.approx({"country": 200 / 3, "year": 200 / 3, "month": 100.0, "day": 200 / 3})
    assert scores.country_iso == pytest.approx(100 / 3)
    assert scores.articles == 3 and scores.counts["articles without events"] == 1
    assert scores.per_type == {
        "arbitrary detention": (1, 0, 0),
        "enforced disappearance": (0, 0, 0),
        "kidnapping": (0, 1, 0),
        "killing": (1, 0, 0),
        "unknown": (1, 0, 0),
        "other": (0, 1, 0),
        "torture": (0, 0, 1),
    }


def test_score_by_hand(rebuilt, events_file):
    scores, details = hrd.score_files(events_file, rebuilt)
    _expected_figures(scores)
    assert list(details["pred_victims"]) == ["Ana Lima; Jon Reed", "Maria Gomez", ""]
    assert list(details["pred_types"])[2] == "unknown"


def test_score_cli_reads_csv_and_writes_json(rebuilt, tmp_path):
    import pandas as pd

    csv = tmp_path / "events.csv"
    pd.DataFrame(EVENTS).to_csv(csv, index=False)
    out = tmp_path / "scores.json"
    result = CliRunner().invoke(hrd.app, ["score", "--pred", str(csv), "--gold", str(rebuilt), "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "victim name, exact match F1" in result.output and "100.0" in result.output
    saved = json.loads(out.read_text())
    assert saved["violation_type"] == pytest.approx([60.0, 75.0, 200 / 3])
    assert saved["day"] == pytest.approx(100 / 3)


def test_no_predictions_at_all(rebuilt, tmp_path):
    empty = tmp_path / "events.jsonl"
    empty.write_text("")
    scores, _ = hrd.score_files(empty, rebuilt)
    # every article answers "unknown": shared only with 333's gold
    assert scores.violation_type == pytest.approx((100 / 3, 25.0, 2 * (1 / 3) * 0.25 / (1 / 3 + 0.25) * 100))
    assert scores.victim_exact == (0.0, 0.0, 0.0)
    assert (scores.country, scores.year, scores.month, scores.day) == (0.0, 0.0, 0.0, 0.0)


def test_an_article_whose_events_carry_no_date_takes_its_publication_month():
    undated = [{"report_id": "9", "action": "arrest", "victim": "Ana Lima", "date": "", "start_char": "0"}]
    found = hrd.answers(undated, ["9", "10"], {"9": "2021-03-11", "10": "2021-03-11"})
    assert (found["9"].year, found["9"].month, found["9"].day) == ("2021", "March", None)
    assert found["9"].dated_by_publication
    assert found["10"].year is None  # no event: no attack found, no date either
    dated = [{**undated[0], "date": "2019-05"}]
    assert hrd.answers(dated, ["9"], {"9": "2021-03-11"})["9"].month == "May"
