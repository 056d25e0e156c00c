"""The first pass: no sentence that can hold an act is left out, the context is kept, the
events are those of the full pipeline; failures stay in their passage; degenerate text is cheap."""

from __future__ import annotations

import csv
import time

import pytest

from hrevents.prefilter import split_units, words_of
from hrevents.reader import read_report, report_from_text
from hrevents.repair import repair
from hrevents.rules.schema import load_triggers

pytestmark = pytest.mark.model

FRONT = '---\ncovers: "2020"\n---\n'


@pytest.fixture(scope="module")
def prefilter(nlp):
    from hrevents.prefilter import Prefilter

    return Prefilter(nlp)


@pytest.fixture(scope="module")
def slow(nlp):
    from hrevents.extract import Extractor

    return Extractor(nlp=nlp, prefilter=False)


def kept_text(prefilter, text: str) -> str:
    return prefilter.select(repair(text), covers_year=True).text().text


@pytest.mark.parametrize(
    ("rule_id", "example"), [(rule.id, example) for rule in load_triggers() for example in rule.examples]
)
def test_every_rule_example_meets_its_rules_condition(prefilter, rule_id, example):
    assert rule_id in prefilter.words.rules_possible(words_of(example))


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Police arrested Tomas Reyes on 3 May. The ministry published its budget.", ["Tomas Reyes"]),
        ("The harvest was good. Rain fell in the north.", []),
        ("Officers took Samuel Eto into custody. Prices rose.", ["Samuel Eto"]),
        # inflected and irregular forms reach the rule's lemma through the model's lemmatizer tables
        ("Grace Mwangi fled abroad. Fees went up.", ["fled"]),
        ("Soldiers beat Ahmed Salim. Fees went up.", ["beat"]),
        # no one named: a group event (SPEC 7) can still come of it
        ("Police arrested dozens at the market, and police beat many. Fees went up.", ["arrested dozens"]),
        # a rule's anchor lemmas are part of its condition: "to ... life" without "condemn"
        ("The old mill came to life again. Fees went up.", []),
        ("A tribunal condemned Karim Zaid to death. Fees went up.", ["Karim Zaid"]),
    ],
)
def test_trigger_sentences_are_kept_and_others_dropped(prefilter, text, kept):
    result = kept_text(prefilter, text)
    for words in kept:
        assert words in result
    assert "Fees" not in result and "budget" not in result and "Prices" not in result
    if not kept:
        assert result.strip() == ""


@pytest.mark.parametrize(
    ("text", "context"),
    [
        # the antecedent of a pronoun, within the lookback
        ("Anna Petrova spoke at the rally.\n\nOn 3 May police detained her.", "Anna Petrova spoke"),
        # the full form of a bare name, wherever the report gives it
        (
            "Viktar Babaryka ran the bank for years.\n\nThe weather was mild.\n\nBabaryka was arrested in June.",
            "Viktar Babaryka ran",
        ),
        # the paragraph's reference date
        ("On 12 March the court met in the capital. That day it sentenced Omar Haddad.", "On 12 March"),
    ],
)
def test_context_the_components_need_is_kept(prefilter, text, context):
    assert context in kept_text(prefilter, text)
    assert "weather" not in kept_text(prefilter, text)


@pytest.mark.parametrize(
    ("text", "context"),
    [
        # a group reference under a definite determiner points back at the names
        ("Ali Musa and Ben Okoro spoke in Lakeside. Police detained the two.", "Ali Musa"),
        ("Ali Musa and Ben Okoro spoke in Lakeside. Police detained both.", "Ali Musa"),
        ("Ali Musa and Ben Okoro spoke in Lakeside. Police detained these activists.", "Ali Musa"),
        # an authority of the previous sentence may be "it"
        ("The tribunal met in Lakeside. It sentenced Omar Haddad to two years.", "The tribunal met"),
        # the sentence before in the paragraph, where an agent may stand ("They had threatened her")
        ("Guards of the prison met in Lakeside. They threatened Omar Haddad in May.", "Guards of the prison"),
        # a sentence of another paragraph that names no one is not context
        ("The weather was mild in the hills.\n\nA court sentenced Omar Haddad to two years.", None),
    ],
)
def test_references_and_their_context(prefilter, text, context):
    kept = kept_text(prefilter, text)
    if context is None:
        assert "weather" not in kept
    else:
        assert context in kept


@pytest.mark.parametrize(
    "text",
    [
        "The tribunal met in Lakeside. Prices rose. It sentenced Omar Haddad to two years.",
        "Farmers gathered in Lakeside. A court sentenced Omar Haddad to two years.",
        "Ali Musa and Ben Okoro spoke in Lakeside. Prices rose. Police detained the two.",
    ],
)
def test_same_events_as_the_full_pipeline_with_references(extractor, slow, text):
    report = report_from_text(FRONT + text, "test")
    assert extractor.extract(report) == slow.extract(report)


@pytest.mark.parametrize(
    "text",
    [
        "Anna Petrova spoke at the rally. Prices rose.\n\nOn 3 May police detained her.",
        "Viktar Babaryka ran the bank.\n\nThe weather was mild.\n\nBabaryka was arrested in June.",
        "On 12 March the court met. Prices rose. The same day it sentenced Omar Haddad to two years.",
        "In May the army detained Ali Musa and Ben Okoro. Prices rose. Both were beaten.",
    ],
)
def test_same_events_as_the_full_pipeline(extractor, slow, text):
    report = report_from_text(FRONT + text, "test")
    assert extractor.extract(report) == slow.extract(report)


# Reports where the first pass is known to change the events, each with the reason; the closing
# note of the round that found it lists the difference. Fixing one turns its test into an XPASS.
KNOWN_DIFFERENCES = {
    "2016-china-killings-disappearance-political-prisoners": (
        "without the first pass, 'the other detained booksellers' resolves to Kong Youping, a man "
        "named in a later paragraph (two false events); with it, to no one"
    ),
}


def shipped(corpus_dir, known: bool) -> list:
    paths = sorted((corpus_dir / "reports").glob("*.txt"))
    return [read_report(path) for path in paths if (path.stem in KNOWN_DIFFERENCES) == known]


def test_same_events_on_the_shipped_corpus(extractor, slow, corpus_dir):
    reports = shipped(corpus_dir, known=False)
    fast = [events for _, events in extractor.pipe(reports)]
    assert fast == [events for _, events in slow.pipe(reports)]


@pytest.mark.xfail(strict=True, reason="; ".join(KNOWN_DIFFERENCES.values()))
def test_same_events_on_the_reports_with_a_known_difference(extractor, slow, corpus_dir):
    reports = shipped(corpus_dir, known=True)
    assert reports
    assert [events for _, events in extractor.pipe(reports)] == [events for _, events in slow.pipe(reports)]


def test_units_cover_the_text_and_skip_abbreviations():
    text = "Mr. Smith was held. Dr. A. Jones left.\n\nNew paragraph here."
    units = split_units(text, frozenset({"mr", "dr"}))
    assert "".join(text[u.start : u.end] for u in units) == text
    assert [text[u.start : u.end].strip() for u in units] == [
        "Mr. Smith was held.",
        "Dr. A. Jones left.",
        "New paragraph here.",
    ]


def test_offsets_of_kept_text_map_back(extractor, slow):
    text = FRONT + "Prices rose sharply.\n\nThe harvest was poor. Police arrested Tomas Reyes on 3 May 2020.\n"
    report = report_from_text(text, "test")
    (event,) = extractor.extract(report)
    assert report.text[event.start_char : event.end_char].strip() == "Police arrested Tomas Reyes on 3 May 2020."
    assert slow.extract(report) == [event]


@pytest.mark.parametrize("word", ["harvest", "arrested"])
def test_text_without_sentences_is_cheap_and_warned(extractor, word):
    report = report_from_text(FRONT + f"{word} " * 400_000 + "\n\nPolice arrested Tomas Reyes on 3 May.\n", "flood")
    started = time.perf_counter()
    (result,) = extractor.pipe_results([(report, None)])
    assert time.perf_counter() - started < 60
    assert [event.victim for event in result.events] == ["Tomas Reyes"]
    assert len(result.warnings) == 1 and "flood: characters" in result.warnings[0]
    assert "no sentence end" in result.warnings[0]


BOOM = "Zed Kaboom was arrested too."
TEXT = (
    FRONT
    + "Police arrested Maria Lopez on 3 May.\n\n"
    + f"Officers detained Peter Banda in June. {BOOM}\n\n"
    + "Soldiers seized Ahmed Salim outside the mosque.\n"
)


@pytest.fixture
def exploding_people(monkeypatch):
    """People resolution fails on any text that holds the word Kaboom."""
    from hrevents.components.people import PeopleResolver

    resolve = PeopleResolver.__call__

    def explode(self, doc):
        if "Kaboom" in doc.text:
            raise KeyError("")
        return resolve(self, doc)

    monkeypatch.setattr(PeopleResolver, "__call__", explode)


def test_a_component_failure_costs_only_its_passage(extractor, exploding_people):
    report = report_from_text(TEXT, "boom-report")
    (result,) = extractor.pipe_results([(report, None)])
    assert [event.victim for event in result.events] == ["Maria Lopez", "Ahmed Salim"]
    (warning,) = result.warnings
    start = TEXT.index("Officers")
    end = TEXT.index(BOOM) + len(BOOM)
    assert warning.startswith(f"boom-report: characters {start}-{end}: hrevents_people failed: KeyError")


def test_the_batch_writes_the_warning_and_the_other_events(extractor, exploding_people, tmp_path):
    from hrevents.batch import BatchOptions, run_batch

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "boom-report.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out" / "events.csv"
    summary = run_batch(BatchOptions(inputs=[tmp_path / "in"], out=out, quiet=True), extractor=extractor)
    assert summary.failed == 0
    with out.open(encoding="utf-8") as handle:
        assert [row["victim"] for row in csv.DictReader(handle)] == ["Maria Lopez", "Ahmed Salim"]
    with (out.parent / "errors.csv").open(encoding="utf-8") as handle:
        (row,) = list(csv.DictReader(handle))
    assert row["report_id"] == "boom-report"
    assert row["severity"] == "warning"
    assert "boom-report: characters" in row["error"] and "hrevents_people failed" in row["error"]
