"""The trained candidates component (issue 15, "Where rules stall"): (act word, person) pairs no
rule read, decided by a small classifier shipped inside the package. Invented sentences only."""

from __future__ import annotations

import importlib.util
import socket
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from hrevents.components.candidates import (
    LABEL,
    RULE_PREFIX,
    CandidateFinder,
    act_lemmas,
    model_path,
    model_score,
)
from hrevents.reader import report_from_text

ROOT = Path(__file__).resolve().parent.parent


class Always:
    """A stand-in classifier giving every candidate one score (or failing), to test the mechanism."""

    def __init__(self, score: float = 1.0, fail: bool = False) -> None:
        self.score, self.fail = score, fail

    def pipe(self, texts: Iterator[str]) -> Iterator[SimpleNamespace]:
        for _ in texts:
            if self.fail:
                raise RuntimeError("classifier broke")
            yield SimpleNamespace(cats={LABEL: self.score})


@pytest.fixture
def component(extractor):
    """The session pipeline's component, switched on for one test and put back afterwards."""
    finder = extractor.nlp.get_pipe("hrevents_candidates")
    saved = (finder.enabled, finder.threshold, finder.classifier)
    finder.enabled, finder.threshold = True, 0.5
    yield finder
    finder.enabled, finder.threshold, finder.classifier = saved


def run(extractor, text: str):
    report = report_from_text(f'---\ncovers: "2020"\n---\n{text}\n', "candidates-test")
    result = next(iter(extractor.pipe_results([(report, None)])))
    return result.events, result.warnings


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("arrest.verb", None),
        ("model.candidates@0.83", 0.83),
        ("model.candidates@0.61+date.paragraph", 0.61),
        ("model.candidates@0.61+model.candidates@0.75", 0.75),
        ("arrest.noun+model.candidates@0.91", None),
    ],
)
def test_model_score_reads_the_rule_string(rule, expected):
    assert model_score(rule) == expected


def test_act_words_come_from_rule_data():
    table = act_lemmas()
    assert "arrest" in table["arrest"]
    assert "killing" in table["kill"]


@pytest.mark.model
def test_shipped_weights_load_from_the_package_without_network(monkeypatch):
    import spacy

    def no_network(*args, **kwargs):
        raise AssertionError("the component must not open a connection")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    assert (model_path() / "config.cfg").exists()
    classifier = spacy.load(model_path())
    assert classifier.pipe_names == ["textcat"]
    assert LABEL in classifier.get_pipe("textcat").labels
    assert 0.0 <= classifier("police actx victimx || action_arrest").cats[LABEL] <= 1.0


@pytest.mark.model
def test_pipeline_has_the_component_after_the_rules(nlp):
    assert nlp.pipe_names[-1] == "hrevents_candidates"
    assert isinstance(nlp.get_pipe("hrevents_candidates"), CandidateFinder)


# Shapes the rules leave unread but the words name an act and a person.
ACCEPTED = [
    ("Reports said that the detention of the poet, Arun Velis, had lasted weeks.", "Arun Velis"),
    ("The court sentence handed to the teacher Mira Dostal shocked her pupils.", "Mira Dostal"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "name"), ACCEPTED)
def test_an_accepted_candidate_becomes_a_model_event(extractor, component, text, name):
    component.use(Always(0.9))
    events, warnings = run(extractor, text)
    mine = [e for e in events if e.victim == name and model_score(e.rule) is not None]
    assert mine, [(e.action, e.victim, e.rule) for e in events]
    assert all(e.rule.startswith(RULE_PREFIX + "@0.90") for e in mine)
    assert not warnings


@pytest.mark.model
def test_below_the_threshold_nothing_is_added(extractor, component):
    component.use(Always(0.2))
    events, _ = run(extractor, ACCEPTED[0][0])
    assert not [e for e in events if model_score(e.rule) is not None]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "rule_victim"),
    [
        ("Police arrested Lina Sorel in Tamberg on 4 May.", "Lina Sorel"),
        ("Soldiers detained Omar Tahir and Kofi Adjei in March.", "Kofi Adjei"),
    ],
)
def test_rule_events_are_kept_and_not_repeated(extractor, component, text, rule_victim):
    component.use(Always(1.0))
    events, _ = run(extractor, text)
    arrests = [e for e in events if e.action == "arrest" and e.victim == rule_victim]
    assert len(arrests) == 1 and model_score(arrests[0].rule) is None


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "thing"),
    [
        ("Authorities raided Radio Sonder and detained its staff in June.", "Radio Sonder"),
        ("The arrest took place in Velmora during the Harvest Festival.", "Velmora"),
    ],
)
def test_never_a_victim_that_is_not_a_person(extractor, component, text, thing):
    component.use(Always(1.0))
    events, _ = run(extractor, text)
    assert all(thing not in e.victim for e in events if model_score(e.rule) is not None)


@pytest.mark.model
def test_a_failure_is_a_warning_and_the_rule_events_stay(extractor, component):
    component.use(Always(fail=True))
    events, warnings = run(extractor, f"Police arrested Lina Sorel on 4 May. {ACCEPTED[0][0]}")
    assert any(e.victim == "Lina Sorel" and e.action == "arrest" for e in events)
    assert any("candidates-test" in w and "hrevents_candidates failed" in w and "RuntimeError" in w for w in warnings)


def _script():
    spec = importlib.util.spec_from_file_location("train_candidates", ROOT / "scripts" / "train_candidates.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("evidence", "sentence", "expected"),
    [
        ("was arrested in May", "Police said Ana Brel was arrested in May in Tamberg.", True),
        ("Ana Brel was arrested in May in Tamberg and held for a week.", "Ana Brel was arrested in May.", True),
        ("was arrested in May", "The weather in Tamberg was cold.", False),
    ],
)
def test_evidence_overlap(evidence, sentence, expected):
    assert _script().overlaps(evidence, sentence) is expected


def test_training_on_a_tiny_invented_set():
    script = _script()
    positive = "police actx victimx in may . || action_arrest voice_active path_self_to_dobj"
    negative = "victimx said police actx someone . || action_arrest voice_active path_ccomp_to_nsubj"
    pairs = [{"text": positive, "label": 1}, {"text": negative, "label": 0}, {"text": negative, "label": None}] * 6
    nlp = script.train(pairs, epochs=8)
    assert nlp(positive).cats[LABEL] > nlp(negative).cats[LABEL]


def test_the_factory_builds_on_a_blank_pipeline_and_fails_softly():
    """Off by default it leaves a doc alone; on, without a parser (no sentences), the failure
    is written on the doc as a warning instead of stopping the pipeline."""
    import spacy

    nlp = spacy.blank("en")
    finder = nlp.add_pipe("hrevents_candidates")
    assert nlp.pipe_names == ["hrevents_candidates"] and not finder.enabled
    assert not nlp("Police arrested Ana Ruiz.")._.hr_warnings
    finder.enabled = True
    doc = nlp("Police arrested Ana Ruiz.")
    assert doc._.hr_warnings and "hrevents_candidates failed" in doc._.hr_warnings[0]


@pytest.mark.parametrize(("flag", "expected"), [(True, True), (False, None)])
def test_the_candidates_option_reaches_the_workers_through_the_switch(
    flag: bool, expected: bool | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`extract --candidates` sets the switch every worker reads; without it the shipped default holds."""
    from hrevents.cli import _candidates_option
    from hrevents.components.candidates import ENV_SWITCH, candidates_switch

    monkeypatch.setenv(ENV_SWITCH, "")  # registered, so the test's own setting is undone after it
    _candidates_option(flag)
    assert candidates_switch() is expected
